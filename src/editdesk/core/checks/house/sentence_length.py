"""Kind ``sentence_length``: sentences over ``max_words`` words get the rule's severity;
with ``notice_words`` set (0: off), sentences over that many get a suggestion.

Only the writer's own words count: words inside quotation marks are the speaker's (a
verbatim quote cannot be split by the editor), and a wire dateline ("WASHINGTON, June 2 -")
is not part of the sentence it opens. A ticker symbol in angle brackets ("<TWA>") is a code
the reader skips, not a word, and a run of figures at least half numbers is a table row
("Production 290 290 368 368 Exports 120 ..."), not a sentence to split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit
from editdesk.core.findings import Severity

_COUNTED = re.compile(r"[\w’'\-.,%$€£]*\w[\w’'\-.,%$€£]*")
_SYMBOL = re.compile(r"<[^<>\s]{1,20}>")
_FIGURE = re.compile(r"[\d.,%$€£/\-]*\d[\d.,%$€£/\-]*")


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    limit = int(rule.option("max_words", 35))
    notice = int(rule.option("notice_words", 0)) or limit
    lowest = min(limit, notice)

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(SENTENCE_KINDS):
            dateline = doc.parts.dateline(i)
            for start, end in doc.sentences(i):
                sentence = view.text[start:end]
                if sentence.count(" ") < lowest:  # cheap bound before counting words
                    continue
                skipped = [*doc.quotations.spans(i),
                           *((m.start(), m.end()) for m in _SYMBOL.finditer(view.text, start, end))]
                counted = [
                    m.group()
                    for m in _COUNTED.finditer(view.text, max(start, dateline), end)
                    if not any(a <= m.start() < b for a, b in skipped)
                ]
                words = len(counted)
                if 2 * sum(1 for w in counted if _FIGURE.fullmatch(w)) >= words:
                    continue  # a table row
                if words > limit:
                    yield doc.hit(view, start, end, words=str(words), max=str(limit))
                elif words > notice:
                    hit = doc.hit(view, start, end, words=str(words), max=str(notice))
                    hit.severity = Severity.SUGGESTION
                    yield hit

    return check
