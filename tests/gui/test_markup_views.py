"""Markup views like Word's: the editor's changes marked in the text (All Markup),
a bar beside changed lines (Simple), none (No Markup), the article as read
(Original); who changed what, and when, on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QToolTip
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.article_view import (
    CHANGE_BAR_COLOUR,
    DELETION_COLOUR,
    INSERTION_COLOUR,
    change_tooltip,
)

TEXT = "The desk checks teh facts twice.\n\nThen it sends the story out.\n"


def _edited_window(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    window.settings.reviewer = "Ann Editor"
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "m.txt", TEXT))
    start = TEXT.index("teh")
    f = Finding("house:test", "house", "Spelling", Severity.ERROR, "Spelling?", start, start + 3)
    f = with_fingerprint(f.__class__(**{**f.__dict__, "replacements": ("the",)}), TEXT)
    window.session.sync_findings([f])
    window.refresh_items()
    window.accept(window.items()[0].key, "the")  # a replacement
    view = window.view
    cursor = view.textCursor()  # a deletion: " twice"
    at = view.text().index(" twice")
    cursor.setPosition(at)
    cursor.setPosition(at + len(" twice"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    cursor.removeSelectedText()
    view.moveCursor(QTextCursor.MoveOperation.End)  # an insertion at the end
    qtbot.keyClicks(view, "More.")
    window._sync_from_editor()
    return window


def _insertion_selections(view) -> set[str]:
    text = view.toPlainText()
    return {
        text[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in view.extraSelections()
        if s.format.foreground().color() == INSERTION_COLOUR
    }


def _count(image, colour: QColor, x0: int = 0, x1: int | None = None) -> int:
    x1 = image.width() if x1 is None else x1
    n = 0
    for y in range(image.height()):
        for x in range(x0, x1):
            if image.pixelColor(x, y) == colour:
                n += 1
    return n


def test_all_markup_marks_each_change_with_its_author(qtbot, make_window, tmp_path):
    window = _edited_window(qtbot, make_window, tmp_path)
    view = window.view
    kinds = sorted(ch.kind for _s, _e, ch in view.change_spans())
    assert kinds == ["deletion", "insertion", "replacement"]
    assert _insertion_selections(view) == {"the", "More."}
    tips = [change_tooltip(ch) for _s, _e, ch in view.change_spans()]
    assert any("Replaced “teh” with “the”" in t and "Ann Editor" in t for t in tips)
    assert any("Deleted “twice”" in t for t in tips)
    image = view.viewport().grab().toImage()
    assert _count(image, CHANGE_BAR_COLOUR, 0, 6) > 10, "no change bar in the margin"
    assert _count(image, DELETION_COLOUR) > 5, "the deletion is not marked"


def test_simple_and_no_markup_and_original(qtbot, make_window, tmp_path):
    window = _edited_window(qtbot, make_window, tmp_path)
    view = window.view
    edited = view.text()

    window.markup_actions["simple"].trigger()
    assert _insertion_selections(view) == set()
    image = view.viewport().grab().toImage()
    assert _count(image, CHANGE_BAR_COLOUR, 0, 6) > 10
    assert _count(image, DELETION_COLOUR) == 0

    window.markup_actions["none"].trigger()
    image = view.viewport().grab().toImage()
    assert _count(image, CHANGE_BAR_COLOUR, 0, 6) == 0
    assert _insertion_selections(view) == set()

    window.markup_actions["original"].trigger()
    assert window.original_view.isVisible() and not view.isVisible()
    assert window.original_view.toPlainText() == TEXT
    assert window.original_view.isReadOnly()

    window.markup_actions["all"].trigger()
    assert view.isVisible() and not window.original_view.isVisible()
    assert view.text() == edited == window.session.review.text
    assert _insertion_selections(view) == {"the", "More."}


def _x(view, position: int) -> int:
    c = QTextCursor(view.document())
    c.setPosition(position)
    return view.cursorRect(c).x()


def test_all_markup_shows_deleted_words_struck_through_where_they_were(
    qtbot, make_window, tmp_path
):
    window = _edited_window(qtbot, make_window, tmp_path)
    view = window.view
    at = view.text().index(".\n\nThen")  # where " twice" was
    font = view.font()
    font.setStrikeOut(True)
    words = QFontMetricsF(font).horizontalAdvance(" twice")
    room = _x(view, at) - _x(view, at - 1)
    assert room > words, "no room made for the deleted words"
    # the struck words are painted in that room, in the deletion colour
    c = QTextCursor(view.document())
    c.setPosition(at)
    rect = view.cursorRect(c)
    image = view.viewport().grab().toImage()
    inside = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left() - int(words), rect.left()):
            if image.pixelColor(x, y) == DELETION_COLOUR:
                inside += 1
    assert inside > 20, "the deleted words are not drawn where they were"
    # the replaced word too: "teh" struck before the inserted "the"
    the = view.text().index("the facts")
    assert _x(view, the) - _x(view, the - 1) > QFontMetricsF(font).horizontalAdvance("teh")

    # hovering the struck words says who deleted them and when
    shown: list[str] = []
    orig = QToolTip.showText
    QToolTip.showText = staticmethod(lambda _pos, text, *a, **k: shown.append(text))
    try:
        pos = QPoint(rect.left() - int(words / 2), rect.center().y())
        view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    finally:
        QToolTip.showText = orig
    assert shown and "Deleted “twice”" in shown[0] and "Ann Editor" in shown[0]

    # Simple and No Markup: the text closes up again
    for mode in ("simple", "none"):
        window.markup_actions[mode].trigger()
        assert _x(view, at) - _x(view, at - 1) < words / 2
        assert view.text() == window.session.review.text
    window.markup_actions["all"].trigger()
    assert _x(view, at) - _x(view, at - 1) > words


def test_words_deleted_at_a_paragraphs_start_are_struck_inline_too(
    qtbot, make_window, tmp_path
):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "start.txt", TEXT))
    view = window.view
    second = TEXT.index("Then")
    indent_before = _x(view, second)
    cursor = view.textCursor()
    cursor.setPosition(second)
    cursor.setPosition(second + len("Then "), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    cursor.removeSelectedText()
    window._sync_from_editor()
    assert view.text() == TEXT.replace("Then it", "it")

    font = view.font()
    font.setStrikeOut(True)
    words = QFontMetricsF(font).horizontalAdvance("Then ")
    qtbot.waitUntil(lambda: _x(view, second) - indent_before > words)  # room before it
    assert view.text() == window.session.review.text  # room, not characters
    c = QTextCursor(view.document())
    c.setPosition(second)
    rect = view.cursorRect(c)
    image = view.viewport().grab().toImage()
    struck = _count(image, DELETION_COLOUR, indent_before, rect.left())
    assert struck > 20, "the deleted words are not drawn before the paragraph"
    # clicking the paragraph's first word still puts the cursor in it
    word = QTextCursor(view.document())
    word.setPosition(second + 2)
    view.setTextCursor(view.cursorForPosition(view.cursorRect(word).center()))
    assert view.textCursor().position() in (second + 1, second + 2, second + 3)

    window.markup_actions["none"].trigger()  # No Markup: the paragraph starts where it did
    qtbot.waitUntil(lambda: abs(_x(view, second) - indent_before) <= 1)
    window.markup_actions["all"].trigger()
    qtbot.waitUntil(lambda: _x(view, second) - indent_before > words)
