"""Structure findings in the desktop app, against real LanguageTool and CoreNLP servers:
CoreNLP starts beside LanguageTool, its findings arrive as cards when it is ready (the
window never waits for it), and where it cannot run the status bar says why."""

from __future__ import annotations

import pytest
from tests.gui.conftest import write_article

pytestmark = pytest.mark.integration

# "teh": LanguageTool's; "cannot ignore": structure:missing-object (its own examples say so)
TEXT = (
    "Teh river rose by a metre overnight.\n"
    "\n"
    "Pollution is a problem that cannot ignore, the mayor said.\n"
)


def _lt_items(window):
    return [i for i in window.items() if i.rule_id.startswith("lt:")]


def _structure_items(window):
    return [i for i in window.items() if i.rule_id.startswith("structure:")]


def test_a_structure_finding_shows_up_as_a_card(qtbot, make_window, lt_url, nlp_url, tmp_path):
    # nlp_url as `gui --nlp-server URL` passes it (the window's own argument, not the env)
    window = make_window(lt_url, nlp_server_url=nlp_url)
    assert window.open_path(write_article(tmp_path, "river.txt", TEXT))
    qtbot.waitUntil(lambda: bool(_structure_items(window) and _lt_items(window)), timeout=180_000)
    (item,) = [i for i in _structure_items(window) if i.rule_id == "structure:missing-object"]
    assert item.flagged == "cannot ignore"
    assert "cannot be ignored" in item.replacements
    # a card in the pane, and its detail shows the finding with its replacement
    row = window.pane.model.row_of(item.key)
    assert row >= 0
    window.pane.view.setCurrentIndex(window.pane.model.index(row))
    assert item.message in window.pane.detail.message.text()
    assert [b.text() for b in window.pane.detail.replacement_buttons()] == ["cannot be ignored"]
    # underlined on its words in the text
    start, end = window.view.span_of(item.key)
    assert window.view.text()[start:end] == "cannot ignore"
    assert window.session.review.checked_with == ["house", "languagetool", "structure"]
    assert window.structure_label.property("engineState") == "ready"
    assert "structure checks ready" in window.structure_label.text()


def test_app_starts_corenlp_beside_languagetool_and_never_waits_for_it(
    qtbot, make_window, lt_url, corenlp_server, tmp_path, monkeypatch
):
    # corenlp_server: the engine is installed; the window starts its own, private one
    monkeypatch.delenv("EDITDESK_STRUCTURE", raising=False)
    window = make_window(lt_url)
    assert window.open_path(write_article(tmp_path, "river.txt", TEXT))
    qtbot.waitUntil(lambda: bool(_lt_items(window)), timeout=120_000)
    # LanguageTool's findings are shown while CoreNLP is still loading its models
    assert window.engine.structure_state == "starting", window.engine.structure_detail
    assert not _structure_items(window)
    assert window.structure_label.property("engineState") == "starting"
    qtbot.waitUntil(lambda: bool(_structure_items(window)), timeout=300_000)
    assert _lt_items(window)  # the second check keeps the grammar findings
    server = window.engine._session.nlp_server
    assert server is not None and server.alive()
    assert window.engine.address().corenlp.startswith("http://editdesk:")
    window.close()
    assert not server.alive()


def test_where_corenlp_cannot_run_the_status_bar_says_why(
    qtbot, make_window, lt_url, corenlp_server, tmp_path, monkeypatch
):
    monkeypatch.delenv("EDITDESK_STRUCTURE", raising=False)
    monkeypatch.setenv("EDITDESK_NLP_HEAP", "9000g")  # more than any machine has
    window = make_window(lt_url)
    assert window.open_path(write_article(tmp_path, "river.txt", TEXT))
    qtbot.waitUntil(lambda: window.engine.structure_state == "unavailable", timeout=60_000)
    qtbot.waitUntil(lambda: bool(_lt_items(window)), timeout=120_000)
    label = window.structure_label.text()
    assert "structure checks skipped: too little memory for CoreNLP" in label
    assert not _structure_items(window)
    assert window.session.review.checked_with == ["house", "languagetool"]
