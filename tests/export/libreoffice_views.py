"""The text of DOCX files after LibreOffice's own Accept All and Reject All
(lo_accept_reject.py, run headless under the system Python's ``uno``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("lo_accept_reject.py")
SYSTEM_PYTHON = "/usr/bin/python3"
_MARK = re.compile(rb"<w:commentRange(?:Start|End)\b[^>]*/>|<w:commentReference\b[^>]*/>")
_EMPTY_RUN = re.compile(rb"<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?</w:r>")


def _soffice_bin() -> str | None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    real = Path(exe).resolve().with_name("soffice.bin")
    return str(real) if real.is_file() else None


def _without_comment_marks(src: Path, dst: Path) -> Path:
    """A copy without comment marks: LibreOffice 7.4.7 aborts
    (NoSuchElementException) loading any DOCX with comments over its UNO bridge,
    python-docx's own too; the marks hold no text, so the views are the same."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename
            if name.startswith("word/") and name.endswith(".xml") and "comments" not in name:
                data = _EMPTY_RUN.sub(b"", _MARK.sub(b"", data))
            zout.writestr(info, data)
    return dst


def libreoffice_views(paths: list[Path], tmp: Path) -> dict[Path, tuple[list[str], list[str]]]:
    """Each file's non-blank lines after LibreOffice's Accept All, then Reject All."""
    soffice = _soffice_bin()
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("LibreOffice's Python bridge (python3-uno) not installed")
    work = tmp / "lo-views"
    (work / "out").mkdir(parents=True, exist_ok=True)
    copies = [
        _without_comment_marks(p, work / f"{n}-{p.stem}.docx") for n, p in enumerate(paths)
    ]
    subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), soffice, str(work / "profile"), str(work / "out"),
         *map(str, copies)],
        capture_output=True, timeout=900, check=True,
    )

    def lines(copy: Path, mode: str) -> list[str]:
        text = (work / "out" / f"{copy.stem}.{mode}.txt").read_text(encoding="utf-8-sig")
        return [line for line in text.splitlines() if line.strip()]

    return {p: (lines(c, "accept"), lines(c, "reject")) for p, c in zip(paths, copies, strict=True)}
