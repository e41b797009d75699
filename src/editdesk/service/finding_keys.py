"""Keys that name one finding each, even of a sentence that occurs twice (no Qt)."""

from __future__ import annotations

from editdesk.core.review.model import FindingState, Review

KEY_SEPARATOR = "~"


def finding_keys(review: Review) -> list[str]:
    """One key per finding state, in ``review.findings`` order.

    A fingerprint is rule + sentence + words, so a sentence that occurs twice (a
    pasted paragraph, a repeated byline) gives two findings with one print. The
    first keeps the bare fingerprint, later ones get ``~2``, ``~3``...: each
    underline, card and decision is then about one place in the text.
    """
    seen: dict[str, int] = {}
    keys = []
    for state in review.findings:
        fp = state.fingerprint
        n = seen.get(fp, 0) + 1
        seen[fp] = n
        keys.append(fp if n == 1 else f"{fp}{KEY_SEPARATOR}{n}")
    return keys


def state_for_key(review: Review, key: str) -> FindingState | None:
    for k, state in zip(finding_keys(review), review.findings, strict=True):
        if k == key:
            return state
    return None
