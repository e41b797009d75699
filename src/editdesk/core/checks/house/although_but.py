"""Kind ``double_conjunction``: a sentence opened by a subordinating word (Although,
Though, While, Despite) that joins its clauses with "but" as well:
"Although it rained, but we went" / "Although it is small but it is fast".

Flagged only where "but" comes right after the first comma, or where the sentence has
no comma at all; "Although tired but happy, she ..." (but inside the clause) is fine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit

_BUT = re.compile(r"(?<![\w’'\-])but(?![\w’'\-])\s*")


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    openers = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in rule.option("openers", ()))
    opener = re.compile(rf"^[\"“‘'(]*({openers or '(?!x)x'})(?![\w’'\-])", re.IGNORECASE)

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(SENTENCE_KINDS):
            text = view.text
            for s_start, s_end in doc.sentences(i):
                sentence = text[s_start:s_end]
                m = opener.match(sentence)
                if not m:
                    continue
                comma = sentence.find(",", m.end())
                if comma == -1:
                    but = _BUT.search(sentence, m.end())
                    reps: tuple[str, ...] = ()
                else:
                    but = _BUT.match(sentence, comma + 1 + _spaces(sentence, comma + 1))
                    reps = ("",)
                if but:
                    end = but.end() if reps else but.start() + 3
                    yield doc.hit(
                        view, s_start + but.start(), s_start + end, reps, opener=m.group(1)
                    )

    return check


def _spaces(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n] == " ":
        n += 1
    return n
