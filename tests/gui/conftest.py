"""GUI test helpers: an isolated config folder, a window factory, and dialogs
that record what they would have said instead of blocking the test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def gui_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Message boxes shown, as (kind, title, text); none of them blocks."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []

    def record(kind: str):
        def show(_parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(record("about")))
    return shown


@pytest.fixture
def make_window(qtbot, dialogs) -> Iterator[Callable[..., object]]:
    from editdesk.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def factory(
        server_url: str | None = None, *, start_engine: bool = True, **kwargs: object
    ) -> MainWindow:
        window = MainWindow(server_url, start_engine=start_engine, **kwargs)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)  # shortcuts go to the active window
        windows.append(window)
        return window

    yield factory
    for window in windows:
        if window.isVisible():
            window.close()


def write_article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
