"""The checks, run in a separate process (no Qt here).

House-style rules are pure Python and some hold the GIL for a long stretch
(a regular expression over a paragraph), which would freeze the window if they
ran in a thread of the GUI process. In a process of their own they cannot.
The process keeps its runner between checks: LanguageTool's per-paragraph
cache and the compiled house style make re-checking after an edit cheap.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editdesk.core.article import Article

if TYPE_CHECKING:
    from editdesk.core.config import Config


@dataclass(frozen=True)
class CheckRequest:
    article: Article
    # the window's house style, with the rules and words ignored in this article added
    config: Config
    lt_url: str | None


_runners: dict[tuple, object] = {}


def watch_parent(parent_pid: int) -> None:
    """Pool initializer: leave when the app's process is gone (killed, crashed),
    instead of lingering as an orphan."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="editdesk-watch-parent", daemon=True).start()


def warm_up() -> bool:
    """Import what a check needs, so the first real check does not wait for it."""
    from editdesk.core.checks import runner  # noqa: F401

    return True


def _runner(req: CheckRequest):
    from editdesk.core.checks.runner import CheckRunner

    key = (req.config, req.lt_url)
    runner = _runners.get(key)
    if runner is None:
        lt = None
        if req.lt_url:
            from editdesk.core.checks.cache import ResultCache
            from editdesk.core.checks.languagetool import LanguageToolChecker

            lt = LanguageToolChecker(req.lt_url, cache=ResultCache())
        runner = CheckRunner(req.config, lt)
        _runners.clear()  # one article at a time
        _runners[key] = runner
    return runner


def check(req: CheckRequest):
    """A CheckResult for the request; LanguageTool failing falls back to house style."""
    runner = _runner(req)
    if runner.lt is None:
        return runner.check_house_only(req.article, reason=None)
    from editdesk.core.checks.languagetool import LanguageToolError

    try:
        return runner.check(req.article)
    except LanguageToolError as exc:
        return runner.check_house_only(req.article, reason=str(exc))
