"""The EditDesk main window: the article beside the comments pane, the sign-off
panel below, the engine's state in the status bar."""

from __future__ import annotations

import base64
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editdesk import __version__
from editdesk.core.review.errors import ReviewError, SignOffRefused
from editdesk.gui.article_view import ArticleView
from editdesk.gui.check_process import CheckRequest
from editdesk.gui.comments_pane import CommentsPane
from editdesk.gui.items import Item, build_items
from editdesk.gui.offsets import OffsetMap
from editdesk.gui.review_session import OpenError, ReviewSession
from editdesk.gui.settings import GuiSettings
from editdesk.gui.signoff import SignOffDialog, SignOffPanel
from editdesk.gui.workers import CheckJob, CheckScheduler, EngineController

if TYPE_CHECKING:  # loaded with the first article: the window opens without it
    from editdesk.core.config import Config

CHECK_DELAY_MS = 800  # after typing stops
SYNC_DELAY_MS = 300
SAVE_DELAY_MS = 500
OPEN_FILTER = "Articles (*.txt *.md *.markdown *.docx);;All files (*)"
ENGINE_COLOURS = {
    "starting": "#8a6d00",
    "ready": "#1d7a3a",
    "unavailable": "#b3261e",
    "stopped": "#5f6670",
}


class MainWindow(QMainWindow):
    # emitted after every applied check result (tests and the screenshot script wait on it)
    checked = Signal(int)  # number of findings shown
    review_saved = Signal()

    def __init__(
        self,
        server_url: str | None = None,
        *,
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

        self.setWindowTitle("EditDesk")
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.view = ArticleView()
        self.pane = CommentsPane()
        self.signoff_panel = SignOffPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
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

        self.engine_label = QLabel()
        self.check_label = QLabel()
        self.statusBar().addPermanentWidget(self.check_label)
        self.statusBar().addPermanentWidget(self.engine_label)

        self.check_timer = _single_shot(self, CHECK_DELAY_MS, self.check_now)
        self.sync_timer = _single_shot(self, SYNC_DELAY_MS, self._sync_from_editor)
        self.save_timer = _single_shot(self, SAVE_DELAY_MS, self.save_review)

        self.engine = EngineController(server_url, self)
        self.engine.state_changed.connect(self._engine_state)
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

    # -- construction ----------------------------------------------------------------------
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

    # -- opening -----------------------------------------------------------------------
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
        from editdesk.core.config import Config, ConfigError, load_config

        try:
            self.config = load_config(path)
        except ConfigError as exc:
            try:
                self.config = load_config(None)
                fallback = "Using the default house style."
            except ConfigError:  # the broken file is the editor's own, read for every article
                self.config = Config()
                fallback = "Checking without house-style rules."
            QMessageBox.warning(self, "House style", f"{exc}\n\n{fallback}")

    def _close_session(self) -> None:
        self._sync_from_editor()
        self.save_review()
        self.session = None

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
        self.schedule_save()

    # -- checking ---------------------------------------------------------------------------
    def check_now(self) -> None:
        self.check_timer.stop()
        if self.session is None:
            return
        self.sync_timer.stop()
        self._sync_from_editor()
        review = self.session.review
        config = replace(
            self.config,
            disabled_rules=self.config.disabled_rules | set(review.ignored_rules),
            accepted_words=self.config.accepted_words | set(review.accepted_words),
        )
        request = CheckRequest(
            article=self.session.snapshot(review.text),
            config=config,
            lt_url=self.engine.url if self.engine.state == "ready" else None,
        )
        self._check_started = time.monotonic()
        self.scheduler.submit(CheckJob(self.revision, request))

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.check_label.setText("Checking…")

    def _check_done(self, revision: int, result) -> None:
        if self.session is None or revision != self.revision:
            return  # the text changed since: a newer check is on its way
        self._sync_from_editor()
        self.last_check_seconds = time.monotonic() - self._check_started
        self.last_language = result.language
        self.session.sync_findings(result.findings, result.sources)
        self.schedule_save()
        # The rest in steps, each its own turn of the event loop, so that applying
        # hundreds of findings never holds the GUI thread for long at a stretch.
        self._apply_token += 1
        token = self._apply_token
        items: list[Item] = []

        def still_current() -> bool:
            return self.session is not None and token == self._apply_token

        def show_in_text() -> None:
            if still_current():
                items.extend(build_items(self.session.review))
                self.view.set_items(items, self.session.review.text)
                QTimer.singleShot(0, show_in_pane)

        def show_in_pane() -> None:
            if still_current():
                self.pane.set_items(items)
                self.signoff_panel.show_review(self.session.review)
                self._check_applied(result)

        QTimer.singleShot(0, show_in_text)

    def _check_applied(self, result) -> None:
        n_open = sum(1 for i in self.pane.all_items if i.is_open and not i.is_comment)
        self.check_label.setText(f"{n_open} open finding{'s' if n_open != 1 else ''}")
        if result.lt_error:
            self._show_engine("unavailable", f"{result.lt_error} — house-style checks only")
            if self.engine.state == "ready":
                self.engine.recover_async(result.lt_error)
        elif self.engine.state == "ready":
            self._show_engine("ready", f"{self.engine.detail} ready · {result.language}")
        self.checked.emit(len(result.findings))

    def _check_failed(self, revision: int, message: str) -> None:
        if revision == self.revision:
            self.check_label.setText("check failed")
            self.statusBar().showMessage(f"Check failed: {message}", 15_000)

    def _engine_state(self, state: str, detail: str) -> None:
        if state == "ready":
            detail = f"{detail} ready" + (f" · {self.last_language}" if self.last_language else "")
        elif state == "unavailable":
            detail = f"LanguageTool unavailable: {detail} — house-style checks only"
        self._show_engine(state, detail)
        if state in ("ready", "unavailable") and self.session is not None:
            self.check_now()

    def _show_engine(self, state: str, detail: str) -> None:
        colour = ENGINE_COLOURS.get(state, "#5f6670")
        self.engine_label.setText(f"<span style='color:{colour}'>●</span> {detail}")
        self.engine_label.setToolTip(detail)
        self.engine_label.setProperty("engineState", state)

    # -- items ----------------------------------------------------------------------------------
    def refresh_items(self) -> None:
        if self.session is None:
            return
        self._apply_token += 1  # a check result still being shown is superseded
        review = self.session.review
        items = build_items(review)
        self.view.set_items(items, review.text)
        self.pane.set_items(items)
        self.signoff_panel.show_review(review)

    def _cursor_on_item(self, key: str) -> None:
        if key:
            self.pane.select_key(key)

    def _card_selected(self, key: str) -> None:
        self.view.select_item(key)

    def _open_keys_in_order(self) -> list[str]:
        keys = self.view.keys_in_text_order()
        return [k for k in keys if (it := self.view.item(k)) is not None and it.is_open]

    def next_item(self, backwards: bool = False) -> None:
        keys = self._open_keys_in_order()
        if not keys:
            self.statusBar().showMessage("No open items", 3000)
            return
        cursor = self.view.textCursor()
        here = (cursor.selectionStart(), cursor.selectionEnd())
        spans = [(self.view.span_of(k), k) for k in keys]
        if backwards:
            before = [k for (s, k) in spans if s < here]
            key = before[-1] if before else keys[-1]
        else:
            after = [k for (s, k) in spans if s > here]
            key = after[0] if after else keys[0]
        self.view.select_item(key)
        self.pane.select_key(key)
        self.view.setFocus()

    def previous_item(self) -> None:
        self.next_item(backwards=True)

    # -- decisions --------------------------------------------------------------------------
    def _review_op(self, op, *args) -> bool:
        if self.session is None:
            return False
        try:
            op(*args)
        except ReviewError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        return True

    def accept(self, key: str, replacement: str) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        before = self.session.review.text
        if not self._review_op(self.session.accept, key, replacement, self.reviewer):
            return
        after = self.session.review.text
        self.view.replace_span(before, after)  # one undoable edit block
        self.revision += 1
        self.refresh_items()
        self.schedule_save()
        self._select_next_after(key)

    def _select_next_after(self, key: str) -> None:
        span = self.view.span_of(key)
        if span is None:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(span[1])
        self.view.setTextCursor(cursor)

    def reject(self, key: str) -> None:
        self._decide(lambda: self.session.reject(key, self.reviewer))

    def ignore(self, key: str) -> None:
        self._decide(lambda: self.session.ignore(key, self.reviewer))

    def ignore_rule(self, rule_id: str) -> None:
        self._decide(lambda: self.session.ignore_rule(rule_id))

    def accept_word(self, word: str) -> None:
        self._decide(lambda: self.session.accept_word(word))

    def _decide(self, op) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        if self._review_op(op):
            self.refresh_items()
            self.schedule_save()

    # -- comments ----------------------------------------------------------------------------
    def add_comment_dialog(self) -> None:
        if self.session is None:
            return
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        if not cursor.hasSelection():
            self.statusBar().showMessage("Select the words to comment on first", 4000)
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "Add comment", f"Comment on “{cursor.selectedText()[:60]}”:"
        )
        if ok and text.strip():
            self.add_comment(cursor.selectionStart(), cursor.selectionEnd(), text.strip())

    def add_comment(self, qt_start: int, qt_end: int, text: str) -> str:
        """Comment on a Qt span of the document; returns the new comment's id."""
        if self.session is None:
            return ""
        self._sync_from_editor()
        m = OffsetMap(self.session.review.text)
        start, end = m.span_to_py(qt_start, qt_end)
        comment = None

        def op() -> None:
            nonlocal comment
            comment = self.session.add_comment(start, end, text, self.reviewer)

        self._decide(op)
        if comment is None:
            return ""
        self.pane.select_key(comment.id)
        self.view.set_current(comment.id)
        return comment.id

    def reply(self, comment_id: str, text: str) -> None:
        self._decide(lambda: self.session.reply(comment_id, text, self.reviewer))

    def resolve(self, comment_id: str, resolved: bool) -> None:
        self._decide(lambda: self.session.resolve(comment_id, resolved))

    # -- sign-off ------------------------------------------------------------------------------
    def sign_off_dialog(self) -> None:
        if self.session is None:
            return
        self._sync_from_editor()
        dialog = SignOffDialog(self.session.review, self.reviewer, self.settings.role, self)
        if dialog.exec() != SignOffDialog.DialogCode.Accepted:
            return
        self.sign_off(**dialog.values())

    def sign_off(
        self, editor: str, role: str, decision: str, note: str = "", force_reason: str | None = None
    ) -> bool:
        if self.session is None:
            return False
        self._sync_from_editor()
        try:
            self.session.sign_off(
                editor=editor,
                role=role,
                decision=decision,
                note=note,
                style_hash=self.config.style_hash,
                force_reason=force_reason,
            )
        except SignOffRefused as exc:
            QMessageBox.warning(self, "Sign-off refused", str(exc))
            return False
        self.settings.reviewer, self.settings.role = editor, role
        self.settings.save()
        self.signoff_panel.show_review(self.session.review)
        self.save_review()
        return True

    # -- saving and export ------------------------------------------------------------------------
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
        from editdesk.export import export_docx

        self._sync_from_editor()
        default = self.session.path.with_name(self.session.path.stem + "-reviewed.docx")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export DOCX", str(default), "Word documents (*.docx)"
        )
        if not name:
            return
        out = Path(name)
        if out.resolve() == self.session.path.resolve():
            QMessageBox.warning(
                self, "Export DOCX", "Choose another file: the article itself is never overwritten."
            )
            return
        review = self.session.review
        findings = [s.finding for s in review.findings if s.is_open]
        try:
            export_docx(self.session.article, review, findings, out, author=self.reviewer)
        except Exception as exc:  # noqa: BLE001 - any export failure is reported, not fatal
            QMessageBox.warning(self, "Export DOCX", f"{out}: {exc}")
            return
        self.statusBar().showMessage(f"Exported {out}", 8000)

    # -- window ----------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in self.settings.recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_path(Path(path)))
        if not self.settings.recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def dragEnterEvent(self, ev) -> None:  # noqa: N802 - Qt override
        if any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:  # noqa: N802 - Qt override
        for url in ev.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                ev.acceptProposedAction()
                return

    def about(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        lt = self.engine.version or "not running"
        QMessageBox.about(
            self,
            "About EditDesk",
            f"<h3>EditDesk {__version__}</h3>"
            "<p>Editorial review for articles: grammar and house-style checks, comments, "
            "sign-off, marked-up DOCX export.</p>"
            f"<p>LanguageTool: {lt}<br>Qt: {qVersion()} (PySide6 {pyside_version})</p>",
        )

    def closeEvent(self, ev: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.session is not None:
            self._close_session()
        self.settings.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.splitter = base64.b64encode(bytes(self.splitter.saveState())).decode()
        self.settings.save()
        self.scheduler.shutdown()
        self.engine.stop()
        ev.accept()

    # for tests and scripts
    def items(self) -> list[Item]:
        return list(self.pane.all_items)


def _single_shot(parent, msecs: int, slot) -> QTimer:
    t = QTimer(parent)
    t.setSingleShot(True)
    t.setInterval(msecs)
    t.timeout.connect(slot)
    return t


def _close_on_signals(window: MainWindow) -> None:
    """SIGTERM / SIGINT close the window the normal way: the review is saved and
    LanguageTool stopped. Python only sees a signal when it runs, hence the timer."""
    import signal

    def close(_signum, _frame) -> None:
        QTimer.singleShot(0, window.close)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, close)
    wake = QTimer(window)
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()


def run(path: Path | None = None, server_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("EditDesk")
    app.setOrganizationName("EditDesk")
    app.setDesktopFileName("editdesk")
    from editdesk.gui.icon import app_icon

    app.setWindowIcon(app_icon())
    window = MainWindow(server_url)
    window.show()
    _close_on_signals(window)
    if path is not None:
        QTimer.singleShot(0, lambda: window.open_path(path))
    return app.exec()
