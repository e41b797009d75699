"""Reopening an article: its grammar findings stay on screen while LanguageTool
starts; a house-only check does not wipe them (it used to, for ~19 s)."""

from __future__ import annotations

from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint

TEXT = "The desk check the facts twice.\n"


def _lt_finding() -> Finding:
    start = TEXT.index("check")
    f = Finding(
        "lt:EN:AGREEMENT", "languagetool", "Grammar", Severity.ERROR, "Agreement?", start, start + 5
    )
    return with_fingerprint(f, TEXT)


def _reviewed_article(qtbot, make_window, tmp_path):
    article = write_article(tmp_path, "k.txt", TEXT)
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(article)
    window.session.sync_findings([_lt_finding()], ("house", "languagetool"))
    window.add_comment(0, 3, "Fine")
    assert window.save_review()
    window.close()
    return article


def _reopen(qtbot, make_window, article, engine_state: str):
    window = make_window(start_engine=False)
    window.engine.state = engine_state  # as EngineController.start() sets it
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(article)
    return window


def test_grammar_findings_stay_while_languagetool_starts(qtbot, make_window, tmp_path):
    article = _reviewed_article(qtbot, make_window, tmp_path)
    window = _reopen(qtbot, make_window, article, "starting")
    assert [i.rule_id for i in window.items() if i.rule_id.startswith("lt:")] == ["lt:EN:AGREEMENT"]
    assert window.session.review.checked_with == ["house", "languagetool"]


def test_without_languagetool_the_house_check_replaces_them(qtbot, make_window, tmp_path):
    article = _reviewed_article(qtbot, make_window, tmp_path)
    window = _reopen(qtbot, make_window, article, "unavailable")
    assert not [i for i in window.items() if i.rule_id.startswith("lt:")]
