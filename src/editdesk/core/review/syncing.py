"""Merging fresh check results into a review, keeping the editor's decisions.

Findings are matched by fingerprint (rule + normalised sentence + flagged
words), so a decision survives edits elsewhere in the article:

- a fresh finding whose fingerprint was rejected or ignored keeps that decision
  (also if it was absent from some check in between: such decisions wait in
  ``Review.dormant``);
- accepted findings stay in the list as history and their spans follow the text;
  a fresh finding of the same rule lying on an accepted replacement that still
  reads as accepted is not brought back;
- findings of rules ignored in this article, and spelling findings on words
  accepted in this article (compared case-folded, as the runner does), are
  left out;
- stale and undecided findings from before are replaced by the fresh ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from editdesk.core.findings import Finding
from editdesk.core.review.model import Decision, FindingState, Review


def is_spelling(finding: Finding) -> bool:
    rule = finding.id.upper()
    return (
        finding.category.upper() in {"TYPOS", "SPELLING", "MISSPELLING"}
        or "SPELL" in rule
        or "MORFOLOGIK" in rule
    )


def _suppressed(review: Review, finding: Finding) -> bool:
    if finding.id in review.ignored_rules:
        return True
    if review.accepted_words and is_spelling(finding):
        flagged = review.text[finding.start : finding.end].casefold()
        return flagged in {w.casefold() for w in review.accepted_words}
    return False


def sync_findings(review: Review, findings: list[Finding], sources: tuple[str, ...] = ()) -> None:
    accepted = [s for s in review.findings if s.decision is Decision.ACCEPTED]
    decided: dict[str, list[FindingState]] = defaultdict(list)
    for s in [*review.findings, *review.dormant]:
        if s.decision in (Decision.REJECTED, Decision.IGNORED):
            decided[s.fingerprint].append(s)
    accepted_prints = {s.fingerprint for s in accepted}

    fresh: list[FindingState] = []
    for f in findings:
        if _suppressed(review, f) or f.fingerprint in accepted_prints:
            continue
        if any(_on_accepted(review, a, f) for a in accepted):
            continue
        old = decided.get(f.fingerprint)
        if old:
            prev = old.pop(0)
            fresh.append(replace(prev, finding=f, stale=False))
        else:
            fresh.append(FindingState(f))

    review.dormant = [s for group in decided.values() for s in group]
    review.findings = sorted(
        [*accepted, *fresh], key=lambda s: (s.finding.start, s.finding.end, s.finding.id)
    )
    review.checked_sha256 = review.text_sha256
    review.checked_with = list(sources)
    review.touch()


def _on_accepted(review: Review, state: FindingState, f: Finding) -> bool:
    a = state.finding
    if f.id != a.id or not (f.start < a.end and a.start < f.end or f.start == a.start):
        return False
    return review.text[a.start : a.end] == (state.replacement or "")


def ignore_rule(review: Review, rule_id: str) -> None:
    if rule_id not in review.ignored_rules:
        review.ignored_rules.append(rule_id)
    review.findings = [s for s in review.findings if not (s.is_open and s.finding.id == rule_id)]
    review.touch()


def unignore_rule(review: Review, rule_id: str) -> None:
    if rule_id in review.ignored_rules:
        review.ignored_rules.remove(rule_id)


def accept_word(review: Review, word: str) -> None:
    if word not in review.accepted_words:
        review.accepted_words.append(word)
    review.findings = [
        s
        for s in review.findings
        if not (s.is_open and is_spelling(s.finding) and _suppressed(review, s.finding))
    ]
    review.touch()


def unaccept_word(review: Review, word: str) -> None:
    if word in review.accepted_words:
        review.accepted_words.remove(word)
