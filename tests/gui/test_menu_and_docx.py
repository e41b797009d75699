"""The context menu on a finding, the tooltip, DOCX export and DOCX import."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.article_view import tooltip_for

TEXT = "Party 🎉 then a wrod that is misspelt, and more words.\n\nSecond paragraph here.\n"


def _with_spelling_finding(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "menu.txt", TEXT))
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    start = TEXT.index("wrod")
    f = Finding(
        "lt:MORFOLOGIK_RULE_EN_GB",
        "languagetool",
        "TYPOS",
        Severity.ERROR,
        "Possible spelling mistake found.",
        start,
        start + 4,
        ("word", "wood"),
    )
    window.session.sync_findings([with_fingerprint(f, TEXT)])
    window.refresh_items()
    item = window.items()[0]
    return window, item


def _menu_for(window, key):
    qs, _ = window.view.span_of(key)
    cursor = window.view.textCursor()
    cursor.setPosition(qs + 1)
    rect = window.view.cursorRect(cursor)
    return window.view.build_context_menu(rect.center())


def test_context_menu_offers_replacements_ignore_rule_and_word(qtbot, make_window, tmp_path):
    window, item = _with_spelling_finding(qtbot, make_window, tmp_path)
    menu = _menu_for(window, item.key)
    texts = [a.text() for a in menu.actions()]
    for expected in (
        "Replace with “word”",
        "Replace with “wood”",
        "Ignore",
        "Ignore this rule in this article",
        "Add “wrod” to accepted words",
    ):
        assert expected in texts, texts
    next(a for a in menu.actions() if a.text() == "Replace with “word”").trigger()
    assert "a word that" in window.view.text()
    assert window.session.review.state(item.key).decision == "accepted"
    window.view.undo()
    assert "a wrod that" in window.view.text()
    qtbot.waitUntil(lambda: window.session.review.text == window.view.text(), timeout=3_000)
    # undoing the accept reopens the finding (also on its card), ready to be accepted again
    assert window.session.review.state(item.key).decision == "open"
    assert [i.state for i in window.items() if i.key == item.key] == ["open"]
    window.accept(item.key, "word")
    assert "a word that" in window.view.text()
    assert window.session.review.state(item.key).decision == "accepted"


def test_ignore_rule_and_accept_word_from_the_menu(qtbot, make_window, tmp_path):
    window, item = _with_spelling_finding(qtbot, make_window, tmp_path)
    next(
        a for a in _menu_for(window, item.key).actions() if a.text().startswith("Add “wrod”")
    ).trigger()
    assert "wrod" in window.session.review.accepted_words
    assert not [i for i in window.items() if i.is_open]
    (tmp_path / "again").mkdir()
    window2, item2 = _with_spelling_finding(qtbot, make_window, tmp_path / "again")
    next(
        a
        for a in _menu_for(window2, item2.key).actions()
        if a.text() == "Ignore this rule in this article"
    ).trigger()
    assert window2.session.review.ignored_rules == ["lt:MORFOLOGIK_RULE_EN_GB"]


def test_tooltip_says_what_is_wrong(qtbot, make_window, tmp_path):
    window, item = _with_spelling_finding(qtbot, make_window, tmp_path)
    tip = tooltip_for(window.view.items_at(window.view.span_of(item.key)[0]))
    assert "Possible spelling mistake found." in tip and "word, wood" in tip


def test_export_docx_then_open_it_as_a_review(qtbot, make_window, tmp_path, monkeypatch):
    article = write_article(tmp_path, "story.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    start = window.view.text().index("Second")
    qs = start + 1  # one emoji before: one more UTF-16 unit
    assert window.add_comment(qs, qs + 6, "Is this needed?")
    out = tmp_path / "story-reviewed.docx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    window.export_docx()
    dialog = window.export_dialog
    dialog.path.clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "browse"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.is_file()
    assert "Second paragraph" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    window.close()

    reader = make_window(start_engine=False)
    assert reader.open_path(Path(out))
    comments = [i for i in reader.items() if i.is_comment]
    assert [c.message for c in comments] == ["Is this needed?"]
    assert comments[0].flagged == "Second"


def test_the_pane_counts_what_the_review_counts_after_accepting_a_word(
    qtbot, make_window, tmp_path
):
    window, item = _with_spelling_finding(qtbot, make_window, tmp_path)
    start = TEXT.index("wrod")
    house = Finding(
        "house:preferred-term",
        "house",
        "Style",
        Severity.WARNING,
        "Prefer another term.",
        start,
        start + 4,
        ("term",),
    )
    window.session.sync_findings(
        [with_fingerprint(house, TEXT), *(s.finding for s in window.session.review.findings)]
    )
    window.accept_word("wrod")
    open_items = [i.rule_id for i in window.items() if i.is_open]
    assert open_items == [s.finding.id for s in window.session.review.open_findings()]
    assert open_items == ["house:preferred-term"]
