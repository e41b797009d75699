"""The items shown in the text and the pane, kept in step; moving between open items."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from editdesk.gui.changes import tracked_changes
from editdesk.gui.items import Item, build_items, plural
from editdesk.gui.offsets import OffsetMap


class ItemNavigationMixin:
    """Items and navigation for MainWindow (mixed into it)."""

    def refresh_items(self) -> None:
        if self.session is None:
            return
        self._apply_token += 1  # a check result still being shown is superseded
        review = self.session.review
        items = build_items(review, self.session.desk_history())
        self.view.set_items(items, review.text)
        self.show_changes()
        self.pane.set_items(items)
        self.signoff_panel.show_review(review)
        self.show_counts()

    def show_counts(self) -> None:
        """The status bar's count, from the same items as the pane's (one truth)."""
        n_open = sum(1 for i in self.pane.all_items if i.is_open and not i.is_comment)
        self.check_label.setText(plural(n_open, "open finding"))

    def show_changes(self) -> None:
        """The tracked changes marked in the text (View > All / Simple Markup); diffing
        the whole article again only when what they are made of changed."""
        if self.session is not None:
            review = self.session.review
            made_of = (
                review.original,
                review.text,
                review.edit_authors[-1:],
                [(s.finding.start, s.by, s.at) for s in review.findings if s.original_text],
            )
            if made_of == getattr(self, "_changes_made_of", None):
                return
            self._changes_made_of = made_of
            self.view.set_changes(tracked_changes(review), review.text)

    def _cursor_on_item(self, key: str) -> None:
        if key:
            self.pane.select_key(key)

    def _card_selected(self, key: str) -> None:
        self.view.select_item(key)

    def _open_keys_in_order(self, kind: str | None = None) -> list[str]:
        keys = self.view.keys_in_text_order()
        return [
            k
            for k in keys
            if (it := self.view.item(k)) is not None
            and it.is_open
            and (kind is None or it.kind == kind)
        ]

    def next_item(self, backwards: bool = False, kind: str | None = None) -> None:
        """The next open item after the selection (F8); ``kind`` "finding" or
        "comment" keeps to one kind."""
        keys = self._open_keys_in_order(kind)
        if not keys:
            self.statusBar().showMessage(f"No open {kind or 'item'}s", 3000)
            return
        cursor = self.view.textCursor()
        here = (cursor.selectionStart(), cursor.selectionEnd())
        spans = [(self.view.span_of(k), k) for k in keys]
        if backwards:
            before = [k for (s, k) in spans if s < here]
            key = before[-1] if before else keys[-1]
        else:
            after = [k for (s, k) in spans if s > here]
            key = after[0] if after else keys[0]
        self.view.select_item(key)
        self.pane.select_key(key)
        self.view.setFocus()

    def previous_item(self) -> None:
        self.next_item(backwards=True)

    def next_change(self, backwards: bool = False) -> None:
        """Select the next (or previous) tracked change: inserted words, or the
        place of a deletion."""
        if self.session is None:
            return
        review = self.session.review
        m = OffsetMap(review.text)
        spans = [m.span_to_qt(c.start, c.end) for c in tracked_changes(review)]
        if not spans:
            self.statusBar().showMessage("No changes", 3000)
            return
        cursor = self.view.textCursor()
        here = (cursor.selectionStart(), cursor.selectionEnd())
        if backwards:
            before = [s for s in spans if s < here]
            span = before[-1] if before else spans[-1]
        else:
            after = [s for s in spans if s > here]
            span = after[0] if after else spans[0]
        c = self.view.textCursor()
        c.setPosition(span[0])
        c.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(c)
        self.view.ensureCursorVisible()
        self.view.setFocus()

    def switch_focus(self) -> None:
        """F6: from the text to the card list and back."""
        if self.view.hasFocus():
            self.pane.view.setFocus()
        else:
            self.view.setFocus()

    # for tests and scripts
    def items(self) -> list[Item]:
        return list(self.pane.all_items)
