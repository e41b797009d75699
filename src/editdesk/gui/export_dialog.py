"""File > Export…: what `editdesk export` offers (the output file, findings as
comments, safe suggestions applied, a summary page, who signs), and a warning when
the sign-off no longer covers the review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editdesk.core.config import INITIALS_MAX

FINDINGS_CHOICES = (
    ("open", "Open findings"),
    ("all", "All findings, with their decisions"),
    ("none", "No findings (only edits and comments)"),
)


@dataclass(frozen=True)
class ExportChoices:
    out: Path
    findings_mode: str  # open | all | none (export_docx's findings_mode)
    accept_all_suggestions: bool
    summary_page: bool
    author: str
    initials: str


class ExportDialog(QDialog):
    def __init__(
        self,
        out: Path,
        author: str,
        initials: str,
        *,
        stale: str | None = None,
        signed: bool = False,
        findings_mode: str = "open",
        accept_all_suggestions: bool = False,
        summary_page: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export DOCX")
        self.setMinimumWidth(560)
        self._signed = signed
        lay = QVBoxLayout(self)

        # Shown before anything else: exporting now sends out a sign-off that did not see it all.
        self.stale_label = QLabel()
        self.stale_label.setObjectName("staleSignOff")
        self.stale_label.setWordWrap(True)
        self.stale_label.setStyleSheet(
            "background:#fff1d6; color:#7a4a00; padding:6px; border-radius:4px;"
        )
        if stale:
            self.stale_label.setText(
                f"⚠ {stale[0].upper()}{stale[1:]}. The document will say so; "
                "sign off again first if it should carry a current sign-off."
            )
        self.stale_label.setVisible(bool(stale))
        lay.addWidget(self.stale_label)

        form = QFormLayout()
        self.path = QLineEdit(str(out))
        browse = QPushButton("Browse…")
        browse.setObjectName("browse")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        save_as = QLabel("&Save as:")
        save_as.setBuddy(self.path)
        form.addRow(save_as, row)
        self.findings = QComboBox()
        for mode, label in FINDINGS_CHOICES:
            self.findings.addItem(label, mode)
        self.findings.setCurrentIndex(max(0, self.findings.findData(findings_mode)))
        form.addRow("&Findings as comments:", self.findings)
        self.accept_all = QCheckBox(
            "Apply the suggestions that are safe to apply unseen, as tracked changes"
        )
        self.accept_all.setToolTip(
            "Doubled words, stray spaces, house substitutions: never names, code or figures. "
            "The other findings stay comments."
        )
        self.accept_all.setChecked(accept_all_suggestions)
        form.addRow("", self.accept_all)
        self.summary_page = QCheckBox("Add a review report at the end of the document")
        self.summary_page.setChecked(summary_page)
        form.addRow("", self.summary_page)
        self.author = QLineEdit(author)
        form.addRow("&Reviewer:", self.author)
        self.initials = QLineEdit(initials)
        self.initials.setMaxLength(INITIALS_MAX)
        form.addRow("&Initials:", self.initials)
        lay.addLayout(form)

        self.note = QLabel()  # what an option does to the sign-off
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#5f6670")
        lay.addWidget(self.note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.path.textChanged.connect(self._update)
        self.accept_all.toggled.connect(self._update)
        self._update()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export DOCX", self.path.text(), "Word documents (*.docx)"
        )
        if name:
            self.path.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def _update(self, *_args: object) -> None:
        text = self.path.text().strip()
        self.export_button.setEnabled(text.lower().endswith(".docx") and len(text) > 5)
        if self.accept_all.isChecked() and self._signed:
            self.note.setText(
                "Applying suggestions changes the text: the document will show the "
                "sign-off as stale."
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    def choices(self) -> ExportChoices:
        return ExportChoices(
            out=Path(self.path.text().strip()).expanduser(),
            findings_mode=str(self.findings.currentData()),
            accept_all_suggestions=self.accept_all.isChecked(),
            summary_page=self.summary_page.isChecked(),
            author=self.author.text().strip(),
            initials=self.initials.text().strip(),
        )


__all__ = ["FINDINGS_CHOICES", "ExportChoices", "ExportDialog"]
