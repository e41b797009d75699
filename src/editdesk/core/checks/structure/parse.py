"""CoreNLP's JSON as frozen dataclasses, with offsets in code points of the article.

CoreNLP counts character offsets in UTF-16 code units (an emoji or a mathematical letter
such as 𝑥 is two); Python strings count code points. ``sentences_from_corenlp`` converts
every offset once, so rules only ever see code-point offsets into the article text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from editdesk.core.checks.languagetool import Utf16Index

# What the structure rules need from the server (coreference is not used: its measured cost
# is five times the parse; see DESIGN.md), asked for in two passes: every sentence is
# tagged (parts of speech, lemmas, entities), then only the sentences some rule reads the
# dependencies of are parsed (the parser is most of CoreNLP's cost), from the words the
# first pass gave, one sentence a line. The parser reads nothing but the words and their
# tags, which the tagger gives again from the same words: the dependencies are those of a
# single pass over everything (checked on edited news). The server loads both pipelines.
ANNOTATORS = "tokenize,ssplit,pos,lemma,ner,depparse"
TAG_ANNOTATORS = "tokenize,ssplit,pos,lemma,ner"
PARSE_ANNOTATORS = "tokenize,ssplit,pos,depparse"
CORENLP_PROPERTIES: Mapping[str, str] = {
    "annotators": TAG_ANNOTATORS,
    "outputFormat": "json",
    "ner.applyFineGrained": "false",
    "ner.useSUTime": "false",
    "ner.applyNumericClassifiers": "false",
    # Two of the recogniser's three default models: names (PERSON, ORGANIZATION, LOCATION)
    # and MISC. The third (MUC, 7 classes) adds only DATE, TIME, MONEY and PERCENT, which no
    # rule needs (unclear-pronoun knows month and weekday names itself), at a third of
    # the recogniser's cost.
    "ner.model": (
        "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz,"
        "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz"
    ),
    "tokenize.language": "en",
    # The client joins paragraphs with a blank line; without this a paragraph with no full
    # stop (a headline, a byline) runs into the next one's first sentence ("Home Patrushov
    # flew ..."), and the recogniser misreads both.
    "ssplit.newlineIsSentenceBreak": "two",
}
PARSE_PROPERTIES: Mapping[str, str] = {
    "annotators": PARSE_ANNOTATORS,
    "outputFormat": "json",
    "tokenize.language": "en",
    "tokenize.whitespace": "true",
    "ssplit.eolonly": "true",
}
# Everything in one pass (what scripts/record_structure_fixtures.py records).
ONE_PASS_PROPERTIES: Mapping[str, str] = {**CORENLP_PROPERTIES, "annotators": ANNOTATORS}

PRONOUN_POS = frozenset({"PRP", "PRP$", "WP", "WP$"})


@dataclass(frozen=True)
class Token:
    index: int  # 1-based within its sentence, as in CoreNLP's dependencies
    word: str  # the text as written (CoreNLP's originalText)
    lemma: str
    pos: str
    ner: str  # "O" when no entity
    start: int  # code points into the article text
    end: int


@dataclass(frozen=True)
class Dependency:
    dep: str  # universal dependency label, e.g. "nsubj", "obl:by"
    governor: int  # token index; 0 is ROOT
    dependent: int


@dataclass(frozen=True)
class Mention:
    text: str
    ner: str
    start: int  # code points into the article text
    end: int
    token_begin: int = 0  # 1-based token indices [token_begin, token_end) in its sentence
    token_end: int = 0


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position in the parsed text
    tokens: tuple[Token, ...]
    basic: tuple[Dependency, ...]
    enhanced: tuple[Dependency, ...]  # enhanced++ dependencies
    mentions: tuple[Mention, ...]
    start: int
    end: int

    def token(self, index: int) -> Token:
        return self.tokens[index - 1]

    @cached_property
    def _children(self) -> dict[int, tuple[Dependency, ...]]:
        out: dict[int, list[Dependency]] = {}
        for d in self.basic:
            out.setdefault(d.governor, []).append(d)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _heads(self) -> dict[int, Dependency]:
        return {d.dependent: d for d in self.basic}

    def children(self, index: int) -> tuple[Dependency, ...]:
        """Basic dependencies governed by token ``index`` (0: the root)."""
        return self._children.get(index, ())

    def labels(self, index: int) -> set[str]:
        return {d.dep for d in self.children(index)}

    def head(self, index: int) -> Dependency | None:
        """The basic dependency whose dependent is ``index``."""
        return self._heads.get(index)

    def subtree(self, index: int) -> list[int]:
        """Token indices of ``index`` and everything under it, in order."""
        seen, todo = {index}, [index]
        while todo:
            for d in self.children(todo.pop()):
                if d.dependent not in seen:
                    seen.add(d.dependent)
                    todo.append(d.dependent)
        return sorted(seen)

    def ancestors(self, index: int) -> Iterator[Dependency]:
        """The chain of heads from ``index`` up to the root (each step once)."""
        seen = {index}
        d = self.head(index)
        while d is not None and d.governor not in seen and d.governor != 0:
            yield d
            seen.add(d.governor)
            d = self.head(d.governor)
        if d is not None and d.governor == 0:
            yield d


def dependencies(raw: Any) -> tuple[Dependency, ...]:
    return tuple(
        Dependency(str(d["dep"]), int(d["governor"]), int(d["dependent"])) for d in raw or ()
    )


def sentences_from_corenlp(doc: Mapping[str, Any], text: str, base: int = 0) -> list[Sentence]:
    """The sentences of CoreNLP's JSON answer for ``text``, offsets shifted by ``base``.

    ``text`` is exactly what was posted; ``base`` is where it starts in the article.
    """
    index = Utf16Index(text)

    def cp(u16: Any) -> int:
        return index.to_code_points(int(u16)) + base

    sentences: list[Sentence] = []
    for n, raw in enumerate(doc.get("sentences") or ()):
        tokens = tuple(
            Token(
                index=int(t["index"]),
                word=str(t.get("originalText", t.get("word", ""))),
                lemma=str(t.get("lemma", t.get("word", ""))),
                pos=str(t.get("pos", "")),
                ner=str(t.get("ner", "O")),
                start=cp(t["characterOffsetBegin"]),
                end=cp(t["characterOffsetEnd"]),
            )
            for t in raw.get("tokens") or ()
        )
        if not tokens:
            continue
        mentions = tuple(
            Mention(
                text=str(m.get("text", "")),
                ner=str(m.get("ner", "O")),
                start=cp(m["characterOffsetBegin"]),
                end=cp(m["characterOffsetEnd"]),
                token_begin=int(m.get("tokenBegin", -1)) + 1,
                token_end=int(m.get("tokenEnd", -1)) + 1,
            )
            for m in raw.get("entitymentions") or ()
        )
        sentences.append(
            Sentence(
                index=int(raw.get("index", n)),
                tokens=tokens,
                basic=dependencies(raw.get("basicDependencies")),
                enhanced=dependencies(raw.get("enhancedPlusPlusDependencies")),
                mentions=mentions,
                start=tokens[0].start,
                end=tokens[-1].end,
            )
        )
    return sentences
