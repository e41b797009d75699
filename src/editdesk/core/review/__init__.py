"""The review of one article: decisions, edits, comments, sign-offs.

``load_review`` / ``save_review`` read and write the sidecar beside the
article; the operations are methods of :class:`Review`.
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
