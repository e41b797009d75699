"""`editdesk signoff` and `editdesk export` with the structure engine: the one line that
says why structure checks were skipped (as `check` prints it), and no wait for CoreNLP
when the cache has the parse of every paragraph (no server asked, no JVM started)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.test_structure_cli import shared_install_cache

from editdesk.cli import main
from editdesk.core.readers import read_article
from editdesk.core.review import load_review as load_sidecar

pytestmark = pytest.mark.integration

TEXT = (
    "Flood Defences Fail\n\n"
    "Pollution is a problem that cannot ignore, the mayor said.\n\n"
    "The river rose by a metre overnight.\n"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(shared_install_cache(tmp_path)))


def load_review(path: Path):
    return load_sidecar(path, read_article(path))


def write(folder: Path, name: str = "story.txt", text: str = TEXT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def signoff(path: Path, *extra: str) -> int:
    return main(["signoff", str(path), "--editor", "Ann", "--decision", "changes-requested",
                 *extra])


def structure_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if "structure" in ln]


def test_skipped_structure_checks_are_one_line_in_signoff_and_export(
    tmp_path, lt_url, capsys, monkeypatch
):
    from editdesk.engine.server import free_port

    monkeypatch.delenv("EDITDESK_STRUCTURE")
    dead = f"http://u:p@127.0.0.1:{free_port()}"
    assert signoff(write(tmp_path, "a.txt"), "--server", lt_url, "--nlp-server", dead) == 0
    lines = structure_lines(capsys.readouterr().err)
    assert len(lines) == 1 and lines[0].startswith("editdesk: structure checks skipped: ")
    assert "not reachable" in lines[0] and "u:p@" not in lines[0]
    assert load_review(tmp_path / "a.txt").checked_with == ["house", "languagetool"]

    out = tmp_path / "b.docx"
    code = main(["export", str(write(tmp_path, "b.txt")), "-o", str(out), "--server", lt_url,
                 "--nlp-server", dead])
    assert code == 0 and out.is_file()
    lines = structure_lines(capsys.readouterr().err)
    assert len(lines) == 1 and lines[0].startswith("editdesk: structure checks skipped: ")

    # Switched off on purpose: nothing to say.
    monkeypatch.setenv("EDITDESK_STRUCTURE", "off")
    assert signoff(write(tmp_path, "c.txt"), "--server", lt_url) == 0
    assert structure_lines(capsys.readouterr().err) == []


def test_with_the_parses_cached_signoff_and_export_do_not_ask_corenlp(
    tmp_path, lt_url, nlp_url, capsys, monkeypatch
):
    import editdesk.core.checks.corenlp as corenlp

    story = write(tmp_path)
    assert main(["check", str(story), "--server", lt_url]) == 0  # the parses go in the cache
    capsys.readouterr()
    sent: list[str] = []
    real = corenlp.CoreNLPClient.annotate
    monkeypatch.setattr(corenlp.CoreNLPClient, "annotate",
                        lambda self, text: sent.append(text) or real(self, text))

    out = tmp_path / "story.docx"
    assert main(["export", str(story), "-o", str(out), "--server", lt_url]) == 0
    assert sent == []  # not even the probe: nothing waited for CoreNLP
    assert signoff(story, "--server", lt_url) == 0
    assert sent == []
    review = load_review(story)
    assert review.checked_with == ["house", "languagetool", "structure"]
    assert any(s.finding.id == "structure:missing-object" for s in review.findings)
    assert structure_lines(capsys.readouterr().err) == []

    # An edited paragraph needs CoreNLP: that paragraph only goes to it.
    edited = story.read_text(encoding="utf-8") + "\nThe council assured residents.\n"
    story.write_text(edited, encoding="utf-8")
    assert signoff(story, "--server", lt_url) == 0
    assert sent == ["Ready?", "The council assured residents."]
    review = load_review(story)
    assert any(s.finding.id == "structure:missing-complement" for s in review.findings)


def test_a_private_corenlp_is_not_started_for_cached_parses(
    tmp_path, lt_url, corenlp_server, capsys, monkeypatch
):
    """The parses of the installed engine (made here by the session's server, the same
    engine) are all there: signoff does not start a JVM for them."""
    from editdesk.core.article import Article
    from editdesk.core.checks.runner import CheckRunner
    from editdesk.core.config import load_config
    from editdesk.engine import CORENLP, CoreNLPServer
    from editdesk.engine.install import installed_engine_id
    from editdesk.engine.session import EngineSession

    monkeypatch.delenv("EDITDESK_STRUCTURE")
    story = write(tmp_path)
    user, password = corenlp_server.credentials
    url = corenlp_server.url.replace("http://", f"http://{user}:{password}@", 1)
    with EngineSession(lt_url, nlp_server_url=url,
                       nlp_engine_id=installed_engine_id(CORENLP)) as filler:
        filler.check(CheckRunner(load_config()), Article.from_plain_text(TEXT))

    def no_jvm(self, *args, **kwargs):
        raise AssertionError("CoreNLP started although every parse was cached")

    monkeypatch.setattr(CoreNLPServer, "start", no_jvm)
    assert signoff(story, "--server", lt_url) == 0
    assert load_review(story).checked_with == ["house", "languagetool", "structure"]
    assert structure_lines(capsys.readouterr().err) == []
