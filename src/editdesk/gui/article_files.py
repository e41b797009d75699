"""Opening an article with its review, saving the review, exporting DOCX, dropping files."""

from __future__ import annotations

import pickle
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from editdesk.core.review.sidecar import review_to_dict
from editdesk.gui.edited_copy import COPY_FILTERS, default_copy_path, write_edited_copy
from editdesk.gui.export_dialog import ExportChoices, ExportDialog
from editdesk.gui.items import plural
from editdesk.service.exporting import export_review, is_the_article, open_findings
from editdesk.service.house_style import house_style_or_fallback
from editdesk.service.opening import OpenError
from editdesk.service.review_session import ReviewSession
from editdesk.service.signoff_state import stale_signoff

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
        self._save_base = None  # this review's own base, until a background save
        self.settings.add_recent(path)
        self.settings.save()
        self._load_config(path)
        self.style_dock.article_opened(path, self.config)
        self.setWindowTitle(f"EditDesk — {path.name}")
        if not session.read_only:
            self.saver.warm_up()
        self.view.setReadOnly(False)
        self.view.set_article_text(session.review.text, session.article)
        self._changes_made_of = None  # a new document: its changes are shown anew
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

    def autosave(self) -> None:
        """The save after a change: in the background (see background_save)."""
        if self.session is None:
            return
        if self.sync_timer.isActive():  # still typing: whole-article work waits for a pause
            self.save_timer.start()
            return
        self._sync_from_editor()
        session = self.session
        if session.read_only or not session.dirty:
            self.save_review()  # nothing to write, or says why it cannot
            return
        if self.saver.busy:
            self._save_again = True
            return
        self._background_saved()  # a finished save's hash first: the next one compares with it
        session.dirty = False  # changes from now on make it dirty again
        self.saver.start(session.review, session.path, self._save_base)

    def _background_saved(self) -> None:
        result = self.saver.take_result()
        if result is None:
            return
        session = self.session
        if session is None or session.path != result.path:
            return
        if result.error is not None:
            session.dirty = True
            self._save_failed(result.error)
        else:
            # What was saved is the base of the next merge with someone else's save
            # (another window, `editdesk review`); the window's review keeps the base it
            # was loaded with, so the save process is told.
            self._save_base = result.sent
            if result.merged:
                # The sidecar now holds what the other writer added, and this window's
                # review does not: its hash stays as it was, so that the next save
                # merges again instead of writing over those changes.
                self.statusBar().showMessage(
                    "Review merged with changes saved elsewhere (another window or "
                    "command); reopen the article to see them", 15_000
                )
            else:
                session.review.sidecar_sha256 = result.sha256
            session.saved_before = True
            self.review_saved.emit()
        if self._save_again:
            self._save_again = False
            self.schedule_save()

    def _save_failed(self, exc: BaseException) -> None:
        if not self._save_warned:
            QMessageBox.warning(self, "Review not saved", f"{self.session.sidecar()}: {exc}")
            self._save_warned = True
        self.statusBar().showMessage(f"Review NOT saved: {exc}")

    def save_review(self) -> bool:
        self.save_timer.stop()
        self.saver.wait()  # a background save first, so this one sees its file
        self._background_saved()
        if self.session is None:
            return False
        self._sync_from_editor()
        if self._save_base is not None:  # the base of a merge, as the save process has it
            self.session.review.sidecar_base = review_to_dict(pickle.loads(self._save_base))
            self._save_base = None
        try:
            saved = self.session.save()
        except OSError as exc:
            self._save_failed(exc)
            return False
        if not saved:
            self.statusBar().showMessage(f"Review not saved: {self.session.read_only}")
            return False
        self.review_saved.emit()
        return True

    def save_edited_copy(self) -> None:
        """The edited article to a new file; over the original only when the editor
        says so in a second question."""
        if self.session is None:
            return
        self._sync_from_editor()
        source = self.session.path
        name, _ = QFileDialog.getSaveFileName(
            self, "Save edited copy as", str(default_copy_path(source)), COPY_FILTERS
        )
        if not name:
            return
        out = Path(name)
        if out.resolve() == source.resolve():
            answer = QMessageBox.question(
                self,
                "Replace the original article?",
                f"{out.name} is the article you are reviewing. Replace it with the edited "
                "text? (The review stays and follows the new file.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            write_edited_copy(self.session.article, self.session.review.text, out)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Save edited copy", f"{out}: {exc}")
            return
        self.statusBar().showMessage(f"Saved the edited article as {out}", 8000)

    def export_docx(self) -> None:
        """File > Export…: the options dialog (non-blocking); exports when accepted."""
        if self.session is None:
            return
        self._sync_from_editor()
        review = self.session.review
        name = self.session.path.stem + "-reviewed.docx"
        folder = Path(self.settings.export_folder or self.session.path.parent)
        if not folder.is_dir():
            folder = self.session.path.parent
        s = self.settings
        dialog = ExportDialog(
            folder / name,
            s.reviewer,
            s.initials,
            stale=stale_signoff(review),
            signed=bool(review.signoffs),
            findings_mode=s.export_findings,
            accept_all_suggestions=s.export_safe_suggestions,
            summary_page=s.export_summary_page,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._export_with(self._remember_export(dialog.choices())))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def _remember_export(self, choices: ExportChoices) -> ExportChoices:
        """The dialog opens with these next time (in this and later runs)."""
        s = self.settings
        s.export_findings = choices.findings_mode
        s.export_safe_suggestions = choices.accept_all_suggestions
        s.export_summary_page = choices.summary_page
        beside = self.session is not None and choices.out.parent == self.session.path.parent
        s.export_folder = "" if beside else str(choices.out.parent)
        s.save()
        return choices

    def _export_with(self, choices: ExportChoices) -> bool:
        if self.session is None:
            return False
        self._sync_from_editor()
        out = choices.out
        if is_the_article(out, self.session.path):
            QMessageBox.warning(
                self, "Export DOCX", "Choose another file: the article itself is never overwritten."
            )
            return False
        if out.exists():
            answer = QMessageBox.question(
                self,
                "Export DOCX",
                f"{out.name} already exists. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        review = self.session.review
        try:
            report = export_review(
                self.session.article,
                review,
                open_findings(review),
                out,
                findings_mode=choices.findings_mode,
                author=choices.author or self.reviewer,
                initials=choices.initials or None,
                summary_page=choices.summary_page,
                accept_all_suggestions=choices.accept_all_suggestions,
                language=self.config.language if self.config is not None else None,
            )
        except Exception as exc:  # noqa: BLE001 - any export failure is reported, not fatal
            QMessageBox.warning(self, "Export DOCX", f"{out}: {exc}")
            return False
        applied = report.applied_suggestions
        extra = f", {plural(applied, 'suggestion')} applied" if applied else ""
        self.statusBar().showMessage(
            f"Exported {out} (sign-off {report.signoff_status}{extra})", 8000
        )
        return True

    def dragEnterEvent(self, ev) -> None:  # noqa: N802 - Qt override
        if any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:  # noqa: N802 - Qt override
        for url in ev.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                ev.acceptProposedAction()
                return
