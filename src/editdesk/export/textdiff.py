"""Word-granular differences between two texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from editdesk.core.review.textdiff import single_edit

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


def diff_words(old: str, new: str, paragraph_break: re.Pattern[str] | None = None) -> list[Change]:
    """The changes turning ``old`` into ``new``, at word granularity, left to right.

    With ``paragraph_break`` (what separates paragraphs), the texts are first
    aligned paragraph by paragraph, each paragraph with the break after it:
    unchanged paragraphs are never diffed (one edit in a long document stays
    one small change, however far apart the edits), a deleted paragraph is
    deleted with its own break (its own paragraph mark), and an inserted one
    goes in before the next paragraph with its break.
    """
    edit = single_edit(old, new)
    if edit is None:
        return []
    if paragraph_break is not None:
        return _diff_paragraphs(old, new, paragraph_break)
    return _diff_region(old, new)


def _diff_region(old: str, new: str) -> list[Change]:
    # Equal head and tail need no diffing (keeps long texts fast; found as the
    # review finds an edit, at C speed); both cuts are moved to whitespace so a
    # change never splits a word.
    edit = single_edit(old, new)
    if edit is None:
        return []
    head, tail = edit.start, len(old) - edit.end
    while head > 0 and not old[head - 1].isspace():
        head -= 1
    while tail > 0 and not old[len(old) - tail].isspace():
        tail -= 1
    return _diff_tokens(old[head : len(old) - tail], new[head : len(new) - tail], head, head)


def _units(text: str, paragraph_break: re.Pattern[str]) -> list[str]:
    """``text`` cut after each paragraph break (the last unit may have none)."""
    out = []
    pos = 0
    for m in paragraph_break.finditer(text):
        if m.end() > m.start():
            out.append(text[pos : m.end()])
            pos = m.end()
    if pos < len(text) or not out:
        out.append(text[pos:])
    return out


def _diff_paragraphs(old: str, new: str, paragraph_break: re.Pattern[str]) -> list[Change]:
    a = _units(old, paragraph_break)
    b = _units(new, paragraph_break)
    codes: dict[str, str] = {}
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    ops = dmp.diff_main(_encode(a, codes), _encode(b, codes), False)
    changes: list[Change] = []
    i = j = 0  # unit indexes
    o = n = 0  # character offsets in old and new
    block: list[int] | None = None  # [i1, o1, j1, n1] where the unequal block began

    def close(i2: int, o2: int, j2: int, n2: int) -> None:
        i1, o1, j1, n1 = block
        if i1 == i2 or j1 == j2:  # whole paragraphs deleted or inserted
            changes.append(Change(o1, o2, n1, new[n1:n2]))
        else:
            changes.extend(
                Change(c.start + o1, c.end + o1, c.new_start + n1, c.new_text)
                for c in _diff_region(old[o1:o2], new[n1:n2])
            )

    for op, chars in ops:
        if op == 0:
            if block is not None:
                close(i, o, j, n)
                block = None
            for _ in chars:
                o += len(a[i])
                n += len(b[j])
                i += 1
                j += 1
            continue
        if block is None:
            block = [i, o, j, n]
        for _ in chars:
            if op < 0:
                o += len(a[i])
                i += 1
            else:
                n += len(b[j])
                j += 1
    if block is not None:
        close(i, o, j, n)
    return changes


def _diff_tokens(old: str, new: str, old_base: int, new_base: int) -> list[Change]:
    """Myers' diff (diff-match-patch) over tokens, each token coded as one
    character, as diff-match-patch does for lines: difflib's longest-match
    heuristic is quadratic on common words and misaligns repeated sentences."""
    a = tokenize(old)
    b = tokenize(new)
    codes: dict[str, str] = {}
    a_chars = _encode(a, codes)
    b_chars = _encode(b, codes)
    dmp = diff_match_patch()
    # Past the timeout the diff is still correct, only less minimal (a whole
    # rewrite of a long article must not take minutes).
    dmp.Diff_Timeout = 2.0
    changes: list[Change] = []
    i = j = 0  # token indexes
    a_pos = _positions(a, old_base)
    b_pos = _positions(b, new_base)
    pending: list[int] | None = None  # [i1, i2, j1, j2] of the change being built
    for op, chars in dmp.diff_main(a_chars, b_chars, False):
        n = len(chars)
        if op == 0:
            if pending is not None:
                changes.append(_change(pending, a_pos, b, b_pos))
                pending = None
            i += n
            j += n
            continue
        if pending is None:
            pending = [i, i, j, j]
        if op < 0:
            i += n
            pending[1] = i
        else:
            j += n
            pending[3] = j
    if pending is not None:
        changes.append(_change(pending, a_pos, b, b_pos))
    return changes


def _change(span: list[int], a_pos: list[int], b: list[str], b_pos: list[int]) -> Change:
    i1, i2, j1, j2 = span
    return Change(a_pos[i1], a_pos[i2], b_pos[j1], "".join(b[j1:j2]))


def _encode(tokens: list[str], codes: dict[str, str]) -> str:
    out = []
    for t in tokens:
        c = codes.get(t)
        if c is None:
            # Private-use and later planes give room for over a million distinct tokens.
            n = len(codes)
            c = chr(0xE000 + n) if n < 0x1900 else chr(0x10000 + n)
            codes[t] = c
        out.append(c)
    return "".join(out)


def _positions(tokens: list[str], base: int) -> list[int]:
    out = [base]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out
