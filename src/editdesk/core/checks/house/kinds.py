"""The rule kinds: each kind name maps to a function that compiles a rule once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from editdesk.core.checks.house import (
    agreement,
    although_but,
    byline,
    capitalisation,
    consistency,
    duplicate_paragraph,
    echo,
    hyphenation,
    ise_ize,
    numbers,
    openers,
    quotes,
    repeated_word,
    sentence_length,
    speech,
    substitution,
)
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit

RuleFn = Callable[[Doc], Iterator[Hit]]

KINDS: dict[str, Callable[[RuleSpec], RuleFn]] = {
    "substitution": substitution.build,
    "avoid": substitution.build,
    "variant_spelling": consistency.build_variant_spelling,
    "form_consistency": consistency.build_form_consistency,
    "ise_ize": ise_ize.build,
    "hyphenation": hyphenation.build,
    "sentence_length": sentence_length.build,
    "repeated_word": repeated_word.build,
    "duplicate_paragraph": duplicate_paragraph.build,
    "sentence_case": capitalisation.build,
    "byline": byline.build,
    "unquoted_speech": speech.build,
    "double_conjunction": although_but.build,
    "compound_subject": agreement.build,
    "numbers": numbers.build,
    "quote_consistency": quotes.build,
    "word_echo": echo.build,
    "sentence_opener": openers.build,
}
KIND_NAMES = frozenset(KINDS)
