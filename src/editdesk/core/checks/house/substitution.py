"""Kinds ``substitution`` (a preferred term for another) and ``avoid`` (phrases to cut).

Options: ``items`` maps a phrase to its replacement (``""`` in an ``avoid`` rule: no
ready replacement, rewrite); ``variant`` limits a rule to "en-GB" or "en-US" articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit, PhraseMatcher


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    matcher = PhraseMatcher(dict(rule.option("items", {})))
    variant = rule.option("variant")

    def check(doc: Doc) -> Iterator[Hit]:
        if variant and doc.variant != variant:
            return
        for i, _para, view in doc.paragraphs():
            for start, end, matched, replacement in matcher.find(
                view.text, doc.tokens(i), doc.word_index(i)
            ):
                if doc.is_accepted(matched):
                    continue
                reps = (replacement,) if replacement else ()
                yield doc.hit(view, start, end, reps, replacement=replacement)

    return check
