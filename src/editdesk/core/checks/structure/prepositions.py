"""'Because' before a noun phrase with no verb: "died because the cold and lack of air".

"Because" joins a clause ("because the shares fell"); before a bare noun phrase it needs
"of". The words after it, up to the end of the sentence (or a semicolon), must hold no
verb: after a comma the clause may go on ("because the graduate, by then, will have").
"""

from __future__ import annotations

from collections.abc import Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import ParsedArticle, RuleFn, lower

_NOUN_PHRASE = frozenset({"DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "CD", "CC", "IN",
                          "POS", "RB"})


def build_because_noun(rule: RuleSpec) -> RuleFn:
    min_words = int(rule.option("min_words", 2))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            tokens = sentence.tokens
            for pos, word in enumerate(tokens):
                if lower(word) != "because" or pos + 1 >= len(tokens):
                    continue
                if tokens[pos + 1].pos not in ("DT", "PRP$", "JJ", "NN", "NNS"):
                    continue
                end = pos + 1
                while end < len(tokens) and tokens[end].pos in _NOUN_PHRASE:
                    end += 1
                phrase = tokens[pos + 1 : end]
                stop = tokens[end] if end < len(tokens) else None
                if stop is not None and stop.word not in (".", ";", "!", "?"):
                    continue  # a verb, a name, a quotation: leave it
                if len(phrase) < min_words or not any(t.pos.startswith("NN") for t in phrase):
                    continue
                if any(not t.word.islower() for t in phrase if t.word.isalpha()):
                    continue
                yield Hit(word.start, word.end, (f"{word.word} of",),
                          {"words": doc.text[word.start : phrase[-1].end]})

    return run
