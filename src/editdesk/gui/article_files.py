"""Opening an article with its review, saving the review, exporting DOCX, dropping files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from editdesk.service.exporting import export_review, is_the_article, open_findings
from editdesk.service.house_style import house_style_or_fallback
from editdesk.service.opening import OpenError
from editdesk.service.review_session import ReviewSession

OPEN_FILTER = "Articles (*.txt *.md *.markdown *.docx);;All files (*)"


class ArticleFilesMixin:
    """The file side of MainWindow (mixed into it)."""

    @property
    def reviewer(self) -> str:
        return self.settings.reviewer_name()

    def open_dialog(self) -> None:
        start = str(Path(self.settings.recent[0]).parent) if self.settings.recent else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open article", start, OPEN_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        path = Path(path)
        if self.session is not None:
            self._close_session()
        try:
            session, warning = ReviewSession.open(path)
        except OpenError as exc:
            QMessageBox.warning(self, "Cannot open article", str(exc))
            return False
        if warning and session.read_only:
            QMessageBox.warning(
                self,
                "Review file not readable",
                f"{warning}\n\nThe article opens with a fresh review that will NOT be saved, "
                "so the existing review file stays as it is.",
            )
        elif warning:
            self.statusBar().showMessage(warning, 10_000)
        self.session = session
        self.settings.add_recent(path)
        self.settings.save()
        self._load_config(path)
        self.setWindowTitle(f"EditDesk — {path.name}")
        self.view.setReadOnly(False)
        self.view.set_article_text(session.review.text)
        self.revision += 1
        self._set_enabled(True)
        self.refresh_items()
        for note in session.article.notes:
            self.statusBar().showMessage(note, 8000)
        self.check_now()
        return True

    def _load_config(self, path: Path) -> None:
        self.config, warning = house_style_or_fallback(path)
        if warning:
            QMessageBox.warning(self, "House style", warning)

    def _close_session(self) -> None:
        self._sync_from_editor()
        self.save_review()
        self.session = None

    def schedule_save(self) -> None:
        self.save_timer.start()

    def save_review(self) -> bool:
        self.save_timer.stop()
        if self.session is None:
            return False
        self._sync_from_editor()
        try:
            saved = self.session.save()
        except OSError as exc:
            if not self._save_warned:
                QMessageBox.warning(self, "Review not saved", f"{self.session.sidecar()}: {exc}")
                self._save_warned = True
            self.statusBar().showMessage(f"Review NOT saved: {exc}")
            return False
        if not saved:
            self.statusBar().showMessage(f"Review not saved: {self.session.read_only}")
            return False
        self.review_saved.emit()
        return True

    def export_docx(self) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        default = self.session.path.with_name(self.session.path.stem + "-reviewed.docx")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export DOCX", str(default), "Word documents (*.docx)"
        )
        if not name:
            return
        out = Path(name)
        if is_the_article(out, self.session.path):
            QMessageBox.warning(
                self, "Export DOCX", "Choose another file: the article itself is never overwritten."
            )
            return
        review = self.session.review
        try:
            export_review(
                self.session.article, review, open_findings(review), out, author=self.reviewer
            )
        except Exception as exc:  # noqa: BLE001 - any export failure is reported, not fatal
            QMessageBox.warning(self, "Export DOCX", f"{out}: {exc}")
            return
        self.statusBar().showMessage(f"Exported {out}", 8000)

    def dragEnterEvent(self, ev) -> None:  # noqa: N802 - Qt override
        if any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:  # noqa: N802 - Qt override
        for url in ev.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                ev.acceptProposedAction()
                return
