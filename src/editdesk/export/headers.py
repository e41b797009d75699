"""Comments about header and footer words live in the body.

Tracked changes in a header or footer part are fine for Word and LibreOffice,
but a comment cannot sit there: Word offers no comments in headers and
footers, and LibreOffice 7.4 refuses to open a DOCX with a comment reference in
one ("source file could not be loaded"). So such a comment is anchored on the
body's first paragraph, its first line saying where its words are
(``In the header: “the the”``); reading the file back, that line puts the
comment on those words again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from editdesk.core.article import RunSpan
from editdesk.core.readers.docx_walk import w
from editdesk.export.textdiff import Change

STORY_TAGS = {w("hdr"): "header", w("ftr"): "footer"}
_PLACE = re.compile(r"^In the (header|footer): “(.*)”$")


def place_line(where: str, quote: str) -> str:
    return f"In the {where}: “{' '.join(quote.split())}”"


def split_place(text: str) -> tuple[str, str, str] | None:
    """(where, quote, the rest) of a comment text starting with a place line."""
    first, _, rest = text.partition("\n")
    m = _PLACE.match(first)
    return (m.group(1), m.group(2), rest) if m else None


def without_place(text: str) -> str:
    found = split_place(text)
    return found[2] if found else text


@dataclass(frozen=True)
class Regions:
    """Where the header and footer parts' words are in the exported text."""

    starts: tuple[int, ...] = ()  # sorted offsets in the new text
    kinds: tuple[str, ...] = ()

    def where(self, pos: int) -> str | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.kinds[i] if i >= 0 else None


def regions(
    paragraphs: Sequence[etree._Element], run_spans: Sequence[RunSpan], changes: Sequence[Change]
) -> Regions:
    """Regions from the story paragraphs, the article's run spans (old text) and
    the changes that turn the old text into the new."""
    first_of: dict[int, int] = {}
    for span in run_spans:
        if span.paragraph not in first_of or span.start < first_of[span.paragraph]:
            first_of[span.paragraph] = span.start
    starts: list[int] = []
    kinds: list[str] = []
    previous: etree._Element | None = None
    # The headers and footers come last in the story (docx_walk.story_paragraphs).
    for index in sorted(first_of, key=lambda i: first_of[i]):
        if index >= len(paragraphs):
            continue
        root = paragraphs[index].getroottree().getroot()
        kind = STORY_TAGS.get(root.tag)
        if kind is None or root is previous:
            continue
        previous = root
        starts.append(_moved(first_of[index], changes))
        kinds.append(kind)
    return Regions(tuple(starts), tuple(kinds))


def _moved(old: int, changes: Sequence[Change]) -> int:
    delta = 0
    for c in changes:
        if c.end <= old:
            delta = c.new_start + len(c.new_text) - c.end
        elif c.start < old:
            return c.new_start + len(c.new_text)
        else:
            break
    return old + delta
