"""The checks, run in a separate process (no Qt here).

House-style rules are pure Python and some hold the GIL for a long stretch
(a regular expression over a paragraph), which would freeze the window if they
ran in a thread of the GUI process. In a process of their own they cannot.
The process keeps one service.checking.SnapshotChecker between checks: the engine
session's per-paragraph cache and the compiled house style make re-checking after
an edit cheap. Imports are deferred to the worker: the window never loads them.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import TYPE_CHECKING

from editdesk.core.article import Article

if TYPE_CHECKING:
    from editdesk.core.config import Config
    from editdesk.service.engine_address import EngineAddress


@dataclass(frozen=True)
class CheckRequest:
    article: Article
    # the window's house style, with the rules and words ignored in this article added
    config: Config
    engines: EngineAddress
    # the edited text to check, read here as ``article``'s reader would (None: the
    # article as it is); the reading is whole-article work, kept off the GUI thread
    text: str | None = None


# the worker process's own: its runner and engine connection live between checks
_checker = None


def watch_parent(parent_pid: int) -> None:
    """Pool initializer: leave when the app's process is gone (killed, crashed),
    instead of lingering as an orphan."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="editdesk-watch-parent", daemon=True).start()


def one_process_pool() -> ProcessPoolExecutor:
    """A pool of one process of the app's own (the check worker, the save process)
    that leaves when the app's process is gone."""
    # spawn, not fork: the GUI process has Qt's threads running
    return ProcessPoolExecutor(
        1, mp_context=get_context("spawn"), initializer=watch_parent, initargs=(os.getpid(),)
    )


def warm_up() -> bool:
    """Import what a check needs, so the first real check does not wait for it."""
    from editdesk.service import checking  # noqa: F401

    return True


def check(req: CheckRequest):
    """A CheckResult for the request (service.checking: whatever checkers are up;
    LanguageTool failing falls back to house style)."""
    global _checker
    from editdesk.core.readers import article_for_text
    from editdesk.service.checking import SnapshotChecker

    if _checker is None:
        _checker = SnapshotChecker()
    article = req.article if req.text is None else article_for_text(req.article, req.text)
    return _checker.check(article, req.config, req.engines)
