"""Kind ``sentence_length``: sentences over ``max_words`` words get the rule's severity;
with ``notice_words`` set (0: off), sentences over that many get a suggestion.

Only the writer's own words count: words inside quotation marks are the speaker's (a
verbatim quote cannot be split by the editor), and a wire dateline ("WASHINGTON, June 2 -")
is not part of the sentence it opens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit
from editdesk.core.findings import Severity

_COUNTED = re.compile(r"[\w’'\-.,%$€£]*\w[\w’'\-.,%$€£]*")


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
                quoted = doc.quotations.spans(i)
                words = sum(
                    1
                    for m in _COUNTED.finditer(view.text, max(start, dateline), end)
                    if not any(a <= m.start() < b for a, b in quoted)
                )
                if words > limit:
                    yield doc.hit(view, start, end, words=str(words), max=str(limit))
                elif words > notice:
                    hit = doc.hit(view, start, end, words=str(words), max=str(notice))
                    hit.severity = Severity.SUGGESTION
                    yield hit

    return check
