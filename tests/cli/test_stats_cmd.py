"""`editdesk stats` over recorded decisions, and desk history in every report of
`editdesk check` (text, JSON, SARIF) and in the exported DOCX's comments."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from editdesk.cli import main
from editdesk.core.desk import DeskSettings
from editdesk.core.desk.history import DEMOTED_NOTE
from editdesk.service.desk_history import DecisionRecord, DeskStore

RULE = "house:although-but"
TEXT = "Although the town is small but it has three schools.\n\nMr Zorblat spoke to the council.\n"


@pytest.fixture(autouse=True)
def isolated_here(isolated: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def record(rule: str, decisions: dict[str, int], checker: str = "house", word=None) -> None:
    records = []
    for decision, n in decisions.items():
        records += [DecisionRecord(f"{decision}{i}", f"{rule}-k", rule, checker, decision, word)
                    for i in range(n)]
    DeskStore.for_settings(DeskSettings()).record(*records)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_per_rule_with_rates_demotions_and_words(capsys) -> None:
    record(RULE, {"accepted": 3, "rejected": 15, "ignored": 2})
    record("lt:EN_QUOTES", {"accepted": 6, "rejected": 14}, "languagetool")  # 70%: kept
    record("lt:MORFOLOGIK_RULE_EN_GB", {"ignored": 2}, "languagetool", word="Zorblat")
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "editdesk.stats/1"
    rules = {r["rule"]: r for r in doc["rules"]}
    assert rules[RULE] == {"rule": RULE, "checker": "house", "accepted": 3, "rejected": 15,
                           "ignored": 2, "decisions": 20, "rejection_rate": 0.85,
                           "demoted": True}
    assert rules["lt:EN_QUOTES"]["rejection_rate"] == 0.7
    assert not rules["lt:EN_QUOTES"]["demoted"]
    assert doc["words"] == [{"word": "Zorblat", "articles": 2, "accepted_for_desk": True}]

    code, out, _ = run(capsys, "stats")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith(RULE))
    assert line.split()[1:6] == ["house", "3", "15", "2", "85%"]
    assert "demoted by desk history" in line
    assert "demoted" not in next(x for x in out.splitlines() if x.startswith("lt:EN_QUOTES"))
    assert "Zorblat (2)  accepted for the desk" in out

    code, out, err = run(capsys, "stats", "--reset", RULE, "--format", "json")
    assert code == 0 and f"{RULE}: forgot 20 decisions" in err
    assert RULE not in {r["rule"] for r in json.loads(out)["rules"]}


def test_stats_thresholds_from_editdesk_toml(tmp_path: Path, capsys) -> None:
    (tmp_path / "editdesk.toml").write_text("[desk]\ndemote_after = 5\ndemote_rate = 0.6\n",
                                            encoding="utf-8")
    record("lt:EN_QUOTES", {"accepted": 2, "rejected": 3}, "languagetool")
    doc = json.loads(run(capsys, "stats", "--format", "json")[1])
    assert doc["settings"]["demote_after"] == 5
    assert doc["rules"][0]["demoted"] is True
    (tmp_path / "editdesk.toml").write_text("[desk]\ndemote_after = 6\n", encoding="utf-8")
    assert json.loads(run(capsys, "stats", "--format", "json")[1])["rules"][0]["demoted"] is False


def test_stats_says_so_for_a_bad_config(tmp_path: Path, capsys) -> None:
    (tmp_path / "editdesk.toml").write_text("[desk]\ndemote_rate = 2\n", encoding="utf-8")
    code, _, err = run(capsys, "stats")
    assert code == 2 and err.count("\n") == 1 and "demote_rate" in err


@pytest.mark.integration
def test_a_demoted_rule_in_every_report_and_back_after_reset(tmp_path: Path, capsys, lt_url):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")

    def check(fmt: str) -> str:
        code, out, _ = run(capsys, "check", str(article), "--server", lt_url, "--format", fmt,
                           "--fail-on", "never")
        assert code == 0
        return out

    def repeated(doc) -> list[dict]:
        return [f for f in doc["files"][0]["findings"] if f["id"] == RULE]

    before = repeated(json.loads(check("json")))  # and now cached as an error
    assert before and all(f["severity"] == "error" and "demoted_from" not in f for f in before)

    record(RULE, {"rejected": 17, "accepted": 3})
    after = repeated(json.loads(check("json")))
    assert [f["severity"] for f in after] == ["warning"] * len(before)
    assert all(f["demoted_from"] == "error" for f in after)
    assert all(DEMOTED_NOTE in f["message"] and "17 of 20" in f["message"] for f in after)
    assert [f["fingerprint"] for f in after] == [f["fingerprint"] for f in before]

    text_line = next(x for x in check("text").splitlines() if RULE in x)
    assert f": warning {RULE} " in text_line and DEMOTED_NOTE in text_line

    sarif = json.loads(check("sarif"))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == RULE]
    assert result["level"] == "warning" and result["properties"]["demotedFrom"] == "error"
    assert DEMOTED_NOTE in result["message"]["text"]

    code, _, _ = run(capsys, "stats", "--reset", RULE)
    assert code == 0
    again = repeated(json.loads(check("json")))
    assert [f["severity"] for f in again] == ["error"] * len(before)


@pytest.mark.integration
def test_a_name_accepted_in_two_articles_is_the_desks(tmp_path: Path, capsys, lt_url):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")

    def on_name() -> list[dict]:
        code, out, _ = run(capsys, "check", str(article), "--server", lt_url, "--format",
                           "json", "--fail-on", "never")
        return [f for f in json.loads(out)["files"][0]["findings"] if f["text"] == "Zorblat"]

    assert on_name()  # LanguageTool does not know the name
    record("lt:MORFOLOGIK_RULE_EN_GB", {"ignored": 1}, "languagetool", word="Zorblat")
    assert on_name()  # one article is not yet the desk's habit
    record("lt:MORFOLOGIK_RULE_EN_GB", {"rejected": 1}, "languagetool", word="Zorblat")
    assert on_name() == []


@pytest.mark.integration
def test_the_exported_docx_comment_says_the_rule_was_demoted(tmp_path: Path, capsys, lt_url):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    record(RULE, {"rejected": 20})
    out = tmp_path / "story.docx"
    code, _, err = run(capsys, "export", str(article), "-o", str(out), "--server", lt_url,
                       "--findings", "open", "--author", "Ed")
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert DEMOTED_NOTE in comments
    assert f"Rule: {RULE} (warning)" in comments
