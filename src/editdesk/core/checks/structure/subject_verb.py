"""A common noun and the verb right after it that disagree: "the professor oppose",
"endangered animals is", "a person who are", "there are more population".

Word order picks the candidates from the tags alone (so only those sentences are parsed): a
plain common noun followed at once (adverbs aside) by a verb that shows the other number, by
who/which/that and such a verb, or "there" and such a verb before the noun. The parse must
then confirm that the noun is that verb's subject (or the antecedent of its relative
subject): "sales of the product rise" has "product" beside "rise", but "sales" is the subject.

A finite plain verb right after a singular noun counts as plural ("the teacher ask": the
tagger calls it VB), unless it is an infinitive (after make/let/see, "for the firm to pay")
or a subjunctive ("insist that the council pay", "as if the cost were").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.agreement import bare_infinitive
from editdesk.core.checks.structure.doc import (
    RELATIVIZERS,
    NeedFn,
    ParsedArticle,
    RuleFn,
    lower,
    sentences_where,
)
from editdesk.core.checks.structure.parse import Sentence, Token

_PLURAL_FORMS = frozenset({"are", "have", "do"})
_SINGULAR_FORMS = frozenset({"is", "was", "has", "does"})
_NEGATIONS = frozenset({"not", "n't", "never"})
_SUBJUNCTIVE_MARKS = frozenset({"if", "though", "as", "lest", "whether", "unless"})
_SWAP = {"is": "are", "are": "is", "was": "were", "has": "have", "have": "has",
         "does": "do", "do": "does"}


@dataclass(frozen=True)
class Candidate:
    noun: Token
    verb: Token
    relative: Token | None  # who/which/that between them
    expletive: bool  # "there are ... population"


def _verb_shows(token: Token) -> str | None:
    """The number a word right after its subject shows: "pl" (are, have, a plain present
    verb), "sg" (is, was, has, -s) or None ("were" may be a subjunctive; "'s" may be "has")."""
    word = lower(token)
    if word in ("were", "am", "'s", "s", "'re", "'ve") or not token.pos.startswith("VB"):
        return None
    if word in _SINGULAR_FORMS or token.pos == "VBZ":
        return "sg"
    if word in _PLURAL_FORMS or token.pos in ("VBP", "VB") and token.lemma.lower() != "be":
        return "pl"
    return None


class _Nouns:
    def __init__(self, rule: RuleSpec) -> None:
        self.exempt = frozenset(w.lower() for w in rule.option("exempt_nouns", ()))
        self.singular_plurals = frozenset(
            w.lower()
            for w in (*rule.option("singular_plurals", ()), *rule.option("measures", ()))
        )

    def number(self, token: Token) -> str | None:
        """"sg"/"pl" for a plain lower-case common noun that is no collective or -s singular."""
        if token.pos not in ("NN", "NNS") or token.ner != "O" or "-" in token.word:
            return None
        rest = token.word[1:] if token.index == 1 else token.word
        if rest != rest.lower() or not token.word.isalpha():
            return None
        word = lower(token)
        if token.lemma.lower() in self.exempt or word in self.exempt:
            return None
        if token.pos == "NNS":
            return None if word in self.singular_plurals else "pl"
        return "sg"


def candidates(nouns: _Nouns, sentence: Sentence) -> Iterator[Candidate]:
    """Noun and verb pairs in word order whose numbers differ (tags only)."""
    tokens = sentence.tokens

    def after_adverbs(i: int) -> int:
        while i < len(tokens) and tokens[i].pos == "RB" and lower(tokens[i]) not in _NEGATIONS:
            i += 1
        return i

    for pos, token in enumerate(tokens):
        if token.pos == "EX" and pos + 1 < len(tokens):
            verb = tokens[pos + 1]
            shown = _verb_shows(verb) if verb.pos != "VB" else None
            i = pos + 2
            while i < len(tokens) and tokens[i].pos in ("DT", "JJ", "JJR", "RBR", "RB"):
                i += 1
            then = tokens[i + 1] if i + 1 < len(tokens) else None
            if then is not None and then.pos.startswith(("NN", "VBG")):
                continue  # "there are more cost cutting measures": the head comes later
            if shown and i < len(tokens):
                number = nouns.number(tokens[i])
                if number and number != shown:
                    yield Candidate(tokens[i], verb, None, True)
            continue
        number = nouns.number(token)
        if number is None:
            continue
        i = after_adverbs(pos + 1)
        relative = None
        if i < len(tokens) and lower(tokens[i]) in RELATIVIZERS and tokens[i].pos in ("WP", "WDT"):
            relative = tokens[i]
            i = after_adverbs(i + 1)
        if i >= len(tokens):
            continue
        shown = _verb_shows(tokens[i])
        if shown and shown != number:
            yield Candidate(token, tokens[i], relative, False)


def needs_subject_verb_agreement(rule: RuleSpec) -> NeedFn:
    nouns = _Nouns(rule)
    return sentences_where(lambda s: any(True for _ in candidates(nouns, s)))


def _finite(sentence: Sentence, head: int) -> Token | None:
    """The word of the clause headed by ``head`` that shows its number; None after a modal,
    "to" or an auxiliary that shows none."""
    children = sentence.children(head)
    if any(c.dep == "mark" and lower(sentence.token(c.dependent)) == "to" for c in children):
        return None
    aux = [sentence.token(c.dependent) for c in children if c.dep in ("aux", "aux:pass", "cop")]
    if any(a.pos == "MD" or lower(a) == "to" for a in aux):
        return None
    return aux[0] if aux else sentence.token(head)


def _opening_phrase(sentence: Sentence, noun: Token) -> bool:
    """"In this case student learn": the noun before the subject ends a prepositional phrase
    that opens the sentence (or follows a comma)."""
    if not any(d.dep == "case" for d in sentence.children(noun.index)):
        return False
    start = sentence.subtree(noun.index)[0]
    return start == 1 or not sentence.token(start - 1).word.isalnum()


def _gerund_before(sentence: Sentence, start: int) -> bool:
    """A gerund earlier in the same stretch of words (back to punctuation or "that", "when"):
    the subject may be its clause, whatever the parse hung on the noun."""
    for i in range(start - 1, 0, -1):
        t = sentence.token(i)
        if not t.word.isalnum() or lower(t) in RELATIVIZERS or t.pos == "WRB":
            return False
        if t.pos == "VBG":
            return True
    return False


def build_subject_verb_agreement(rule: RuleSpec) -> RuleFn:
    nouns = _Nouns(rule)
    mandative = frozenset(w.lower() for w in rule.option("mandative", ()))

    def subjunctive(sentence: Sentence, head: int) -> bool:
        if any(lower(sentence.token(c.dependent)) in _SUBJUNCTIVE_MARKS
               for c in sentence.children(head) if c.dep == "mark"):
            return True
        clause = sentence.head(head)
        return (
            clause is not None and clause.governor != 0
            and sentence.token(clause.governor).lemma.lower() in mandative
        )

    def confirmed(sentence: Sentence, c: Candidate) -> bool:
        subject = c.relative or c.noun
        heads = [d for d in sentence.basic
                 if d.dependent == subject.index and d.dep in ("nsubj", "nsubj:pass")]
        if not heads:
            return False
        head = heads[0].governor
        if _finite(sentence, head) != c.verb:
            return False
        if c.verb.pos == "VB" and c.verb.index != head:
            return False  # a plain auxiliary ("be"): an infinitive or a subjunctive
        if bare_infinitive(sentence, head) or subjunctive(sentence, head):
            return False
        noun_children = sentence.children(c.noun.index)
        if any(d.dep in ("conj", "cc", "nummod") for d in noun_children):
            return False
        span = sentence.subtree(c.noun.index)
        if any(sentence.token(i).pos == "CD" for i in span):
            return False  # "thirty seconds is": a measure
        if c.noun.index > 1 and sentence.token(c.noun.index - 1).pos == "PRP":
            return False  # "I cant see": a verb the tagger took for a noun
        before = sentence.token(span[0] - 1) if span[0] > 1 else None
        if c.relative is None and not c.expletive and before is not None:
            if before.pos.startswith("VB") or any(
                sentence.token(i).pos == "VBG" for i in range(span[0], c.noun.index)
            ):
                return False  # "taking risks teaches": the subject is the verb's clause
            case = sentence.head(before.index)
            if case is not None and case.dep == "case":
                return False  # "sales of the product rise": the noun is in a phrase
            if before.pos in ("WDT", "WP", "WP$"):
                return False  # "on which benefits consumers is": inside a relative phrase
            if before.pos.startswith("NN") and not _opening_phrase(sentence, before):
                return False  # a noun beside it, not a phrase of its own: a split phrase
            if _gerund_before(sentence, span[0]):
                return False  # "reviving it in your poster advertisements was": the clause is
        if c.verb.pos == "VB":
            clause = sentence.head(head)
            marked = any(d.dep == "mark" or d.dep == "advmod" and sentence.token(d.dependent).pos
                         == "WRB" for d in sentence.children(head))
            if not marked and (clause is None or clause.governor != 0):
                return False  # a plain verb deep in the sentence: an infinitive, most likely
            if any(t.pos == "MD" or t.lemma.lower() == "do" and t.pos.startswith("VB")
                   for t in sentence.tokens[max(0, span[0] - 4) : span[0] - 1]):
                return False  # "neither does the budget include": an inversion
        if c.relative is not None:
            attached = sentence.head(head)
            own = sentence.head(c.noun.index)
            if attached is None or attached.dep != "acl:relcl" or attached.governor != c.noun.index:
                return False
            if own is None or own.dep.startswith(("nmod", "obl", "conj", "compound")):
                return False  # "members of the committee who are": which noun it follows is open
        return True

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for c in candidates(nouns, sentence):
                if not confirmed(sentence, c):
                    continue
                swap = _SWAP.get(lower(c.verb))
                fixes = (swap,) if swap and c.verb.word.islower() else ()
                first, last = (c.verb, c.noun) if c.expletive else (c.noun, c.verb)
                yield Hit(
                    c.verb.start, c.verb.end, fixes,
                    {"subject": c.noun.word, "verb": c.verb.word,
                     "words": doc.text[first.start : last.end],
                     "number": "singular" if c.noun.pos == "NN" else "plural"},
                )

    return run
