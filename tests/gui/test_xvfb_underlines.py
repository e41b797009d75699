"""On a real X server (Xvfb): the 25,000-word article, scrolled far in, shows its
findings' underlines in the visible text: pixels of the underline colours in the
grabbed viewport (not only the extra selections Qt was given)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.gui.conftest import write_article

HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed")
def test_underlines_are_drawn_in_the_visible_text(shared_sample, tmp_path):
    text = "\n".join([shared_sample.read_text(encoding="utf-8")] * 20)
    article = write_article(tmp_path, "large.txt", text)
    shot = tmp_path / "viewport.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1400x900x24",
            sys.executable,
            str(HERE / "xvfb_underlines.py"),
            str(article),
            str(shot),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert shot.is_file()
    assert report["on_screen"], "no finding on screen where the test scrolled"
    drawn = [s for s in report["on_screen"] if report["pixels"][s] > 0]
    # a wavy underline under a word is dozens of pixels; one severity on screen at least
    assert drawn, report
    assert max(report["pixels"].values()) > 200, report
