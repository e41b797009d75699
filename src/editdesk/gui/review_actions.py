"""What the editor does to the review: decisions on findings, comments, sign-off."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from editdesk.core.review.errors import ReviewError, SignOffRefused
from editdesk.gui.comment_dialog import CommentDialog
from editdesk.gui.items import Item, plural, state_for_key
from editdesk.gui.offsets import OffsetMap
from editdesk.gui.reviewer_dialog import ReviewerDialog
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

    # -- the Review menu: the current item (the selected card, or the one at the cursor) --
    def current_item(self) -> Item | None:
        key = self.pane.current_key() or self.view.current_key()
        return self.view.item(key) or next((i for i in self.pane.all_items if i.key == key), None)

    def _current_finding(self) -> Item | None:
        item = self.current_item()
        if item is None or item.is_comment:
            self.statusBar().showMessage("Select a finding first (F8 goes to the next one)", 4000)
            return None
        return item

    def accept_current(self) -> None:
        item = self._current_finding()
        if item is None:
            return
        if not item.is_open:
            self.statusBar().showMessage(f"Already {item.state}; Reopen it first", 4000)
        elif not item.replacements:
            self.statusBar().showMessage("This finding has no replacement to accept", 4000)
        else:
            self.accept(item.key, item.replacements[0])

    def reject_current(self) -> None:
        if (item := self._current_finding()) is not None:
            self.reject(item.key)
            self._after_decision(item.key)

    def ignore_current(self) -> None:
        if (item := self._current_finding()) is not None:
            self.ignore(item.key)
            self._after_decision(item.key)

    def reopen_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.is_comment:
            if item.state == "resolved":
                self.resolve(item.key, False)
            return
        if self.session is None or item.is_open:
            return
        self._sync_from_editor()
        before = self.session.review.text
        if not self._review_op(self.session.reopen, item.key, self.reviewer):
            return
        after = self.session.review.text
        if after != before:
            self.view.replace_span(before, after)
            self.revision += 1
        self.refresh_items()
        self.pane.select_key(item.key)
        self.schedule_save()

    def _after_decision(self, key: str) -> None:
        """Keyboard review goes on: the next open finding after the decided one."""
        span = self.view.span_of(key)
        if span is not None:
            c = self.view.textCursor()
            c.setPosition(span[1])
            self.view.setTextCursor(c)

    def _shown_open_findings(self) -> list[Item]:
        return [i for i in self.pane.model.items if not i.is_comment and i.is_open]

    def accept_all_shown(self) -> None:
        """Accept the open findings the pane's filter shows that are safe to apply
        unseen (core.safe_apply); the rest stay for the editor to pick."""
        if self.session is None:
            return
        shown = self._shown_open_findings()
        safe = [i for i in shown if i.replacements and self._safe_to_apply(i)]
        if not safe:
            self.statusBar().showMessage(
                f"None of the {len(shown)} shown findings is safe to apply unseen; "
                "pick their replacements one by one",
                6000,
            )
            return
        answer = QMessageBox.question(
            self,
            "Accept all shown",
            f"Apply the first suggestion of {plural(len(safe), 'finding')} safe to apply "
            f"unseen? ({plural(len(shown) - len(safe), 'other')} shown stay open.)",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._sync_from_editor()
        before = self.session.review.text
        done = 0
        # last first, so that each replacement leaves the others' offsets alone
        for item in sorted(safe, key=lambda i: i.start, reverse=True):
            if self._review_op(self.session.accept, item.key, item.replacements[0], self.reviewer):
                done += 1
        self.view.replace_span(before, self.session.review.text)
        self.revision += 1
        self.refresh_items()
        self.schedule_save()
        self.statusBar().showMessage(f"Accepted {plural(done, 'finding')}", 5000)

    def _safe_to_apply(self, item: Item) -> bool:
        try:
            from editdesk.core.safe_apply import safe_to_apply
        except ImportError:  # an older core without the policy: nothing counts as safe
            return False
        state = state_for_key(self.session.review, item.key)
        return state is not None and safe_to_apply(state.finding, self.session.article)

    def reject_all_shown(self) -> None:
        if self.session is None:
            return
        shown = self._shown_open_findings()
        if not shown:
            self.statusBar().showMessage("No open findings shown", 4000)
            return
        answer = QMessageBox.question(
            self, "Reject all shown", f"Reject {plural(len(shown), 'shown finding')}?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._sync_from_editor()
        for item in shown:
            self._review_op(self.session.reject, item.key, self.reviewer)
        self.refresh_items()
        self.schedule_save()
        self.statusBar().showMessage(f"Rejected {plural(len(shown), 'finding')}", 5000)

    # -- who is reviewing --------------------------------------------------------------------
    def ask_reviewer(self) -> bool:
        """Name and initials (asked on first run, and from the Review menu)."""
        dialog = ReviewerDialog(self.settings.reviewer, self.settings.initials, self)
        if dialog.exec() != ReviewerDialog.DialogCode.Accepted:
            return False
        self.settings.reviewer, self.settings.initials = dialog.values()
        self.settings.save()
        self.statusBar().showMessage(f"Reviewing as {self.settings.reviewer}", 5000)
        return True

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
        text, ok = CommentDialog.get_text(cursor.selectedText()[:60], self)
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
