"""Comments and findings beside their words: the margin's notes sit level with
their lines, scroll with the text, follow the current item and make an item
current when clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.margin_notes import CURRENT_BACKGROUND, NOTE_BACKGROUND

PARAGRAPH = "Paragraph {n} says the council will decide the matter in April."
TEXT = "\n".join(PARAGRAPH.format(n=n) for n in range(60)) + "\n"


def _window(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    window.resize(1280, 820)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "notes.txt", TEXT))
    findings = []
    for n in (1, 4, 30, 55):
        start = TEXT.index("council", TEXT.index(PARAGRAPH.format(n=n)))
        f = Finding(
            "house:test", "house", "Style", Severity.WARNING, f"Finding in paragraph {n}.",
            start, start + len("council"),
        )
        findings.append(with_fingerprint(f, TEXT))
    window.session.sync_findings(findings)
    window.refresh_items()
    at = TEXT.index(PARAGRAPH.format(n=2))
    window.add_comment(at, at + len("Paragraph 2"), "Is this the right paragraph?")
    window.refresh_items()
    qtbot.waitUntil(lambda: bool(window.view.margin.placed()), timeout=5_000)
    return window


def _line_top(view, position: int) -> int:
    c = QTextCursor(view.document())
    c.setPosition(position)
    return view.cursorRect(c).top()


def _notes(window):
    window.view.margin.repaint()
    return {n.key: n for n in window.view.margin.placed()}


def _key(window, message: str) -> str:
    return next(i.key for i in window.items() if i.message == message)


def test_notes_sit_beside_their_lines_and_scroll_with_the_text(qtbot, make_window, tmp_path):
    window = _window(qtbot, make_window, tmp_path)
    view = window.view
    notes = _notes(window)
    on_screen = {
        _key(window, "Finding in paragraph 1."),
        _key(window, "Is this the right paragraph?"),
        _key(window, "Finding in paragraph 4."),
    }
    assert set(notes) == on_screen  # paragraphs 30 and 55 are below the screen
    for key in on_screen:
        note = notes[key]
        assert note.anchor_y == _line_top(view, view.span_of(key)[0])
        assert note.rect.top() >= note.anchor_y
    first = notes[_key(window, "Finding in paragraph 1.")]
    assert first.rect.top() == first.anchor_y, "the first note is not level with its line"
    ordered = sorted(notes.values(), key=lambda n: n.rect.top())
    for above, below in zip(ordered, ordered[1:], strict=False):
        assert below.rect.top() > above.rect.bottom(), "notes overlap"

    # scroll paragraph 30 into view: its note comes with it, level with its line
    key30 = _key(window, "Finding in paragraph 30.")
    c = QTextCursor(view.document())
    c.setPosition(view.span_of(key30)[0])
    view.setTextCursor(c)
    view.centerCursor()
    qtbot.wait(50)
    notes = _notes(window)
    assert key30 in notes and _key(window, "Finding in paragraph 1.") not in notes
    assert notes[key30].anchor_y == _line_top(view, view.span_of(key30)[0])
    assert 0 < notes[key30].anchor_y < view.viewport().height()


def test_the_current_item_is_highlighted_in_the_text_and_the_margin(qtbot, make_window, tmp_path):
    window = _window(qtbot, make_window, tmp_path)
    view = window.view
    key = _key(window, "Finding in paragraph 4.")
    other = _key(window, "Finding in paragraph 1.")
    window.pane.select_key(key)
    window._card_selected(key)
    assert view.current_key() == key
    notes = _notes(window)
    image = view.margin.grab().toImage()

    def fill(note):
        r = note.rect
        return image.pixelColor(r.right() - 3, r.bottom() - 2)

    assert fill(notes[key]) == CURRENT_BACKGROUND
    assert fill(notes[other]) == NOTE_BACKGROUND
    start = view.span_of(key)[0]
    current = [s for s in view.extraSelections() if s.cursor.selectionStart() == start]
    assert current and current[0].format.background().color().name() == "#d6e6fb"


def test_clicking_a_note_makes_its_item_current(qtbot, make_window, tmp_path):
    window = _window(qtbot, make_window, tmp_path)
    view = window.view
    key = _key(window, "Is this the right paragraph?")
    note = _notes(window)[key]
    qtbot.mouseClick(view.margin, Qt.MouseButton.LeftButton, pos=note.rect.center())
    assert view.current_key() == key
    assert window.pane.current_key() == key
    cursor = view.textCursor()
    assert view.text()[cursor.selectionStart() : cursor.selectionEnd()] == "Paragraph 2"


def test_the_view_menu_hides_the_notes(qtbot, make_window, tmp_path):
    window = _window(qtbot, make_window, tmp_path)
    view = window.view
    width = view.viewport().width()
    window.act_notes.trigger()
    assert not view.margin.isVisible() and view.viewport().width() > width
    window.act_notes.trigger()
    assert view.margin.isVisible() and view.viewport().width() == width
