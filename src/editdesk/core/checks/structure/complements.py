"""Verbs whose object needs a second complement, and reciprocals that cannot work.

- "The minister assured the union." Assured it of what? assure, remind, notify and the like
  take an object and then an of/about/that complement; the parse shows the object with
  nothing after it (an "of" phrase may be hung on the object: that counts as there).
- "Neither the club nor its rival has helped each other": a reciprocal needs two parties
  acting together, which neither ... nor denies, and a singular subject cannot give.
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
from editdesk.core.checks.structure.objects import verb_of
from editdesk.core.checks.structure.parse import Sentence

_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "csubj"})


def _case_of(sentence: Sentence, noun: int) -> str:
    for d in sentence.children(noun):
        if d.dep in ("case", "mark"):
            return lower(sentence.token(d.dependent))
    return ""


def build_missing_complement(rule: RuleSpec) -> RuleFn:
    verbs = frozenset(v.lower() for v in rule.option("verbs", ()))
    preps = frozenset(p.lower() for p in rule.option("prepositions", ("of", "about", "that")))

    def complemented(sentence: Sentence, verb: int, obj: int) -> bool:
        for d in sentence.children(verb):
            # a clause before the verb ("Affirming that ..., she assured them") is not
            # what they were assured of
            clause = d.dep in _CLAUSES or d.dep.startswith(("ccomp", "xcomp", "advcl"))
            if clause and d.dependent > verb:
                return True
            if d.dep.startswith("obl") and _case_of(sentence, d.dependent) in preps:
                return True
            if d.dep in ("nsubj:pass", "aux:pass"):
                return True  # "was assured of": judged elsewhere
        for d in sentence.children(obj):
            if d.dep in ("nmod", "acl", "acl:relcl") and (
                _case_of(sentence, d.dependent) in preps or d.dep.startswith("acl")
            ):
                return True
        return False

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for token in sentence.tokens:
                if not verb_of(token, verbs):
                    continue
                objs = [d.dependent for d in sentence.children(token.index) if d.dep == "obj"]
                if not objs or complemented(sentence, token.index, objs[0]):
                    continue
                after = max(sentence.subtree(objs[0])) + 1
                if after <= len(sentence.tokens) and lower(sentence.token(after)) in preps:
                    continue  # the parse hung the complement elsewhere
                obj = sentence.token(objs[0])
                # the object up to any appositive or relative clause after it
                core = [objs[0]]
                for d in sentence.children(objs[0]):
                    if d.dep not in ("appos", "acl", "acl:relcl", "punct", "conj", "cc"):
                        core += sentence.subtree(d.dependent)
                end = sentence.token(max(core)).end
                yield Hit(token.start, end, (), {"verb": token.word, "object": obj.word})

    return run


_PARTIES = {"each": "other", "one": "another"}


def _reciprocal(sentence: Sentence) -> Iterator[int]:
    """Token index of "other"/"another" in each reciprocal of the sentence."""
    for t in sentence.tokens[1:]:
        first = sentence.token(t.index - 1)
        if _PARTIES.get(lower(first)) == lower(t):
            yield t.index


def _clause_subject(sentence: Sentence, index: int) -> int | None:
    """The subject of the nearest verb above ``index``; for an infinitive or gerund without
    one, its controller ("allowing players to battle each other": players)."""
    for d in sentence.ancestors(index):
        head = d.governor
        if head == 0:
            return None
        if not sentence.token(head).pos.startswith(("VB", "JJ")):
            continue
        for child in sentence.children(head):
            if child.dep in ("nsubj", "nsubj:pass"):
                return child.dependent
        up = sentence.head(head)
        if up is not None and up.dep == "xcomp":
            controller = sentence.children(up.governor)
            for child in controller:
                if child.dep == "obj":
                    return child.dependent
            for child in controller:
                if child.dep in ("nsubj", "nsubj:pass"):
                    return child.dependent
        return None
    return None


def needs_reciprocal(rule: RuleSpec) -> NeedFn:
    return sentences_where(lambda s: any(_reciprocal(s)))


def build_reciprocal(rule: RuleSpec) -> RuleFn:
    collective = frozenset(w.lower() for w in rule.option("collective_nouns", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for other in _reciprocal(sentence):
                subject = _clause_subject(sentence, other)
                if subject is None:
                    continue
                subj = sentence.token(subject)
                labels = sentence.labels(subject)
                preconj = [
                    sentence.token(d.dependent) for d in sentence.children(subject)
                    if d.dep == "cc:preconj"
                ]
                start, end = sentence.token(other - 1).start, sentence.token(other).end
                if any(lower(t) == "neither" for t in preconj):
                    yield Hit(start, end, (), {"why": "'neither ... nor' leaves no two parties"
                                                      " acting on each other"})
                    continue
                # "it" is left alone: "it's just laughing at each other" is generic
                singular = subj.pos in ("NN", "NNP") or lower(subj) in ("he", "she")
                if (
                    singular
                    and "conj" not in labels
                    and subj.lemma.lower() not in collective
                    and subj.ner not in ("ORGANIZATION",)
                    and not any(d.dep == "nummod" for d in sentence.children(subject))
                ):
                    yield Hit(start, end, (), {"why": f"its subject, '{subj.word}', is one party"})

    return run
