"""The app's open article and its review: every change the window makes to the
review goes through here, so the text in the editor and ``review.text`` stay equal,
and the review is saved only once there is something to save."""

from __future__ import annotations

from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.desk.history import RuleTally
from editdesk.core.findings import Finding
from editdesk.core.readers import article_for_text
from editdesk.core.review import comments, editing, signoff, syncing
from editdesk.core.review.errors import ReviewError
from editdesk.core.review.grouping import group_review
from editdesk.core.review.model import Decision, FindingState, Review
from editdesk.core.review.sidecar import save_review, save_review_merging, sidecar_path
from editdesk.service.desk_history import DeskRecorder
from editdesk.service.finding_keys import finding_keys, state_for_key
from editdesk.service.opening import OpenedReview, open_review


class ReviewSession:
    def __init__(
        self,
        path: Path,
        article: Article,
        review: Review,
        *,
        read_only: str = "",
        desk: DeskRecorder | None = None,
    ):
        self.path = path
        self.article = article
        self.review = review
        # Non-empty: why the review must not be saved (a sidecar we could not read).
        self.read_only = read_only
        self.dirty = False
        self.saved_before = not read_only and sidecar_path(path).exists()
        # Where each decision is recorded for the desk (None: not recorded).
        self.desk = desk

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> tuple[ReviewSession, str]:
        """Read the article and its review. Returns the session and a warning
        (empty, or why the sidecar could not be used). Raises OpenError."""
        opened = open_review(path, import_docx=True, fresh_if_unreadable=True)
        review = opened.review
        warning = opened.warning
        if review.rebased_on_load is not None and not opened.read_only:
            warning = (
                f"{opened.path.name} changed on disk since it was reviewed; "
                "the review was carried over to the new text"
            )
        desk = None if opened.read_only else DeskRecorder.for_article(opened.path)
        session = cls(opened.path, opened.article, review, read_only=opened.read_only, desk=desk)
        # a review carried over to a changed file is saved so, to warn only once
        session.dirty = review.rebased_on_load is not None and not opened.read_only
        return session, warning

    @classmethod
    def of(cls, opened: OpenedReview) -> ReviewSession:
        """A session over a review already opened (the command line's ``editdesk review``),
        its decisions recorded for the desk like the app's."""
        desk = None if opened.read_only else DeskRecorder.for_article(opened.path)
        return cls(opened.path, opened.article, opened.review, read_only=opened.read_only,
                   desk=desk)

    # -- text ------------------------------------------------------------------
    def sync_text(self, text: str, by: str) -> bool:
        """Record the editor's own typing. True when the review text changed."""
        if text == self.review.text:
            return False
        editing.set_text(self.review, text, by)
        self.dirty = True
        return True

    def reopen_if_undone(self, text: str, by: str) -> bool:
        """When ``text`` is exactly the review text with one accepted suggestion taken
        back (Undo after Accept), reopen that finding, which restores that text."""
        old = self.review.text
        delta = len(text) - len(old)
        for state in self.review.findings:
            f, original = state.finding, state.original_text
            if state.decision is not Decision.ACCEPTED or original is None:
                continue
            if (
                len(original) - (f.end - f.start) == delta
                and old[f.start : f.end] == (state.replacement or "")
                and text.startswith(original, f.start)
                and text[: f.start] == old[: f.start]
                and text[f.start + len(original) :] == old[f.end :]
            ):
                index = next(i for i, s in enumerate(self.review.findings) if s is state)
                key = finding_keys(self.review)[index]
                editing.reopen(self.review, state, by)
                self._forget(key)
                self.dirty = True
                return True
        return False

    def snapshot(self, text: str) -> Article:
        """An Article of the current text for the checkers (same paragraph logic)."""
        return article_for_text(self.article, text)

    # -- decisions ---------------------------------------------------------------
    def sync_findings(self, findings: list[Finding], sources: tuple[str, ...] = ()) -> None:
        syncing.sync_findings(self.review, findings, sources)
        # Only reading an article writes nothing beside it; once a review file
        # exists (the editor did something) it keeps the findings current.
        if self.saved_before or self.dirty:
            self.dirty = True

    def _state(self, key: str) -> FindingState:
        state = state_for_key(self.review, key)
        if state is None:
            raise ReviewError(f"no finding {key!r} in this review")
        return state

    def group(self, key: str) -> list[FindingState]:
        """The finding ``key`` names first, then the others about the same problem
        (core.review.grouping): one card, one decision for each of them."""
        state = self._state(key)
        states = self.review.findings
        for g in group_review(self.review):
            members = [states[i] for i in g.members]
            if any(m is state for m in members):
                return [state, *(m for m in members if m is not state)]
        return [state]

    def accept(self, key: str, replacement: str, by: str) -> None:
        """``key`` names one finding (service.finding_keys), even of a repeated sentence.
        The others about the same problem lie in the replaced words: they are dropped
        (the next check brings back any the replacement did not settle)."""
        state, *others = self.group(key)
        word = self.review.text[state.finding.start : state.finding.end]
        editing.accept(self.review, state, replacement, by)
        settled = {id(s) for s in others if s.is_open and s.stale}
        self.review.findings = [s for s in self.review.findings if id(s) not in settled]
        self.dirty = True
        self._record(key, state, word)

    def reject(self, key: str, by: str) -> None:
        state, *others = self.group(key)
        editing.reject(self.review, state, by)
        for other in others:
            editing.reject(self.review, other, by)
        self.dirty = True
        self._record(key, state)

    def ignore(self, key: str, by: str) -> None:
        state, *others = self.group(key)
        editing.ignore(self.review, state, by)
        for other in others:
            editing.ignore(self.review, other, by)
        self.dirty = True
        self._record(key, state)

    def reopen(self, key: str, by: str) -> None:
        for state in self.group(key):
            editing.reopen(self.review, state, by)
        self.dirty = True
        self._forget(key)

    # The desk's history: one row per finding, replaced by a new decision, gone on reopen.
    def _record(self, key: str, state: FindingState, word: str | None = None) -> None:
        if self.desk is not None:
            f = state.finding
            if word is None:
                word = self.review.text[f.start : f.end]
            self.desk.decided(key, f, str(state.decision), word)

    def _forget(self, key: str) -> None:
        if self.desk is not None:
            self.desk.reopened(key)

    def desk_tallies(self) -> dict[str, RuleTally]:
        """Rule id -> RuleTally of the desk's decisions."""
        return self.desk.tallies() if self.desk is not None else {}

    def desk_history(self) -> dict[str, str]:
        """Rule id -> what the rule's card says of the desk's decisions on it."""
        return self.desk.history_lines() if self.desk is not None else {}

    def ignore_rule(self, rule_id: str) -> None:
        syncing.ignore_rule(self.review, rule_id)
        self.dirty = True

    def accept_word(self, word: str) -> None:
        word = word.strip()
        if word:
            syncing.accept_word(self.review, word)
            self.dirty = True
            if self.desk is not None:
                self.desk.word_added(word)

    def add_comment(self, start: int, end: int, text: str, author: str):
        comment = comments.add_comment(self.review, start, end, text, author)
        self.dirty = True
        return comment

    def reply(self, comment_id: str, text: str, author: str) -> None:
        comments.reply(self.review, comment_id, text, author)
        self.dirty = True

    def resolve(self, comment_id: str, resolved: bool) -> None:
        comments.resolve(self.review, comment_id, resolved)
        self.dirty = True

    def sign_off(self, **kwargs):
        record = signoff.sign_off(self.review, **kwargs)
        self.dirty = True
        return record

    # -- saving --------------------------------------------------------------------
    def save(self) -> bool:
        """Write the sidecar (atomically) if anything changed. False when read-only."""
        if self.read_only:
            return False
        if not self.dirty:
            return True
        save_review(self.review, self.path)
        self.dirty = False
        self.saved_before = True
        return True

    def sidecar(self) -> Path:
        return sidecar_path(self.path)


def write_snapshot(review: Review, article_path: Path) -> bool:
    """Write the sidecar of a snapshot of a session's review (the app's autosave
    does it off the GUI thread; see gui.background_save); True when it was merged with a
    sidecar someone else wrote."""
    return save_review_merging(review, article_path)[1]
