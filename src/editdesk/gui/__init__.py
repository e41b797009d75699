"""The EditDesk desktop app (PySide6). Only ``editdesk gui`` imports this package."""

from __future__ import annotations

from pathlib import Path


def run(
    path: Path | None = None, server_url: str | None = None, nlp_server_url: str | None = None
) -> int:
    from editdesk.gui.app import run as _run

    return _run(path, server_url, nlp_server_url)
