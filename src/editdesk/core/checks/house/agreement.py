"""Kind ``compound_subject``: a question whose singular auxiliary (does, is, was, has)
comes before a subject of two joined noun phrases: "Does the minister and the
president agree?" -> "Do". Only clear noun phrases count (a pronoun, a determiner and
one or two words, or a full name of two or more capitalised words), so "Does Marks and
Spencer ..." (one company) and "Does Xi and Putin's battle ..." (a possessive) pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit, match_case

_PLURAL = {
    "does": "do",
    "doesn't": "don't",
    "is": "are",
    "isn't": "aren't",
    "was": "were",
    "wasn't": "weren't",
    "has": "have",
    "hasn't": "haven't",
}
_DET = r"(?:the|his|her|its|their|my|your|our|this|that|a|an)"
_NP = (
    rf"(?:he|she|it|{_DET}\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?"
    r"|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){1,2})"
)
_QUESTION = re.compile(
    rf"^[\"“‘'(]*((?i:does|doesn['’]t|is|isn['’]t|was|wasn['’]t|has|hasn['’]t))\s+"
    rf"{_NP}\s+and\s+{_NP}(?!['’]s)\s+[a-z]"
)


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(SENTENCE_KINDS):
            text = view.text
            for s_start, s_end in doc.sentences(i):
                sentence = text[s_start:s_end]
                if not sentence.rstrip().endswith("?"):
                    continue
                m = _QUESTION.match(sentence)
                if not m:
                    continue
                aux = m.group(1)
                plural = _PLURAL[aux.casefold().replace("’", "'")]
                fixed = match_case(plural.replace("'", "’") if "’" in aux else plural, aux)
                a, b = s_start + m.start(1), s_start + m.end(1)
                yield doc.hit(view, a, b, (fixed,), replacement=fixed)

    return check
