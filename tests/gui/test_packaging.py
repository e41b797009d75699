"""The .desktop file, the AppStream metainfo and the icon."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from editdesk.gui.icon import ICON_NAME, app_icon, icon_dir, render_png

ROOT = Path(__file__).resolve().parents[2]


def test_desktop_file_validates():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (apt: desktop-file-utils)")
    out = subprocess.run(
        [tool, str(ROOT / "packaging" / f"{ICON_NAME}.desktop")], capture_output=True, text=True
    )
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_metainfo_validates():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (apt: appstream)")
    meta = ROOT / "packaging" / f"{ICON_NAME}.metainfo.xml"
    out = subprocess.run([tool, "validate", "--no-net", str(meta)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_icon_renders_and_png_matches_svg(qapp, tmp_path):
    from PySide6.QtGui import QImage

    png = icon_dir() / f"{ICON_NAME}-256.png"
    shipped = QImage(str(png))
    assert (shipped.width(), shipped.height()) == (256, 256)
    fresh = tmp_path / "icon.png"
    render_png(icon_dir() / f"{ICON_NAME}.svg", fresh)
    assert QImage(str(fresh)).convertToFormat(shipped.format()) == shipped
    assert not app_icon().isNull()
