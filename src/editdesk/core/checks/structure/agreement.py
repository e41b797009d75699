"""Subject and verb that disagree across a long subject: "The cost of the repairs were".

The verb agrees with the head of its subject, not with the nearest noun; when a prepositional
phrase with a noun of the other number stands between them, writers (and readers) follow
the nearer noun. The rule fires only when the head is a plain common noun of one number,
the phrase between holds a noun of the other, and the verb shows its number (is/are,
was/were, has/have, or a present-tense verb).
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

_PLURAL_VERBS = frozenset({"are", "were", "have", "do"})
_SINGULAR_VERBS = frozenset({"is", "was", "has", "does"})


def _number(token: Token) -> str | None:
    """"sg" or "pl" for a common noun (or "one"), None otherwise."""
    if token.pos == "NN" or lower(token) == "one":
        return "sg"
    if token.pos == "NNS":
        return "pl"
    return None


def _verb_number(sentence: Sentence, head: int) -> tuple[Token, str] | None:
    """The finite word of the clause headed by ``head`` and the number it shows."""
    finite = [
        sentence.token(d.dependent) for d in sentence.children(head)
        if d.dep in ("aux", "aux:pass", "cop") and sentence.token(d.dependent).pos != "MD"
    ]
    words = finite[:1] or [sentence.token(head)]
    number = _shown_number(words[0])
    return (words[0], number) if number is not None else None


def _shown_number(word: Token) -> str | None:
    """The number a finite verb shows: "pl" (are, have, a present plural), "sg" or None."""
    if lower(word) in _PLURAL_VERBS or word.pos == "VBP" and lower(word) not in ("am",):
        return "pl"
    if lower(word) in _SINGULAR_VERBS or word.pos == "VBZ":
        return "sg"
    return None


_BARE_INFINITIVE_VERBS = frozenset(
    {"see", "hear", "watch", "make", "let", "help", "have", "feel", "notice", "bid"}
)


def bare_infinitive(sentence: Sentence, head: int) -> bool:
    """"saw members warn": the verb is an infinitive after see/hear/make/let and shows no
    number (the tagger may still call it present tense)."""
    clause = sentence.head(head)
    if clause is None or clause.governor == 0:
        return False
    if clause.dep == "xcomp":
        return True
    governor = sentence.token(clause.governor)
    return (
        clause.dep == "ccomp"
        and governor.lemma.lower() in _BARE_INFINITIVE_VERBS
        and not any(c.dep == "mark" for c in sentence.children(head))
    )


def needs_long_subject_agreement(rule: RuleSpec) -> NeedFn:
    """What the rule needs in word order, before the parse says which noun is the subject:
    a plain common noun, later a noun of the other number with no "and"/"or"/"as" between
    them, later still a verb showing that other number. (The nearer noun hangs from the
    subject, and the parser's trees are projective, so every word between the two is in the
    subject's phrase, which the rule wants free of coordination.)"""
    exempt = frozenset(w.lower() for w in rule.option("exempt_nouns", ()))

    def possible(sentence: Sentence) -> bool:
        wanted: set[str] = set()  # the verb numbers that would disagree with a noun so far
        subjects: set[str] = set()
        for t in sentence.tokens:
            if t.pos == "CC" or lower(t) == "as":
                subjects.clear()  # no noun before it can be a subject the rule judges
                continue
            shown = _shown_number(t)
            if shown is not None and shown in wanted:
                return True
            number = _number(t)
            if number is None:
                continue
            if any(n != number for n in subjects):
                wanted.add(number)
            if t.lemma.lower() not in exempt and t.ner == "O":
                subjects.add(number)
        return False

    return sentences_where(possible)


def build_long_subject_agreement(rule: RuleSpec) -> RuleFn:
    exempt = frozenset(w.lower() for w in rule.option("exempt_nouns", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for d in sentence.basic:
                if d.dep != "nsubj":
                    continue
                subject = sentence.token(d.dependent)
                number = _number(subject)
                if number is None or subject.lemma.lower() in exempt or subject.ner != "O":
                    continue
                children = sentence.children(subject.index)
                if any(c.dep in ("conj", "cc", "nummod", "det:predet", "acl", "acl:relcl")
                       for c in children):
                    continue
                span = sentence.subtree(subject.index)
                if span[0] > 1 and sentence.token(span[0] - 1).pos in ("WP", "WDT"):
                    continue  # "one who majors in art learns": a verb taken for a noun
                if any(sentence.token(i).pos == "CC" or lower(sentence.token(i)) == "as"
                       for i in span):
                    continue  # coordination or "as well as": the parse may have hung it wrong
                if bare_infinitive(sentence, d.governor):
                    continue
                if any(lower(sentence.token(c.dependent)) in ("each", "every", "these", "those",
                                                              "this", "that", "many", "few")
                       for c in children if c.dep == "det"):
                    continue
                verb = _verb_number(sentence, d.governor)
                if verb is None or verb[1] == number or verb[0].index < subject.index:
                    continue
                if any(lower(sentence.token(c.dependent)) in ("if", "though", "as")
                       for c in sentence.children(d.governor) if c.dep == "mark"):
                    continue  # "as if the cost were": a subjunctive
                between = [
                    sentence.token(c.dependent) for c in children
                    if c.dep == "nmod" and subject.index < c.dependent < verb[0].index
                ]
                attractor = next((t for t in between if _number(t) not in (None, number)), None)
                if attractor is None:
                    continue
                yield Hit(
                    subject.start,
                    verb[0].end,
                    (),
                    {"subject": subject.word, "verb": verb[0].word, "nearer": attractor.word},
                )

    return run
