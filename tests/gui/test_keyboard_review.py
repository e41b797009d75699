"""Reviewing by keyboard: F8 to a finding, Shift+F10 or the Menu key for its menu
(with the replacements), Tab that never types over the selected words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.article_view import ArticleView

TEXT = "The desk checks teh facts.\n\nThen it sends the story out.\n"


def _window_on_a_finding(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "k.txt", TEXT))
    start = TEXT.index("teh")
    finding = Finding(
        id="house:test-spelling",
        source="house",
        category="Spelling",
        severity=Severity.ERROR,
        message="Possible spelling mistake.",
        start=start,
        end=start + 3,
        replacements=("the", "ten"),
    )
    window.session.sync_findings([with_fingerprint(finding, TEXT)])
    window.refresh_items()
    window.view.setFocus()
    window.view.moveCursor(window.view.textCursor().MoveOperation.Start)
    window.act_next.trigger()  # F8
    assert window.view.textCursor().selectedText() == "teh"
    return window


def _capture_menus(monkeypatch) -> list[list[str]]:
    """The menus the text would show, by their actions' texts (none blocks)."""
    shown: list[list[str]] = []

    def record(_view, menu: QMenu, _pos) -> None:
        shown.append([a.text() for a in menu.actions()])

    monkeypatch.setattr(ArticleView, "exec_menu", record)
    return shown


def test_shift_f10_opens_the_menu_with_the_replacements(qtbot, make_window, tmp_path, monkeypatch):
    window = _window_on_a_finding(qtbot, make_window, tmp_path)
    shown = _capture_menus(monkeypatch)
    qtbot.keyClick(window.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert len(shown) == 1
    assert "Replace with “the”" in shown[0] and "Replace with “ten”" in shown[0]
    assert "Ignore" in shown[0]


def test_the_menu_key_opens_the_same_menu(qtbot, make_window, tmp_path, monkeypatch):
    window = _window_on_a_finding(qtbot, make_window, tmp_path)
    shown = _capture_menus(monkeypatch)
    qtbot.keyClick(window.view, Qt.Key.Key_Menu)
    assert len(shown) == 1
    assert "Replace with “the”" in shown[0]


def test_a_replacement_from_the_keyboard_menu_is_applied(qtbot, make_window, tmp_path):
    window = _window_on_a_finding(qtbot, make_window, tmp_path)
    pos, at = window.view.keyboard_menu_position()
    menu = window.view.build_context_menu(pos, at)
    [act] = [a for a in menu.actions() if a.text() == "Replace with “the”"]
    act.trigger()
    assert "checks the facts" in window.view.text()
    assert window.session.review.text == window.view.text()


def test_tab_never_types_over_the_selected_finding(qtbot, make_window, tmp_path):
    window = _window_on_a_finding(qtbot, make_window, tmp_path)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.view.text() == TEXT
    assert not window.view.hasFocus()  # Tab moved on, as it does out of a selection
    # without a selection Tab still types a tab, as in any editor
    window.view.setFocus()
    cursor = window.view.textCursor()
    cursor.clearSelection()
    window.view.setTextCursor(cursor)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert "\t" in window.view.text()
