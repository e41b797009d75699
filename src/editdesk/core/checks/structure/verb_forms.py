"""The verb form an auxiliary takes: a modal takes the plain verb, a form of "be" never does.

- "can helps", "may fell", "will decided": after a modal the verb is plain ("can help");
- "must to pay", "can't to do": a modal takes no "to" (except "ought", tagged MD too);
- "are make", "is generate": "be" takes a participle or an adjective, not a plain verb.
  Not in a pseudo-cleft, where "do" comes first: "What they did is reduce the tax".
- "it can the best thing", "people can not ready": a modal after its subject, followed by
  an adjective or a determiner that no verb follows, has lost its verb ("be").

``build_repeated_auxiliary``: the same form of "be" or "have" on both sides of an adverb
("which is usually is"), not in a pseudo-cleft ("what it is really is").

The parse's part-of-speech tags decide; a capitalised word after the auxiliary is read as a
name the tagger took for a verb ("the latest are Ask Jeeves and Blinkx").
"""

from __future__ import annotations

from collections.abc import Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import ParsedArticle, RuleFn, lower
from editdesk.core.checks.structure.parse import Sentence, Token

_NEGATIONS = frozenset({"not", "n't"})
_INFLECTED = frozenset({"VBZ", "VBD"})


def _lost_verb(sentence: Sentence, aux: Token, nxt: Token) -> bool:
    """"it can the best thing": a subject right before the modal (no inversion, as in
    "so can the others"), and after the adjective or determiner no verb or object ("will
    likely win", "could all see", "may muddy the waters")."""
    if aux.index < 2 or sentence.token(aux.index - 1).pos not in ("PRP", "NN", "NNS"):
        return False
    if nxt.index >= len(sentence.tokens):
        return False
    if aux.index > 2 and lower(sentence.token(aux.index - 2)) in ("as", "than"):
        return False  # "as fast as they could consistent with": the comparison ends there
    then = sentence.token(nxt.index + 1)
    if nxt.pos == "JJ":  # "can not ready to", not "may muddy the waters" (a verb)
        return then.pos in ("TO", "IN") or then.word in (".", ",", ";")
    return then.pos in ("JJ", "JJS", "RBS")  # "can the most useful", "will the longest"


def build_verb_after_auxiliary(rule: RuleSpec) -> RuleFn:
    modals = frozenset(m.lower() for m in rule.option("modals", ()))
    advice_inflected = str(rule.option("advice_inflected", ""))
    advice_to = str(rule.option("advice_to", ""))
    advice_plain = str(rule.option("advice_plain", ""))
    advice_missing = str(rule.option("advice_missing", ""))

    def after(sentence: Sentence, aux: Token) -> Token | None:
        """The word after the auxiliary and any "not" ("can't to do")."""
        i = aux.index + 1
        if i <= len(sentence.tokens) and lower(sentence.token(i)) in _NEGATIONS:
            i += 1
        return sentence.token(i) if i <= len(sentence.tokens) else None

    def hit(doc: ParsedArticle, first: Token, last: Token, advice: str, fix: str | None) -> Hit:
        words = doc.text[first.start : last.end]
        return Hit(first.start, last.end, (fix,) if fix else (),
                   {"words": words, "advice": advice.format(fix=fix or "")})

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            done_before = False  # a form of "do" earlier in the sentence: a pseudo-cleft
            for aux in sentence.tokens:
                if aux.lemma.lower() == "do" and aux.pos.startswith("VB"):
                    done_before = True
                nxt = after(sentence, aux)
                if nxt is None or nxt.word[:1].isupper():
                    continue
                head = doc.text[aux.start : sentence.token(nxt.index - 1).end]
                if aux.pos == "MD" and lower(aux) in modals:
                    if nxt.pos in ("JJ", "DT") and _lost_verb(sentence, aux, nxt):
                        yield hit(doc, aux, nxt, advice_missing, None)
                    elif nxt.pos in _INFLECTED:
                        yield hit(doc, aux, nxt, advice_inflected, f"{head} {nxt.lemma}")
                    elif nxt.pos == "TO" and nxt.index < len(sentence.tokens):
                        verb = sentence.token(nxt.index + 1)
                        if verb.pos == "VB":
                            yield hit(doc, aux, verb, advice_to, f"{head} {verb.word}")
                elif (
                    aux.lemma.lower() == "be" and aux.pos.startswith("VB")
                    and nxt.index == aux.index + 1 and nxt.pos == "VB" and not done_before
                    and lower(aux) not in ("'s", "s")  # "let's go": 's is "us"
                ):
                    yield hit(doc, aux, nxt, advice_plain, None)

    return run


def build_repeated_auxiliary(rule: RuleSpec) -> RuleFn:
    forms = frozenset(w.lower() for w in rule.option("forms", ()))
    clefts = frozenset(w.lower() for w in rule.option("cleft_words", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            tokens = sentence.tokens
            for pos in range(len(tokens) - 2):
                first, adverb, again = tokens[pos : pos + 3]
                if (
                    lower(first) in forms and lower(again) == lower(first)
                    and again.pos == first.pos  # "had long had": the second is a participle
                    and adverb.pos == "RB" and lower(adverb) not in _NEGATIONS
                    and not any(lower(t) in clefts for t in tokens[:pos])
                ):
                    yield Hit(first.start, again.end,
                              (doc.text[first.start : adverb.end],),
                              {"words": doc.text[first.start : again.end], "verb": again.word})

    return run
