"""The review of one article: decisions, edits, comments, sign-offs.

The data (``model``: Review, FindingState, Comment, SignOff, ...) imports no
operation; the operations are functions over a Review in ``editing``,
``syncing``, ``comments``, ``signoff`` and ``rebase`` (``editing.accept(review,
...)``); ``load_review`` / ``save_review`` (``sidecar``) read and write the
sidecar beside the article. Imports run that way only (tests/core/test_review_layering.py).
"""

from editdesk.core.review.errors import ReviewError, SidecarError, SignOffRefused
from editdesk.core.review.model import (
    Anchor,
    Comment,
    Decision,
    DetachedEdit,
    FindingState,
    Rebase,
    Reply,
    Review,
    SignOff,
    SignOffStatus,
    sha256_text,
)
from editdesk.core.review.rebase import CHANGED_ON_DISK
from editdesk.core.review.sidecar import (
    SCHEMA,
    load_review,
    read_sidecar,
    save_review,
    set_aside,
    sidecar_path,
)

__all__ = [
    "CHANGED_ON_DISK",
    "SCHEMA",
    "Anchor",
    "Comment",
    "Decision",
    "DetachedEdit",
    "FindingState",
    "Rebase",
    "Reply",
    "Review",
    "ReviewError",
    "SidecarError",
    "SignOff",
    "SignOffRefused",
    "SignOffStatus",
    "load_review",
    "read_sidecar",
    "save_review",
    "set_aside",
    "sha256_text",
    "sidecar_path",
]
