"""Findings about one problem, grouped (no Qt).

Several checkers can flag one problem: a lowercase byline ("edited by jane
smith") is a house-style byline error, LanguageTool's lowercase sentence start
and a "check this name" on each name. Those are one card for the editor, listing
its sources; the review keeps every finding (its decision, the export).

Two findings are about the same problem when their spans overlap and their
first suggestions agree:

- both give the same text over the two spans together ("recieve" → "receive"
  from two checkers, one of them flagging the word with its comma); or
- both only change the case of what they flag, and agree on every letter both
  touch ("by jane smith" → "By Jane Smith" and "jane" → "Jane").

Findings without a suggestion stand alone (a long sentence holding a typo is two
problems). Groups are the connected sets of such pairs. The app shows one card per
group, and a sign-off counts problems, not checkers' findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editdesk.core.findings import Finding, Severity
from editdesk.core.review.model import Decision, FindingState, Review


def same_problem(a: Finding, b: Finding, text: str) -> bool:
    if not (a.start < b.end and b.start < a.end or a.start == b.start):
        return False
    if not a.replacements or not b.replacements:
        return False
    ra, rb = a.replacements[0], b.replacements[0]
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    if text[lo : a.start] + ra + text[a.end : hi] == text[lo : b.start] + rb + text[b.end : hi]:
        return True
    return _case_only(a, ra, text) and _case_only(b, rb, text) and _case_agrees(a, ra, b, rb)


def _case_only(f: Finding, replacement: str, text: str) -> bool:
    flagged = text[f.start : f.end]
    return (
        replacement != flagged
        and len(replacement) == len(flagged)
        and replacement.casefold() == flagged.casefold()
    )


def _case_agrees(a: Finding, ra: str, b: Finding, rb: str) -> bool:
    return all(
        ra[p - a.start] == rb[p - b.start] for p in range(max(a.start, b.start), min(a.end, b.end))
    )


def overlapping_groups(findings: Sequence[Finding], text: str) -> list[list[int]]:
    """Indices of ``findings`` in groups about one problem, each group in text order,
    the groups ordered by their first finding (findings need not be sorted)."""
    order = sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end))
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    active: list[int] = []  # findings whose span may still overlap the next ones
    for i in order:
        f = findings[i]
        active = [j for j in active if findings[j].end > f.start or findings[j].start == f.start]
        for j in active:
            if same_problem(findings[j], f, text):
                parent[root(i)] = root(j)
        active.append(i)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@dataclass(frozen=True)
class FindingGroup:
    """One problem: ``lead`` speaks for it (its message, suggestion and span), the
    others are ``also``; every member is an index into ``review.findings``."""

    lead: int
    also: tuple[int, ...] = ()

    @property
    def members(self) -> tuple[int, ...]:
        return (self.lead, *self.also)


def lead_first(states: Sequence[FindingState], members: Sequence[int]) -> list[int]:
    """The most severe member first, then the widest (its fix covers the others)."""
    return sorted(
        members,
        key=lambda i: (
            -states[i].finding.severity.rank,
            -(states[i].finding.end - states[i].finding.start),
            states[i].finding.start,
        ),
    )


def group_review(review: Review) -> list[FindingGroup]:
    """Groups of the review's findings, one per problem, in text order. Only findings
    with one decision are grouped (an open one is not hidden behind a rejected one);
    accepted findings stand alone (their span is the replacement now)."""
    states = review.findings
    by_decision: dict[Decision, list[int]] = {}
    for i, s in enumerate(states):
        if s.decision is not Decision.ACCEPTED:
            by_decision.setdefault(s.decision, []).append(i)
    groups: list[FindingGroup] = []
    grouped: set[int] = set()
    for indices in by_decision.values():
        subset = [states[i].finding for i in indices]
        for g in overlapping_groups(subset, review.text):
            if len(g) > 1:
                ordered = lead_first(states, [indices[k] for k in g])
                groups.append(FindingGroup(ordered[0], tuple(sorted(ordered[1:]))))
                grouped.update(ordered)
    groups.extend(FindingGroup(i) for i in range(len(states)) if i not in grouped)
    groups.sort(key=lambda g: (states[g.lead].finding.start, states[g.lead].finding.end, g.lead))
    return groups


def open_problem_counts(review: Review) -> dict[str, int]:
    """Open problems by severity (a group counts once, at its lead's severity), every
    severity present: what the app's pane shows and a sign-off records."""
    counts = {s.value: 0 for s in Severity}
    states = review.findings
    for g in group_review(review):
        lead = states[g.lead]
        if lead.is_open:
            counts[lead.finding.severity.value] += 1
    return counts
