"""The autosave, run in a process of its own (no Qt here).

Writing the sidecar of a long article (turning a thousand findings into JSON,
reading the file on disk to compare) is a few hundred milliseconds of pure
Python. In a thread of the GUI process it held Python's lock against the GUI
thread, which then waited at every return from Qt: typing stalled for 80-100 ms
while the GUI thread itself worked 20 ms (bench/gui_stall.py, README). Here it
cannot: the window only pickles the review (a few milliseconds) and gets back
the new sidecar's hash.
"""

from __future__ import annotations

import pickle
from pathlib import Path


def save(payload: bytes, article_path: str) -> tuple[str | None, str | None]:
    """Write the sidecar of the pickled review: (its new sha256, None), or (None,
    the one-line reason it was not written)."""
    from editdesk.service.review_session import write_snapshot

    review = pickle.loads(payload)
    try:
        write_snapshot(review, Path(article_path))
    except Exception as exc:  # noqa: BLE001 - reported by the window, which keeps the changes
        return None, str(exc) or type(exc).__name__
    return review.sidecar_sha256, None
