"""Kind ``sentence_case``: a sentence (or a paragraph) that starts with a lower-case letter.

Left alone: list items and table cells (fragments are often lower case), words with a
capital inside (iPhone, eBay), accepted words, abbreviations (e.g.), a sentence after an
abbreviation or an ellipsis, a question or exclamation inside quotation marks ("Why?" he
asked), bylines (the byline rule handles them) and the next line of a hard-wrapped text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.byline import parse_byline
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit

_FIRST_WORD = re.compile(r"[\"“‘'(\[«]*([^\W\d_][\w'’\-]*)(\.?)")
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’'»)\]]\s*$")


def _title_like(text: str) -> bool:
    """Most longer words capitalised: a headline, which never runs on into the next line."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _wants_capital(word: str, dot: str, doc: Doc) -> bool:
    if not word[0].islower() or dot:
        return False
    return not (any(c.isupper() for c in word[1:]) or doc.is_accepted(word))


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    def check(doc: Doc) -> Iterator[Hit]:
        paragraphs = doc.article.paragraphs
        for i, para, view in doc.paragraphs(SENTENCE_KINDS):
            text = view.text
            if parse_byline(text, doc) is not None:
                continue
            starts = []
            previous = doc.prose(i - 1).text if i > 0 else ""
            continued = (
                i > 0
                and paragraphs[i - 1].kind == para.kind == "body"
                and para.start == paragraphs[i - 1].end + 1
                and not _ENDS_SENTENCE.search(previous)
                and not _title_like(previous)
            )
            # A paragraph after one ending "...run:" may go on the sentence (past a code block).
            continued = continued or previous.rstrip().endswith((":", ","))
            lead = len(text) - len(text.lstrip())
            if not continued:
                starts.append(lead)
            starts.extend(nxt for _end, nxt in doc.breaks(i))
            for pos in starts:
                m = _FIRST_WORD.match(text, pos)
                if not m or not _wants_capital(m.group(1), m.group(2), doc):
                    continue
                word = m.group(1)
                if m.end(1) < len(text) and text[m.end(1)] in "@/)":
                    continue  # an address, or a list marker: "b) The work"
                fixed = word[0].upper() + word[1:]
                yield doc.hit(view, m.start(1), m.end(1), (fixed,), replacement=fixed)

    return check
