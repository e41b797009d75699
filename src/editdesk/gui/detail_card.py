"""The detail card: the selected item with its actions (replacements, Accept /
Reject / Ignore, replies, Resolve)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editdesk.gui.card_text import CARD_COLOURS, card_message, state_label, visible_quote
from editdesk.gui.items import Item, short_time, sources_line


class DetailCard(QFrame):
    """The selected item, with its actions."""

    accept_clicked = Signal(str, str)  # key, replacement
    reject_clicked = Signal(str)
    ignore_clicked = Signal(str)
    reply_submitted = Signal(str, str)  # comment id, text
    resolve_clicked = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item: Item | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flagged = QLabel()
        self.flagged.setWordWrap(True)
        self.also = QLabel()  # the other rules that flagged the same problem
        self.also.setWordWrap(True)
        self.also.setStyleSheet("color:#5f6670")
        self.replacements_row = QHBoxLayout()
        self.replacements_row.setSpacing(4)
        self.actions_row = QHBoxLayout()
        self.accept_button = QPushButton("Accept")
        self.reject_button = QPushButton("Reject")
        self.ignore_button = QPushButton("Ignore")
        self.resolve_button = QPushButton("Resolve")
        for b in (self.accept_button, self.reject_button, self.ignore_button, self.resolve_button):
            self.actions_row.addWidget(b)
        self.actions_row.addStretch(1)
        self.replies = QLabel()
        self.replies.setWordWrap(True)
        self.replies.setTextFormat(Qt.TextFormat.RichText)
        self.reply_edit = QLineEdit()
        self.reply_edit.setPlaceholderText("Reply…")
        self.reply_button = QPushButton("Reply")
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_edit, 1)
        reply_row.addWidget(self.reply_button)
        self.reply_widget = QWidget()
        self.reply_widget.setLayout(reply_row)
        reply_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.header, self.message, self.flagged, self.also):
            lay.addWidget(w)
        lay.addLayout(self.replacements_row)
        lay.addLayout(self.actions_row)
        lay.addWidget(self.replies)
        lay.addWidget(self.reply_widget)
        lay.addStretch(1)
        self.accept_button.clicked.connect(self._accept_first)
        self.reject_button.clicked.connect(lambda: self._emit_key(self.reject_clicked))
        self.ignore_button.clicked.connect(lambda: self._emit_key(self.ignore_clicked))
        self.resolve_button.clicked.connect(self._toggle_resolved)
        self.reply_button.clicked.connect(self._reply)
        self.reply_edit.returnPressed.connect(self._reply)
        self.show_item(None)

    def _emit_key(self, signal) -> None:
        if self.item is not None:
            signal.emit(self.item.key)

    def _accept_first(self) -> None:
        if self.item is not None and self.item.replacements:
            self.accept_clicked.emit(self.item.key, self.item.replacements[0])

    def _toggle_resolved(self) -> None:
        if self.item is not None:
            self.resolve_clicked.emit(self.item.key, self.item.state != "resolved")

    def _reply(self) -> None:
        text = self.reply_edit.text().strip()
        if self.item is not None and text:
            self.reply_submitted.emit(self.item.key, text)
            self.reply_edit.clear()

    def replacement_buttons(self) -> list[QPushButton]:
        row = self.replacements_row
        widgets = (row.itemAt(i).widget() for i in range(row.count()))
        return [w for w in widgets if isinstance(w, QPushButton)]

    def show_item(self, item: Item | None) -> None:
        self.item = item
        while self.replacements_row.count():
            w = self.replacements_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if item is None:
            self.header.setText(
                "<span style='color:#5f6670'>Select a card or an underlined "
                "word to see what can be done.</span>"
            )
            for w in (self.message, self.flagged, self.also, self.replies, self.reply_widget):
                w.hide()
            for b in (
                self.accept_button,
                self.reject_button,
                self.ignore_button,
                self.resolve_button,
            ):
                b.hide()
            return
        colour = CARD_COLOURS["comment" if item.is_comment else item.severity].name()
        kind = "Comment" if item.is_comment else item.severity.capitalize()
        sub = escape(item.author if item.is_comment else f"{item.category} · {item.rule_id}")
        self.header.setText(
            f"<b style='color:{colour}'>{kind}</b> <span style='color:#5f6670'>· {sub} · "
            f"{escape(state_label(item))}</span>"
        )
        self.message.setText(card_message(item))
        self.message.show()
        quote = visible_quote(item.flagged)
        if item.original is not None:
            self.flagged.setText(
                f"Was: “{visible_quote(item.original)}” · now: “{quote}” "
                f"({item.author}, {short_time(item.at)})"
            )
        else:
            self.flagged.setText(f"On: “{quote}”" if quote else "")
        self.flagged.setVisible(bool(quote) or item.original is not None)
        self.also.setText(
            f"Also flagged by {sources_line(item.also)}; a decision here applies to each."
            if item.also
            else ""
        )
        self.also.setVisible(bool(item.also))
        is_finding = not item.is_comment
        if is_finding and item.is_open and not item.stale:
            for rep in item.replacements[:6]:
                b = QPushButton(visible_quote(rep) if rep else "(delete)")
                b.setToolTip(f"Replace “{quote}” with “{rep}”")
                b.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, r=rep: self.accept_clicked.emit(item.key, r))
                self.replacements_row.addWidget(b)
            self.replacements_row.addStretch(1)
        self.accept_button.setVisible(is_finding)
        self.accept_button.setEnabled(
            is_finding and item.is_open and bool(item.replacements) and not item.stale
        )
        self.reject_button.setVisible(is_finding)
        self.reject_button.setEnabled(item.is_open)
        self.ignore_button.setVisible(is_finding)
        self.ignore_button.setEnabled(item.is_open)
        self.resolve_button.setVisible(item.is_comment)
        self.resolve_button.setText("Reopen" if item.state == "resolved" else "Resolve")
        if item.is_comment:
            lines = [
                f"<b>{escape(r.author)}</b> <span style='color:#5f6670'>"
                f"{escape(short_time(r.at))}</span><br>{escape(r.text)}"
                for r in item.replies
            ]
            self.replies.setText("<br>".join(lines))
            self.replies.setVisible(bool(lines))
            self.reply_widget.show()
        else:
            self.replies.hide()
            self.reply_widget.hide()
