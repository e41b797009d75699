"""The comments pane with many findings, filters, navigation and selection sync
(house style only: no engine needed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.offsets import OffsetMap

SENTENCE = "Word {n} 🎉 sits in a sentence of its own."


def _text(n: int) -> str:
    return "\n\n".join(SENTENCE.format(n=i) for i in range(n)) + "\n"


def _findings(text: str) -> list[Finding]:
    out = []
    severities = [Severity.ERROR, Severity.WARNING, Severity.SUGGESTION]
    pos = 0
    i = 0
    while (pos := text.find("sits", pos)) != -1:
        sev = severities[i % 3]
        f = Finding(
            id=f"house:test-{sev.value}",
            source="house",
            category=f"Category {i % 4}",
            severity=sev,
            message=f"Finding number {i} says something about this word.",
            start=pos,
            end=pos + 4,
            replacements=("stands", "rests"),
        )
        out.append(with_fingerprint(f, text))
        pos += 4
        i += 1
    return out


def _open(qtbot, make_window, tmp_path, n: int):
    text = _text(n)
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "many.txt", text))
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass  # the house-style check on open; the synthetic findings replace its results
    window.session.sync_findings(_findings(text))
    return window, text


def test_hundreds_of_findings_fill_the_pane_quickly(qtbot, make_window, tmp_path):
    window, text = _open(qtbot, make_window, tmp_path, 600)
    window.refresh_items()
    qtbot.wait(1)
    assert window.pane.model.rowCount() == 600
    # the severity filter shows counts, and filters
    labels = [window.pane.severity.itemText(i) for i in range(window.pane.severity.count())]
    assert labels == ["All severities (600)", "Errors (200)", "Warnings (200)", "Suggestions (200)"]
    window.pane.severity.setCurrentIndex(1)
    assert window.pane.model.rowCount() == 200
    assert all(i.severity == "error" for i in window.pane.model.items)
    window.pane.severity.setCurrentIndex(0)
    cat = window.pane.category.findData("Category 1")
    window.pane.category.setCurrentIndex(cat)
    assert window.pane.model.rowCount() == 150
    assert window.pane.category.itemText(cat) == "Category 1 (150)"


def test_f8_walks_open_items_and_selection_follows(qtbot, make_window, tmp_path):
    window, text = _open(qtbot, make_window, tmp_path, 5)
    window.refresh_items()
    m = OffsetMap(text)
    starts = [m.to_qt(i) for i in range(len(text)) if text.startswith("sits", i)]
    window.view.moveCursor(QTextCursor.MoveOperation.Start)
    window.view.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(window.view.textCursor().selectionStart())
        assert window.view.textCursor().selectedText() == "sits"
        # the card of the selected span is the current card
        assert window.pane.current_key() == window.pane.detail.item.key
    assert seen == starts[:3]
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.textCursor().selectionStart() == starts[1]

    # moving the text cursor into a span highlights its card
    c = window.view.textCursor()
    c.setPosition(starts[4] + 2)
    window.view.setTextCursor(c)
    item = window.pane.detail.item
    assert item is not None and window.view.span_of(item.key)[0] == starts[4]


def test_rejecting_hides_card_with_open_only_and_comments_filter(qtbot, make_window, tmp_path):
    window, text = _open(qtbot, make_window, tmp_path, 3)
    window.refresh_items()
    first = window.pane.model.items[0]
    window.reject(first.key)
    assert window.pane.model.rowCount() == 2
    window.pane.open_only.setChecked(False)
    assert window.pane.model.rowCount() == 3
    start = OffsetMap(text).to_qt(text.index("Word 1"))
    comment_id = window.add_comment(start, start + 4, "Really?")
    window.pane.comments_only.setChecked(True)
    assert [i.message for i in window.pane.model.items] == ["Really?"]
    assert window.pane.comments_only.text() == "Comments only (1)"
    # resolving from the card: the button, then the state on the card
    window.pane.select_key(comment_id)
    qtbot.mouseClick(window.pane.detail.resolve_button, Qt.MouseButton.LeftButton)
    assert window.session.review.comment(comment_id).resolved
    assert window.pane.model.items[0].state == "resolved"
    window.pane.open_only.setChecked(True)
    assert window.pane.model.rowCount() == 0


def test_underlines_follow_scrolling_in_a_long_article(qtbot, make_window, tmp_path):
    window, text = _open(qtbot, make_window, tmp_path, 600)
    window.refresh_items()

    def underlined() -> set[tuple[int, int]]:
        return {
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in window.view.extraSelections()
        }

    first, last = window.items()[0], window.items()[-1]
    assert window.view.span_of(first.key) in underlined()
    assert len(underlined()) < 600  # only what is near the screen is handed to Qt
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: window.view.span_of(last.key) in underlined(), timeout=2_000)
