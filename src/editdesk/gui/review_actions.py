"""What the editor does to the review: decisions on findings, comments, sign-off."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QMessageBox

from editdesk.core.review.errors import ReviewError, SignOffRefused
from editdesk.gui.offsets import OffsetMap
from editdesk.gui.signoff import SignOffDialog


class ReviewActionsMixin:
    """Review actions of MainWindow (mixed into it)."""

    def _review_op(self, op, *args) -> bool:
        if self.session is None:
            return False
        try:
            op(*args)
        except ReviewError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        return True

    def accept(self, key: str, replacement: str) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        before = self.session.review.text
        if not self._review_op(self.session.accept, key, replacement, self.reviewer):
            return
        after = self.session.review.text
        self.view.replace_span(before, after)  # one undoable edit block
        self.revision += 1
        self.refresh_items()
        self.schedule_save()
        self._select_next_after(key)

    def _select_next_after(self, key: str) -> None:
        span = self.view.span_of(key)
        if span is None:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(span[1])
        self.view.setTextCursor(cursor)

    def reject(self, key: str) -> None:
        self._decide(lambda: self.session.reject(key, self.reviewer))

    def ignore(self, key: str) -> None:
        self._decide(lambda: self.session.ignore(key, self.reviewer))

    def ignore_rule(self, rule_id: str) -> None:
        self._decide(lambda: self.session.ignore_rule(rule_id))

    def accept_word(self, word: str) -> None:
        self._decide(lambda: self.session.accept_word(word))

    def _decide(self, op) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        if self._review_op(op):
            self.refresh_items()
            self.schedule_save()

    # -- comments ----------------------------------------------------------------------------
    def add_comment_dialog(self) -> None:
        if self.session is None:
            return
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if not cursor.hasSelection():
            self.statusBar().showMessage("Select the words to comment on first", 4000)
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "Add comment", f"Comment on “{cursor.selectedText()[:60]}”:"
        )
        if ok and text.strip():
            self.add_comment(cursor.selectionStart(), cursor.selectionEnd(), text.strip())

    def add_comment(self, qt_start: int, qt_end: int, text: str) -> str:
        """Comment on a Qt span of the document; returns the new comment's id."""
        if self.session is None:
            return ""
        self._sync_from_editor()
        m = OffsetMap(self.session.review.text)
        start, end = m.span_to_py(qt_start, qt_end)
        comment = None

        def op() -> None:
            nonlocal comment
            comment = self.session.add_comment(start, end, text, self.reviewer)

        self._decide(op)
        if comment is None:
            return ""
        self.pane.select_key(comment.id)
        self.view.set_current(comment.id)
        return comment.id

    def reply(self, comment_id: str, text: str) -> None:
        self._decide(lambda: self.session.reply(comment_id, text, self.reviewer))

    def resolve(self, comment_id: str, resolved: bool) -> None:
        self._decide(lambda: self.session.resolve(comment_id, resolved))

    # -- sign-off ------------------------------------------------------------------------------
    def sign_off_dialog(self) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        dialog = SignOffDialog(self.session.review, self.reviewer, self.settings.role, self)
        if dialog.exec() != SignOffDialog.DialogCode.Accepted:
            return
        self.sign_off(**dialog.values())

    def sign_off(
        self, editor: str, role: str, decision: str, note: str = "", force_reason: str | None = None
    ) -> bool:
        if self.session is None:
            return False
        self._sync_from_editor()
        try:
            self.session.sign_off(
                editor=editor,
                role=role,
                decision=decision,
                note=note,
                style_hash=self.config.style_hash,
                force_reason=force_reason,
            )
        except SignOffRefused as exc:
            QMessageBox.warning(self, "Sign-off refused", str(exc))
            return False
        self.settings.reviewer, self.settings.role = editor, role
        self.settings.save()
        self.signoff_panel.show_review(self.session.review)
        self.save_review()
        return True
