"""The review of one article: decisions, edits, comments, sign-offs."""

from editdesk.core.review.model import (
    Anchor,
    Comment,
    Decision,
    FindingState,
    Reply,
    Review,
    SignOff,
)

__all__ = ["Anchor", "Comment", "Decision", "FindingState", "Reply", "Review", "SignOff"]
