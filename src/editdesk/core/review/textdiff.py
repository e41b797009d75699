"""The change between two versions of a text, and how offsets move through it.

``single_edit`` trims the common prefix and suffix: one replaced region, found
in O(n), which is exactly what typing, pasting or accepting a suggestion does.
``edits_between`` uses difflib for texts that differ in several places.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """``old[start:end]`` became ``new`` (a replacement, insertion or deletion)."""

    start: int
    end: int
    new: str

    @property
    def delta(self) -> int:
        return len(self.new) - (self.end - self.start)

    def touches(self, start: int, end: int) -> bool:
        """Whether the edit changes anything inside the span ``[start, end)``."""
        if self.start == self.end:  # insertion: only strictly inside counts
            return start < self.start < end
        return self.start < end and start < self.end


def single_edit(old: str, new: str) -> Edit | None:
    """The one region that differs between ``old`` and ``new`` (None if equal)."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = _common_prefix(old, new, limit)
    suffix = _common_suffix(old, new, limit - prefix)
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix])


def _common_prefix(a: str, b: str, limit: int) -> int:
    # Galloping then bisecting with slice comparisons: C-speed, O(n) copying in
    # all, instead of a Python loop per character (typing in a long article).
    lo, step = 0, 64
    while lo < limit:
        hi = min(limit, lo + step)
        if a[lo:hi] != b[lo:hi]:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if a[lo:mid] == b[lo:mid]:
                    lo = mid
                else:
                    hi = mid
            return lo
        lo, step = hi, step * 2
    return limit


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    n, step = 0, 64
    while n < limit:
        m = min(limit, n + step)
        if a[la - m : la - n] != b[lb - m : lb - n]:
            while m - n > 1:
                mid = (n + m) // 2
                if a[la - mid : la - n] == b[lb - mid : lb - n]:
                    n = mid
                else:
                    m = mid
            return n
        n, step = m, step * 2
    return limit


def edits_between(old: str, new: str) -> list[Edit]:
    """All changed regions from ``old`` to ``new``, in order, as offsets into ``old``.

    Lines first, then words inside changed lines of modest size: difflib
    is quadratic in the worst case, so it never sees a whole long text.
    """
    one = single_edit(old, new)
    if one is None:
        return []
    # Widen the differing middle to whole words (the common prefix and suffix
    # are equal in both texts, so the same widening holds for both).
    start, suffix = one.start, len(old) - one.end
    while start > 0 and _is_word(old[start - 1]):
        start -= 1
    while suffix > 0 and _is_word(old[len(old) - suffix]):
        suffix -= 1
    a = old[start : len(old) - suffix]
    b = new[start : len(new) - suffix]
    one = Edit(start, len(old) - suffix, b)
    if len(a) + len(b) <= CHAR_DIFF_LIMIT:
        return _token_edits(a, b, one.start)
    a_lines = a.splitlines(keepends=True)
    b_lines = b.splitlines(keepends=True)
    a_pos = _positions(a_lines)
    b_pos = _positions(b_lines)
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        block_a = a[a_pos[i1] : a_pos[i2]]
        block_b = b[b_pos[j1] : b_pos[j2]]
        if len(block_a) + len(block_b) <= CHAR_DIFF_LIMIT:
            edits.extend(_token_edits(block_a, block_b, one.start + a_pos[i1]))
        else:
            edits.append(Edit(one.start + a_pos[i1], one.start + a_pos[i2], block_b))
    return edits


CHAR_DIFF_LIMIT = 4000


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _positions(lines: list[str]) -> list[int]:
    pos = [0]
    for line in lines:
        pos.append(pos[-1] + len(line))
    return pos


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _token_edits(a: str, b: str, base: int) -> list[Edit]:
    """Edits at word granularity: "teh" -> "the" is one replacement, not two
    letter moves, so a change is never half applied or half tracked."""
    a_tok = _TOKEN.findall(a)
    b_tok = _TOKEN.findall(b)
    a_pos = _positions(a_tok)
    b_pos = _positions(b_tok)
    matcher = difflib.SequenceMatcher(None, a_tok, b_tok, autojunk=False)
    return [
        Edit(base + a_pos[i1], base + a_pos[i2], b[b_pos[j1] : b_pos[j2]])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def map_start(pos: int, edit: Edit) -> int:
    """Where a span's start moves; a start inside a replaced region stays at its start."""
    if pos < edit.start:
        return pos
    if pos >= edit.end:
        return pos + edit.delta
    return edit.start


def map_end(pos: int, edit: Edit) -> int:
    """Where a span's end moves; text inserted right at the end is not taken in."""
    if pos <= edit.start:
        return pos
    if pos >= edit.end:
        return pos + edit.delta
    return edit.start + len(edit.new)


def map_span(start: int, end: int, edit: Edit) -> tuple[int, int]:
    new_start = map_start(start, edit)
    return new_start, max(new_start, map_end(end, edit))


def map_through(pos: int, edits: list[Edit]) -> int:
    """Map an offset of the old text through ordered, non-overlapping edits."""
    shift = 0
    for e in edits:
        if pos < e.start:
            break
        if pos < e.end:
            return e.start + shift
        shift += e.delta
    return pos + shift
