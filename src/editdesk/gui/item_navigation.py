"""The items shown in the text and the pane, kept in step; moving between open items."""

from __future__ import annotations

from editdesk.gui.items import Item, build_items


class ItemNavigationMixin:
    """Items and navigation for MainWindow (mixed into it)."""

    def refresh_items(self) -> None:
        if self.session is None:
            return
        self._apply_token += 1  # a check result still being shown is superseded
        review = self.session.review
        items = build_items(review)
        self.view.set_items(items, review.text)
        self.pane.set_items(items)
        self.signoff_panel.show_review(review)

    def _cursor_on_item(self, key: str) -> None:
        if key:
            self.pane.select_key(key)

    def _card_selected(self, key: str) -> None:
        self.view.select_item(key)

    def _open_keys_in_order(self) -> list[str]:
        keys = self.view.keys_in_text_order()
        return [k for k in keys if (it := self.view.item(k)) is not None and it.is_open]

    def next_item(self, backwards: bool = False) -> None:
        keys = self._open_keys_in_order()
        if not keys:
            self.statusBar().showMessage("No open items", 3000)
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

    # for tests and scripts
    def items(self) -> list[Item]:
        return list(self.pane.all_items)
