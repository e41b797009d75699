"""A he/she/they subject with no one before it to refer to.

Coreference would cost five times the parse (DESIGN.md), so candidates come from the parse
itself, in a window of sentences before the pronoun and the whole of its own sentence
(a name after the pronoun in the same sentence, "Before he left, Mr Hale said ...", is a
fair antecedent): recognised names, person nouns (minister, spokeswoman), name-like
capitalised words, and earlier pronouns of the same kind (a chain that started well).
"They" also takes organisations, plural nouns and coordinated nouns. Inside a quotation the
speaker often comes after it, so the next sentence counts too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import NeedFn, ParsedArticle, RuleFn, lower
from editdesk.core.checks.structure.parse import Sentence, Token

_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_PERSONAL = {"he": "person", "she": "person", "they": "group"}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


@dataclass(frozen=True)
class Candidate:
    text: str
    sentence: int  # index into the article's sentence list


@dataclass(frozen=True)
class _Words:
    person_nouns: frozenset[str]
    calendar: frozenset[str]  # month and weekday names ("mid-March", "Mondays" too)

    @classmethod
    def of(cls, rule: RuleSpec) -> _Words:
        return cls(
            frozenset(w.lower() for w in rule.option("person_nouns", ())),
            frozenset(w.lower() for w in rule.option("calendar_names", ())),
        )

    def is_calendar(self, word: str) -> bool:
        word = word.lower().removeprefix("mid-")
        return word in self.calendar or word.endswith("s") and word[:-1] in self.calendar


def _candidates(
    sentence: Sentence, kind: str, words: _Words, skip: int = 0
) -> list[str]:
    """Words of ``sentence`` a ``kind`` pronoun could refer to, in order (``skip``: the
    pronoun's own token)."""
    found: list[str] = []
    for m in sentence.mentions:
        if m.token_begin <= skip < m.token_end:
            continue
        spanned = sentence.tokens[m.token_begin - 1 : m.token_end - 1] if m.token_begin else ()
        if spanned and all(t.pos.startswith("PRP") for t in spanned):
            continue
        if m.ner == "PERSON" or kind == "group" and m.ner in ("ORGANIZATION", "LOCATION", "MISC"):
            found.append(m.text)
    found += [
        t.word for t in sentence.tokens
        if t.index != skip and _could_be_meant(sentence, t, kind, words)
    ]
    return found


def _could_be_meant(sentence: Sentence, t: Token, kind: str, words: _Words) -> bool:
    """A pronoun of the same kind, a person noun, or a name-like word (not a month or a
    day of the week, which the recogniser does not mark)."""
    if lower(t) in (_PERSON_PRONOUNS if kind == "person" else _GROUP_PRONOUNS):
        return True
    if t.lemma.lower() in words.person_nouns and t.pos.startswith("NN"):
        return True
    ner = "DATE" if t.ner == "O" and words.is_calendar(t.word) else t.ner
    if kind == "person":
        return t.pos == "NNP" and ner in ("O", "PERSON") and t.index > 1
    coordinated = t.pos.startswith("NN") and "conj" in sentence.labels(t.index)
    return t.pos in ("NNS", "NNPS") or coordinated or (
        t.pos == "NNP" and ner in ("ORGANIZATION", "O")
    )


def _pronouns(rule: RuleSpec) -> dict[str, str]:
    return {p: _PERSONAL[p] for p in rule.option("pronouns", ["he", "she"]) if p in _PERSONAL}


def needs_unclear_pronoun(rule: RuleSpec) -> NeedFn:
    """The parse shows whether a pronoun is a subject, whether its verb reports speech
    (a longer window) and, for "they", which nouns are coordinated (candidates). Without
    it candidates can only be fewer, so a pronoun with a candidate in its own sentence or
    in the shortest window needs no parse; any other needs its own sentence parsed, and
    for "they" every sentence its longest window, the next sentence and the message's
    look-back for the nearest candidate can reach."""
    pronouns = _pronouns(rule)
    window = int(rule.option("window", 1))
    reporting_window = int(rule.option("reporting_window", 4))
    look_back = int(rule.option("nearest_within", 10))
    words = _Words.of(rule)

    def needs(sentences: tuple[Sentence, ...]) -> set[int]:
        out: set[int] = set()
        for n, sentence in enumerate(sentences[1:], start=1):
            for token in sentence.tokens:
                kind = pronouns.get(lower(token))
                if kind is None or _candidates(sentence, kind, words, skip=token.index):
                    continue
                near = _window(sentences, n, min(window, reporting_window))
                if any(_candidates(sentences[i], kind, words) for i in near):
                    continue
                out.add(n)
                if kind == "group":
                    out.update(_window(sentences, n, max(window, reporting_window)))
                    out.update(range(n + 1, min(n + 2, len(sentences))))
                    out.update(range(max(0, n - look_back), n))
        return out

    return needs


def build_unclear_pronoun(rule: RuleSpec) -> RuleFn:
    pronouns = _pronouns(rule)
    window = int(rule.option("window", 1))
    reporting = frozenset(v.lower() for v in rule.option("reporting_verbs", ()))
    reporting_window = int(rule.option("reporting_window", 4))
    look_back = int(rule.option("nearest_within", 10))
    words = _Words.of(rule)

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        sentences = doc.sentences
        for n, sentence in enumerate(sentences):
            if n == 0:
                continue  # the headline or the first line: nothing before it
            for token in sentence.tokens:
                kind = pronouns.get(lower(token))
                head = sentence.head(token.index)
                if kind is None or head is None or head.dep not in _SUBJECTS:
                    continue
                if _candidates(sentence, kind, words, skip=token.index):
                    continue
                # Reported speech runs on: "He said ..." may be four sentences from the name.
                verb = sentence.token(head.governor) if head.governor else None
                speech = verb is not None and verb.lemma.lower() in reporting or any(
                    t.lemma.lower() in reporting and t.index > token.index
                    and sentence.head(t.index) is not None
                    and sentence.head(t.index).dep == "parataxis"
                    for t in sentence.tokens
                )
                before = _window(sentences, n, reporting_window if speech else window)
                if any(_candidates(sentences[i], kind, words) for i in before):
                    continue
                quoted = _quoted(doc.text, sentence, token)
                if quoted and n + 1 < len(sentences) and _candidates(
                    sentences[n + 1], kind, words
                ):
                    continue
                nearest = ""
                first = before[0] if before else n
                for i in range(first - 1, max(-1, n - look_back - 1), -1):
                    found = _candidates(sentences[i], kind, words)
                    if found:
                        nearest = (f" (the nearest candidate, '{found[-1]}', is {n - i} "
                                   "sentences back)")
                        break
                yield Hit(
                    token.start,
                    token.end,
                    (),
                    {"pronoun": token.word, "before": _before_words(len(before)),
                     "nearest": nearest},
                )

    return run


def _before_words(n: int) -> str:
    return "the sentence before it" if n == 1 else f"the {n} sentences before it"


def _has_quote(sentence: Sentence) -> bool:
    return any(t.word in _QUOTES for t in sentence.tokens)


def _window(sentences: tuple[Sentence, ...], n: int, size: int) -> list[int]:
    """The ``size`` sentences before sentence ``n``, not counting quoted ones: a quotation
    runs over several sentences, and its speaker is named before or after all of them."""
    out: list[int] = []
    counted = 0
    i = n - 1
    quoted_run = _has_quote(sentences[n])
    while i >= 0 and counted < size:
        out.append(i)
        if _has_quote(sentences[i]) or quoted_run:
            quoted_run = _has_quote(sentences[i])
        else:
            counted += 1
        i -= 1
    return sorted(out)


def _quoted(text: str, sentence: Sentence, token: Token) -> bool:
    """Inside a quotation: an odd number of quotation marks between the start of its
    paragraph and the token."""
    paragraph_start = text.rfind("\n", 0, token.start) + 1
    before = text[paragraph_start : token.start]
    straight = before.count('"')
    curly_open, curly_close = before.count("“"), before.count("”")
    return straight % 2 == 1 or curly_open > curly_close
