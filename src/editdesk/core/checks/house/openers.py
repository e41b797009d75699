"""Kind ``sentence_opener``: words a sentence should not open with ("As well," ->
"Also,"). ``items`` maps an opening phrase to its replacement ("" for none); a phrase
only counts at the start of a sentence, where it often means something else than
mid-sentence ("She sang as well, ...")."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import (
    SENTENCE_KINDS,
    Doc,
    Hit,
    match_case,
    normalise_phrase,
)


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    items = {normalise_phrase(k): v for k, v in rule.option("items", {}).items()}
    initials = frozenset(k[0] for k in items if k)

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(SENTENCE_KINDS):
            text = view.text
            low = doc.lower(i)
            for start, _end in doc.sentences(i):
                if low[start] not in initials:
                    continue
                for phrase, replacement in items.items():
                    if not low.startswith(phrase, start):
                        continue
                    end = start + len(phrase)
                    matched = text[start:end]
                    rep = match_case(replacement, matched)
                    yield doc.hit(view, start, end, (rep,) if rep else (), replacement=rep)
                    break

    return check
