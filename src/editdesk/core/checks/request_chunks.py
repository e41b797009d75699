"""Paragraphs grouped into engine requests: LanguageTool and CoreNLP are sent the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

_T = TypeVar("_T")


def chunks(
    items: Iterable[_T], text_of: Callable[[_T], str], limit: int, separator: str
) -> Iterator[list[_T]]:
    """Consecutive items whose texts, joined by ``separator``, stay under ``limit``
    characters (a longer text goes alone)."""
    chunk: list[_T] = []
    size = 0
    for item in items:
        length = len(text_of(item))
        extra = length + (len(separator) if chunk else 0)
        if chunk and size + extra > limit:
            yield chunk
            chunk, size = [], 0
            extra = length
        chunk.append(item)
        size += extra
    if chunk:
        yield chunk
