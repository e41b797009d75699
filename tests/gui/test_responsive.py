"""The GUI thread stays free while an article is checked (real LanguageTool)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from tests.gui.conftest import write_article

pytestmark = pytest.mark.integration

MAX_GAP_MS = 100


def _long_article() -> str:
    para = (
        "Editors reads every sentence befor it goes out, and they checks the facts twice. "
        "The the desk keeps a list of words that writers often get wrong, like teh and recieve. "
        "A sentence with 🎉 and 𝑥 in it still needs its commas in the right place, dont it."
    )
    return "\n\n".join(f"{i}. {para}" for i in range(60)) + "\n"


def test_gui_thread_never_blocked_while_checking(qtbot, make_window, lt_url, tmp_path, monkeypatch):
    # a cold result cache, so that LanguageTool really works during the check
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    window = make_window(lt_url)
    qtbot.waitUntil(lambda: window.engine.state == "ready", timeout=60_000)
    article = write_article(tmp_path, "long.txt", _long_article())

    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    started = time.monotonic()
    assert window.open_path(article)
    gaps.clear()  # opening (reading the file) is not the check; measure from here
    last[0] = time.monotonic()
    qtbot.waitUntil(
        lambda: sum(i.rule_id.startswith("lt:") for i in window.items()) > 60, timeout=120_000
    )
    qtbot.wait(50)  # a few ticks after the results were applied
    timer.stop()
    elapsed = time.monotonic() - started
    print(f"largest GUI-thread gap {max(gaps):.0f} ms during a {elapsed:.1f} s check")
    assert len(gaps) > 5, "the timer never fired"
    assert max(gaps) < MAX_GAP_MS, f"largest gap {max(gaps):.0f} ms over {elapsed:.1f} s"
