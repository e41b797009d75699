"""The main window's menus and their actions, enabled while an article is open."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from editdesk import __version__


class MenusMixin:
    """Menus and actions of MainWindow (mixed into it)."""

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_open = self._action(
            file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.act_save = self._action(
            file_menu, "&Save Review", self.save_review, QKeySequence.StandardKey.Save
        )
        self.act_export = self._action(file_menu, "&Export DOCX…", self.export_docx, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        review = bar.addMenu("&Review")
        self.act_check = self._action(review, "&Check Now", self.check_now, "F7")
        review.addSeparator()
        self.act_next = self._action(review, "&Next Item", self.next_item, "F8")
        self.act_prev = self._action(review, "&Previous Item", self.previous_item, "Shift+F8")
        review.addSeparator()
        self.act_comment = self._action(
            review, "Add &Comment…", self.add_comment_dialog, "Ctrl+Alt+M"
        )
        self.act_signoff = self._action(review, "&Sign Off…", self.sign_off_dialog, "Ctrl+Alt+S")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About EditDesk", self.about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        self.addAction(act)
        return act

    def _set_enabled(self, on: bool) -> None:
        for act in (
            self.act_save,
            self.act_export,
            self.act_check,
            self.act_next,
            self.act_prev,
            self.act_comment,
            self.act_signoff,
        ):
            act.setEnabled(on)
        self.signoff_panel.button.setEnabled(on)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self.settings.recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_path(Path(path)))
        if not self.settings.recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def about(self) -> None:
        lt = self.engine.version or "not running"
        QMessageBox.about(
            self,
            "About EditDesk",
            f"<h3>EditDesk {__version__}</h3>"
            "<p>Editorial review for articles: grammar and house-style checks, comments, "
            "sign-off, marked-up DOCX export.</p>"
            f"<p>LanguageTool: {lt}<br>Qt: {qVersion()} (PySide6 {pyside_version})</p>",
        )
