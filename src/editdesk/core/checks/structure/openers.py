"""Dangling openers: "Walking to the station, the rain began to fall."

A sentence that opens with a participle and no subject of its own borrows the main clause's
subject for it. When that subject cannot do what the participle says (a thing rather than
a person or a body of people, or an empty "it"/"there"), the opener dangles. Only
participles of things people do (a lexicon kept as data) are judged: with others a thing is
often the right subject ("Rising by 5%, prices hit a record high").
"""

from __future__ import annotations

from collections.abc import Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import (
    NeedFn,
    ParsedArticle,
    RuleFn,
    lower,
    sentences_where,
)
from editdesk.core.checks.structure.parse import Sentence, Token

_PEOPLE_NER = frozenset({"PERSON", "ORGANIZATION"})
_PERSONAL = frozenset({"i", "you", "he", "she", "we", "they", "who", "one", "everyone",
                       "someone", "anyone", "nobody", "somebody", "everybody"})
# How the parser hangs an opening participial clause on the main verb.
_OPENER_DEPS = frozenset({"discourse", "dep"})


def _opening_participle(sentence: Sentence, verbs: frozenset[str]) -> Token | None:
    """The participle of one of ``verbs`` the sentence opens with ("Walking", "Having
    arrived"), if it does."""
    tokens = sentence.tokens
    first = 2 if lower(tokens[0]) == "having" and len(tokens) > 1 else 1
    head = tokens[first - 1]
    if head.pos != ("VBN" if first == 2 else "VBG") or head.lemma.lower() not in verbs:
        return None
    return head


def needs_dangling_opener(rule: RuleSpec) -> NeedFn:
    verbs = frozenset(v.lower() for v in rule.option("verbs", ()))
    return sentences_where(lambda s: _opening_participle(s, verbs) is not None)


def _opener(sentence: Sentence, verbs: frozenset[str]) -> tuple[int, int] | None:
    """(participle, main verb) when the sentence opens with a subjectless participial
    clause of one of ``verbs``, closed by a comma."""
    tokens = sentence.tokens
    head = _opening_participle(sentence, verbs)
    if head is None:
        return None
    dep = sentence.head(head.index)
    if dep is None or dep.governor <= head.index:
        return None
    if not (dep.dep.startswith("advcl") or dep.dep in _OPENER_DEPS):
        return None
    if any(d.dep.startswith(("nsubj", "expl")) for d in sentence.children(head.index)):
        return None
    end = max(sentence.subtree(head.index))
    if end >= len(tokens) or tokens[end].word != ",":  # the token after the clause
        return None
    return head.index, dep.governor


def build_dangling_opener(rule: RuleSpec) -> RuleFn:
    verbs = frozenset(v.lower() for v in rule.option("verbs", ()))
    people = frozenset(n.lower() for n in rule.option("people_nouns", ()))

    def can_act(sentence: Sentence, index: int) -> bool:
        t = sentence.token(index)
        if lower(t) in _PERSONAL or t.pos.startswith("NNP"):
            return True
        # "the minister's aides", "a group of residents": a person among its words
        return any(
            sentence.token(i).ner in _PEOPLE_NER or sentence.token(i).lemma.lower() in people
            for i in sentence.subtree(index)
        )

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            found = _opener(sentence, verbs)
            if found is None:
                continue
            participle, verb = found
            subjects = [d for d in sentence.children(verb)
                        if d.dep in ("nsubj", "nsubj:pass", "expl")]
            if not subjects:
                continue
            subject = sentence.token(subjects[0].dependent)
            empty = subjects[0].dep == "expl" or lower(subject) in ("it", "there")
            if not empty and can_act(sentence, subject.index):
                continue
            p = sentence.token(participle)
            yield Hit(sentence.token(1).start, p.end, (),
                      {"participle": p.word, "subject": subject.word})

    return run
