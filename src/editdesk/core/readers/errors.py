"""The one exception every reader raises."""

from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(text: str) -> str:
    """Control characters (a newline in a file name, say) shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class ReadError(Exception):
    """A file could not be read as an article. ``str()`` is one line: ``PATH: reason``."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{_one_line(str(self.path))}: {_one_line(self.reason)}"
