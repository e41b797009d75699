"""The review's data (interface shared by the GUI, the CLI and the DOCX export).

All spans are Python code-point offsets into ``Review.text`` (the edited
text) unless a field says otherwise. Times are ISO 8601 strings in UTC.

This module holds the data and the questions it answers by itself; it imports
no operation. The operations are functions over a :class:`Review` in the modules
beside it (``editing``, ``syncing``, ``comments``, ``signoff``, ``rebase``), which
import this one: the arrows run one way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from editdesk.core.findings import Finding, Severity
from editdesk.core.review.clock import now_iso
from editdesk.core.review.errors import ReviewError

if TYPE_CHECKING:
    from editdesk.core.article import Article


CONTEXT = 32  # characters of context an anchor keeps on each side


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of a span."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


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
    prefix: str = ""  # up to CONTEXT chars before
    suffix: str = ""  # up to CONTEXT chars after
    detached: bool = False

    @classmethod
    def on(cls, text: str, start: int, end: int) -> Anchor:
        quote, prefix, suffix = context(text, start, end)
        return cls(start, end, quote, prefix, suffix)


@dataclass
class FindingState:
    finding: Finding
    decision: Decision = Decision.OPEN
    replacement: str | None = None  # the replacement chosen when accepted
    by: str | None = None
    at: str | None = None
    # The span's text was edited since the check: the finding may no longer
    # apply; the next sync_findings replaces it. Stale open findings still
    # count as open (a sign-off must not pass on an unchecked edit).
    stale: bool = False
    original_text: str | None = None  # what an accepted replacement replaced

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    @property
    def is_open(self) -> bool:
        return self.decision is Decision.OPEN


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
    edit_count: int = 0  # len(Review.edit_authors) when signed: later entries are edits since
    findings_checked: bool = True  # the findings had been synced on exactly this text
    checked_with: list[str] = field(default_factory=list)  # sources of that check, if known


@dataclass
class SignOffStatus:
    state: str  # "none" | "current" | "stale"
    latest: SignOff | None
    changed_at: str | None = None  # stale: when the text first changed after the sign-off
    changed_by: str | None = None

    @property
    def approved_and_current(self) -> bool:
        return (
            self.state == "current"
            and self.latest is not None
            and self.latest.decision == "approved"
        )


@dataclass
class DetachedEdit:
    """An editor's edit that could not be re-applied after the article changed on disk.

    ``old`` is what the editor replaced, ``new`` what they wrote, with context
    from the old original text.
    """

    old: str
    new: str
    prefix: str
    suffix: str


@dataclass
class Rebase:
    """The article file changed on disk since the review; the review moved onto it."""

    at: str
    from_sha256: str
    to_sha256: str
    edits_applied: int
    edits_detached: list[DetachedEdit] = field(default_factory=list)
    comments_detached: int = 0


SIGNOFF_DECISIONS = ("approved", "changes-requested")


@dataclass
class Review:
    """What the editor did to one article.

    ``original`` is the article text as read; ``text`` the edited text. Edits
    are kept as the difference between the two (for tracked changes);
    ``edit_authors`` records who edited and when: one entry per run of edits
    by one author between sign-offs (the time the run started).
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
    # sha256 of ``text`` when findings were last synced ("" = never checked)
    checked_sha256: str = ""
    # the checkers behind the last sync ("house", "languagetool"); empty = not said
    checked_with: list[str] = field(default_factory=list)
    # rejected/ignored decisions whose finding was absent from the last check:
    # kept so the decision applies again if the finding comes back
    dormant: list[FindingState] = field(default_factory=list)
    rebases: list[Rebase] = field(default_factory=list)
    # SHA-256 of the article's text as read when that is not ``original``: a DOCX
    # whose own pending tracked changes are edits of this review (imported from
    # it) reads with them accepted. "" = ``original_sha256``. load_review
    # compares the file with it: the file did not change though its text is not
    # ``original``.
    article_sha256: str = ""
    # set by load_review when the article had changed on disk (not saved)
    rebased_on_load: Rebase | None = field(default=None, compare=False, repr=False)
    # SHA-256 of the sidecar bytes this review was read from or last written
    # as (not saved): save_review refuses to overwrite a sidecar changed since
    sidecar_sha256: str | None = field(default=None, compare=False, repr=False)
    # the sidecar's content as read (or this new review as started): the base
    # of the three-way merge when someone else wrote the sidecar meanwhile
    sidecar_base: dict | None = field(default=None, compare=False, repr=False)

    # ---- construction and state ------------------------------------------------

    @classmethod
    def for_article(cls, article: Article, article_path: str | None = None) -> Review:
        now = now_iso()
        path = article_path if article_path is not None else str(article.path or "")
        return cls(path, article.text, article.text, article.sha256, created=now, updated=now)

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)

    @property
    def read_as_sha256(self) -> str:
        """SHA-256 of the article's text as read when this review was last on it."""
        return self.article_sha256 or self.original_sha256

    @property
    def edited(self) -> bool:
        return self.text != self.original

    @property
    def checked(self) -> bool:
        """Findings were synced at least once."""
        return bool(self.checked_sha256)

    @property
    def findings_current(self) -> bool:
        """Findings were synced on exactly the current text."""
        return self.checked_sha256 == self.text_sha256

    def state(self, fingerprint: str) -> FindingState:
        """The finding state with this fingerprint (open ones first)."""
        matches = [s for s in self.findings if s.fingerprint == fingerprint]
        if not matches:
            raise ReviewError(f"no finding with fingerprint {fingerprint!r} in this review")
        return next((s for s in matches if s.is_open), matches[0])

    def open_findings(self) -> list[FindingState]:
        return [s for s in self.findings if s.is_open]

    def open_counts(self) -> dict[str, int]:
        """Open findings by severity, every severity present (zero if none)."""
        counts = {s.value: 0 for s in Severity}
        for s in self.open_findings():
            counts[s.finding.severity.value] += 1
        return counts

    def comment(self, comment_id: str) -> Comment:
        for comment in self.comments:
            if comment.id == comment_id:
                return comment
        raise ReviewError(f"no comment with id {comment_id!r} in this review")

    def touch(self) -> None:
        self.updated = now_iso()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


KEY_SEPARATOR = "~"


def occurrence_keys(fingerprints: Iterable[str]) -> list[str]:
    """One key per fingerprint given, unique among them: a fingerprint is rule +
    sentence + words, so a sentence that occurs twice (a pasted paragraph, a
    repeated byline) gives two findings with one print. The first keeps the bare
    fingerprint, later ones get ``~2``, ``~3``... in the order given."""
    seen: dict[str, int] = {}
    keys = []
    for fp in fingerprints:
        n = seen.get(fp, 0) + 1
        seen[fp] = n
        keys.append(fp if n == 1 else f"{fp}{KEY_SEPARATOR}{n}")
    return keys
