"""Who is reviewing: name and initials, asked once (first run) and kept in the
settings; every edit, decision and comment is signed with them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def initials_of(name: str) -> str:
    """'Ann Marie Editor' -> 'AME' (what Word proposes)."""
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()[:4]


class ReviewerDialog(QDialog):
    def __init__(self, name: str = "", initials: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who is reviewing?")
        intro = QLabel(
            "Your name and initials go on every change, decision and comment you make, "
            "in the review and in the exported DOCX. You can change them later under "
            "Review ▸ Reviewer Name…"
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("e.g. Ann Editor")
        self.initials = QLineEdit(initials or initials_of(name))
        self.initials.setMaxLength(6)
        self._initials_typed = bool(initials)
        self.initials.textEdited.connect(lambda _t: setattr(self, "_initials_typed", True))
        self.name.textChanged.connect(self._propose_initials)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Initials:", self.initials)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(420, self.sizeHint().height())

    def _propose_initials(self, name: str) -> None:
        if not self._initials_typed:
            self.initials.setText(initials_of(name))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> tuple[str, str]:
        name = " ".join(self.name.text().split())
        return name, self.initials.text().strip() or initials_of(name)
