"""Sign-offs: who approved (or asked for changes to) exactly which text.

A sign-off records the SHA-256 of the text signed; it is *current* while the
review text still hashes to that, *stale* once it changed (the first edit
after the sign-off says since when and by whom).
"""

from __future__ import annotations

from editdesk.core.findings import Severity
from editdesk.core.review.clock import now_iso
from editdesk.core.review.errors import ReviewError, SignOffRefused
from editdesk.core.review.grouping import open_problem_counts
from editdesk.core.review.model import SIGNOFF_DECISIONS, Review, SignOff, SignOffStatus


def sign_off(
    review: Review,
    editor: str,
    role: str,
    decision: str,
    note: str,
    style_hash: str,
    force_reason: str | None = None,
) -> SignOff:
    if decision not in SIGNOFF_DECISIONS:
        raise ReviewError(
            f"sign-off decision must be one of {', '.join(SIGNOFF_DECISIONS)}, not {decision!r}"
        )
    if not editor.strip():
        raise ReviewError("a sign-off needs the editor's name")
    force_reason = force_reason.strip() if force_reason and force_reason.strip() else None
    counts = open_problem_counts(review)  # one lowercase byline is one error, not four
    errors = counts[Severity.ERROR.value]
    if decision == "approved" and errors and not force_reason:
        noun, them = ("finding is", "it") if errors == 1 else ("findings are", "them")
        raise SignOffRefused(
            f"cannot approve: {errors} error {noun} still open; "
            f"resolve {them} or give a reason to approve anyway"
        )
    record = SignOff(
        editor=editor,
        role=role,
        decision=decision,
        note=note,
        at=now_iso(),
        text_sha256=review.text_sha256,
        style_hash=style_hash,
        open_findings=counts,
        force_reason=force_reason,
        edit_count=len(review.edit_authors),
        findings_checked=review.findings_current,
        checked_with=list(review.checked_with) if review.findings_current else [],
    )
    review.signoffs.append(record)
    review.touch()
    return record


def signoff_status(review: Review) -> SignOffStatus:
    if not review.signoffs:
        return SignOffStatus("none", None)
    latest = review.signoffs[-1]
    if latest.text_sha256 == review.text_sha256:
        return SignOffStatus("current", latest)
    since = review.edit_authors[latest.edit_count :]
    if since:
        return SignOffStatus("stale", latest, changed_at=since[0][1], changed_by=since[0][0])
    return SignOffStatus("stale", latest)
