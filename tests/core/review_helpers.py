"""Builders shared by the review tests (real model objects, no mocks)."""

from __future__ import annotations

from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review import Review


def finding_on(
    text: str,
    word: str,
    rule: str = "lt:MORFOLOGIK_RULE_EN_GB",
    severity: Severity = Severity.ERROR,
    replacements: tuple[str, ...] = (),
    occurrence: int = 0,
) -> Finding:
    """A finding flagging the ``occurrence``-th ``word`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    f = Finding(
        id=rule,
        source="languagetool" if rule.startswith("lt:") else "house",
        category="TYPOS" if "MORFOLOGIK" in rule else "STYLE",
        severity=severity,
        message=f"{word!r} looks wrong",
        start=start,
        end=start + len(word),
        replacements=replacements,
    )
    return with_fingerprint(f, text)


def review_of(text: str, path: str = "story.txt") -> Review:
    return Review.for_article(Article.from_plain_text(text), path)
