"""An engine for one run of a command: a shared server (--server URL) or a
private one started on a free loopback port, restarted at most once if it
dies mid-run, and always stopped at the end."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from editdesk.core.checks.cache import ResultCache
from editdesk.engine import EngineUnavailable, status

if TYPE_CHECKING:  # imported where used: a fully cached batch needs neither
    from editdesk.core.article import Article
    from editdesk.core.checks.languagetool import LanguageToolChecker, LanguageToolError
    from editdesk.core.checks.runner import CheckResult, CheckRunner
    from editdesk.core.config import Config
    from editdesk.engine.server import LanguageToolServer


class EngineSession:
    def __init__(
        self,
        server_url: str | None = None,
        *,
        lanes: int = 1,
        use_cache: bool = True,
        progress: Callable[[str], None] | None = None,
        warm_up: tuple[str, ...] = ("en-GB",),
    ) -> None:
        self.server_url = server_url
        # Loading a language's rules takes the server seconds: done during start-up
        # it shows as progress instead of as a silent first check.
        self.warm_up = warm_up
        self.lanes = max(1, lanes)
        self.cache = ResultCache() if use_cache else None
        self.progress = progress or _stderr_progress
        self.server: LanguageToolServer | None = None
        self.checker: LanguageToolChecker | None = None
        self.restarts = 0
        self._lock = threading.Lock()

    def __enter__(self) -> EngineSession:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> LanguageToolChecker:
        """Connect, or start a private server. Raises EngineUnavailable."""
        from editdesk.core.checks.languagetool import LanguageToolChecker, LanguageToolError
        from editdesk.engine.server import LanguageToolServer

        if self.checker is not None:
            return self.checker
        if self.server_url:
            self.checker = LanguageToolChecker(self.server_url, cache=self.cache, lanes=self.lanes)
            try:
                self.checker.version  # noqa: B018 - a cheap request proves the server answers
            except LanguageToolError as exc:
                raise EngineUnavailable(f"LanguageTool server {self.server_url}: {exc}") from exc
            return self.checker
        info = status()
        if info.problem:
            raise EngineUnavailable(info.problem)
        self.server = LanguageToolServer()
        self.server.start(progress=self._report, warm_up=self.warm_up)
        self.checker = LanguageToolChecker(self.server.url, cache=self.cache, lanes=self.lanes)
        return self.checker

    def recover(self, error: LanguageToolError) -> bool:
        """After a failed check: restart a private server once. True if worth retrying."""
        with self._lock:
            if self.server is None or self.restarts >= 1:
                return False
            if self.server.healthy():
                # Another thread already restarted it, or it was a passing fault.
                return True
            self.restarts += 1
            print(f"editdesk: LanguageTool stopped ({error}); restarting it once", file=sys.stderr)
            try:
                # Same port when free, same languages warmed up.
                self.server.restart(progress=self._report)
            except EngineUnavailable:
                return False
            from editdesk.core.checks.languagetool import LanguageToolChecker

            self.checker = LanguageToolChecker(self.server.url, cache=self.cache, lanes=self.lanes)
            return True

    def check(self, runner: CheckRunner, article: Article) -> CheckResult:
        """``runner.check`` with this session's checker, retried once after ``recover``;
        a second failure raises LanguageToolError."""
        from editdesk.core.checks.languagetool import LanguageToolError

        try:
            return runner.check(article, lt=self.checker)
        except LanguageToolError as exc:
            if not self.recover(exc):
                raise
        return runner.check(article, lt=self.checker)

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()

    def _report(self, progress: object) -> None:
        self.progress(str(progress))


def check_article(article: Article, config: Config, server_url: str | None = None) -> CheckResult:
    """One article, LanguageTool and house style, in a session of its own (for
    commands that check a single text). When the engine cannot be had, house style
    alone, with the reason in ``lt_error`` for the caller to show."""
    from editdesk.core.checks.languagetool import LanguageToolError
    from editdesk.core.checks.runner import CheckRunner

    session = EngineSession(server_url)
    try:
        session.open()
        return session.check(CheckRunner(config), article)
    except (EngineUnavailable, LanguageToolError) as exc:
        return CheckRunner(config, None).check_house_only(article, str(exc))
    finally:
        session.close()


class _ThrottledPrinter:
    """Start-up progress on stderr: the first message, then at most one every few seconds."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.last = float("-inf")

    def __call__(self, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            print(f"editdesk: {message}", file=sys.stderr, flush=True)


def _stderr_progress(message: str) -> None:
    _PRINTER(message)


_PRINTER = _ThrottledPrinter()
