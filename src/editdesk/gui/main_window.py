"""The EditDesk main window: the article beside the comments pane, the sign-off
panel below, the engine's state in the status bar."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editdesk.gui.article_display import OriginalView, severity_legend
from editdesk.gui.article_files import ArticleFilesMixin
from editdesk.gui.article_view import SEVERITY_COLOURS, ArticleView
from editdesk.gui.background_save import BackgroundSaver
from editdesk.gui.check_loop import CheckLoopMixin
from editdesk.gui.comments_pane import CommentsPane
from editdesk.gui.item_navigation import ItemNavigationMixin
from editdesk.gui.review_actions import ReviewActionsMixin
from editdesk.gui.settings import GuiSettings
from editdesk.gui.signoff import SignOffPanel
from editdesk.gui.style_sheet_panel import StyleSheetDock
from editdesk.gui.window_menus import MenusMixin
from editdesk.gui.workers import CheckScheduler, EngineController
from editdesk.service.review_session import ReviewSession

if TYPE_CHECKING:  # loaded with the first article: the window opens without it
    from editdesk.core.config import Config

CHECK_DELAY_MS = 800  # after typing stops
SYNC_DELAY_MS = 300
SAVE_DELAY_MS = 500


class MainWindow(
    MenusMixin,
    ArticleFilesMixin,
    CheckLoopMixin,
    ItemNavigationMixin,
    ReviewActionsMixin,
    QMainWindow,
):
    """The window and what it is made of; each job is a mixin in its own module."""

    # emitted after every applied check result (tests and the screenshot script wait on it)
    checked = Signal(int)  # number of findings shown
    review_saved = Signal()

    def __init__(
        self,
        server_url: str | None = None,
        *,
        nlp_server_url: str | None = None,
        settings: GuiSettings | None = None,
        start_engine: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings if settings is not None else GuiSettings.load()
        self.session: ReviewSession | None = None
        self.config: Config | None = None  # the open article's house style
        self.revision = 0
        self.last_language = ""
        self.last_check_seconds = 0.0
        self._check_started = 0.0
        self._save_warned = False
        self._apply_token = 0
        self.export_dialog = None  # File > Export…'s dialog while it is open

        self.setWindowTitle("EditDesk")
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.view = ArticleView()
        self.original_view = OriginalView(self.view.font())  # View > Original
        self.original_view.hide()
        self.pane = CommentsPane()
        self.signoff_panel = SignOffPanel()
        text_side = QWidget()
        text_lay = QVBoxLayout(text_side)
        text_lay.setContentsMargins(0, 0, 0, 0)
        text_lay.addWidget(self.view)
        text_lay.addWidget(self.original_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(text_side)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.signoff_panel)
        self.setCentralWidget(central)
        self.style_dock = StyleSheetDock(self)  # View > Batch Style Sheet (hidden at first)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.style_dock)
        self.style_dock.hide()

        self.engine_label = QLabel()
        self.structure_label = QLabel()  # CoreNLP's state: the structure checks
        self.check_label = QLabel()
        self.legend = severity_legend(SEVERITY_COLOURS)
        self.statusBar().addPermanentWidget(self.legend)
        self.statusBar().addPermanentWidget(self.check_label)
        self.statusBar().addPermanentWidget(self.engine_label)
        self.statusBar().addPermanentWidget(self.structure_label)

        self.check_timer = _single_shot(self, CHECK_DELAY_MS, self.check_now)
        self.sync_timer = _single_shot(self, SYNC_DELAY_MS, self._sync_from_editor)
        self.save_timer = _single_shot(self, SAVE_DELAY_MS, self.autosave)
        self.saver = BackgroundSaver(self)
        self.saver.done.connect(self._background_saved)
        self._save_again = False
        self._save_base: bytes | None = None  # see ArticleFilesMixin._background_saved

        self.engine = EngineController(server_url, self, nlp_server_url)
        self.engine.state_changed.connect(self._engine_state)
        self.engine.structure_changed.connect(self._structure_state)
        self.scheduler = CheckScheduler(self)
        self.scheduler.finished.connect(self._check_done)
        self.scheduler.failed.connect(self._check_failed)
        self.scheduler.busy_changed.connect(self._busy_changed)

        self._build_menus()
        self._connect()
        self._restore_layout()
        self._show_welcome()
        self._engine_state(
            "starting" if start_engine else "stopped",
            "starting LanguageTool…" if start_engine else "LanguageTool off",
        )
        if start_engine:
            self.engine.start()  # a background thread: the window is usable at once
        self.scheduler.warm_up()

    def _connect(self) -> None:
        self.view.document().contentsChange.connect(self._text_changed)
        self.view.item_at_cursor.connect(self._cursor_on_item)
        self.view.accept_requested.connect(self.accept)
        self.view.ignore_requested.connect(self.ignore)
        self.view.ignore_rule_requested.connect(self.ignore_rule)
        self.view.accept_word_requested.connect(self.accept_word)
        self.view.comment_requested.connect(self.add_comment_dialog)
        self.pane.item_selected.connect(self._card_selected)
        d = self.pane.detail
        d.accept_clicked.connect(self.accept)
        d.reject_clicked.connect(self.reject)
        d.ignore_clicked.connect(self.ignore)
        d.reply_submitted.connect(self.reply)
        d.resolve_clicked.connect(self.resolve)
        self.signoff_panel.button.clicked.connect(self.sign_off_dialog)

    def _restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.settings.geometry)))
        if self.settings.splitter:
            self.splitter.restoreState(QByteArray(base64.b64decode(self.settings.splitter)))

    def _show_welcome(self) -> None:
        self.view.set_article_text("")
        self.view.setPlaceholderText(
            "Open an article to review: File ▸ Open (Ctrl+O), or drop a .txt, .md or .docx here."
        )
        self.view.setReadOnly(True)
        self.signoff_panel.show_review(None)
        self._set_enabled(False)

    # -- text edits -------------------------------------------------------------------------
    def _text_changed(self, _pos: int, removed: int, added: int) -> None:
        if self.session is None or (removed == 0 and added == 0):
            return
        self.revision += 1
        self.sync_timer.start()
        self.check_timer.start()

    def _sync_from_editor(self) -> None:
        if self.session is None:
            return
        text = self.view.text()
        if text == self.session.review.text:
            return
        if self.session.reopen_if_undone(text, self.reviewer):
            self.refresh_items()
        else:
            self.session.sync_text(text, self.reviewer)
            self.signoff_panel.show_review(self.session.review)
            self.show_changes()
        self.schedule_save()

    def closeEvent(self, ev: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for dialog in self.findChildren(QDialog):  # e.g. the first run's name, on SIGTERM
            if dialog.isVisible():
                dialog.reject()
        if self.session is not None:
            self._close_session()
        self.settings.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.splitter = base64.b64encode(bytes(self.splitter.saveState())).decode()
        self.settings.save()
        self.scheduler.shutdown()
        self.saver.shutdown()
        self.engine.stop()
        ev.accept()


def _single_shot(parent, msecs: int, slot) -> QTimer:
    t = QTimer(parent)
    t.setSingleShot(True)
    t.setInterval(msecs)
    t.timeout.connect(slot)
    return t
