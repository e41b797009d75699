"""Saving the review off the GUI thread, so typing never waits for it.

Writing the sidecar of a long article (reading the one on disk to compare,
turning a thousand findings into JSON) takes a few hundred milliseconds; the
autosave after each change does it in a thread, on a snapshot of the review
taken in a few milliseconds. Ctrl+S and closing still save at once (after the
thread, if one runs).
"""

from __future__ import annotations

import copy
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editdesk.core.review.model import Review
from editdesk.service.review_session import write_snapshot


def review_snapshot(review: Review) -> Review:
    """A copy that later edits of ``review`` leave alone: every part the review's
    operations change in place is copied; frozen or replaced-whole parts
    (findings, anchors, sign-offs) are shared."""
    snap = copy.copy(review)
    snap.findings = [copy.copy(s) for s in review.findings]
    snap.dormant = [copy.copy(s) for s in review.dormant]
    snap.comments = [replace(c, replies=list(c.replies)) for c in review.comments]
    for name in (
        "signoffs",
        "ignored_rules",
        "accepted_words",
        "edit_authors",
        "checked_with",
        "rebases",
    ):
        setattr(snap, name, list(getattr(review, name)))
    return snap


class BackgroundSaver(QObject):
    """One save at a time; ``done`` arrives on the GUI thread."""

    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self.result: tuple[Review, Path, BaseException | None] | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, review: Review, article_path: Path) -> None:
        snap = review_snapshot(review)

        def run() -> None:
            error: BaseException | None = None
            try:
                write_snapshot(snap, article_path)
            except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
                error = exc
            self.result = (snap, article_path, error)
            self.done.emit()

        self._thread = threading.Thread(target=run, name="editdesk-save", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def take_result(self) -> tuple[Review, Path, BaseException | None] | None:
        result, self.result = self.result, None
        return result
