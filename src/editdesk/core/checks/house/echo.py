"""Kind ``word_echo``: the same word (or two forms of one: "intensifies" ...
"intensification") twice in one sentence, a sign of a sentence pieced together or
written in a hurry ("... hours before the announcement, the time was right to make the
announcement"). Only longer words count (``min_letters``), not capitalised ones (names)
not the ``ignore`` list of everyday words, and not words inside quotation marks (the
speaker's, not the writer's); forms of one word share their first ``stem_letters`` letters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    min_letters = int(rule.option("min_letters", 6))
    stem_letters = int(rule.option("stem_letters", 7))
    window = int(rule.option("max_distance", 25))
    ignore = frozenset(w.casefold() for w in rule.option("ignore", ()))

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs():
            text = view.text
            tokens = doc.tokens(i)
            if len(tokens) < 4:
                continue
            sentences = doc.sentences(i)
            quoted = doc.quotations.spans(i)
            k = 0
            for s_start, s_end in sentences:
                seen: dict[str, int] = {}  # stem -> token number of its first use
                while k < len(tokens) and tokens[k][0] < s_start:
                    k += 1
                n = k
                while n < len(tokens) and tokens[n][1] <= s_end:
                    start, end, word = tokens[n]
                    n += 1
                    if len(word) < min_letters or word in ignore or text[start].isupper():
                        continue
                    if quoted and any(a <= start < b for a, b in quoted):
                        continue  # the speaker's words, not the writer's
                    stem = word[:stem_letters] if len(word) > stem_letters else word
                    first = seen.get(stem)
                    if first is not None and n - first <= window:
                        yield doc.hit(view, start, end, (), word=text[start:end])
                        seen.pop(stem)
                    else:
                        seen[stem] = n
                k = n

    return check
