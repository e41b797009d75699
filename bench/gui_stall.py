"""The longest GUI-thread stall of the desktop app on a 25,000-word article (the
shared sample pasted 20 times), offscreen: while typing, while scrolling, and when
a check's results arrive. A 5 ms QTimer ticks on the GUI thread; a stall is the
longest gap between two ticks (the time the event loop could not answer a key).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_stall.py [--runs 3] [--profile]
    [--server URL]   # LanguageTool too (default: house style only, ~1,200 findings)

Reports each phase's longest stall (the worst of the runs and the median), with the
load average: on a shared machine a stall can be the scheduler's, not the app's. So
each gap is also measured in the GUI thread's own CPU time (``time.thread_time``):
the work the thread did without returning to the event loop, which is what the
stall would be on an idle machine.
``--profile`` prints what ran on the GUI thread (cProfile, by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "samples" / "no-limit-partnership.txt"
COPIES = 20
TYPED = "Typing goes on "


class Ticks:
    """Gaps between the ticks of a 5 ms timer on the GUI thread: wall clock, and the
    GUI thread's CPU time."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.cpu: list[float] = []
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append((now - self._last) * 1000)
        self.cpu.append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self.gaps.clear()
        self.cpu.clear()
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        return max(self.gaps, default=0.0), max(self.cpu, default=0.0)


def wait(app, condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.002)
    return False


def pump(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def one_run(app, article: Path, server: str | None, profiler: cProfile.Profile | None):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from editdesk.gui.main_window import MainWindow
    from editdesk.gui.settings import GuiSettings

    window = MainWindow(server, settings=GuiSettings(reviewer="Bench", initials="B"),
                        start_engine=server is not None)
    window.resize(1280, 820)
    window.show()
    checked: list[int] = []
    window.checked.connect(checked.append)
    if server is not None:
        wait(app, lambda: window.engine.state in ("ready", "unavailable"), 180)
    ticks = Ticks()
    result: dict[str, tuple[float, float]] = {}

    # results arriving: from opening (the check runs in the worker) to the last card
    ticks.start()
    window.open_path(article)
    wanted = "languagetool" if server else "house"
    wait(app, lambda: checked and wanted in window.session.review.checked_with, 300)
    pump(app, 0.3)
    result["open + results"] = ticks.stop()
    findings = len(window.session.review.findings)

    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(len(view.text()) // 2)
    view.setTextCursor(cursor)
    view.setFocus()
    if profiler:
        profiler.enable()
    ticks.start()
    before = len(checked)
    for ch in TYPED:
        QTest.keyClicks(view, ch)
        pump(app, 0.06)
    pump(app, 0.4)  # the sync after typing stops (300 ms)
    result["typing"] = ticks.stop()
    ticks.start()
    wait(app, lambda: len(checked) > before, 300)  # the re-check's results
    pump(app, 0.3)
    result["results after typing"] = ticks.stop()

    ticks.start()
    view.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(40):
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        pump(app, 0.03)
    bar = view.verticalScrollBar()
    for value in range(bar.maximum(), 0, -max(1, bar.maximum() // 40)):
        bar.setValue(value)
        pump(app, 0.03)
    pump(app, 0.3)
    result["scrolling"] = ticks.stop()
    if profiler:
        profiler.disable()
    assert TYPED in window.session.review.text
    window.close()
    app.processEvents()
    return result, findings


def single(server: str | None, profile: bool) -> int:
    """One run in this process (a fresh app): prints its figures as JSON."""
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["EDITDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        article = Path(tmp) / "large.txt"
        article.write_text("\n".join([SAMPLE.read_text(encoding="utf-8")] * COPIES), "utf-8")
        app = QApplication.instance() or QApplication([])
        profiler = cProfile.Profile() if profile else None
        result, findings = one_run(app, article, server, profiler)
        if profiler:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    print(json.dumps({"findings": findings, "phases": result}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", help="a LanguageTool server URL (default: house style only)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(f"skipped: {SAMPLE} is not here (the shared samples)", file=sys.stderr)
        return 0
    if args.single:
        return single(args.server, args.profile)

    runs = []
    findings = 0
    for _ in range(args.runs):  # each run a fresh process: a fresh app, worker and caches
        cmd = [sys.executable, __file__, "--single"]
        cmd += ["--server", args.server] if args.server else []
        cmd += ["--profile"] if args.profile else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=900)
        if args.profile:
            print(out.stderr, file=sys.stderr)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        findings = data["findings"]
        runs.append(data["phases"])
    load = os.getloadavg()
    words = len(SAMPLE.read_text(encoding="utf-8").split()) * COPIES
    print(
        f"GUI-thread stall, {words:,} words, {findings:,} findings, {args.runs} runs, "
        f"{'LanguageTool + ' if args.server else ''}house style, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores:"
    )
    print(f"  {'':<22} {'wall clock':>24}   {'GUI thread CPU':>24}")
    for phase in runs[0]:
        wall = [r[phase][0] for r in runs]
        cpu = [r[phase][1] for r in runs]
        print(
            f"  {phase:<22} longest {max(wall):5.0f} ms, median {statistics.median(wall):5.0f}"
            f"   longest {max(cpu):5.0f} ms, median {statistics.median(cpu):5.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
