"""Word-granular differences between two texts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words (letters, digits, inner apostrophes and hyphens), runs of whitespace,
# and any other single character (punctuation, symbols).
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Change:
    """``old[start:end]`` becomes ``new_text`` (found at ``new_start`` in the new text)."""

    start: int
    end: int
    new_start: int
    new_text: str

    @property
    def old_len(self) -> int:
        return self.end - self.start


def diff_words(old: str, new: str) -> list[Change]:
    """The changes turning ``old`` into ``new``, at word granularity, left to right."""
    if old == new:
        return []
    # Equal head and tail need no diffing (keeps long texts fast); both cuts are
    # moved to whitespace so a change never splits a word.
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    while head > 0 and not old[head - 1].isspace():
        head -= 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    while tail > 0 and not old[len(old) - tail].isspace():
        tail -= 1
    old_mid = old[head : len(old) - tail]
    new_mid = new[head : len(new) - tail]
    a = tokenize(old_mid)
    b = tokenize(new_mid)
    a_pos = _positions(a, head)
    b_pos = _positions(b, head)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changes.append(Change(a_pos[i1], a_pos[i2], b_pos[j1], "".join(b[j1:j2])))
    return changes


def _positions(tokens: list[str], base: int) -> list[int]:
    out = [base]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out
