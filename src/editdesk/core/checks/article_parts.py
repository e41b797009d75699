"""Parts of a news article that are not running prose: headlines and datelines.

- A headline is a title or heading paragraph, or, in plain text, a short first paragraph
  with no full stop at its end (``Ad sales boost Time Warner profit``). A headline in
  capitals (``U.S. PRICE DATA SUGGEST MODERATE INFLATION``) is a *caps headline*: rules
  that read capitals as acronyms or as a shout misfire on it.
- A dateline opens the first paragraphs of wire copy: a place in capitals, perhaps a state
  or country, perhaps a date, then a dash (``WASHINGTON, June 2 - ``,
  ``SADDLE BROOK, N.J., April 7 - ``, ``LONDON (Reuters) - ``). It is not part of the
  sentence that follows.
"""

from __future__ import annotations

import re
from functools import cached_property

from editdesk.core.article import Article

HEADLINE_KINDS = frozenset({"title", "heading"})
MAX_HEADLINE_WORDS = 20
DATELINE_PARAGRAPHS = 3  # a dateline opens one of the first paragraphs only
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3}"  # the place, in capitals
    r"(?:,\s[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?"  # its state or country
    rf"(?:,\s{_MONTH}\s\d{{1,2}})?"  # the date
    r"(?:\s\([A-Z][A-Za-z]+\))?"  # the agency
    r"\s[-–—]+\s"
)


def is_caps(text: str) -> bool:
    """Written in capitals: at least two words, and 90% of the letters upper case."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or len(text.split()) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.9 * len(letters)


def dateline_length(text: str) -> int:
    """Characters of ``text`` taken by a dateline at its start (0: none)."""
    m = DATELINE.match(text)
    if not m:
        return 0
    place = m.group().split(",")[0].split(" (")[0]
    letters = [c for c in place if c.isalpha()]
    return m.end() if len(letters) >= 2 else 0


class ArticleParts:
    """Headlines and datelines of one article (prose offsets per paragraph)."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def headlines(self) -> frozenset[int]:
        found = {i for i, p in enumerate(self.article.paragraphs) if p.kind in HEADLINE_KINDS}
        if not found and len(self.article.paragraphs) > 1:
            first = self.article.prose(0).text.strip()
            if first and len(first.split()) <= MAX_HEADLINE_WORDS and first[-1] not in ".!?:;,":
                found.add(0)
        return frozenset(found)

    @cached_property
    def caps_headlines(self) -> frozenset[int]:
        return frozenset(i for i in self.headlines if is_caps(self.article.prose(i).text))

    def dateline(self, index: int) -> int:
        """Length of the dateline opening paragraph ``index`` (prose offsets; 0: none)."""
        if index >= DATELINE_PARAGRAPHS or index in self.headlines:
            return 0
        return self._datelines.get(index, 0)

    @cached_property
    def _datelines(self) -> dict[int, int]:
        out = {}
        for i in range(min(DATELINE_PARAGRAPHS, len(self.article.paragraphs))):
            n = dateline_length(self.article.prose(i).text)
            if n:
                out[i] = n
        return out

    def contexts(self, index: int, start: int, end: int) -> set[str]:
        """The parts holding prose span ``[start, end)`` of paragraph ``index``."""
        found = set()
        if index in self.caps_headlines:
            found.add("caps-headline")
        if start < self.dateline(index):
            found.add("dateline")
        return found
