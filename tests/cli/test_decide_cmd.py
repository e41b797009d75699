"""`editdesk review`: the command line's decisions go through the review session, into
the review file and (once each) into the desk's history."""

from __future__ import annotations

import json

import pytest

from editdesk.cli import main
from editdesk.core.desk import DeskSettings
from editdesk.core.review.sidecar import sidecar_path
from editdesk.service.desk_history import DeskStore

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

TEXT = "Although the town is small but it has three schools. He saw the the dog.\n"




def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def tallies() -> dict[str, tuple[int, int, int]]:
    return {t.rule: (t.accepted, t.rejected, t.ignored)
            for t in DeskStore.for_settings(DeskSettings()).tallies()}


def test_decisions_from_the_command_line_feed_the_desk_once(tmp_path, capsys, lt_url):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "review", str(article), "--server", lt_url, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    by_rule = {f["id"]: f for f in doc["findings"]}
    although = by_rule["house:although-but"]["key"]
    repeat = next(f for f in doc["findings"] if f["text"].casefold() == "the the")
    assert repeat["replacements"]

    code, _, err = run(capsys, "review", str(article), "--server", lt_url, "--editor", "Ed",
                       "--reject", although, "--accept", repeat["key"])
    assert code == 0, err
    assert tallies() == {"house:although-but": (0, 1, 0), repeat["id"]: (1, 0, 0)}
    assert article.read_text(encoding="utf-8") == TEXT  # the article is never written
    saved = json.loads(sidecar_path(article).read_text(encoding="utf-8"))
    assert "the dog" in saved["text"] and "the the" not in saved["text"]

    # Deciding the same finding again replaces its decision; reopening removes it.
    code, _, err = run(capsys, "review", str(article), "--server", lt_url, "--editor", "Ed",
                       "--reopen", although, "--ignore", although, "--reopen", repeat["key"])
    assert code == 0, err
    assert tallies() == {"house:although-but": (0, 0, 1)}

    code, _, err = run(capsys, "review", str(article), "--server", lt_url, "--editor", "Ed",
                       "--reject", "no-such-key")
    assert code == 2 and "no-such-key" in err and err.count("\n") == 1
    assert tallies() == {"house:although-but": (0, 0, 1)}

    code, _, err = run(capsys, "review", str(article), "--reject", although)
    assert code == 2 and "--editor" in err
