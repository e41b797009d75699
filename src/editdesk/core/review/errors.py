"""Errors raised by the review model and its sidecar; each ``str()`` is one line."""

from __future__ import annotations

from pathlib import Path


class ReviewError(Exception):
    """An operation on a review that cannot be done (unknown finding, stale span...)."""


class SignOffRefused(ReviewError):
    """Approving while error-severity findings are open, without a reason."""


class SidecarError(OSError):
    """A sidecar that cannot be read or must not be overwritten.

    ``str()`` is ``"PATH: reason"`` on one line. An OSError, so code that
    reports file problems in general reports this one too.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}")
