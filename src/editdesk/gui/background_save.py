"""Saving the review off the GUI process, so typing never waits for it.

The autosave after each change pickles the review on the GUI thread (a few
milliseconds for a thousand findings) and hands it to a save process
(gui.save_process), which writes the sidecar. A thread would not do: the save is
pure Python and would hold the interpreter's lock against the GUI thread. Ctrl+S
and closing still save at once (after the background save, if one runs).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import pickle
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editdesk.core.review.model import Review
from editdesk.gui import check_process, save_process


class SaveFailed(Exception):
    """The save process's reason for not writing the sidecar."""


@dataclass(frozen=True)
class SaveResult:
    path: Path
    sha256: str | None  # of the sidecar written
    error: BaseException | None
    # the sidecar had been written by someone else, and the two were merged on disk
    merged: bool = False
    sent: bytes = b""  # the pickled review that was saved: the base of the next merge


class BackgroundSaver(QObject):
    """One save at a time; ``done`` arrives on the GUI thread."""

    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ProcessPoolExecutor | None = None
        self._future: Future | None = None
        self._path: Path | None = None
        self._sent = b""

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = check_process.one_process_pool()
        return self._executor

    def warm_up(self) -> None:
        """Start the save process now, so the first autosave does not wait for it."""
        with contextlib.suppress(RuntimeError, BrokenProcessPool):
            self._pool().submit(check_process.warm_up)

    @property
    def busy(self) -> bool:
        return self._future is not None and not self._future.done()

    def start(self, review: Review, article_path: Path, base: bytes | None = None) -> None:
        """``base``: the ``sent`` of the last save (None: the review's own base)."""
        # pickled here, at once: later edits of ``review`` cannot reach the save
        payload = pickle.dumps(review, protocol=pickle.HIGHEST_PROTOCOL)
        self._path = Path(article_path)
        self._sent = payload
        try:
            future = self._pool().submit(save_process.save, payload, str(article_path), base)
        except (RuntimeError, BrokenProcessPool):  # the process died: a new one
            self._executor = None
            future = self._pool().submit(save_process.save, payload, str(article_path), base)
        self._future = future
        # runs on the executor's thread: only emit (queued to the GUI thread)
        future.add_done_callback(lambda _f: self.done.emit())

    def wait(self) -> None:
        if self._future is not None:
            concurrent.futures.wait([self._future])

    def take_result(self) -> SaveResult | None:
        future = self._future
        if future is None or not future.done() or self._path is None:
            return None
        self._future = None
        try:
            sha256, error, merged = future.result()
        except BrokenProcessPool as exc:
            self._executor = None
            return SaveResult(self._path, None, SaveFailed(f"the save process stopped ({exc})"))
        except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
            return SaveResult(self._path, None, exc)
        if error:
            return SaveResult(self._path, None, SaveFailed(error))
        return SaveResult(self._path, sha256, None, merged, self._sent)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=False)
            self._executor = None
