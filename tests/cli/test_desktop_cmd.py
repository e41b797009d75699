"""``editdesk desktop install|uninstall`` into a temporary XDG data folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editdesk import xdg_install
from editdesk.cli import main

MIME_TYPES = (
    "text/plain",
    "text/markdown",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


@pytest.fixture()
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_install_puts_entry_icons_and_metainfo_in_xdg_data_home(data_home, qapp, capsys):
    assert main(["desktop", "install"]) == 0
    desktop = data_home / "applications" / "org.editdesk.EditDesk.desktop"
    entry = _entry(desktop)
    gui = Path(sys.executable).parent / "editdesk-gui"
    assert entry["Exec"] == f"{gui} %f"
    assert entry["TryExec"] == str(gui)
    assert set(MIME_TYPES) <= set(entry["MimeType"].rstrip(";").split(";"))
    assert (data_home / "metainfo" / "org.editdesk.EditDesk.metainfo.xml").is_file()

    from PySide6.QtGui import QImage

    for size in xdg_install.ICON_SIZES:
        png = data_home / f"icons/hicolor/{size}x{size}/apps/org.editdesk.EditDesk.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        # Rendered, not blank: the centre of the icon is opaque.
        assert image.pixelColor(size // 2, size // 2).alpha() > 0
    assert (data_home / "icons/hicolor/scalable/apps/org.editdesk.EditDesk.svg").is_file()
    printed = capsys.readouterr().out.splitlines()
    assert str(desktop) in printed and len(printed) == 2 + len(xdg_install.ICON_SIZES) + 1


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_installed_files_validate(data_home, qapp):
    outcome = xdg_install.install()
    assert set(outcome.validation) == {"desktop-file-validate", "appstreamcli"}
    desktop = xdg_install.desktop_path()
    run = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout
    meta = xdg_install.metainfo_path()
    run = subprocess.run(["appstreamcli", "validate", "--no-net", str(meta)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.skipif(not shutil.which("update-desktop-database"), reason="desktop-file-utils")
def test_open_with_lists_editdesk_for_txt_md_and_docx(data_home, qapp):
    xdg_install.install()
    cache = (data_home / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    for mime in MIME_TYPES:
        line = next(x for x in cache.splitlines() if x.startswith(f"{mime}="))
        assert "org.editdesk.EditDesk.desktop" in line, mime
    gio = shutil.which("gio")
    if gio:  # what GLib-based file managers offer under "Open with"
        shown = subprocess.run([gio, "mime", "text/markdown"], capture_output=True, text=True)
        assert "org.editdesk.EditDesk.desktop" in shown.stdout, shown.stdout + shown.stderr


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/opt/Edit Desk/bin", '"/opt/Edit Desk/bin/editdesk-gui"'),
        ("/opt/a$b/bin", '"/opt/a\\\\$b/bin/editdesk-gui"'),
    ],
)
@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_exec_quotes_awkward_paths_as_the_spec_says(data_home, qapp, folder, expected):
    gui = Path(folder) / "editdesk-gui"
    xdg_install.install(gui=gui)
    assert _entry(xdg_install.desktop_path())["Exec"] == f"{expected} %f"


def test_uninstall_removes_exactly_what_install_wrote(data_home, qapp):
    other = data_home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    written = xdg_install.install().files
    assert main(["desktop", "uninstall"]) == 0
    assert not any(path.exists() for path in written)
    assert other.is_file()
    assert xdg_install.installed() is None


def test_install_without_an_editdesk_gui_says_so_in_one_line(data_home, monkeypatch, capsys):
    monkeypatch.setattr(sys, "executable", "/nonexistent/bin/python")
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["desktop", "install"]) == 1
    err = capsys.readouterr().err.strip()
    assert "editdesk-gui not found" in err and "\n" not in err
    assert not (data_home / "applications").exists()
