"""Putting EditDesk into the desktop's application menu: the freedesktop.org way.

``editdesk desktop install`` writes into the user's XDG data folder (``$XDG_DATA_HOME``,
``~/.local/share`` by default):

- ``applications/org.editdesk.EditDesk.desktop`` with Exec and TryExec pointing at the
  ``editdesk-gui`` installed beside the running Python (a venv's or pipx's bin folder),
  so the menu starts this installation whatever is on the menu's PATH; its MimeType line
  puts EditDesk in "Open with" for .txt, .md and .docx;
- ``icons/hicolor/<N>x<N>/apps/org.editdesk.EditDesk.png`` rendered from the SVG with Qt,
  and ``icons/hicolor/scalable/apps/`` the SVG itself;
- ``metainfo/org.editdesk.EditDesk.metainfo.xml`` (AppStream, for software centres).

Both files are validated with desktop-file-validate and appstreamcli where installed,
and the desktop's caches are refreshed (update-desktop-database, gtk-update-icon-cache)
where those tools exist. ``uninstall`` removes exactly these files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from editdesk.core import paths

APP_ID = "org.editdesk.EditDesk"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Characters that make the desktop entry spec require a quoted Exec argument.
_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


class DesktopInstallError(Exception):
    """One line: what could not be installed, and why."""


@dataclass
class Outcome:
    data_home: Path
    files: list[Path] = field(default_factory=list)
    validation: dict[str, str] = field(default_factory=dict)  # tool -> its output ("" = clean)


def data_home() -> Path:
    return Path(platformdirs.user_data_path())


def desktop_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "applications" / DESKTOP_FILE


def metainfo_path(home: Path | None = None) -> Path:
    return (home or data_home()) / "metainfo" / METAINFO_FILE


def icon_paths(home: Path | None = None) -> dict[str, Path]:
    hicolor = (home or data_home()) / "icons" / "hicolor"
    found = {f"{n}x{n}": hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES}
    found["scalable"] = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    return found


def packaged(name: str) -> Path:
    """packaging/NAME in a checkout, the wheel's resources/desktop/NAME otherwise."""
    checkout = Path(__file__).resolve().parents[2] / "packaging" / name
    if checkout.is_file():
        return checkout
    return paths.resource(f"desktop/{name}")


def gui_executable() -> Path:
    """The editdesk-gui of this installation (beside the running interpreter first)."""
    beside = Path(sys.executable).parent / "editdesk-gui"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside.absolute()
    found = shutil.which("editdesk-gui")
    if found:
        return Path(found).absolute()
    raise DesktopInstallError(
        f"editdesk-gui not found beside {sys.executable} or on PATH: "
        "install EditDesk with pip or pipx first"
    )


def exec_argument(path: Path) -> str:
    """``path`` as one Exec argument, quoted and escaped as the desktop entry spec says."""
    text = str(path)
    if not _RESERVED.intersection(text):
        return text
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    # The value is a string too: its backslashes are escaped once more.
    return quoted.replace("\\", "\\\\")


def desktop_entry(gui: Path) -> str:
    """The packaged entry with Exec and TryExec pointing at ``gui``."""
    lines = []
    for line in packaged(DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_argument(gui)} %f"
        elif line.startswith("TryExec="):
            line = f"TryExec={str(gui).replace(chr(92), chr(92) * 2)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _render_icons(targets: dict[str, Path]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from editdesk.gui.icon import ICON_NAME, icon_dir, render_png

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = icon_dir() / f"{ICON_NAME}.svg"
    for size, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if size == "scalable":
            _write(target, svg.read_bytes())
            continue
        tmp = target.with_name(f".{target.name}.tmp.png")
        render_png(svg, tmp, int(size.split("x")[0]))
        os.replace(tmp, target)


def validate(desktop: Path, metainfo: Path) -> dict[str, str]:
    """Each validator found: its complaints ("" when clean). Raises on a failed check."""
    results: dict[str, str] = {}
    checks = {
        "desktop-file-validate": [str(desktop)],
        "appstreamcli": ["validate", "--no-net", str(metainfo)],
    }
    for tool, arguments in checks.items():
        program = shutil.which(tool)
        if not program:
            continue
        run = subprocess.run([program, *arguments], capture_output=True, text=True,
                             timeout=120, check=False)
        output = (run.stdout + run.stderr).strip()
        if run.returncode != 0:
            first = output.splitlines()[0] if output else f"exit {run.returncode}"
            raise DesktopInstallError(f"{tool} rejects the installed file: {first}")
        results[tool] = "" if tool == "desktop-file-validate" else output
    return results


def _refresh_caches(home: Path) -> None:
    for command in (
        ["update-desktop-database", "-q", str(home / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons" / "hicolor")],
    ):
        if shutil.which(command[0]):
            subprocess.run(command, capture_output=True, timeout=120, check=False)


def install(home: Path | None = None, gui: Path | None = None) -> Outcome:
    home = home or data_home()
    outcome = Outcome(home)
    desktop = desktop_path(home)
    _write(desktop, desktop_entry(gui or gui_executable()).encode("utf-8"))
    outcome.files.append(desktop)
    icons = icon_paths(home)
    _render_icons(icons)
    outcome.files.extend(icons.values())
    meta = metainfo_path(home)
    _write(meta, packaged(METAINFO_FILE).read_bytes())
    outcome.files.append(meta)
    outcome.validation = validate(desktop, meta)
    _refresh_caches(home)
    return outcome


def uninstall(home: Path | None = None) -> Outcome:
    home = home or data_home()
    outcome = Outcome(home)
    for path in (desktop_path(home), metainfo_path(home), *icon_paths(home).values()):
        if path.exists():
            path.unlink()
            outcome.files.append(path)
    _refresh_caches(home)
    return outcome


def installed(home: Path | None = None) -> Path | None:
    """The installed desktop entry, if there is one."""
    path = desktop_path(home)
    return path if path.is_file() else None
