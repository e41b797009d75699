"""The sign-off panel (always visible) and the dialog that records a sign-off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editdesk.core.review.grouping import group_review, open_problem_counts
from editdesk.core.review.model import Review
from editdesk.core.review.signoff import signoff_status
from editdesk.gui.items import short_time

DECISIONS = (("approved", "Approve for publication"), ("changes-requested", "Request changes"))


def _describe(signoff) -> str:
    verb = "Approved" if signoff.decision == "approved" else "Changes requested"
    if signoff.force_reason:
        n = signoff.open_findings.get("error", 0)
        verb = f"Approved with {n} open error{'s' if n != 1 else ''}"
    role = f" ({signoff.role})" if signoff.role else ""
    line = f"{verb} by {signoff.editor}{role} at {short_time(signoff.at)}"
    if signoff.force_reason:
        line += f" — reason: {signoff.force_reason}"
    return line


def status_text(review: Review) -> tuple[str, str]:
    """(state, one line): state is none | current | stale."""
    status = signoff_status(review)
    latest = status.latest
    if status.state == "none" or latest is None:
        return "none", "Not signed off"
    if status.state == "stale":
        line = _describe(latest)
        return "stale", f"Stale since an edit: {line[0].lower()}{line[1:]}"
    return "current", _describe(latest)


class SignOffPanel(QFrame):
    STYLES = {
        "none": "background:#eef1f4; color:#2b2f33;",
        "current": "background:#dff3e4; color:#1d5e2e;",
        "current-changes": "background:#e3edfb; color:#1d4b9c;",
        "current-forced": "background:#fde2e1; color:#8c1d18;",
        "stale": "background:#fff1d6; color:#7a4a00;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signoffPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.status = QLabel("Not signed off")
        self.status.setObjectName("signoffStatus")
        self.status.setMinimumWidth(260)
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        self.history = QComboBox()
        self.history.setToolTip("Sign-off history, newest first")
        self.history.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.history.setMinimumContentsLength(28)
        self.button = QPushButton("Sign off…")
        lay.addWidget(QLabel("Sign-off:"))
        lay.addWidget(self.status, 1)
        lay.addWidget(QLabel("History:"))
        lay.addWidget(self.history)
        lay.addWidget(self.button)
        self.state = "none"

    def show_review(self, review: Review | None) -> None:
        if review is None:
            self.state, line = "none", "No article open"
        else:
            self.state, line = status_text(review)
        self.status.setText(line)
        style = self.state
        latest = review.signoffs[-1] if review is not None and review.signoffs else None
        if style == "current" and latest is not None and latest.decision != "approved":
            style = "current-changes"
        elif style == "current" and latest is not None and latest.force_reason:
            style = "current-forced"  # not the green of a clean approval
        self.status.setToolTip(line)
        self.status.setStyleSheet(
            f"QLabel{{{self.STYLES[style]} padding:3px 8px;border-radius:4px;}}"
        )
        self.history.clear()
        signoffs = list(reversed(review.signoffs)) if review is not None else []
        if not signoffs:
            self.history.addItem("none yet")
        for s in signoffs:
            note = f" — {s.note}" if s.note else ""
            self.history.addItem(_describe(s) + note)
            if s.force_reason:
                idx = self.history.count() - 1
                self.history.setItemData(
                    idx,
                    f"Reason for approving with open errors: {s.force_reason}",
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.history.setEnabled(bool(signoffs))


class SignOffDialog(QDialog):
    def __init__(self, review: Review, name: str, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sign off the review")
        self.setMinimumWidth(460)
        # what sign_off itself counts, so the dialog asks for a reason exactly when it must
        open_errors = open_problem_counts(review)["error"]
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.role = QLineEdit(role)
        self.role.setPlaceholderText("e.g. copy editor")
        self.decision = QComboBox()
        for value, label in DECISIONS:
            self.decision.addItem(label, value)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note for the writer (optional)")
        self.note.setFixedHeight(70)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why approve with open errors?")
        self.reason_label = QLabel("Reason")
        form.addRow("Your name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Decision", self.decision)
        form.addRow("Note", self.note)
        form.addRow(self.reason_label, self.reason)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color:#a12622")
        self.open_errors = open_errors
        self.error_list = QListWidget()
        self.error_list.setObjectName("openErrors")
        self.error_list.setWordWrap(True)
        if open_errors:
            self.warning.setText(
                f"{open_errors} error{'s are' if open_errors != 1 else ' is'} still open. "
                "Approving anyway needs a reason, which is recorded with the sign-off."
            )
            text = review.text
            for group in group_review(review):  # one line per problem, as the pane shows
                state = review.findings[group.lead]
                f = state.finding
                if not state.is_open or str(f.severity) != "error":
                    continue
                quote = " ".join(text[f.start : f.end].split())
                quote = quote if len(quote) <= 50 else quote[:47] + "…"
                self.error_list.addItem(f"“{quote}” — {f.message}")
            self.error_list.setMaximumHeight(120)
        self.error_list.setVisible(bool(open_errors))
        lay.addLayout(form)
        lay.addWidget(self.warning)
        lay.addWidget(self.error_list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign off")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.decision.currentIndexChanged.connect(self._update)
        self.name.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def needs_reason(self) -> bool:
        return self.decision.currentData() == "approved" and self.open_errors > 0

    def _update(self) -> None:
        need = self.needs_reason()
        self.reason.setVisible(need)
        self.reason_label.setVisible(need)
        self.warning.setVisible(need)
        ok = bool(self.name.text().strip()) and (not need or bool(self.reason.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _try_accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def values(self) -> dict:
        return {
            "editor": self.name.text().strip(),
            "role": self.role.text().strip(),
            "decision": self.decision.currentData(),
            "note": self.note.toPlainText().strip(),
            "force_reason": self.reason.text().strip() or None if self.needs_reason() else None,
        }
