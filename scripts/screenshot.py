#!/usr/bin/env python3
"""Screenshot of the real EditDesk window, for docs/screenshot.png.

Run under a virtual display:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshot.py

It copies the sample article to a temporary folder (the review file is written
there, never into the repository), opens it, waits for LanguageTool's
findings, adds an editor comment with a reply, selects that comment's card and
saves the window (QWidget.grab) as a PNG. ``--root`` also saves the whole X
screen with ImageMagick's ``import -window root``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT / "resources" / "sample-article.md"
FALLBACK_ARTICLE = ROOT.parent / "shared" / "samples" / "no-limit-partnership.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--server", default=os.environ.get("EDITDESK_LT_URL"))
    parser.add_argument("--root", type=Path, help="also save the X screen here (import)")
    parser.add_argument("--timeout", type=float, default=240.0)
    args = parser.parse_args()

    source = args.article or (DEFAULT_ARTICLE if DEFAULT_ARTICLE.is_file() else FALLBACK_ARTICLE)
    if not source.is_file():
        print(f"screenshot: {source}: no such file", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="editdesk-shot-"))
    os.environ["EDITDESK_CONFIG_DIR"] = str(work / "config")  # no remembered geometry
    article = work / source.name
    shutil.copyfile(source, article)

    sys.path.insert(0, str(ROOT / "src"))
    from PySide6.QtWidgets import QApplication

    from editdesk.gui.icon import app_icon
    from editdesk.gui.main_window import MainWindow
    from editdesk.gui.offsets import OffsetMap

    app = QApplication(sys.argv[:1])
    app.setApplicationName("EditDesk")
    app.setWindowIcon(app_icon())
    window = MainWindow(args.server)
    window.settings.reviewer, window.settings.role = "Ann Editor", "copy editor"
    window.resize(1440, 860)
    window.move(0, 0)
    window.show()
    try:
        if not window.open_path(article):
            return 1

        def pump(until, timeout: float) -> bool:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                app.processEvents()
                if until():
                    return True
                time.sleep(0.02)
            return until()

        def lt_done() -> bool:
            return window.engine.state == "unavailable" or any(
                i.rule_id.startswith("lt:") for i in window.items()
            )

        if not pump(lt_done, args.timeout):
            print("screenshot: no LanguageTool findings in time", file=sys.stderr)

        # an accepted suggestion, shown as a tracked change (View > All Markup)
        fixable = next(
            (i for i in window.items() if not i.is_comment and i.replacements and i.is_open),
            None,
        )
        if fixable is not None:
            window.accept(fixable.key, fixable.replacements[0])
        # an editor's comment on the first finding's line, with the writer's reply
        text = window.view.text()
        first = next((i for i in window.items() if not i.is_comment), None)
        line_start = text.rfind("\n", 0, first.start) + 1 if first else 0
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        qs, qe = OffsetMap(text).span_to_qt(line_start, line_end)
        comment_id = window.add_comment(qs, qe, "Please check the names and their spelling.")
        if comment_id:
            window.session.reply(comment_id, "Checked with the newsdesk; capitals added.", "Writer")
            window.sign_off("Ann Editor", "copy editor", "changes-requested", "See my comments")
            window.refresh_items()
            row = window.pane.model.row_of(comment_id)
            window.pane.view.setCurrentIndex(window.pane.model.index(row))
        pump(lambda: False, 0.5)

        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(args.out)):
            print(f"screenshot: cannot write {args.out}", file=sys.stderr)
            return 1
        print(f"screenshot: {args.out} ({len(window.items())} items)")
        if args.root:
            subprocess.run(["import", "-window", "root", str(args.root)], check=True)
            print(f"screenshot: {args.root}")
    finally:
        window.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
