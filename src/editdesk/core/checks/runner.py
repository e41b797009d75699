"""One place that runs every checker on an article and merges the results.

The CLI, the desktop app and the export all check through ``CheckRunner`` so
that a finding means the same thing everywhere.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.checks.languagetool import LanguageToolChecker
from editdesk.core.config import Config
from editdesk.core.findings import Finding, merge_findings

if TYPE_CHECKING:
    from editdesk.core.checks.corenlp import CoreNLPClient

# Parses run beside LanguageTool's request: two servers, two processes, both working.
_PARSERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="editdesk-parse")


@dataclass
class CheckResult:
    findings: list[Finding]
    language: str
    # Set when LanguageTool was skipped; house-style findings are still there.
    lt_error: str | None = None
    sources: tuple[str, ...] = field(default=())
    # Set when the structure checks were skipped (CoreNLP absent or failing).
    structure_error: str | None = None
    # CoreNLP's sentences when the structure checks ran (the batch pass reads its entities).
    sentences: tuple[Any, ...] | None = None


class CheckRunner:
    """Runs house style and (when given) LanguageTool and the structure checks (over a
    CoreNLP parse) on articles.

    ``check`` lets ``LanguageToolError`` and ``CoreNLPError`` through so that a caller
    owning the servers can restart one and try again; ``check_house_only`` never touches
    an engine.
    """

    def __init__(
        self,
        config: Config,
        lt: LanguageToolChecker | None = None,
        nlp: CoreNLPClient | None = None,
    ) -> None:
        self.config = config
        self.lt = lt
        self.nlp = nlp
        self.house = HouseStyleChecker(config)
        self._structure: Any = None
        self.sheet: Any = None  # the style sheet editdesk.toml loads: its forms are preferred
        if config.style_sheet is not None:
            from editdesk.core.consistency import BatchRules, StyleSheetCheck

            self.sheet = StyleSheetCheck(config.style_sheet, BatchRules.for_config(config))

    @property
    def structure(self) -> Any:
        """The StructureChecker, built on first use (only a run with CoreNLP needs it)."""
        if self._structure is None:
            from editdesk.core.checks.structure import StructureChecker

            self._structure = StructureChecker(self.config)
        return self._structure

    def language_for(self, article: Article) -> str:
        return self.house.variant_for(article)

    def check(
        self,
        article: Article,
        lt: LanguageToolChecker | None = None,
        nlp: CoreNLPClient | None = None,
        structure_error: str | None = None,
    ) -> CheckResult:
        """``lt`` and ``nlp`` override the runner's own for this call (after a restart);
        ``structure_error`` says why there is no ``nlp`` (carried into the result)."""
        lt = lt or self.lt
        nlp = nlp or self.nlp
        language = self.language_for(article)
        parsing: Future[list[Any]] | None = None
        sentences: list[Any] | None = None
        if nlp is not None:
            # only the sentences whose dependencies an enabled rule reads are parsed
            parsing = _PARSERS.submit(nlp.parse, article, self.structure.needs_parse)
        try:
            findings = self.house.check(article, language) + self._sheet_findings(article)
            sources = ["house"]
            lt_findings: list[Finding] = []
            if lt is not None:
                lt_findings = lt.check(
                    article,
                    language,
                    disabled_rules=self._lt_disabled(),
                    accepted_words=self.config.accepted_words,
                )
                sources.append("languagetool")
            if parsing is not None:
                sentences = parsing.result()
                structure = self.structure
                findings += structure.check(article, sentences, language)
                lt_findings = structure.adjust_languagetool(lt_findings, sentences)
                sources.append("structure")
        finally:
            if parsing is not None and not parsing.done():
                parsing.cancel()
        findings += lt_findings
        return CheckResult(
            self._finish(article, findings), language, None, tuple(sources),
            None if nlp is not None else structure_error,
            tuple(sentences) if sentences is not None else None,
        )

    def check_house_only(self, article: Article, reason: str | None = None) -> CheckResult:
        language = self.language_for(article)
        house = self.house.check(article, language) + self._sheet_findings(article)
        return CheckResult(self._finish(article, house), language, reason, ("house",))

    def _sheet_findings(self, article: Article) -> list[Finding]:
        return self.sheet.check(article) if self.sheet is not None else []

    def _lt_disabled(self) -> frozenset[str]:
        return frozenset(r for r in self.config.disabled_rules if r.startswith("lt:"))

    def _finish(self, article: Article, findings: list[Finding]) -> list[Finding]:
        """Configured severities, disabled rules and the report threshold applied, then merged.
        (Accepted words are handled by each checker, which knows what a spelling finding is.)"""
        adjusted = (self.config.adjust(f) for f in findings)
        return merge_findings([f for f in adjusted if f is not None])
