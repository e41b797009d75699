"""Quotations in an article: where verbatim speech runs, and which marks pair with nothing.

Newspapers follow the continued-quotation convention: a quotation that runs on into a new
paragraph opens each paragraph with a quotation mark and closes only at its very end::

    "We played well," he said. "It was a step in the right direction.

    "Next week will be harder."

The same shape appears inside one paragraph where paragraphs were merged (a sentence
ends, and the next opens a mark while the quotation is still open). Neither is an
unpaired mark. A mark that opens and is never closed or continued, or closes nothing,
is ``stray``.

Double quotation marks (straight and curly) and curly single ones (‘…’) are read;
straight single marks are apostrophes far too often to tell. Offsets are prose offsets
of each paragraph (``Article.prose``); ``article_spans`` gives article offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from editdesk.core.article import Article

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_OPEN_AFTER = "([{—–-/:"  # besides white space: what may stand before an opening mark
_CLOSE_BEFORE = ".,;:!?)]}—–-…'’"  # besides white space: what may follow a closing mark
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class ParagraphQuotes:
    spans: tuple[tuple[int, int], ...] = ()  # quoted text, marks included
    stray: frozenset[int] = frozenset()  # positions of marks that pair with nothing
    marks: frozenset[int] = frozenset()  # positions of every quotation mark read
    opens_with_mark: bool = False


def _role(text: str, i: int, is_open: bool) -> str:
    """"open" or "close" for the quotation mark at ``i``."""
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "close"
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opening = before.isspace() or before in _OPEN_AFTER
    closing = after.isspace() or after in _CLOSE_BEFORE or after in '"”'
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "close" if is_open else "open"


def _scan_double(text: str) -> tuple[list[tuple[int, int]], set[int], set[int], int | None]:
    """Spans, stray marks and all marks of one paragraph; the opening mark still open at
    its end (or None)."""
    spans: list[tuple[int, int]] = []
    stray: set[int] = set()
    marks: set[int] = set()
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch != '"' and ch not in _DOUBLE_OPEN and ch not in _DOUBLE_CLOSE:
            continue
        marks.add(i)
        role = _role(text, i, open_at is not None)
        if role == "open":
            if open_at is not None:
                if text[:i].rstrip()[-1:] not in _SENTENCE_END:
                    stray.add(open_at)  # an opening mark inside a sentence: one is wrong
                spans.append((open_at, i))  # the part ends where the next part opens
            open_at = i
        elif open_at is None:
            stray.add(i)
        else:
            spans.append((open_at, i + 1))
            open_at = None
    return spans, stray, marks, open_at


def _scan_single(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """‘…’ quotations outside double ones (British style): ‘ after white space opens, the
    next ’ not between two letters (an apostrophe) closes."""
    spans: list[tuple[int, int]] = []
    i = text.find("‘")
    while i != -1:
        if (i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_AFTER) and not _inside(
            taken, i
        ):
            j = i + 1
            end = -1
            while (j := text.find("’", j)) != -1:
                after = text[j + 1 : j + 2]
                if not (text[j - 1].isalpha() and after.isalpha()):
                    end = j
                    break
                j += 1
            if end != -1:
                spans.append((i, end + 1))
                i = text.find("‘", end + 1)
                continue
        i = text.find("‘", i + 1)
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _starts_with_opening_mark(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped:
        return False
    return stripped[0] in _DOUBLE_OPEN or (stripped[0] == '"' and _role(stripped, 0, False)
                                           == "open")


@dataclass
class Quotations:
    """The quotations of one article, per paragraph (prose offsets)."""

    article: Article
    paragraphs: list[ParagraphQuotes] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> Quotations:
        texts = [article.prose(i).text for i in range(len(article.paragraphs))]
        result: list[ParagraphQuotes] = []
        for n, text in enumerate(texts):
            spans, stray, marks, open_at = _scan_double(text)
            if open_at is not None:
                spans.append((open_at, len(text)))
                following = texts[n + 1] if n + 1 < len(texts) else ""
                if not _starts_with_opening_mark(following):
                    stray.add(open_at)  # never closed, and the quotation does not go on
            spans += _scan_single(text, spans)
            result.append(
                ParagraphQuotes(
                    tuple(sorted(spans)), frozenset(stray), frozenset(marks),
                    _starts_with_opening_mark(text),
                )
            )
        return cls(article, result)

    def spans(self, index: int) -> tuple[tuple[int, int], ...]:
        return self.paragraphs[index].spans

    def inside(self, index: int, start: int, end: int) -> bool:
        """Prose span ``[start, end)`` of paragraph ``index`` lies within one quotation."""
        return any(a <= start and end <= b for a, b in self.paragraphs[index].spans)

    def quoted_chars(self, index: int, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` are inside quotations."""
        return sum(
            max(0, min(b, end) - max(a, start)) for a, b in self.paragraphs[index].spans
        )

    @cached_property
    def article_spans(self) -> list[tuple[int, int]]:
        out = []
        for i, pq in enumerate(self.paragraphs):
            prose = self.article.prose(i)
            out.extend(prose.to_article(a, b) for a, b in pq.spans)
        return sorted(out)

    @cached_property
    def _starts(self) -> list[int]:
        return [a for a, _b in self.article_spans]

    def article_inside(self, start: int, end: int) -> bool:
        """Article span ``[start, end)`` lies within one quotation (quotations do not nest
        here: a ‘…’ inside a double quotation is not read)."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self.article_spans[i][1]

    @cached_property
    def _stray_article(self) -> frozenset[int]:
        out: set[int] = set()
        for i, pq in enumerate(self.paragraphs):
            prose = self.article.prose(i)
            out.update(prose.to_article(p, p + 1)[0] for p in pq.stray)
        return frozenset(out)

    @cached_property
    def _marks_article(self) -> frozenset[int]:
        out: set[int] = set()
        for i, pq in enumerate(self.paragraphs):
            prose = self.article.prose(i)
            out.update(prose.to_article(p, p + 1)[0] for p in pq.marks)
        return frozenset(out)

    def well_paired(self, start: int, end: int) -> bool:
        """Every character of article span ``[start, end)`` is a double quotation mark that
        pairs up (the continued-quotation convention included)."""
        if end <= start:
            return False
        return all(p in self._marks_article and p not in self._stray_article
                   for p in range(start, end))
