"""The application icon (resources/icons/)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from editdesk import paths


def app_icon() -> QIcon:
    icon = QIcon()
    folder = paths.resource_dir() / "icons"
    for name in ("org.editdesk.EditDesk.svg", "org.editdesk.EditDesk-256.png"):
        f = folder / name
        if f.is_file():
            icon.addFile(str(f))
    return icon
