"""HouseStyleChecker: runs the effective house style of a Config over an Article."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
        findings: list[Finding] = []
        for rule, run in self.rules:
            for hit in run(doc):
                finding = Finding(
                    id=rule.id,
                    source="house",
                    category=rule.category,
                    severity=hit.severity or rule.severity,
                    message=render_message(rule, hit),
                    start=hit.start,
                    end=hit.end,
                    replacements=hit.replacements,
                )
                findings.append(with_fingerprint(finding, article.text))
        findings.sort(key=lambda f: (f.start, f.end, f.id))
        return findings
