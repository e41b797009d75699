"""How people are named: twice across a comma, and first by title and surname alone.

- "After the meeting with Mayor Lind, Lind said ...": the same name (or noun phrase) ends
  the opening phrase and starts the main clause; the second one wants a pronoun.
- "Mr Hale said ..." with no "Tom Hale" before it: news style names a person in full first.
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


def _repeats(sentence: Sentence) -> Iterator[tuple[Token, Token]]:
    """(before, after) for each noun just before a comma that comes again just after it."""
    for comma in sentence.tokens:
        if comma.word != "," or comma.index < 3 or comma.index >= len(sentence.tokens):
            continue
        before = sentence.token(comma.index - 1)
        after_index = comma.index + 1
        # skip a determiner after the comma: "..., the governor said"
        after = sentence.token(after_index)
        if lower(after) in ("the", "a", "an", "this", "that") \
                and after_index < len(sentence.tokens):
            after_index += 1
            after = sentence.token(after_index)
        if before.pos.startswith("NN") and lower(before) == lower(after):
            yield before, after


def needs_repeated_across_comma(rule: RuleSpec) -> NeedFn:
    return sentences_where(lambda s: any(_repeats(s)))


def build_repeated_across_comma(rule: RuleSpec) -> RuleFn:
    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for before, after in _repeats(sentence):
                after_index = after.index
                # the second must be the subject of the clause the first phrase opens
                head = sentence.head(after_index)
                if head is None or head.dep not in ("nsubj", "nsubj:pass"):
                    continue
                verb = head.governor
                first_chain = [d.governor for d in sentence.ancestors(before.index)]
                if verb not in first_chain:
                    continue  # the first is not in a phrase of the same clause
                yield Hit(after.start, after.end, (), {"word": after.word})

    return run


def _person_names(sentence: Sentence, titles: frozenset[str]) -> Iterator[tuple[Token | None,
                                                                              list[Token]]]:
    """(title, name words) for each person mention; the title may be inside the mention
    ("Ms Brennan") or just before it ("Mr" + "Hale")."""
    for m in sentence.mentions:
        if m.ner != "PERSON" or m.token_begin < 1:
            continue
        words = list(sentence.tokens[m.token_begin - 1 : m.token_end - 1])
        if not words or any(t.pos.startswith("PRP") for t in words):
            continue
        title = None
        while words and lower(words[0]).rstrip(".") in titles:
            title = words.pop(0)
        if title is None and m.token_begin > 1:
            before = sentence.token(m.token_begin - 1)
            if lower(before).rstrip(".") in titles:
                title = before
        if words:
            yield title, words


def build_title_surname_first(rule: RuleSpec) -> RuleFn:
    titles = frozenset(t.lower().rstrip(".") for t in rule.option("titles", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        named: set[str] = set()  # surnames already given with a first name
        flagged: set[str] = set()
        for sentence in doc.sentences:
            names = list(_person_names(sentence, titles))
            for title, words in names:
                if title is None or len(words) != 1:
                    continue
                surname = words[0]
                key = surname.word.lower()
                if key in named or key in flagged:
                    continue
                if any(len(w) > 1 and w[-1].word.lower() == key and w[0].start < title.start
                       for _, w in names):
                    continue
                flagged.add(key)
                yield Hit(title.start, surname.end, (),
                          {"name": f"{title.word} {surname.word}", "surname": surname.word})
            named.update(w[-1].word.lower() for _, w in names if len(w) > 1)
            # A full name the recogniser missed or took for something else ("Trevin Skeens"
            # as an organisation) still counts as the first mention.
            for prev, t in zip(sentence.tokens, sentence.tokens[1:], strict=False):
                if prev.pos == t.pos == "NNP" and prev.word[:1].isupper() \
                        and lower(prev).rstrip(".") not in titles:
                    named.add(t.word.lower())

    return run
