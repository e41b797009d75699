"""Bare URLs in prose: checkers see a neutral placeholder instead."""

from __future__ import annotations

import re
from collections.abc import Iterator

from editdesk.core.article import Mask

URL_PLACEHOLDER = "example.com"

_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\u2019\u201d*_"


def url_spans(text: str) -> Iterator[tuple[int, int]]:
    """``[start, end)`` of each bare URL, without the sentence punctuation after it."""
    for m in _URL.finditer(text):
        start, end = m.start(), m.end()
        while end > start:
            ch = text[end - 1]
            unbalanced = ch == ")" and text.count("(", start, end) < text.count(")", start, end)
            if ch in _TRAILING or unbalanced:
                end -= 1
            else:
                break
        if end - start > len("www."):
            yield start, end


def url_masks(text: str, offset: int) -> tuple[Mask, ...]:
    """A placeholder mask over each bare URL of ``text``, which starts at ``offset``."""
    return tuple(Mask(offset + s, offset + e, URL_PLACEHOLDER) for s, e in url_spans(text))
