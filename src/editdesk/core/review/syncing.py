"""Merging fresh check results into a review, keeping the editor's decisions.

Findings are matched by fingerprint (rule + normalised sentence + flagged
words), so a decision survives edits elsewhere in the article, and then by
occurrence: a sentence can occur twice (a pasted paragraph, a repeated byline),
and a decision is about one place in the text. Every span follows the edits
(``editing.apply_edit``), so a fresh finding is the occurrence whose tracked span
it overlaps (the nearest one); only the findings left over on both sides (a
paragraph moved on disk) are paired in text order.

- a fresh finding whose occurrence was rejected or ignored keeps that decision
  (also if it was absent from some check in between: such decisions wait in
  ``Review.dormant``);
- accepted findings stay in the list as history and their spans follow the text;
  a fresh finding of the same rule lying on an accepted replacement that still
  reads as accepted is not brought back (other copies of the sentence are);
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
    before: dict[str, list[FindingState]] = defaultdict(list)
    for s in [*review.findings, *review.dormant]:
        if s.decision is not Decision.ACCEPTED:
            before[s.fingerprint].append(s)
    wanted: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if _suppressed(review, f) or any(_on_accepted(review, a, f) for a in accepted):
            continue
        wanted[f.fingerprint].append(f)
    for group in wanted.values():
        group.sort(key=lambda f: (f.start, f.end))

    fresh: list[FindingState] = []
    dormant: list[FindingState] = []
    for fingerprint, group in wanted.items():
        pairs, left = pair_occurrences(before.pop(fingerprint, []), group)
        for prev, f in pairs:
            if prev is not None and prev.decision in (Decision.REJECTED, Decision.IGNORED):
                fresh.append(replace(prev, finding=f, stale=False))
            else:
                fresh.append(FindingState(f))
        dormant.extend(s for s in left if not s.is_open)
    for rest in before.values():
        dormant.extend(s for s in rest if not s.is_open)

    review.dormant = dormant
    review.findings = sorted(
        [*accepted, *fresh], key=lambda s: (s.finding.start, s.finding.end, s.finding.id)
    )
    review.checked_sha256 = review.text_sha256
    review.checked_with = list(sources)
    review.touch()


def _overlap(state: FindingState, f: Finding) -> bool:
    a = state.finding
    return a.start < f.end and f.start < a.end or a.start == f.start


def pair_occurrences(
    before: list[FindingState], fresh: list[Finding]
) -> tuple[list[tuple[FindingState | None, Finding]], list[FindingState]]:
    """Fresh findings of one fingerprint, each with the earlier state of the same
    occurrence (or None); and the earlier states no fresh finding took."""
    # the same span first, then one the edits did not touch, then the nearest
    candidates = sorted(
        (
            (s.finding.start, s.finding.end) != (f.start, f.end),
            s.stale,
            abs(s.finding.start - f.start),
            i,
            j,
        )
        for i, s in enumerate(before)
        for j, f in enumerate(fresh)
        if _overlap(s, f)
    )
    taken: dict[int, int] = {}  # fresh index -> earlier index
    used: set[int] = set()
    for *_, i, j in candidates:
        if i not in used and j not in taken:
            taken[j] = i
            used.add(i)
    left_before = sorted(
        (i for i in range(len(before)) if i not in used), key=lambda i: before[i].finding.start
    )
    left_fresh = [j for j in range(len(fresh)) if j not in taken]  # fresh is in text order
    for i, j in zip(left_before, left_fresh, strict=False):
        taken[j] = i
        used.add(i)
    pairs = [(before[taken[j]] if j in taken else None, f) for j, f in enumerate(fresh)]
    return pairs, [s for i, s in enumerate(before) if i not in used]


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
