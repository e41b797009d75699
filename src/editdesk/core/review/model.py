"""Review data model (interface shared by the GUI, the CLI and the DOCX export).

All spans are Python code-point offsets into ``Review.text`` (the edited
text) unless a field says otherwise. Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from editdesk.core.findings import Finding


class Decision(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IGNORED = "ignored"


@dataclass
class Anchor:
    """A span plus the quoted text and context it was made on, for re-anchoring."""

    start: int
    end: int
    quote: str
    prefix: str = ""  # up to ~32 chars before
    suffix: str = ""  # up to ~32 chars after
    detached: bool = False


@dataclass
class FindingState:
    finding: Finding
    decision: Decision = Decision.OPEN
    replacement: str | None = None  # the replacement chosen when accepted
    by: str | None = None
    at: str | None = None


@dataclass
class Reply:
    author: str
    at: str
    text: str


@dataclass
class Comment:
    id: str
    anchor: Anchor
    author: str
    at: str
    text: str
    replies: list[Reply] = field(default_factory=list)
    resolved: bool = False


@dataclass
class SignOff:
    editor: str
    role: str
    decision: str  # "approved" | "changes-requested"
    note: str
    at: str
    text_sha256: str
    style_hash: str
    open_findings: dict[str, int]  # severity -> count at that moment
    force_reason: str | None = None


@dataclass
class Review:
    """What the editor did to one article.

    ``original`` is the article text as read; ``text`` the edited text. Edits
    are kept as the difference between the two (for tracked changes);
    ``edit_authors`` records who edited and when, newest last.
    """

    article_path: str
    original: str
    text: str
    original_sha256: str
    findings: list[FindingState] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    # rules the editor switched off for this article only, words accepted here
    ignored_rules: list[str] = field(default_factory=list)
    accepted_words: list[str] = field(default_factory=list)
    edit_authors: list[tuple[str, str]] = field(default_factory=list)  # (author, at)
    created: str = ""
    updated: str = ""
