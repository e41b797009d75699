"""The comment box: the text wraps as it is typed, Ctrl+Enter posts it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CommentDialog(QDialog):
    def __init__(self, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add comment")
        label = QLabel(f"Comment on “{quote}”:")
        label.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText("Your comment (Ctrl+Enter to post)")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Post comment")
        self.buttons.accepted.connect(self._post)
        self.buttons.rejected.connect(self.reject)
        self.edit.installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.buttons)
        self.resize(460, 240)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 - Qt override
        if (
            obj is self.edit
            and ev.type() == QEvent.Type.KeyPress
            and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and ev.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._post()
            return True
        return super().eventFilter(obj, ev)

    def _post(self) -> None:
        if self.text():
            self.accept()

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    @classmethod
    def get_text(cls, quote: str, parent: QWidget | None = None) -> tuple[str, bool]:
        dialog = cls(quote, parent)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.text()
        dialog.deleteLater()
        return text, ok and bool(text)
