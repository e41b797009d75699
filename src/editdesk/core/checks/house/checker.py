"""HouseStyleChecker: runs the effective house style of a Config over an Article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from editdesk.core.article import Article
from editdesk.core.checks.house.kinds import KINDS, RuleFn
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit
from editdesk.core.findings import Finding, with_fingerprint

if TYPE_CHECKING:
    from editdesk.core.config import Config


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(rule: RuleSpec, hit: Hit) -> str:
    try:
        return rule.message.format_map(_Fields(hit.fields))
    except (ValueError, IndexError):  # a stray brace in a user's message
        return rule.message


def findings_from_hits(
    rules: Iterable[tuple[RuleSpec, Callable[[Any], Iterable[Any]]]],
    doc: object,
    source: str,
    text: str,
) -> list[Finding]:
    """Every rule run over ``doc``, its hits as findings in text order (house style and the
    structure rules share the rule-as-data shape)."""
    findings: list[Finding] = []
    for rule, run in rules:
        for hit in run(doc):
            finding = Finding(
                id=rule.id,
                source=source,
                category=rule.category,
                severity=hit.severity or rule.severity,
                message=render_message(rule, hit),
                start=hit.start,
                end=hit.end,
                replacements=hit.replacements,
            )
            findings.append(with_fingerprint(finding, text))
    findings.sort(key=lambda f: (f.start, f.end, f.id))
    return findings


class HouseStyleChecker:
    """Compiles the enabled rules once; ``check`` is then safe to call from any thread."""

    def __init__(self, config: Config, *, only: frozenset[str] | None = None) -> None:
        self.config = config
        self.rules: list[tuple[RuleSpec, RuleFn]] = [
            (rule, KINDS[rule.kind](rule))
            for rule in config.rules
            if rule.id not in config.disabled_rules and (only is None or rule.id in only)
        ]

    def variant_for(self, article: Article) -> str:
        """The configured variant, or the article's own for ``language = "auto"``."""
        if self.config.language in ("en-GB", "en-US"):
            return self.config.language
        from editdesk.core.checks.variant import detect_variant

        return detect_variant(article.text)

    def check(self, article: Article, variant: str | None = None) -> list[Finding]:
        """``variant``: the article's, when the caller has already asked ``variant_for``."""
        doc = Doc(article, variant or self.variant_for(article), self.config.accepted_words)
        return findings_from_hits(self.rules, doc, "house", article.text)
