"""Whether the last sign-off still covers the review: a warning before an export
(no Qt; the app's export dialog and ``editdesk export`` say the same line).

The core calls a sign-off stale once the text no longer hashes to the text signed
(an edit, an accepted suggestion, the article changed on disk). An export also
carries the review's decisions and comments, so those made after the sign-off
count as well: the sign-off did not see them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from editdesk.core.review.grouping import group_review
from editdesk.core.review.model import Review
from editdesk.core.review.signoff import signoff_status


def _moment(iso: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _local(iso: str) -> str:
    moment = _moment(iso)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else iso


def stale_signoff(review: Review) -> str | None:
    """One line saying how the last sign-off is out of date, or None (none, or current)."""
    status = signoff_status(review)
    latest = status.latest
    if latest is None:
        return None
    signed = f"the sign-off by {latest.editor} ({_local(latest.at)})"
    if status.state == "stale":
        since = ""
        if status.changed_by and status.changed_at:
            since = f", first by {status.changed_by} at {_local(status.changed_at)}"
        return f"{signed} is stale: the text changed since{since}"
    signed_at = _moment(latest.at)
    if signed_at is None:
        return None

    def after(iso: str | None) -> bool:
        moment = _moment(iso)
        return moment is not None and moment > signed_at

    # one per card: a decision on a problem several checkers flagged is one decision
    states = review.findings
    decisions = sum(1 for g in group_review(review) if after(states[g.lead].at))
    decisions += sum(1 for s in review.dormant if after(s.at))
    comments = sum(1 for c in review.comments if after(c.at))
    comments += sum(1 for c in review.comments for r in c.replies if after(r.at))
    if not decisions and not comments:
        return None
    made = " and ".join(
        part
        for part in (
            _count(decisions, "decision"),
            _count(comments, "comment"),
        )
        if part
    )
    return f"{signed} is stale: {made} made since"


def _count(n: int, noun: str) -> str:
    if not n:
        return ""
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"
