"""The real ``editdesk gui`` process: SIGTERM closes it cleanly, leaving no
LanguageTool JVM and no check process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from tests.gui.conftest import write_article

pytestmark = pytest.mark.integration


def _wait(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_sigterm_closes_the_app_and_everything_it_started(lt_url, tmp_path):
    # lt_url makes sure LanguageTool is installed; the app starts its own server
    article = write_article(tmp_path, "a.txt", "A short artcle to check.\n")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EDITDESK_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("EDITDESK_LT_URL", None)
    editdesk = Path(sys.executable).with_name("editdesk")
    proc = subprocess.Popen(
        [str(editdesk), "gui", str(article)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        app = psutil.Process(proc.pid)

        def descendants() -> list[psutil.Process]:
            try:
                return app.children(recursive=True)
            except psutil.NoSuchProcess:
                return []

        def has_java() -> bool:
            return any("java" in p.name() for p in descendants())

        assert _wait(has_java, 120), "the app did not start LanguageTool"
        started = descendants()
        assert len(started) >= 2  # the JVM and the check process (and its helper)
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, proc.stderr.read().decode()[-2000:]
        gone = _wait(
            lambda: not any(p.is_running() and p.status() != "zombie" for p in started), 30
        )
        assert gone, [p.cmdline() for p in started if p.is_running()]
    finally:
        if proc.poll() is None:
            proc.kill()
