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


def save(
    payload: bytes, article_path: str, base_payload: bytes | None = None
) -> tuple[str | None, str | None, bool]:
    """Write the sidecar of the pickled review: (its new sha256, None, whether it was
    merged with a sidecar someone else wrote), or (None, the one-line reason it was not
    written, False). ``base_payload``: the review as the window last saved it, the base
    of that merge (the window keeps it pickled: turning it into a dict is work for here)."""
    from editdesk.core.review.sidecar import review_to_dict
    from editdesk.service.review_session import write_snapshot

    review = pickle.loads(payload)
    if base_payload is not None:
        review.sidecar_base = review_to_dict(pickle.loads(base_payload))
    try:
        merged = write_snapshot(review, Path(article_path))
    except Exception as exc:  # noqa: BLE001 - reported by the window, which keeps the changes
        return None, str(exc) or type(exc).__name__, False
    return review.sidecar_sha256, None, merged
