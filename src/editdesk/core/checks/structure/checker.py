"""StructureChecker: runs the enabled structure: rules over an article's CoreNLP parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from editdesk.core.article import Article
from editdesk.core.checks.house.checker import findings_from_hits
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.structure.doc import NeedFn, ParsedArticle, RuleFn, every_sentence
from editdesk.core.checks.structure.kinds import ADJUSTERS, KINDS, NEEDS
from editdesk.core.checks.structure.parse import Sentence
from editdesk.core.findings import Finding

if TYPE_CHECKING:
    from editdesk.core.config import Config

SOURCE = "structure"


class StructureChecker:
    """Compiles the enabled rules once; ``check`` is then safe to call from any thread."""

    def __init__(self, config: Config, *, only: frozenset[str] | None = None) -> None:
        self.config = config
        enabled = [
            rule
            for rule in config.structure_rules
            if rule.id not in config.disabled_rules and (only is None or rule.id in only)
        ]
        self.rules: list[tuple[RuleSpec, RuleFn]] = [
            (rule, KINDS[rule.kind](rule)) for rule in enabled if rule.kind in KINDS
        ]
        self.adjusters = [rule for rule in enabled if rule.kind in ADJUSTERS]
        self._needs: list[NeedFn] = [
            NEEDS[rule.kind](rule) if rule.kind in NEEDS else every_sentence
            for rule in enabled if rule.kind in KINDS or rule.kind in ADJUSTERS
        ]

    def needs_parse(self, sentences: Sequence[Sentence]) -> set[int]:
        """Positions in ``sentences`` (the article's, tagged but not yet parsed) whose
        dependency parse some enabled rule reads: the client parses only those."""
        tagged = tuple(sentences)
        out: set[int] = set()
        for need in self._needs:
            out.update(need(tagged))
        return out

    def check(
        self, article: Article, sentences: Sequence[Sentence], language: str
    ) -> list[Finding]:
        """Findings over ``sentences`` (every sentence of the article, in order, with
        offsets into ``article.text``: see ``parse.sentences_from_corenlp``)."""
        doc = ParsedArticle(article.text, tuple(sentences), language)
        return findings_from_hits(self.rules, doc, SOURCE, article.text)

    def adjust_languagetool(
        self, findings: Sequence[Finding], sentences: Sequence[Sentence]
    ) -> list[Finding]:
        """LanguageTool's findings in the light of the parse: a spelling flag on a name the
        recogniser knows becomes a "check this name" suggestion (keeping its fingerprint,
        so an editor's decision on it survives either way)."""
        out = list(findings)
        for rule in self.adjusters:
            out = ADJUSTERS[rule.kind](rule, out, sentences)
        return out
