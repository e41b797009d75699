"""What a structure rule sees: the article's text and its parsed sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def lower(token: Token) -> str:
    return token.word.lower()
