"""One place that runs every checker on an article and merges the results.

The CLI, the desktop app and the export all check through ``CheckRunner`` so
that a finding means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.checks.languagetool import LanguageToolChecker
from editdesk.core.config import Config
from editdesk.core.findings import Finding, merge_findings


@dataclass
class CheckResult:
    findings: list[Finding]
    language: str
    # Set when LanguageTool was skipped; house-style findings are still there.
    lt_error: str | None = None
    sources: tuple[str, ...] = field(default=())


class CheckRunner:
    """Runs house style and (when given) LanguageTool on articles.

    ``check`` lets ``LanguageToolError`` through so that a caller owning the
    server can restart it and try again; ``check_house_only`` never touches
    the engine.
    """

    def __init__(self, config: Config, lt: LanguageToolChecker | None = None) -> None:
        self.config = config
        self.lt = lt
        self.house = HouseStyleChecker(config)

    def language_for(self, article: Article) -> str:
        return self.house.variant_for(article)

    def check(self, article: Article, lt: LanguageToolChecker | None = None) -> CheckResult:
        """``lt`` overrides the runner's own checker for this call (after a restart)."""
        lt = lt or self.lt
        language = self.language_for(article)
        findings = self.house.check(article, language)
        sources = ["house"]
        if lt is not None:
            findings += lt.check(
                article,
                language,
                disabled_rules=self._lt_disabled(),
                accepted_words=self.config.accepted_words,
            )
            sources.append("languagetool")
        return CheckResult(self._finish(article, findings), language, None, tuple(sources))

    def check_house_only(self, article: Article, reason: str | None = None) -> CheckResult:
        language = self.language_for(article)
        findings = self._finish(article, self.house.check(article, language))
        return CheckResult(findings, language, reason, ("house",))

    def _lt_disabled(self) -> frozenset[str]:
        return frozenset(r for r in self.config.disabled_rules if r.startswith("lt:"))

    def _finish(self, article: Article, findings: list[Finding]) -> list[Finding]:
        """Configured severities, disabled rules and the report threshold applied, then merged.
        (Accepted words are handled by each checker, which knows what a spelling finding is.)"""
        adjusted = (self.config.adjust(f) for f in findings)
        return merge_findings([f for f in adjusted if f is not None])
