"""The lock every sidecar write holds, and the clean-up of temp files a killed save left.

The lock is a ``filelock`` lock on ``.<sidecar name>.lock`` in the article's
folder, so two machines writing one shared folder exclude each other as two
processes on one machine do. ``filelock`` uses ``flock`` and falls back to an
exclusive-create marker file (with a warning) on a file system without
``flock``. A process killed while holding the lock releases it with its
descriptor. The lock file is removed before the lock is released; ``filelock``
retries when the file it locked was unlinked meanwhile, so that is safe.
"""

from __future__ import annotations

import contextlib
import os
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from editdesk.core.review.errors import SidecarError

# Writers hold the lock for one read, one merge and one fsynced write.
LOCK_TIMEOUT_S = 30.0
# A temp file of ours older than this cannot belong to a save still running.
STALE_TEMP_S = 600.0


def lock_path(sidecar: Path) -> Path:
    return sidecar.with_name(f".{sidecar.name}.lock")


def temp_prefix(target: Path) -> str:
    """The prefix ``write_atomic`` gives its temp files for ``target``."""
    return f".{target.name}."


@contextlib.contextmanager
def sidecar_lock(sidecar: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the sidecar's lock; SidecarError (one line) when it cannot be had."""
    timeout = LOCK_TIMEOUT_S if timeout is None else timeout
    path = lock_path(sidecar)
    lock = FileLock(str(path), timeout=timeout)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the no-flock fallback, which still locks
            lock.acquire()
    except Timeout:
        raise SidecarError(
            sidecar, f"another EditDesk has held its lock for over {timeout:g} s; nothing written"
        ) from None
    except OSError as exc:
        raise SidecarError(
            sidecar, f"cannot be locked ({exc.strerror or exc}); nothing written"
        ) from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        lock.release()


def remove_stale_temps(target: Path, *, locked: bool) -> list[Path]:
    """Remove temp files that a killed ``write_atomic`` of ``target`` left behind.

    Only files with our exact name pattern (``.<name>.<random>.tmp``) are
    touched, and only when the caller holds the lock (no save of ours can be
    running) or they are older than ``STALE_TEMP_S``. Returns what was removed.
    """
    prefix = temp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix) : -len(".tmp")]
        if not middle or "." in middle or "/" in middle:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        if not locked and now - st.st_mtime < STALE_TEMP_S:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed
