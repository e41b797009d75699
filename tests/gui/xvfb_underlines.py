"""Run under a real X server (Xvfb) by test_xvfb_underlines: open the large article,
scroll into it, grab the text's viewport and count the pixels in each severity's
underline colour. Prints one JSON line; saves the grab to argv[2]."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def near(pixel, colour) -> bool:
    """Whether ``pixel`` is ``colour`` laid over the white page at some strength
    (the wavy underline is antialiased): the same share of the way from white to
    the colour in every channel."""
    shares = [(255 - p) / (255 - c) for p, c in zip(pixel, colour, strict=True) if c < 250]
    if not shares or min(shares) < 0.25:
        return False
    return max(shares) - min(shares) < 0.12


def main() -> int:
    article, out = Path(sys.argv[1]), Path(sys.argv[2])
    os.environ["EDITDESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="editdesk-xvfb-")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from editdesk.gui.article_view import SEVERITY_COLOURS
    from editdesk.gui.main_window import MainWindow
    from editdesk.gui.settings import GuiSettings

    window = MainWindow(None, settings=GuiSettings(reviewer="Xvfb Test"), start_engine=False)
    window.resize(1400, 860)
    window.show()
    checked: list[int] = []
    window.checked.connect(checked.append)

    def pump(until, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not until() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    window.open_path(article)
    pump(lambda: bool(checked), 120)
    pump(lambda: False, 0.5)
    bar = window.view.verticalScrollBar()
    bar.setValue(int(bar.maximum() * 0.6))  # far into the article, past many copies
    pump(lambda: False, 0.5)
    image = window.view.viewport().grab().toImage()
    image.save(str(out))
    wanted = {name: c.getRgb()[:3] for name, c in SEVERITY_COLOURS.items()}
    counts = dict.fromkeys(wanted, 0)
    for y in range(image.height()):
        for x in range(0, image.width(), 1):
            rgb = image.pixelColor(x, y).getRgb()[:3]
            for name, colour in wanted.items():
                if near(rgb, colour):
                    counts[name] += 1
    view = window.view
    first = view.firstVisibleBlock().position()
    on_screen = sorted(
        {
            i.severity
            for i in window.items()
            if not i.is_comment
            and i.is_open
            and view.span_of(i.key)[0] >= first
            and view.cursorRect(_cursor_at(view, view.span_of(i.key)[0])).top()
            < view.viewport().height()
        }
    )
    print(json.dumps({"platform": app.platformName(), "pixels": counts, "on_screen": on_screen}))
    window.close()
    return 0


def _cursor_at(view, position: int):
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(view.document())
    c.setPosition(position)
    return c


if __name__ == "__main__":
    sys.exit(main())
