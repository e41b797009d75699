"""The one exception every reader raises."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """A file could not be read as an article. ``str()`` is one line: ``PATH: reason``."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
