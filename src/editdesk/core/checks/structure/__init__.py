"""Sentence-structure checks: pure rules over Stanford CoreNLP's parse (``structure:`` ids)."""

from editdesk.core.checks.structure.checker import StructureChecker
from editdesk.core.checks.structure.parse import (
    CORENLP_PROPERTIES,
    Dependency,
    Mention,
    Sentence,
    Token,
    sentences_from_corenlp,
)

__all__ = [
    "CORENLP_PROPERTIES",
    "Dependency",
    "Mention",
    "Sentence",
    "StructureChecker",
    "Token",
    "sentences_from_corenlp",
]
