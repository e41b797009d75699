"""Tallies of a desk's decisions, and the demotions and words they lead to.

A decision is one finding in one article: accepted, rejected or ignored. Both
rejecting and ignoring mean the editor did not take the finding, so both count
against the rule: the rejection rate is (rejected + ignored) / all decisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from editdesk.core.desk.settings import DeskSettings
from editdesk.core.findings import Finding, Severity

DECISIONS = ("accepted", "rejected", "ignored")
DEMOTED_NOTE = "demoted by desk history"


@dataclass(frozen=True)
class RuleTally:
    rule: str
    checker: str
    accepted: int = 0
    rejected: int = 0
    ignored: int = 0

    @property
    def total(self) -> int:
        return self.accepted + self.rejected + self.ignored

    @property
    def dismissed(self) -> int:
        """Rejected or ignored: the editor did not take the finding."""
        return self.rejected + self.ignored

    @property
    def rejection_rate(self) -> float:
        return self.dismissed / self.total if self.total else 0.0

    def demoted_by(self, settings: DeskSettings) -> bool:
        return (
            self.rule not in settings.never_demote
            and self.total >= settings.demote_after
            and self.total > 0
            # compared as counts (16 of 20 is 80% exactly, not a float a hair below it)
            and self.dismissed >= settings.demote_rate * self.total - 1e-9
        )


@dataclass(frozen=True)
class WordTally:
    """A word editors accepted as correct (a spelling or name finding rejected or
    ignored, or the word added to the accepted words), in how many articles."""

    word: str
    articles: int


@dataclass(frozen=True)
class Demotion:
    rule: str
    dismissed: int
    total: int

    def note(self, before: Severity, after: Severity) -> str:
        return (
            f"{DEMOTED_NOTE} ({before} → {after}): editors rejected or ignored it "
            f"{self.dismissed} of {self.total} times"
        )


@dataclass(frozen=True)
class DeskView:
    """What a check takes from the desk's history: hashable and picklable (it travels
    in a Config to the app's worker process)."""

    demotions: tuple[Demotion, ...] = ()
    words: frozenset[str] = frozenset()

    def demotion(self, rule: str) -> Demotion | None:
        return self._by_rule.get(rule)

    @cached_property
    def _by_rule(self) -> dict[str, Demotion]:
        return {d.rule: d for d in self.demotions}

    @property
    def key(self) -> str:
        """Names what this view changes in a report (part of the report cache key)."""
        if not self.demotions and not self.words:
            return ""
        parts = [f"{d.rule}={d.dismissed}/{d.total}" for d in self.demotions]
        parts += sorted(self.words)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def desk_view(
    tallies: Iterable[RuleTally], words: Iterable[WordTally], settings: DeskSettings
) -> DeskView:
    if not settings.learn:
        return DeskView()
    demotions = tuple(
        Demotion(t.rule, t.dismissed, t.total)
        for t in sorted(tallies, key=lambda t: t.rule)
        if t.demoted_by(settings)
    )
    accepted = frozenset(w.word for w in words if w.articles >= settings.accept_words_after)
    return DeskView(demotions, accepted)


def lower_severity(severity: Severity) -> Severity:
    """One step down; a suggestion stays a suggestion."""
    return {
        Severity.ERROR: Severity.WARNING,
        Severity.WARNING: Severity.SUGGESTION,
        Severity.SUGGESTION: Severity.SUGGESTION,
    }[severity]


def demote(finding: Finding, demotion: Demotion) -> Finding:
    """The finding one severity lower, its message saying so; a suggestion is left as it is."""
    lower = lower_severity(finding.severity)
    if lower is finding.severity:
        return finding
    note = demotion.note(finding.severity, lower)
    return replace(
        finding, severity=lower, message=f"{finding.message} [{note}]",
        demoted_from=finding.severity,
    )


def history_line(tally: RuleTally | None) -> str:
    """The card's line about the rule: 'editors rejected this rule 17 of 20 times'."""
    if tally is None or tally.total == 0:
        return ""
    n = tally.total
    times = "time" if n == 1 else "times"
    if tally.dismissed == 0:
        return f"desk history: editors accepted this rule {n} of {n} {times}"
    return f"desk history: editors rejected this rule {tally.dismissed} of {n} {times}"


def tallies_from_counts(rows: Iterable[tuple[str, str, str, int]]) -> list[RuleTally]:
    """(rule, checker, decision, count) rows into one tally per rule."""
    counts: dict[str, dict[str, int]] = {}
    checkers: dict[str, str] = {}
    for rule, checker, decision, n in rows:
        if decision not in DECISIONS:
            continue
        counts.setdefault(rule, dict.fromkeys(DECISIONS, 0))[decision] += int(n)
        checkers.setdefault(rule, checker)
    return [RuleTally(rule, checkers[rule], **c) for rule, c in sorted(counts.items())]
