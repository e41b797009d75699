"""The Review menu and toolbar by keyboard: Accept / Reject / Ignore / Reopen on the
current finding, all shown at once, next comment and next change; the reviewer's
name asked once and used for every decision."""

from __future__ import annotations

import getpass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from tests.gui.conftest import write_article

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review import Decision
from editdesk.gui.card_text import detail_line
from editdesk.gui.reviewer_dialog import ReviewerDialog
from editdesk.gui.settings import GuiSettings

TEXT = "The desk checks teh facts.\n\nThen it sends teh story out today.\n"


def _finding(text: str, word: str, nth: int, severity=Severity.ERROR) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    f = Finding(
        id=f"house:test-{word}",
        source="house",
        category="Spelling",
        severity=severity,
        message=f"Check “{word}”.",
        start=start,
        end=start + len(word),
        replacements=("the",),
    )
    return with_fingerprint(f, text)


def _open(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "r.txt", TEXT))
    findings = [_finding(TEXT, "teh", 0), _finding(TEXT, "teh", 1, Severity.WARNING)]
    window.session.sync_findings(findings)
    window.refresh_items()
    window.view.setFocus()
    return window


def _f8(window) -> str:
    window.act_next.trigger()
    return window.view.current_key()


def test_the_reviewer_is_asked_once_and_signs_every_decision(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path)
    assert window.reviewer != getpass.getuser() or getpass.getuser() == "Editor"
    dialog = ReviewerDialog(parent=window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no name, no OK
    qtbot.keyClicks(dialog.name, "Ann Marie Editor")
    assert dialog.initials.text() == "AME" and ok.isEnabled()
    assert dialog.values() == ("Ann Marie Editor", "AME")

    window.settings.reviewer, window.settings.initials = dialog.values()
    window.settings.save()
    key = _f8(window)
    window.act_reject.trigger()
    assert window.session.review.findings[0].by == "Ann Marie Editor"
    saved = GuiSettings.load()
    assert (saved.reviewer, saved.initials) == ("Ann Marie Editor", "AME")
    assert window.view.item(key).state == "rejected"


def test_accept_reject_ignore_and_reopen_from_the_review_menu(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path)
    assert QKeySequence("Ctrl+Shift+A") in window.act_accept.shortcuts()
    for act in (window.act_accept, window.act_reject, window.act_ignore, window.act_reopen):
        assert act in window.review_toolbar.actions()

    first = _f8(window)
    window.act_accept.trigger()
    assert window.view.text() == TEXT.replace("teh", "the", 1)
    assert window.session.review.text == window.view.text()
    accepted = window.view.item(first)
    assert accepted.state == "accepted" and accepted.flagged == "the"
    # its card keeps the original beside the replacement
    assert detail_line(accepted) == "“teh” → “the”"
    window.pane.open_only.setChecked(False)
    window.pane.select_key(first)
    assert window.pane.detail.flagged.text().startswith("Was: “teh” · now: “the”")

    # the decision can be taken back: the original words return
    window.pane.select_key(first)
    window.act_reopen.trigger()
    assert window.view.text() == TEXT
    assert window.view.item(first).is_open

    second = _f8(window)
    assert second != first
    window.act_ignore.trigger()
    assert window.view.item(second).state == "ignored"
    window.pane.select_key(second)
    window.act_reopen.trigger()
    assert window.view.item(second).is_open
    assert window.session.review.text == TEXT


def test_reject_all_shown_follows_the_filter(qtbot, make_window, tmp_path, monkeypatch):
    window = _open(qtbot, make_window, tmp_path)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    window.pane.severity.setCurrentIndex(window.pane.severity.findData("warning"))
    assert [i.severity for i in window.pane.model.items] == ["warning"]
    window.act_reject_all.trigger()
    decisions = {str(s.finding.severity): s.decision for s in window.session.review.findings}
    assert decisions == {"warning": Decision.REJECTED, "error": Decision.OPEN}


def test_accept_all_shown_applies_only_what_is_safe(qtbot, make_window, tmp_path, monkeypatch):
    window = _open(qtbot, make_window, tmp_path)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    warning_key = next(i.key for i in window.items() if i.severity == "warning")
    monkeypatch.setattr(type(window), "_safe_to_apply", lambda _w, item: item.key == warning_key)
    window.act_accept_all.trigger()
    assert (
        window.view.text() == "The desk checks teh facts.\n\nThen it sends the story out today.\n"
    )
    states = {i.severity: i.state for i in window.items() if not i.is_comment}
    assert states == {"warning": "accepted", "error": "open"}


def test_next_comment_and_next_change(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path)
    start = TEXT.index("story")
    comment_id = window.add_comment(start, start + 5, "Which story?")
    window.view.moveCursor(window.view.textCursor().MoveOperation.Start)
    window.act_next_comment.trigger()
    assert window.view.current_key() == comment_id
    assert window.view.textCursor().selectedText() == "story"

    # a typed change and an accepted suggestion: Alt+F8 visits both, in text order
    cursor = window.view.textCursor()
    cursor.setPosition(len(window.view.text()) - 1)
    window.view.setTextCursor(cursor)
    qtbot.keyClicks(window.view, " again")
    window.view.moveCursor(window.view.textCursor().MoveOperation.Start)
    _f8(window)
    window.act_accept.trigger()
    window.view.moveCursor(window.view.textCursor().MoveOperation.Start)
    window.act_next_change.trigger()
    assert window.view.textCursor().selectedText() == "the"
    window.act_next_change.trigger()
    assert window.view.textCursor().selectedText() == " again"
    window.act_prev_change.trigger()
    assert window.view.textCursor().selectedText() == "the"


def test_f6_moves_between_text_and_pane_and_help_lists_the_shortcuts(
    qtbot, make_window, tmp_path, dialogs
):
    window = _open(qtbot, make_window, tmp_path)
    window.view.setFocus()
    window.switch_focus()
    assert window.pane.view.hasFocus()
    window.switch_focus()
    assert window.view.hasFocus()
    window.show_shortcuts()
    _kind, title, text = dialogs[-1]
    assert title == "Keyboard shortcuts"
    for label in ("Accept", "Reject", "Ignore", "Next Comment", "Shift+F10"):
        assert label in text, label
    assert QKeySequence("F6") in window.act_switch_focus.shortcuts()


def test_counts_say_one_comment_not_one_comments(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path)
    window.add_comment(0, 3, "Headline?")
    summary = window.pane.summary.text()
    assert "2 open findings" in summary and summary.endswith("1 open comment"), summary


def test_the_status_bar_counts_what_the_pane_counts(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path)
    assert window.check_label.text() == "2 open findings"
    _f8(window)
    window.act_reject.trigger()
    assert window.check_label.text() == "1 open finding"
    assert "1 open finding ·" in window.pane.summary.text()
