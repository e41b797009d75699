"""Verbs that need an object but have none: "a problem that cannot ignore".

A parse is evidence, not proof, so the rule fires only where the object cannot have moved
elsewhere: the verb's subject is the relative pronoun itself ("that cannot ignore"), or
the verb heads a plain statement with its subject ("The new tax condemned widely by
shopkeepers.", where a "by" agent shows the passive that was meant). Object relatives
("a risk the board cannot ignore"), questions ("what did they ignore?"), comparatives
("more than families can afford") and headlines are left alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import (
    RELATIVIZERS,
    NeedFn,
    ParsedArticle,
    RuleFn,
    lower,
    sentences_where,
)
from editdesk.core.checks.structure.parse import Sentence, Token

# Any of these under the verb means it has its object, complement or passive.
_COMPLEMENTS = frozenset(
    {"obj", "iobj", "ccomp", "xcomp", "csubj", "csubj:pass", "nsubj:pass", "aux:pass",
     "expl", "expl:pass", "compound:prt"}
)
_WH_POS = frozenset({"WP", "WDT", "WP$", "WRB"})
_CLAUSE_MARKS = frozenset({"than", "as", "if", "whether", "what", "however", "whatever"})


def _has_complement(sentence: Sentence, verb: int, preps: frozenset[str]) -> bool:
    for deps in (sentence.children(verb), _enhanced_children(sentence, verb)):
        for d in deps:
            if d.dep in _COMPLEMENTS or d.dep.startswith(("obj", "ccomp", "xcomp")):
                return True
            if d.dep.startswith("obl") and _case_word(sentence, d.dependent) in preps:
                return True
    return False


def _enhanced_children(sentence: Sentence, verb: int) -> list:
    return [d for d in sentence.enhanced if d.governor == verb]


def _case_word(sentence: Sentence, noun: int) -> str:
    for d in sentence.children(noun):
        if d.dep == "case":
            return lower(sentence.token(d.dependent))
    return ""


def _subject(sentence: Sentence, verb: int) -> int | None:
    for d in sentence.children(verb):
        if d.dep == "nsubj":
            return d.dependent
    return None


def _object_moved(sentence: Sentence, verb: int) -> bool:
    """A question, comparative or object relative: the object is elsewhere."""
    if any(t.pos in _WH_POS for t in sentence.tokens[:verb]):
        return True
    for d in sentence.children(verb):
        word = lower(sentence.token(d.dependent))
        if d.dep in ("mark", "dep", "advmod") and word in _CLAUSE_MARKS | RELATIVIZERS:
            return True
    return False


def _plain_statement(sentence: Sentence, verb: int) -> bool:
    """The verb heads a whole statement: the root (or a conjunct of it) of a sentence that
    ends in a full stop, with no question word and nothing fronted. Headlines ("Minister
    criticised by MPs") and reduced relatives ("a problem highlighted by analysts was ...")
    are not statements of the verb."""
    if sentence.tokens[-1].word not in (".", "!"):
        return False
    head = sentence.head(verb)
    if head is None:
        return False
    if head.dep == "conj":
        head = sentence.head(head.governor)
    if head is None or head.governor != 0:
        return False
    return not _object_moved(sentence, verb)


def _passive_suggestion(
    doc: ParsedArticle, sentence: Sentence, verb: int, participle: str
) -> tuple[int, int, str] | None:
    """("cannot ignore" -> "cannot be ignored") when only a modal (and "not") stands before
    the verb: then the passive is clear."""
    auxes = [d.dependent for d in sentence.children(verb) if d.dep == "aux"]
    if not auxes or any(sentence.token(a).pos != "MD" for a in auxes):
        return None
    first = min(auxes)
    between = [t for t in sentence.tokens[first : verb - 1] if t.index not in auxes]
    if any(lower(t) not in ("not", "n't", "never") for t in between):
        return None
    start, verb_start = sentence.token(first).start, sentence.token(verb).start
    return start, sentence.token(verb).end, f"{doc.text[start:verb_start]}be {participle}"


def verb_of(token: Token, verbs: Collection[str]) -> bool:
    """``token`` is a verb whose lemma is one of ``verbs`` (what these rules judge)."""
    return token.pos.startswith("VB") and token.lemma.lower() in verbs


def needs_verbs(rule: RuleSpec) -> NeedFn:
    """The sentences holding one of the rule's verbs (option ``verbs``)."""
    verbs = frozenset(v.lower() for v in rule.option("verbs", ()))
    return sentences_where(lambda s: any(verb_of(t, verbs) for t in s.tokens))


def build_missing_object(rule: RuleSpec) -> RuleFn:
    verbs: dict[str, str] = dict(rule.option("verbs", {}))
    preps = frozenset(rule.option("allowed_prepositions", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for token in sentence.tokens:
                if not verb_of(token, verbs):
                    continue
                v = token.index
                if _has_complement(sentence, v, preps):
                    continue
                subject = _subject(sentence, v)
                if subject is None:
                    continue
                relative = lower(sentence.token(subject)) in RELATIVIZERS
                if not relative and not _plain_statement(sentence, v):
                    continue
                participle = verbs[token.lemma.lower()]
                fix = _passive_suggestion(doc, sentence, v, participle) if relative else None
                if fix is not None:
                    start, end, text = fix
                    yield Hit(
                        start,
                        end,
                        (text,),
                        {"verb": token.word, "passive": text},
                    )
                    continue
                passive = f"be {participle}"
                yield Hit(token.start, token.end, (), {"verb": token.word, "passive": passive})

    return run
