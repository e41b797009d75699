"""Anchors follow the text: shifted through edits, re-found after outside changes.

``shift`` moves an anchor through one edit made in EditDesk (exact). ``relocate``
finds an anchor again in a text that changed outside EditDesk, in this order:

1. the quote exactly at, or nearest to, the expected position (within a window);
2. the quote anywhere, if it occurs once (or once with its prefix/suffix context);
3. a fuzzy match (difflib) near the expected position, similarity >= 0.8.

An anchor that cannot be found is marked ``detached`` and keeps its quote and a
best-guess position: it is never dropped.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from editdesk.core.review.model import CONTEXT, Anchor, context
from editdesk.core.review.textdiff import Edit, map_span

NEAR_WINDOW = 2000
FUZZY_MIN_RATIO = 0.8


def refreshed(anchor: Anchor, text: str, start: int, end: int, detached: bool = False) -> Anchor:
    quote, prefix, suffix = context(text, start, end)
    return replace(anchor, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix,
                   detached=detached)


def shift(anchor: Anchor, edit: Edit, new_text: str) -> Anchor:
    """The anchor after ``edit`` was applied, giving ``new_text``.

    A non-empty span whose text is deleted entirely becomes detached (the quote
    is kept so the user still sees what the comment was about).
    """
    start, end = map_span(anchor.start, anchor.end, edit)
    if anchor.detached:
        return replace(anchor, start=start, end=end)
    if anchor.end > anchor.start and start == end:
        return replace(anchor, start=start, end=end, detached=True)
    if edit.end <= anchor.start - CONTEXT or edit.start >= anchor.end + CONTEXT:
        return replace(anchor, start=start, end=end)  # context untouched
    return refreshed(anchor, new_text, start, end)


def relocate(anchor: Anchor, text: str, expected: int) -> Anchor:
    """Find ``anchor`` in ``text`` (see the module docstring); ``expected`` is where
    its start most likely is now."""
    quote = anchor.quote
    expected = max(0, min(expected, len(text)))
    if not quote:
        return refreshed(anchor, text, expected, expected, detached=anchor.detached)
    found = _exact_near(text, quote, expected) or _unique(text, anchor) or _fuzzy(
        text, quote, expected
    )
    if found is None:
        return replace(anchor, start=expected, end=expected, detached=True)
    return refreshed(anchor, text, found[0], found[1])


def _exact_near(text: str, quote: str, expected: int) -> tuple[int, int] | None:
    lo = max(0, expected - NEAR_WINDOW)
    hi = min(len(text), expected + len(quote) + NEAR_WINDOW)
    if text.startswith(quote, expected):
        return expected, expected + len(quote)
    before = text.rfind(quote, lo, expected + len(quote) - 1)
    after = text.find(quote, expected, hi)
    hits = [p for p in (before, after) if p != -1]
    if not hits:
        return None
    best = min(hits, key=lambda p: abs(p - expected))
    return best, best + len(quote)


def _occurrences(text: str, needle: str, limit: int = 2) -> list[int]:
    hits: list[int] = []
    pos = text.find(needle)
    while pos != -1 and len(hits) < limit:
        hits.append(pos)
        pos = text.find(needle, pos + 1)
    return hits


def _unique(text: str, anchor: Anchor) -> tuple[int, int] | None:
    quote = anchor.quote
    hits = _occurrences(text, quote)
    if len(hits) == 1:
        return hits[0], hits[0] + len(quote)
    for needle, lead in (
        (anchor.prefix + quote + anchor.suffix, len(anchor.prefix)),
        (anchor.prefix + quote, len(anchor.prefix)),
        (quote + anchor.suffix, 0),
    ):
        if needle == quote:
            continue
        hits = _occurrences(text, needle)
        if len(hits) == 1:
            return hits[0] + lead, hits[0] + lead + len(quote)
    return None


def _fuzzy(text: str, quote: str, expected: int) -> tuple[int, int] | None:
    lo = max(0, expected - NEAR_WINDOW)
    hi = min(len(text), expected + len(quote) + NEAR_WINDOW)
    window = text[lo:hi]
    matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
    seed = matcher.find_longest_match(0, len(window), 0, len(quote))
    if seed.size < max(3, len(quote) // 5):
        return None
    slack = len(quote) // 2 + 1
    r_lo = max(0, seed.a - seed.b - slack)
    r_hi = min(len(window), seed.a - seed.b + len(quote) + slack)
    region = window[r_lo:r_hi]
    blocks = [
        b
        for b in difflib.SequenceMatcher(None, region, quote, autojunk=False).get_matching_blocks()
        if b.size
    ]
    if not blocks:
        return None
    start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
    ratio = difflib.SequenceMatcher(None, region[start:end], quote, autojunk=False).ratio()
    if ratio < FUZZY_MIN_RATIO:
        return None
    return lo + r_lo + start, lo + r_lo + end
