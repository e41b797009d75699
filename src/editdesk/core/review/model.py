"""Review data model (interface shared by the GUI, the CLI and the DOCX export).

All spans are Python code-point offsets into ``Review.text`` (the edited
text) unless a field says otherwise. Times are ISO 8601 strings in UTC.

The operations are methods of :class:`Review`; their logic lives in small
modules beside this one (``editing``, ``syncing``, ``signoff``, ``comments``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from editdesk.core.findings import Finding, Severity

if TYPE_CHECKING:
    from editdesk.core.article import Article


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

    @classmethod
    def on(cls, text: str, start: int, end: int) -> Anchor:
        from editdesk.core.review.anchoring import context

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
        from editdesk.core.review.clock import now_iso

        now = now_iso()
        path = article_path if article_path is not None else str(article.path or "")
        return cls(path, article.text, article.text, article.sha256, created=now, updated=now)

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)

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
            from editdesk.core.review.errors import ReviewError

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

    # ---- findings --------------------------------------------------------------

    def sync_findings(self, findings: list[Finding], sources: tuple[str, ...] = ()) -> None:
        """Merge fresh results of checking ``text``; ``sources`` names the checkers
        that ran (e.g. ``CheckResult.sources``) so a house-only check is known."""
        from editdesk.core.review.syncing import sync_findings

        sync_findings(self, findings, sources)

    def accept(self, fingerprint: str, replacement: str, by: str) -> FindingState:
        from editdesk.core.review.editing import accept

        return accept(self, fingerprint, replacement, by)

    def reject(self, fingerprint: str, by: str) -> FindingState:
        from editdesk.core.review.editing import decide

        return decide(self, fingerprint, Decision.REJECTED, by)

    def ignore(self, fingerprint: str, by: str) -> FindingState:
        from editdesk.core.review.editing import decide

        return decide(self, fingerprint, Decision.IGNORED, by)

    def reopen(self, fingerprint: str, by: str) -> FindingState:
        """Undo a decision; an accepted replacement is reverted if its text is intact."""
        from editdesk.core.review.editing import reopen

        return reopen(self, fingerprint, by)

    def ignore_rule(self, rule_id: str) -> None:
        """Ignore a rule in this article: its open findings go, and stay gone."""
        from editdesk.core.review.syncing import ignore_rule

        ignore_rule(self, rule_id)

    def unignore_rule(self, rule_id: str) -> None:
        if rule_id in self.ignored_rules:
            self.ignored_rules.remove(rule_id)

    def accept_word(self, word: str) -> None:
        """Accept a word in this article: open spelling findings on it go."""
        from editdesk.core.review.syncing import accept_word

        accept_word(self, word)

    def unaccept_word(self, word: str) -> None:
        if word in self.accepted_words:
            self.accepted_words.remove(word)

    # ---- text ------------------------------------------------------------------

    def set_text(self, new_text: str, by: str) -> None:
        """The editor's own edits; anchors and finding spans follow."""
        from editdesk.core.review.editing import set_text

        set_text(self, new_text, by)

    # ---- comments --------------------------------------------------------------

    def add_comment(self, start: int, end: int, text: str, author: str) -> Comment:
        from editdesk.core.review.comments import add_comment

        return add_comment(self, start, end, text, author)

    def comment(self, comment_id: str) -> Comment:
        from editdesk.core.review.comments import find_comment

        return find_comment(self, comment_id)

    def reply(self, comment_id: str, text: str, author: str) -> Reply:
        from editdesk.core.review.comments import reply

        return reply(self, comment_id, text, author)

    def resolve(self, comment_id: str, resolved: bool = True) -> Comment:
        comment = self.comment(comment_id)
        comment.resolved = resolved
        self.touch()
        return comment

    def delete_comment(self, comment_id: str) -> Comment:
        comment = self.comment(comment_id)
        self.comments.remove(comment)
        self.touch()
        return comment

    # ---- sign-off --------------------------------------------------------------

    def sign_off(
        self,
        editor: str,
        role: str,
        decision: str,
        note: str,
        style_hash: str,
        force_reason: str | None = None,
    ) -> SignOff:
        from editdesk.core.review.signoff import sign_off

        return sign_off(self, editor, role, decision, note, style_hash, force_reason)

    def signoff_status(self) -> SignOffStatus:
        from editdesk.core.review.signoff import signoff_status

        return signoff_status(self)

    def touch(self) -> None:
        from editdesk.core.review.clock import now_iso

        self.updated = now_iso()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
