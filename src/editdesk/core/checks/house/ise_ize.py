"""Kind ``ise_ize``: -ise and -ize (organise/organize, -isation/-ization) mixed in one article.

Words that are spelt only one way are left out: the -ise-only words (advise, comprise,
exercise, surprise, ...) and the -ize-only ones (size, capsize, seize, prize) by their stems
in the rule's options, plus stems no -ize word has (ending in a, o, u, v, w: raise,
noise, cruise, revise, otherwise).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from editdesk.core.article import ProseView
from editdesk.core.checks.house.consistency import VARIANTS, name_like, pick_winner
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import TOKEN, Doc, Hit

ENDINGS = "e es ed ing er ers ation ations ational ationally able"
_WORD = re.compile(r"([^\W\d_]{3,}?)i([sz])(" + "|".join(ENDINGS.split()) + r")", re.IGNORECASE)
_NEVER_IZE_STEM_END = ("a", "o", "u", "v", "w")


class IseIzeClassifier:
    """Says whether a word is an -ise or an -ize spelling of a word spelt both ways."""

    def __init__(self, only_ise: Iterable[str], only_ize: Iterable[str]) -> None:
        self.stems = {w.lower()[:-3] for w in only_ise if w.lower().endswith("ise")}
        self.stems |= {w.lower()[:-3] for w in only_ize if w.lower().endswith("ize")}
        # Long stems also count with a prefix ("unexercised", "unsupervised"); short ones
        # ("s" of size) would swallow real -ise/-ize words.
        self.long_stems = tuple(s for s in self.stems if len(s) >= 4)

    def classify(self, m: re.Match[str]) -> str | None:
        stem = m.group(1).lower()
        if (
            stem in self.stems
            or stem.endswith(_NEVER_IZE_STEM_END)
            or stem.endswith(self.long_stems)
        ):
            return None
        return "en-GB" if m.group(2).lower() == "s" else "en-US"

    def counts(self, text: str) -> Counter[str]:
        found: Counter[str] = Counter()
        for t in TOKEN.finditer(text):
            word = t.group()
            if "is" not in word.lower() and "iz" not in word.lower():
                continue
            m = _WORD.fullmatch(word)
            variant = self.classify(m) if m else None
            if variant and not name_like(text, t.start(), word):
                found[variant] += 1
        return found


def classifier_for(rule: RuleSpec) -> IseIzeClassifier:
    return IseIzeClassifier(rule.option("only_ise", ()), rule.option("only_ize", ()))


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    classifier = classifier_for(rule)

    def check(doc: Doc) -> Iterator[Hit]:
        found: list[tuple[ProseView, re.Match[str], str]] = []
        counts: Counter[str] = Counter()
        for i, _para, view in doc.paragraphs():
            for start, end, folded in doc.tokens(i):
                if "is" not in folded and "iz" not in folded:
                    continue
                m = _WORD.fullmatch(view.text, start, end)
                if m is None:
                    continue
                variant = classifier.classify(m)
                if variant is None or doc.is_accepted(m.group()):
                    continue
                if name_like(view.text, start, m.group()):
                    continue
                counts[variant] += 1
                found.append((view, m, variant))
        if len(counts) < 2:
            return
        winner = pick_winner(counts, {v: v for v in VARIANTS}, list(VARIANTS), doc.variant)
        letter = "s" if winner == "en-GB" else "z"
        for view, m, variant in found:
            if variant == winner:
                continue
            fixed = m.group(1) + "i" + (letter.upper() if m.group(2).isupper() else letter)
            fixed += m.group(3)
            yield doc.hit(
                view,
                m.start(),
                m.end(),
                (fixed,),
                replacement=fixed,
                form="-ise" if variant == "en-GB" else "-ize",
                majority="-ise" if winner == "en-GB" else "-ize",
                counts=f"{counts[winner]} to {counts[variant]}",
            )

    return check
