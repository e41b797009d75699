"""What the comments pane and the underlines show: one flat, sorted list of
findings and editor comments built from a Review (no Qt here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from editdesk.core.review.grouping import group_review
from editdesk.core.review.model import Decision, Review
from editdesk.core.review.syncing import is_spelling
from editdesk.service.finding_keys import finding_keys, state_for_key  # noqa: F401 - re-exported


@dataclass(frozen=True)
class ReplyView:
    author: str
    at: str
    text: str


@dataclass(frozen=True)
class Item:
    kind: str  # "finding" | "comment"
    key: str  # comment id, or a finding's fingerprint made unique (see finding_keys)
    start: int  # code points into review.text
    end: int
    category: str
    message: str
    flagged: str
    severity: str = ""  # findings only: error | warning | suggestion
    rule_id: str = ""
    replacements: tuple[str, ...] = ()
    state: str = "open"  # open | accepted | rejected | ignored | resolved
    author: str = ""
    at: str = ""
    replies: tuple[ReplyView, ...] = field(default=())
    detached: bool = False
    stale: bool = False  # the text under a finding was edited since the check
    spelling: bool = False  # a word can be accepted for it (as the review decides)
    original: str | None = None  # accepted: the words the replacement replaced
    history: str = ""  # the desk's decisions on the rule (service.desk_history)
    # other findings about the same problem (core.review.grouping): their rule ids
    # and keys; the card speaks for all of them, and a decision applies to each
    also: tuple[str, ...] = ()
    also_keys: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def is_comment(self) -> bool:
        return self.kind == "comment"


def build_items(review: Review, history: Mapping[str, str] | None = None) -> list[Item]:
    """``history``: rule id -> the line its cards show about the desk's decisions."""
    text = review.text
    history = history or {}
    # Open findings on accepted words or of ignored rules are already gone from the
    # review (which sign-off and export count); decided ones of an ignored rule are hidden.
    ignored_rules = set(review.ignored_rules)
    items: list[Item] = []
    keys = finding_keys(review)
    for group in group_review(review):
        key, state = keys[group.lead], review.findings[group.lead]
        f = state.finding
        if f.id in ignored_rules:
            continue
        also = [i for i in group.also if review.findings[i].finding.id not in ignored_rules]
        flagged = text[f.start : f.end]
        items.append(
            Item(
                kind="finding",
                key=key,
                start=f.start,
                end=f.end,
                category=f.category,
                message=f.message,
                flagged=flagged,
                severity=str(f.severity),
                rule_id=f.id,
                replacements=tuple(f.replacements),
                state=str(state.decision),
                author=state.by or "",
                at=state.at or "",
                stale=state.stale,
                spelling=is_spelling(f),
                original=state.original_text if state.decision is Decision.ACCEPTED else None,
                history=history.get(f.id, ""),
                also=tuple(review.findings[i].finding.id for i in also),
                also_keys=tuple(keys[i] for i in also),
            )
        )
    for c in review.comments:
        a = c.anchor
        items.append(
            Item(
                kind="comment",
                key=c.id,
                start=a.start,
                end=a.end,
                category="comment",
                message=c.text,
                flagged=text[a.start : a.end] if not a.detached else a.quote,
                state="resolved" if c.resolved else "open",
                author=c.author,
                at=c.at,
                replies=tuple(ReplyView(r.author, r.at, r.text) for r in c.replies),
                detached=a.detached,
            )
        )
    items.sort(key=lambda i: (i.start, i.end, i.kind != "comment", i.key))
    return items


def short_time(iso: str) -> str:
    """'2026-11-28T18:20:01.123+00:00' -> '2026-11-28 19:20' in the machine's own
    time zone (the review stores UTC; editors read their local time)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def sources_line(rule_ids: tuple[str, ...]) -> str:
    """'lt:UPPERCASE_SENTENCE_START, structure:check-name ×2' (first seen first)."""
    counts: dict[str, int] = {}
    for rule in rule_ids:
        counts[rule] = counts.get(rule, 0) + 1
    return ", ".join(rule if n == 1 else f"{rule} ×{n}" for rule, n in counts.items())


def plural(n: int, noun: str) -> str:
    """'1 open comment', '2 open comments' (the noun's last word takes the s)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
