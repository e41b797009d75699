"""The editor's changes as Word's Review tab shows them: what was deleted and
inserted where in the edited text, by whom and when (no Qt here).

The review keeps edits as the difference between ``original`` and ``text``; an
accepted suggestion knows its author and time, other edits are signed with the
latest run of edits in ``review.edit_authors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from editdesk.core.review.model import Decision, Review
from editdesk.core.review.textdiff import edits_between


@dataclass(frozen=True)
class Change:
    start: int  # code points into review.text: the inserted text (start == end: a deletion)
    end: int
    old: str  # what the original had here ("" for an insertion)
    new: str
    author: str
    at: str

    @property
    def kind(self) -> str:
        if not self.old:
            return "insertion"
        return "deletion" if not self.new else "replacement"


def tracked_changes(review: Review) -> list[Change]:
    if review.text == review.original:
        return []
    accepted = [
        s
        for s in review.findings
        if s.decision is Decision.ACCEPTED and s.original_text is not None
    ]
    fallback_author, fallback_at = (
        review.edit_authors[-1] if review.edit_authors else ("", review.updated)
    )
    changes = []
    shift = 0
    for e in edits_between(review.original, review.text):
        start = e.start + shift
        end = start + len(e.new)
        shift += e.delta
        author, at = fallback_author, fallback_at
        for s in accepted:
            f = s.finding
            if f.start <= start and end <= f.end or (start <= f.start and f.end <= end):
                author, at = s.by or author, s.at or at
                break
        changes.append(Change(start, end, review.original[e.start : e.end], e.new, author, at))
    return changes
