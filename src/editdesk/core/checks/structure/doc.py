"""What a structure rule sees: the article's text and its parsed sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.parse import Sentence, Token

RELATIVIZERS = frozenset({"that", "which", "who", "whom", "whose"})


@dataclass(frozen=True)
class ParsedArticle:
    text: str
    sentences: tuple[Sentence, ...]
    language: str


RuleFn = Callable[[ParsedArticle], Iterator[Hit]]
# The sentences (positions in the article's list) whose dependency parse a rule reads,
# judged from the article's tagged sentences before they have one. It must pick every
# sentence where the parse could change what the rule finds; a rule kind without one has
# every sentence parsed.
NeedFn = Callable[[tuple[Sentence, ...]], Iterable[int]]


def sentences_where(test: Callable[[Sentence], bool]) -> NeedFn:
    """A NeedFn for a rule that reads the parse of a sentence only where ``test`` holds."""
    return lambda sentences: (i for i, s in enumerate(sentences) if test(s))


def no_sentences(sentences: tuple[Sentence, ...]) -> Iterable[int]:
    """The NeedFn of a rule that reads no dependencies (tags and entities only)."""
    return ()


def every_sentence(sentences: tuple[Sentence, ...]) -> Iterable[int]:
    """The NeedFn of a rule that may read the dependencies of any sentence."""
    return range(len(sentences))


def lower(token: Token) -> str:
    return token.word.lower()
