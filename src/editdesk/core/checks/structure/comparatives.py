"""A comparative marked twice: "more better", "more easier", "very less".

"More" or "very" before a word already in the comparative ("-er", "less", "worse"). "More"
not before a noun: "more older people" counts the people ("more" of them). "The very
best" is a superlative.
"""

from __future__ import annotations

from collections.abc import Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import ParsedArticle, RuleFn, lower

_COMPARATIVE = frozenset({"JJR", "RBR"})


def build_double_comparative(rule: RuleSpec) -> RuleFn:
    markers = frozenset(w.lower() for w in rule.option("markers", ()))
    counting = frozenset(w.lower() for w in rule.option("counting", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            tokens = sentence.tokens
            for pos, (marker, word) in enumerate(zip(tokens, tokens[1:], strict=False)):
                if (
                    lower(marker) not in markers or word.pos not in _COMPARATIVE
                    or lower(word) in markers or not word.word.islower()
                ):
                    continue
                then = tokens[pos + 2] if pos + 2 < len(tokens) else None
                if (lower(marker) in counting and then is not None
                        and then.pos.startswith(("NN", "JJ", "CD"))):
                    continue
                yield Hit(marker.start, word.end, (word.word,),
                          {"words": doc.text[marker.start : word.end],
                           "marker": marker.word, "comparative": word.word})

    return run
