"""Kind ``sentence_length``: sentences over ``max_words`` words get the rule's severity;
with ``notice_words`` set (0: off), sentences over that many get a suggestion."""

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
            for start, end in doc.sentences(i):
                sentence = view.text[start:end]
                if sentence.count(" ") < lowest:  # cheap bound before counting words
                    continue
                words = len(_COUNTED.findall(sentence))
                if words > limit:
                    yield doc.hit(view, start, end, words=str(words), max=str(limit))
                elif words > notice:
                    hit = doc.hit(view, start, end, words=str(words), max=str(notice))
                    hit.severity = Severity.SUGGESTION
                    yield hit

    return check
