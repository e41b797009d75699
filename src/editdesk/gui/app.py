"""Starting the app: the QApplication, the window, and closing on SIGTERM/SIGINT."""

from __future__ import annotations

import signal
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from editdesk.gui.icon import app_icon
from editdesk.gui.main_window import MainWindow


def _close_on_signals(window: MainWindow) -> None:
    """SIGTERM / SIGINT close the window the normal way: the review is saved and
    LanguageTool stopped. Python only sees a signal when it runs, hence the timer."""

    def close(_signum, _frame) -> None:
        QTimer.singleShot(0, window.close)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, close)
    wake = QTimer(window)
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()


def run(
    path: Path | None = None, server_url: str | None = None, nlp_server_url: str | None = None
) -> int:
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("EditDesk")
    app.setOrganizationName("EditDesk")
    app.setDesktopFileName("editdesk")
    app.setWindowIcon(app_icon())
    window = MainWindow(server_url, nlp_server_url=nlp_server_url)
    window.show()
    _close_on_signals(window)
    if not window.settings.reviewer:  # first run: who signs the edits and comments
        QTimer.singleShot(0, window.ask_reviewer)
    if path is not None:
        QTimer.singleShot(0, lambda: window.open_path(path))
    return app.exec()
