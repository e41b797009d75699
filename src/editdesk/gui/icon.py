"""The application icon (resources/icons/): the SVG, and the PNG rendered from it.

``python -m editdesk.gui.icon`` re-renders the 256 px PNG after the SVG changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from editdesk.core import paths

ICON_NAME = "org.editdesk.EditDesk"


def icon_dir() -> Path:
    return paths.resource_dir() / "icons"


def app_icon() -> QIcon:
    icon = QIcon()
    for name in (f"{ICON_NAME}.svg", f"{ICON_NAME}-256.png"):
        f = icon_dir() / name
        if f.is_file():
            icon.addFile(str(f))
    return icon


def render_png(svg: Path, out: Path, size: int = 256) -> None:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise OSError(f"{out}: cannot write the PNG")


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])
    render_png(icon_dir() / f"{ICON_NAME}.svg", icon_dir() / f"{ICON_NAME}-256.png")
