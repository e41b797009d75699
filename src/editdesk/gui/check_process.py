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
from dataclasses import dataclass, replace
from pathlib import Path

from editdesk.core.article import Article


@dataclass(frozen=True)
class CheckRequest:
    article: Article
    article_path: Path | None
    lt_url: str | None
    ignored_rules: tuple[str, ...] = ()
    accepted_words: tuple[str, ...] = ()


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
    from editdesk.core.config import load_config  # noqa: F401

    return True


def _runner(req: CheckRequest):
    from editdesk.core.checks.runner import CheckRunner
    from editdesk.core.config import load_config

    key = (str(req.article_path), req.lt_url, req.ignored_rules, req.accepted_words)
    runner = _runners.get(key)
    if runner is None:
        config = load_config(req.article_path)
        config = replace(
            config,
            disabled_rules=frozenset(config.disabled_rules) | set(req.ignored_rules),
            accepted_words=frozenset(config.accepted_words) | set(req.accepted_words),
        )
        lt = None
        if req.lt_url:
            from editdesk.core.checks.cache import ResultCache
            from editdesk.core.checks.languagetool import LanguageToolChecker

            lt = LanguageToolChecker(req.lt_url, cache=ResultCache())
        runner = CheckRunner(config, lt)
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
