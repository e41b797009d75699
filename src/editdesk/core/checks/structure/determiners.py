"""Determiners that do not fit: an article right before another determiner ("for the these
reasons", "a my friend"), and a determiner of the other number than its noun ("a big
football fans", "many problem").

Only lower-case words count: "the My Ask Jeeves service" and "the This Morning presenter"
are names. The same word twice ("the the") is the doubled-word rule's.
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


def build_article_before_determiner(rule: RuleSpec) -> RuleFn:
    articles = frozenset(w.lower() for w in rule.option("articles", ()))
    determiners = frozenset(w.lower() for w in rule.option("determiners", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for article, nxt in zip(sentence.tokens, sentence.tokens[1:], strict=False):
                if (
                    lower(article) in articles and nxt.word in determiners
                    and nxt.word != lower(article) and article.end < nxt.start
                ):
                    fix = nxt.word.capitalize() if article.word[:1].isupper() else nxt.word
                    yield Hit(article.start, nxt.end, (fix,),
                              {"words": doc.text[article.start : nxt.end],
                               "article": article.word, "determiner": nxt.word})

    return run


_MODIFIERS = frozenset({"JJ", "JJR", "JJS", "NN", "VBG", "RB"})


class _DeterminerWords:
    def __init__(self, rule: RuleSpec) -> None:
        self.singular = frozenset(w.lower() for w in rule.option("singular_determiners", ()))
        self.plural = frozenset(w.lower() for w in rule.option("plural_determiners", ()))
        self.quantities = frozenset(w.lower() for w in rule.option("quantity_words", ()))
        self.invariable = frozenset(w.lower() for w in rule.option("invariable_nouns", ()))


def _plain(token: Token) -> bool:
    return token.word.isalpha() and token.word.islower() and token.ner == "O"


def _phrase_ends(token: Token) -> bool:
    """A word after which a noun phrase has ended: punctuation, a preposition, "and"."""
    return not token.word.isalnum() or token.pos in ("IN", "CC", "TO")


def _determiner_candidates(
    words: _DeterminerWords, sentence: Sentence
) -> Iterator[tuple[Token, Token]]:
    """(determiner, noun) pairs of different number in word order (tags only)."""
    tokens = sentence.tokens
    for pos, det in enumerate(tokens[:-1]):
        word = lower(det)
        if word in words.singular:
            i = pos + 1
            while i < len(tokens) and tokens[i].pos in _MODIFIERS and _plain(tokens[i]):
                i += 1
            if i >= len(tokens) or tokens[i].pos != "NNS" or not _plain(tokens[i]):
                continue
            if {lower(t) for t in tokens[pos + 1 : i + 1]} & words.quantities:
                continue
            if not any(t.pos == "NN" for t in tokens[pos + 1 : i]):
                continue  # "a strong increases": LanguageTool's A_NNS has it
            if i + 1 < len(tokens) and not _phrase_ends(tokens[i + 1]):
                continue  # "a danger people would": a clause whose subject is the plural
        elif word in words.plural:
            i = pos + 1
            if tokens[i].pos != "NN" or not _plain(tokens[i]) or lower(tokens[i]) in (
                words.quantities
            ):
                continue
            if pos > 0 and lower(tokens[pos - 1]) in words.singular:
                continue  # "a few hundred", "a few percent"
            if i + 1 < len(tokens) and tokens[i + 1].pos in ("CC", "VBZ"):
                continue  # "many ringtone and other sellers", "these search queries the"
        else:
            continue
        if lower(tokens[i]) in words.invariable:
            continue
        if i + 1 < len(tokens) and tokens[i + 1].pos.startswith(("NN", "POS", "CD")):
            continue  # the noun phrase goes on: "a sales tax", "a women's team"
        yield det, tokens[i]


def needs_determiner_number(rule: RuleSpec) -> NeedFn:
    words = _DeterminerWords(rule)
    return sentences_where(lambda s: any(True for _ in _determiner_candidates(words, s)))


def build_determiner_number(rule: RuleSpec) -> RuleFn:
    words = _DeterminerWords(rule)

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for det, noun in _determiner_candidates(words, sentence):
                head = sentence.head(det.index)
                if head is None or head.dep not in ("det", "amod") or head.governor != noun.index:
                    continue  # "a spokesman says": the determiner is another noun's
                yield Hit(det.start, noun.end, (),
                          {"words": doc.text[det.start : noun.end], "determiner": det.word,
                           "noun": noun.word,
                           "number": "plural" if noun.pos == "NNS" else "singular"})

    return run
