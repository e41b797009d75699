"""The Article: an immutable snapshot of the text an editor reviews.

Offsets everywhere are Python code points into ``Article.text``, whose newlines
are normalised to ``\\n``; ``source_offset`` maps one to the text as read from
the file (CRLF kept), which is what reports give.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Mask:
    """A span of article text that checkers must not see (code, URLs, markup).

    ``replacement`` is what checkers see instead (often empty; a neutral word
    keeps a sentence grammatical where inline code stood in it).
    """

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str = "body"  # body | title | heading | list-item | quote | table-cell | header | footer
    level: int = 0  # heading level, list depth
    masks: tuple[Mask, ...] = ()


@dataclass(frozen=True)
class ProseView:
    """What checkers see of one paragraph, with a map back to article offsets.

    ``offsets[i]`` is the article offset of prose character ``i``;
    ``offsets[len(text)]`` is the paragraph's end. A paragraph without masks has a
    ``range`` here rather than a tuple of every offset.
    """

    text: str
    offsets: Sequence[int]

    def to_article(self, start: int, end: int) -> tuple[int, int]:
        """Map a prose span ``[start, end)`` back to an article span."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class RunSpan:
    """Where a piece of a DOCX article's text came from.

    Article ``[start, end)`` is the run's rendered text from ``offset``.
    ``paragraph`` indexes ``docx_walk.body_paragraphs(document)``; ``run``
    indexes ``docx_walk.paragraph_runs(paragraph)``.
    """

    start: int
    end: int
    paragraph: int
    run: int
    offset: int


@dataclass(frozen=True)
class Article:
    text: str
    paragraphs: tuple[Paragraph, ...]
    path: Path | None = None
    format: str = "txt"  # txt | md | docx
    # DOCX only: the runs behind the text, sorted by start.
    run_spans: tuple[RunSpan, ...] = ()
    # Notes a reader wants the user to see (e.g. "decoded as windows-1252").
    notes: tuple[str, ...] = field(default=())
    # .txt/.md: offsets in ``text`` of each "\\n" that was "\\r\\n" in the file, sorted.
    crlf: tuple[int, ...] = field(default=(), repr=False)
    # .txt/.md: offsets in ``text`` of each "\\n" that was a lone "\\r", sorted.
    lone_cr: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def from_plain_text(cls, text: str, path: Path | None = None) -> Article:
        """Paragraphs split on blank lines; a file with no blank lines has one per line."""
        return cls(text=text, paragraphs=split_paragraphs(text), path=path, format="txt")

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def source_offset(self, offset: int) -> int:
        """``offset`` in the file's decoded text as read: every CRLF before it counts 2."""
        return offset + bisect.bisect_left(self.crlf, offset) if self.crlf else offset

    def source_text(self, start: int, end: int) -> str:
        """``text[start:end]`` as it reads in the file (its CRLFs restored)."""
        piece = self.text[start:end]
        inserts = _within(self.crlf, start, end)
        swaps = _within(self.lone_cr, start, end)
        if not inserts and not swaps:
            return piece
        chars = list(piece)
        for pos in swaps:
            chars[pos - start] = "\r"
        for pos in inserts:
            chars[pos - start] = "\r\n"
        return "".join(chars)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return i
        return None

    @cached_property
    def _prose_views(self) -> dict[int, ProseView]:
        return {}

    def prose(self, index: int) -> ProseView:
        """The paragraph's text as checkers see it (masks removed or replaced).

        Built once per paragraph: every checker (and the word count) asks for it.
        """
        view = self._prose_views.get(index)
        if view is None:
            view = self._prose_views[index] = self._build_prose(self.paragraphs[index])
        return view

    def _build_prose(self, para: Paragraph) -> ProseView:
        if not para.masks:
            return ProseView(self.text[para.start : para.end], range(para.start, para.end + 1))
        pieces: list[str] = []
        offsets: list[int] = []
        pos = para.start
        for mask in sorted(para.masks, key=lambda m: m.start):
            if mask.end <= pos or mask.start >= para.end:
                continue
            if mask.start > pos:
                pieces.append(self.text[pos : mask.start])
                offsets.extend(range(pos, mask.start))
            pieces.append(mask.replacement)
            offsets.extend([mask.start] * len(mask.replacement))
            pos = max(pos, mask.end)
        if para.end > pos:
            pieces.append(self.text[pos : para.end])
            offsets.extend(range(pos, para.end))
        offsets.append(para.end)
        return ProseView("".join(pieces), tuple(offsets))

    @cached_property
    def word_count(self) -> int:
        return sum(len(self.prose(i).text.split()) for i in range(len(self.paragraphs)))

    def words(self) -> int:
        return self.word_count


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    lines = text.split("\n")
    # A trailing newline leaves an empty last line; it is not a paragraph break.
    has_blank = any(not ln.strip() for ln in lines[:-1])
    paragraphs: list[Paragraph] = []
    pos = 0
    if not has_blank:
        for ln in lines:
            stripped = ln.strip()
            if stripped:
                lead = len(ln) - len(ln.lstrip())
                paragraphs.append(Paragraph(pos + lead, pos + lead + len(stripped)))
            pos += len(ln) + 1
        return tuple(paragraphs)
    block_start: int | None = None
    block_end = 0
    for ln in lines:
        if ln.strip():
            if block_start is None:
                block_start = pos + len(ln) - len(ln.lstrip())
            block_end = pos + len(ln.rstrip())
        elif block_start is not None:
            paragraphs.append(Paragraph(block_start, block_end))
            block_start = None
        pos += len(ln) + 1
    if block_start is not None:
        paragraphs.append(Paragraph(block_start, block_end))
    return tuple(paragraphs)


def _within(positions: tuple[int, ...], start: int, end: int) -> tuple[int, ...]:
    if not positions:
        return ()
    return positions[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, end)]
