"""Turn PATH arguments into the list of article files to check."""

from __future__ import annotations

import os
from pathlib import Path

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".docx"}
# Things EditDesk writes itself, never articles to check in a folder walk.
_OWN_OUTPUTS = (".editdesk.json", ".reviewed.docx")


def collect(paths: list[str]) -> list[Path]:
    """Files named on the command line are taken as they are (a missing or
    unsupported one is reported by the reader); folders are walked for
    articles, in a stable order, skipping hidden folders."""
    out: list[Path] = []
    seen: set[Path] = set()
    for arg in paths:
        p = Path(arg)
        candidates = _walk(p) if p.is_dir() else [p]
        for c in candidates:
            key = c.resolve() if c.exists() else c.absolute()
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")) or name.endswith(_OWN_OUTPUTS):
                continue
            if Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                found.append(Path(root) / name)
    return found
