"""Keys that name one finding each, even of a sentence that occurs twice (no Qt)."""

from __future__ import annotations

from editdesk.core.review.model import KEY_SEPARATOR, FindingState, Review, occurrence_keys

__all__ = ["KEY_SEPARATOR", "finding_keys", "state_for_key"]


def finding_keys(review: Review) -> list[str]:
    """One key per finding state, in ``review.findings`` order
    (``core.review.model.occurrence_keys``): each underline, card and decision is
    then about one place in the text."""
    return occurrence_keys(state.fingerprint for state in review.findings)


def state_for_key(review: Review, key: str) -> FindingState | None:
    for k, state in zip(finding_keys(review), review.findings, strict=True):
        if k == key:
            return state
    return None
