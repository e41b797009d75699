"""Recorded CoreNLP answers for the structure rules' unit tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from editdesk.core.article import Article
from editdesk.core.checks.structure.parse import Sentence, sentences_from_corenlp

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corenlp" / "structure-examples.json"
RECORD = "scripts/record_structure_fixtures.py"


@cache
def recorded() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["answers"]


def parsed(text: str) -> tuple[Article, list[Sentence]]:
    answers = recorded()
    assert text in answers, f"no recorded CoreNLP answer for {text!r}: run {RECORD}"
    article = Article.from_plain_text(text)
    return article, sentences_from_corenlp(answers[text], text, 0)
