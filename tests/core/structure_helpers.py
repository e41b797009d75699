"""Recorded CoreNLP answers for the structure rules' unit tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from editdesk.core.article import Article
from editdesk.core.checks.structure.parse import Sentence, sentences_from_corenlp
from editdesk.core.findings import Finding, Severity

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corenlp" / "structure-examples.json"
RECORD = "scripts/record_structure_fixtures.py"


@cache
def _fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def recorded() -> dict[str, Any]:
    return _fixture()["answers"]


def languagetool_findings(text: str) -> list[Finding]:
    """LanguageTool's findings on ``text`` as recorded from a real server."""
    answers = _fixture().get("languagetool", {})
    assert text in answers, f"no recorded LanguageTool answer for {text!r}: run {RECORD}"
    return [
        Finding(
            id=f["id"],
            source="languagetool",
            category=f["category"],
            severity=Severity(f["severity"]),
            message=f["message"],
            start=f["start"],
            end=f["end"],
            replacements=tuple(f["replacements"]),
            fingerprint=f["fingerprint"],
        )
        for f in answers[text]
    ]


def parsed(text: str) -> tuple[Article, list[Sentence]]:
    answers = recorded()
    assert text in answers, f"no recorded CoreNLP answer for {text!r}: run {RECORD}"
    article = Article.from_plain_text(text)
    return article, sentences_from_corenlp(answers[text], text, 0)
