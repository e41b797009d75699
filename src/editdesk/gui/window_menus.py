"""The main window's menus and their actions, enabled while an article is open."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from editdesk import __version__
from editdesk.gui.article_view import MARKUP_MODES


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
        self.act_save_copy = self._action(
            file_menu, "Save Edited &Copy As…", self.save_edited_copy, "Ctrl+Shift+S"
        )
        self.act_export = self._action(file_menu, "&Export…", self.export_docx, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view_menu = bar.addMenu("&View")
        group = QActionGroup(self)
        self.markup_actions: dict[str, QAction] = {}
        for n, (mode, label) in enumerate(MARKUP_MODES.items(), start=1):
            act = self._action(
                view_menu, label, lambda m=mode: self.set_markup_mode(m), f"Ctrl+Alt+{n}"
            )
            act.setCheckable(True)
            act.setChecked(mode == "all")
            group.addAction(act)
            self.markup_actions[mode] = act
        view_menu.addSeparator()
        self.act_notes = self._action(
            view_menu,
            "&Notes Beside the Text",
            lambda: self.view.show_notes(self.act_notes.isChecked()),
            "Ctrl+Alt+N",
        )
        self.act_notes.setCheckable(True)
        self.act_notes.setChecked(self.view.notes_shown())
        sheet_action = self.style_dock.toggleViewAction()
        sheet_action.setText("&Batch Style Sheet")
        sheet_action.setShortcut("Ctrl+Alt+B")
        view_menu.addAction(sheet_action)

        review = bar.addMenu("&Review")
        self.review_toolbar = self.addToolBar("Review")
        self.review_toolbar.setObjectName("reviewToolbar")
        self.act_check = self._action(review, "&Check Now", self.check_now, "F7")
        review.addSeparator()
        self.act_accept = self._action(
            review, "&Accept", self.accept_current, "Ctrl+Shift+A", toolbar=True
        )
        self.act_reject = self._action(
            review, "&Reject", self.reject_current, "Ctrl+Shift+R", toolbar=True
        )
        self.act_ignore = self._action(
            review, "&Ignore", self.ignore_current, "Ctrl+Shift+I", toolbar=True
        )
        self.act_reopen = self._action(
            review, "Re&open Decision", self.reopen_current, "Ctrl+Shift+O", toolbar=True
        )
        self.act_accept_all = self._action(
            review, "Accept All Shown (safe ones)", self.accept_all_shown, toolbar=True
        )
        self.act_reject_all = self._action(
            review, "Reject All Shown", self.reject_all_shown, toolbar=True
        )
        review.addSeparator()
        self.review_toolbar.addSeparator()
        self.act_next = self._action(review, "&Next Item", self.next_item, "F8", toolbar=True)
        self.act_prev = self._action(
            review, "&Previous Item", self.previous_item, "Shift+F8", toolbar=True
        )
        self.act_next_finding = self._action(
            review, "Next &Finding", lambda: self.next_item(kind="finding"), "Ctrl+Alt+F8"
        )
        self.act_prev_finding = self._action(
            review,
            "Previous Finding",
            lambda: self.next_item(backwards=True, kind="finding"),
            "Ctrl+Alt+Shift+F8",
        )
        self.act_next_comment = self._action(
            review, "Next Co&mment", lambda: self.next_item(kind="comment"), "Ctrl+F8"
        )
        self.act_prev_comment = self._action(
            review,
            "Previous Comment",
            lambda: self.next_item(backwards=True, kind="comment"),
            "Ctrl+Shift+F8",
        )
        self.act_next_change = self._action(
            review, "Next C&hange", lambda: self.next_change(), "Alt+F8"
        )
        self.act_prev_change = self._action(
            review, "Previous Change", lambda: self.next_change(backwards=True), "Alt+Shift+F8"
        )
        self.act_switch_focus = self._action(
            review, "Switch Between Text and Pane", self.switch_focus, "F6"
        )
        review.addSeparator()
        self.review_toolbar.addSeparator()
        self.act_comment = self._action(
            review, "Add &Comment…", self.add_comment_dialog, "Ctrl+Alt+M", toolbar=True
        )
        self.act_signoff = self._action(
            review, "&Sign Off…", self.sign_off_dialog, "Ctrl+Alt+S", toolbar=True
        )
        review.addSeparator()
        self._action(review, "Reviewer &Name…", self.ask_reviewer)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+/")
        self._action(help_menu, "&User Guide", self.show_user_guide, "F1")
        self._action(help_menu, "&About EditDesk", self.about)

    def _action(self, menu, text: str, slot, shortcut=None, *, toolbar: bool = False) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{text.replace('&', '')} ({act.shortcut().toString()})")
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        self.addAction(act)
        if toolbar:
            self.review_toolbar.addAction(act)
        return act

    def set_markup_mode(self, mode: str) -> None:
        """Word's four views: Simple / All Markup and No Markup show the edited text
        (editable); Original shows the article as it was read (read-only)."""
        self.markup_actions[mode].setChecked(True)
        original = mode == "original"
        if original:
            text = self.session.review.original if self.session is not None else ""
            article = self.session.article if self.session is not None else None
            self.original_view.show_article(text, article)
            self.original_view.verticalScrollBar().setValue(self.view.verticalScrollBar().value())
        else:
            self.view.set_markup(mode)
        self.original_view.setVisible(original)
        self.view.setVisible(not original)
        (self.original_view if original else self.view).setFocus()

    def show_shortcuts(self) -> None:
        """Every action with a shortcut, as the menus have them (one source of truth)."""
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            for act in menu.actions() if menu else ():
                if not act.shortcut().isEmpty():
                    name = act.text().replace("&", "").rstrip("…")
                    keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    rows.append(f"<tr><td>{name}</td><td><b>{keys}</b></td></tr>")
        extra = [
            ("Context menu of the selected finding", "Shift+F10 or Menu"),
            ("Leave the selected words for the pane", "Tab"),
        ]
        rows += [f"<tr><td>{a}</td><td><b>{k}</b></td></tr>" for a, k in extra]
        QMessageBox.information(
            self, "Keyboard shortcuts", "<table cellpadding='3'>" + "".join(rows) + "</table>"
        )

    def show_user_guide(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        guide = Path(__file__).resolve().parents[3] / "docs" / "user-guide.md"
        if guide.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide)))
        else:
            QMessageBox.information(
                self,
                "User guide",
                "The user guide is docs/user-guide.md in EditDesk's source folder.",
            )

    def _set_enabled(self, on: bool) -> None:
        for act in (
            self.act_save,
            self.act_save_copy,
            self.act_export,
            self.act_check,
            self.act_accept,
            self.act_reject,
            self.act_ignore,
            self.act_reopen,
            self.act_accept_all,
            self.act_reject_all,
            self.act_next,
            self.act_prev,
            self.act_next_finding,
            self.act_prev_finding,
            self.act_next_comment,
            self.act_prev_comment,
            self.act_next_change,
            self.act_prev_change,
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
