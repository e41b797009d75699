"""Code points (the core's offsets) <-> UTF-16 code units (QTextCursor positions).

Python strings index by code point; Qt documents by UTF-16 code unit, where a
character outside the Basic Multilingual Plane (emoji, 𝑥) takes two units.
Every offset that crosses between the core and a Qt widget goes through here.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts offsets for one text; build it once per text snapshot (O(n))."""

    __slots__ = ("_astral_py", "_astral_qt", "length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        if text.isascii():
            self._astral_py: list[int] = []
        else:
            self._astral_py = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: its code-point index plus
        # one extra unit for every astral character before it.
        self._astral_qt = [i + n for n, i in enumerate(self._astral_py)]

    def to_qt(self, offset: int) -> int:
        """Code-point offset -> UTF-16 position."""
        if not self._astral_py:
            return offset
        return offset + bisect.bisect_left(self._astral_py, offset)

    def to_py(self, position: int) -> int:
        """UTF-16 position -> code-point offset (a position inside a pair rounds down)."""
        if not self._astral_qt:
            return position
        # Astral characters starting before the position each add one unit; inside a
        # pair this also counts the character itself, landing on its start.
        return position - bisect.bisect_left(self._astral_qt, position)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_py(self, start: int, end: int) -> tuple[int, int]:
        return self.to_py(start), self.to_py(end)


def utf16_len(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))
