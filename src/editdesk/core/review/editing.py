"""Changing the review's text: accepted suggestions and the editor's own edits.

Every change goes through :func:`apply_edit`, which moves comment anchors and
finding spans with the text. A finding whose span the edit touched is marked
``stale`` (kept, still open, until the next ``sync_findings`` replaces it).
"""

from __future__ import annotations

from editdesk.core.review import anchoring
from editdesk.core.review.clock import now_iso
from editdesk.core.review.errors import ReviewError
from editdesk.core.review.model import Decision, FindingState, Review
from editdesk.core.review.textdiff import Edit, edits_between, map_span


def apply_edit(review: Review, edit: Edit, by: str, keep: FindingState | None = None) -> None:
    """Replace ``review.text[edit.start:edit.end]`` with ``edit.new``.

    ``keep`` is a finding state whose span is the edited one (an accepted
    suggestion): it takes the new text's span instead of becoming stale.
    """
    if not 0 <= edit.start <= edit.end <= len(review.text):
        raise ReviewError(f"edit [{edit.start}, {edit.end}) is outside the text")
    text = review.text
    review.text = text[: edit.start] + edit.new + text[edit.end :]
    for comment in review.comments:
        comment.anchor = anchoring.shift(comment.anchor, edit, review.text)
    delta, after = edit.delta, edit.end
    # dormant decisions follow the text too: they apply again to their occurrence
    for state in [*review.findings, *review.dormant]:
        f = state.finding
        if state is keep:
            state.finding = f.moved(edit.start, edit.start + len(edit.new))
            continue
        if f.start > after:  # wholly after the edit (most of them): it only moves
            if delta:
                state.finding = f.moved(f.start + delta, f.end + delta)
            continue
        start, end = map_span(f.start, f.end, edit)
        if f.start == f.end:
            touched = edit.start <= f.start <= edit.end
        else:
            touched = edit.touches(f.start, f.end)
        if touched and state.decision is Decision.ACCEPTED:
            touched = False  # history: the span simply follows the text
        if (start, end) != (f.start, f.end):
            state.finding = f.moved(start, end)
        state.stale = state.stale or touched
    _record_author(review, by)
    review.touch()


def _record_author(review: Review, by: str) -> None:
    since_signoff = review.signoffs[-1].edit_count if review.signoffs else 0
    last = review.edit_authors[-1] if review.edit_authors else None
    if last is None or last[0] != by or len(review.edit_authors) <= since_signoff:
        review.edit_authors.append((by, now_iso()))


def set_text(review: Review, new_text: str, by: str) -> None:
    """Move to ``new_text`` by its differences from the current text.

    Applied last-first, so each edit's offsets still hold when it is applied;
    a diff (not just the trimmed middle) keeps anchors out of text merely
    wrapped around them ("two" -> "[two]").
    """
    for edit in reversed(edits_between(review.text, new_text)):
        apply_edit(review, edit, by)


def _target(review: Review, finding: str | FindingState) -> FindingState:
    """A fingerprint names the first open state with it; a state names itself (a
    text can hold the same sentence twice, and so two findings with one print)."""
    return review.state(finding) if isinstance(finding, str) else finding


def accept(
    review: Review, fingerprint: str | FindingState, replacement: str, by: str
) -> FindingState:
    state = _target(review, fingerprint)
    if state.decision is Decision.ACCEPTED:
        raise ReviewError("finding already accepted; reopen it first")
    if state.stale:
        raise ReviewError("the text under this finding was edited; check again before accepting")
    f = state.finding
    if not 0 <= f.start <= f.end <= len(review.text):
        raise ReviewError(f"finding span [{f.start}, {f.end}) is outside the text")
    state.original_text = review.text[f.start : f.end]
    apply_edit(review, Edit(f.start, f.end, replacement), by, keep=state)
    _decide(state, Decision.ACCEPTED, by)
    state.replacement = replacement
    return state


def decide(
    review: Review, fingerprint: str | FindingState, decision: Decision, by: str
) -> FindingState:
    state = _target(review, fingerprint)
    if state.decision is Decision.ACCEPTED:
        raise ReviewError("finding already accepted; reopen it first")
    _decide(state, decision, by)
    review.touch()
    return state


def reject(review: Review, fingerprint: str | FindingState, by: str) -> FindingState:
    return decide(review, fingerprint, Decision.REJECTED, by)


def ignore(review: Review, fingerprint: str | FindingState, by: str) -> FindingState:
    return decide(review, fingerprint, Decision.IGNORED, by)


def reopen(review: Review, fingerprint: str | FindingState, by: str) -> FindingState:
    """Back to open. An accepted replacement is undone when the text still reads it."""
    if isinstance(fingerprint, str):
        matches = [s for s in review.findings if s.fingerprint == fingerprint and not s.is_open]
        if not matches:
            raise ReviewError(
                f"no decided finding with fingerprint {fingerprint!r} in this review"
            )
        state = matches[0]
    else:
        state = fingerprint
        if state.is_open:
            raise ReviewError("this finding is open: there is no decision to reopen")
    if state.decision is Decision.ACCEPTED:
        f = state.finding
        if review.text[f.start : f.end] != (state.replacement or ""):
            raise ReviewError("the accepted text was edited since; undo it by editing")
        apply_edit(review, Edit(f.start, f.end, state.original_text or ""), by, keep=state)
        state.original_text = None
    _decide(state, Decision.OPEN, by)
    state.replacement = None
    review.touch()
    return state


def _decide(state: FindingState, decision: Decision, by: str) -> None:
    state.decision = decision
    state.by = by
    state.at = now_iso()
