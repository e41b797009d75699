"""A corrupt review file is reported and kept; the reviewer is remembered."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.review import sidecar_path
from editdesk.gui.settings import GuiSettings
from editdesk.gui.signoff import SignOffDialog

TEXT = "A short article with the the repeated word.\n"


def test_corrupt_sidecar_is_reported_and_never_overwritten(qtbot, make_window, dialogs, tmp_path):
    article = write_article(tmp_path, "a.txt", TEXT)
    sidecar = sidecar_path(article)
    sidecar.write_text("{ this is not json", encoding="utf-8")
    window = make_window(start_engine=False)
    assert window.open_path(article)
    assert dialogs and dialogs[0][0] == "warning"
    assert str(sidecar) in dialogs[0][2] and "NOT be saved" in dialogs[0][2]
    window.view.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.view, "Edited.")
    assert window.add_comment(0, 1, "note") != ""
    assert window.save_review() is False
    window.close()
    assert sidecar.read_text(encoding="utf-8") == "{ this is not json"
    assert article.read_text(encoding="utf-8") == TEXT


def test_reviewer_name_and_role_are_remembered(qtbot, make_window, tmp_path):
    article = write_article(tmp_path, "b.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    assert window.sign_off("Bea Checker", "sub-editor", "changes-requested", "")
    window.close()
    settings = GuiSettings.load()
    assert (settings.reviewer, settings.role) == ("Bea Checker", "sub-editor")
    assert settings.recent[0] == str(article.resolve())
    again = make_window(start_engine=False)
    assert again.open_path(article)
    dialog = SignOffDialog(again.session.review, again.reviewer, again.settings.role, again)
    qtbot.addWidget(dialog)
    assert (dialog.name.text(), dialog.role.text()) == ("Bea Checker", "sub-editor")


def test_approving_with_open_errors_needs_a_reason(qtbot, make_window, tmp_path):
    from editdesk.core.findings import Finding, Severity, with_fingerprint

    article = write_article(tmp_path, "c.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    error = Finding("house:test", "house", "Test", Severity.ERROR, "Bad", 2, 7)
    window.session.sync_findings([with_fingerprint(error, TEXT)])
    window.refresh_items()
    dialog = SignOffDialog(window.session.review, "Ann", "editor", window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert dialog.needs_reason() and not ok.isEnabled()
    dialog.reason.setText("Legal cleared the wording")
    assert ok.isEnabled()
    values = dialog.values()
    assert window.sign_off(**values)
    latest = window.session.review.signoffs[-1]
    assert latest.decision == "approved" and latest.force_reason == "Legal cleared the wording"
    assert window.signoff_panel.state == "current"


def test_approving_with_open_errors_without_reason_is_refused(make_window, dialogs, tmp_path):
    from editdesk.core.findings import Finding, Severity, with_fingerprint

    article = write_article(tmp_path, "d.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    window.scheduler.wait()
    error = Finding("house:test", "house", "Test", Severity.ERROR, "Bad", 2, 7)
    window.session.sync_findings([with_fingerprint(error, TEXT)])
    assert not window.sign_off("Ann", "editor", "approved", "")
    assert dialogs[-1][1] == "Sign-off refused"
    assert window.session.review.signoffs == []


def test_article_changed_on_disk_is_said_once(qtbot, make_window, tmp_path):
    article = write_article(tmp_path, "e.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    assert window.add_comment(2, 7, "Short?")
    window.close()
    article.write_text("New first line.\n\n" + TEXT, encoding="utf-8")
    again = make_window(start_engine=False)
    assert again.open_path(article)
    assert "changed on disk" in again.statusBar().currentMessage()
    [comment] = again.session.review.comments
    assert again.session.review.text[comment.anchor.start : comment.anchor.end] == "short"
    again.close()
    third = make_window(start_engine=False)
    assert third.open_path(article)
    assert "changed on disk" not in third.statusBar().currentMessage()
