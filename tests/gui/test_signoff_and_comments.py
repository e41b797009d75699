"""Sign-off shows a forced approval as such, the dialog lists the open errors; the
comment box wraps and posts on Ctrl+Enter; times are local."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.comment_dialog import CommentDialog
from editdesk.gui.items import short_time
from editdesk.gui.signoff import SignOffDialog

TEXT = "A short article with a mistake in it.\n"


def _window_with_an_error(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "s.txt", TEXT))
    start = TEXT.index("mistake")
    error = Finding(
        "house:test", "house", "Test", Severity.ERROR, "Not this word.", start, start + 7
    )
    window.session.sync_findings([with_fingerprint(error, TEXT)])
    window.refresh_items()
    return window


def test_the_dialog_lists_the_open_errors(qtbot, make_window, tmp_path):
    window = _window_with_an_error(qtbot, make_window, tmp_path)
    dialog = SignOffDialog(window.session.review, "Ann", "editor", window)
    qtbot.addWidget(dialog)
    assert dialog.error_list.count() == 1
    assert dialog.error_list.item(0).text() == "“mistake” — Not this word."


def test_a_forced_approval_shows_its_reason(qtbot, make_window, tmp_path):
    window = _window_with_an_error(qtbot, make_window, tmp_path)
    assert window.sign_off("Ann Editor", "editor", "approved", "", force_reason="Legal cleared it")
    line = window.signoff_panel.status.text()
    assert line.startswith("Approved with 1 open error by Ann Editor"), line
    assert line.endswith("reason: Legal cleared it")
    assert "#fde2e1" in window.signoff_panel.status.styleSheet()  # not a clean green


def test_the_comment_box_wraps_and_ctrl_enter_posts(qtbot):
    dialog = CommentDialog("some words")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.edit.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    qtbot.keyClicks(dialog.edit, "A long comment " * 10)
    assert dialog.edit.document().lineCount() > 1 or dialog.edit.blockCount() == 1
    assert dialog.edit.horizontalScrollBar().maximum() == 0  # wrapped, no sideways scroll
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.text().startswith("A long comment")


def test_times_are_shown_in_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        assert short_time("2026-11-28T18:20:01.123+00:00") == "2026-11-28 19:20"
    finally:
        monkeypatch.undo()
        time.tzset()
