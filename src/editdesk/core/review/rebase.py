"""Moving a review onto an article file that changed on disk since the review.

The sidecar keeps the text the review started from (``Review.original``) and
its hash. When the file now reads differently:

1. The new file text becomes ``original``.
2. The editor's edits (the differences original -> edited text) are re-applied
   to the new text, diff3-style: an edit whose region (boundaries included) the
   outside change did not touch is applied at its shifted place; one that
   collides is not applied but recorded in ``Rebase.edits_detached`` (what was
   replaced, by what, with context) so the user can redo it by hand; one the
   file already has (the writer made the same change) is simply kept.
3. Comment anchors move from the old edited text to the new one: mapped
   position first, then by quote and context (see ``anchoring``); an anchor
   that cannot be found is marked detached, never dropped.
4. Finding spans that still read the same move with the text; the others are
   marked stale (the next check replaces them); dormant decisions move too.
   Decisions stay keyed by fingerprint and occurrence, so they apply again
   wherever their sentence survived.
5. A ``Rebase`` record and an edit-log entry by ``CHANGED_ON_DISK`` are added,
   so a sign-off on the old text shows as stale "since the file changed".
"""

from __future__ import annotations

from dataclasses import replace

from editdesk.core.review import anchoring
from editdesk.core.review.clock import now_iso
from editdesk.core.review.model import DetachedEdit, Rebase, Review, context, sha256_text
from editdesk.core.review.textdiff import Edit, edits_between, map_through

CHANGED_ON_DISK = "(article changed on disk)"


def rebase(review: Review, new_original: str) -> Rebase:
    old_original, old_text = review.original, review.text
    mine = edits_between(old_original, old_text)
    theirs = edits_between(old_original, new_original)

    applied: list[Edit] = []
    detached: list[DetachedEdit] = []
    theirs_set = set(theirs)
    already = 0
    for e in mine:
        if e in theirs_set:
            already += 1  # the file already has this very change (the writer made it too)
            continue
        if any(u.start <= e.end and e.start <= u.end for u in theirs):
            old, prefix, suffix = context(old_original, e.start, e.end)
            detached.append(DetachedEdit(old=old, new=e.new, prefix=prefix, suffix=suffix))
            continue
        start = map_through(e.start, theirs)
        applied.append(Edit(start, start + (e.end - e.start), e.new))

    pieces: list[str] = []
    pos = 0
    for e in applied:  # in order and non-overlapping, as the diff produced them
        pieces.append(new_original[pos : e.start])
        pieces.append(e.new)
        pos = e.end
    pieces.append(new_original[pos:])
    new_text = "".join(pieces)

    moves = edits_between(old_text, new_text)
    comments_detached = 0
    for comment in review.comments:
        a = comment.anchor
        relocated = anchoring.relocate(a, new_text, map_through(a.start, moves))
        comments_detached += relocated.detached
        comment.anchor = relocated

    for state in [*review.findings, *review.dormant]:
        f = state.finding
        start = map_through(f.start, moves)
        end = start + (f.end - f.start)
        intact = new_text[start:end] == old_text[f.start : f.end]
        state.finding = replace(f, start=start, end=max(start, min(end, len(new_text))))
        state.stale = state.stale or not intact

    record = Rebase(
        at=now_iso(),
        from_sha256=review.original_sha256,
        to_sha256=sha256_text(new_original),
        edits_applied=len(applied) + already,
        edits_detached=detached,
        comments_detached=comments_detached,
    )
    review.original = new_original
    review.original_sha256 = record.to_sha256
    review.article_sha256 = ""  # the file's text is ``original`` now
    if new_text != old_text:
        review.edit_authors.append((CHANGED_ON_DISK, record.at))
    review.text = new_text
    review.rebases.append(record)
    review.touch()
    return record
