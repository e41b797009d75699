"""The engines for one run of a command: LanguageTool (a shared server, --server URL, or a
private one) and CoreNLP for the structure checks (--nlp-server URL, or a private one),
both started at once, each restarted at most once if it dies mid-run (one restart shared by
every lane), and always stopped at the end.

CoreNLP is optional: where it cannot run (not installed, no Java, too little memory, it
failed), ``structure_error`` says why in one line and the checks go on without it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from editdesk.core.checks.cache import ResultCache
from editdesk.engine import CORENLP, EngineUnavailable, status
from editdesk.engine.install import installed_engine_id

if TYPE_CHECKING:  # imported where used: a fully cached batch needs neither
    from editdesk.core.article import Article
    from editdesk.core.checks.corenlp import CoreNLPClient, Needs
    from editdesk.core.checks.languagetool import LanguageToolChecker
    from editdesk.core.checks.runner import CheckResult, CheckRunner
    from editdesk.core.config import Config
    from editdesk.engine.corenlp_server import CoreNLPServer
    from editdesk.engine.server import LanguageToolServer


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``http://user:pass@host:port`` -> (``http://host:port``, (user, pass))."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url.rstrip("/"), None
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    bare = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", "")).rstrip("/")
    user = urllib.parse.unquote(parts.username)
    return bare, (user, urllib.parse.unquote(parts.password or ""))


class EngineSession:
    def __init__(
        self,
        server_url: str | None = None,
        *,
        nlp_server_url: str | None = None,
        structure: bool | None = None,
        nlp_heap: str | None = None,
        nlp_engine_id: str | None = None,
        lanes: int = 1,
        use_cache: bool = True,
        progress: Callable[[str], None] | None = None,
        warm_up: tuple[str, ...] = ("en-GB",),
    ) -> None:
        self.server_url = server_url
        # The environment gives the defaults: EDITDESK_NLP_SERVER (a shared CoreNLP) and
        # EDITDESK_STRUCTURE=off (no structure checks at all).
        self.nlp_server_url = nlp_server_url or os.environ.get("EDITDESK_NLP_SERVER") or None
        if structure is None:
            structure = os.environ.get("EDITDESK_STRUCTURE", "on").lower() not in ("off", "0")
        if structure and importlib.util.find_spec("editdesk.core.checks.structure") is None:
            structure = False  # this build has no structure rules: nothing to run CoreNLP for
        self.structure = structure
        # --nlp-heap; engine.heap.corenlp_heap adds the variable, editdesk.toml and the default.
        self.nlp_heap = nlp_heap
        # What names the parses of the shared server at nlp_server_url in the caches, when
        # known better than by its URL (the app's worker: the installed engine it started).
        self._nlp_engine_id = nlp_engine_id
        # Loading a language's rules takes the server seconds: done during start-up
        # it shows as progress instead of as a silent first check.
        self.warm_up = warm_up
        self.lanes = max(1, lanes)
        self.cache = ResultCache() if use_cache else None
        self.progress = progress or _stderr_progress
        self.server: LanguageToolServer | None = None
        self.checker: LanguageToolChecker | None = None
        self.nlp_server: CoreNLPServer | None = None
        self.nlp: CoreNLPClient | None = None
        # Why structure checks are skipped (one line), None while they run or before open.
        self.structure_error: str | None = None if structure else "structure checks are off"
        self.restarts = 0
        self.nlp_restarts = 0
        # Bumped by every restart: a lane whose check failed on an older server retries
        # on the new one instead of restarting again (or giving up).
        self._generation = 0
        self._nlp_generation = 0
        self._lock = threading.Lock()
        self._nlp_lock = threading.Lock()
        self._closed = threading.Event()

    def __enter__(self) -> EngineSession:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ----------------------------------------------------------------------------

    def open(
        self, articles: Sequence[Article] = (), needs: Needs | None = None
    ) -> LanguageToolChecker:
        """Both engines, started at once; returns LanguageTool's checker when both have
        answered (or CoreNLP has failed: see ``structure_error``). Raises EngineUnavailable
        for LanguageTool. When the cache has the parses of every paragraph of ``articles``
        (checked before; the dependencies of the sentences ``needs`` picks, all by
        default), CoreNLP is not started: they come from the cache."""
        from editdesk.engine.supervisor import install_signal_cleanup

        install_signal_cleanup()  # here, on the main thread: the JVMs start on others
        nlp = None
        if self.structure and self.nlp is None and not self._parses_cached(articles, needs):
            nlp = threading.Thread(target=self.open_structure, name="editdesk-corenlp-start")
            nlp.start()
        try:
            return self.open_languagetool()
        finally:
            if nlp is not None:
                nlp.join()

    def _parses_cached(self, articles: Sequence[Article], needs: Needs | None) -> bool:
        """True (and a cache-only CoreNLP client set) when every paragraph of ``articles``
        has its parse in the cache."""
        if not articles or self.cache is None:
            return False
        from editdesk.core.checks.corenlp import CoreNLPClient

        client = CoreNLPClient.cache_only(self.nlp_engine_id, self.cache)
        if not all(client.has_cached(a, needs) for a in articles):
            return False
        self.nlp, self.structure_error = client, None
        return True

    def open_languagetool(self) -> LanguageToolChecker:
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

    def open_structure(self) -> CoreNLPClient | None:
        """Connect to CoreNLP or start a private one; never raises: on failure
        ``structure_error`` says why and None is returned."""
        if self.nlp is not None or not self.structure:
            return self.nlp
        try:
            self.nlp = self._open_nlp()
            self.structure_error = None
        except EngineUnavailable as exc:
            self.structure_error = str(exc)
        return self.nlp

    def _open_nlp(self) -> CoreNLPClient:
        from editdesk.core.checks.corenlp import ANNOTATORS, CoreNLPClient, CoreNLPError
        from editdesk.engine.corenlp_server import CoreNLPServer

        if self.nlp_server_url:
            url, auth = split_credentials(self.nlp_server_url)
            client = CoreNLPClient(url, auth=auth, cache=self.cache, engine_id=self.nlp_engine_id)
            try:
                client.annotate("Ready?")
            except CoreNLPError as exc:
                raise EngineUnavailable(f"CoreNLP server {url}: {exc}") from exc
            return client
        info = status(CORENLP)
        if info.problem:
            raise EngineUnavailable(info.problem)
        from editdesk.engine.heap import corenlp_heap

        server = CoreNLPServer(heap=corenlp_heap(self.nlp_heap)[0])
        self.nlp_server = server
        if self._closed.is_set():
            raise EngineUnavailable("CoreNLP not started: the session is closing")
        server.start(progress=self._report, warm_up=[ANNOTATORS])
        return self._private_client(server)

    def _private_client(self, server: CoreNLPServer) -> CoreNLPClient:
        from editdesk.core.checks.corenlp import CoreNLPClient

        return CoreNLPClient(
            server.url, auth=server.credentials, private=True, cache=self.cache,
            engine_id=self.nlp_engine_id,
        )

    @property
    def nlp_engine_id(self) -> str:
        """What identifies CoreNLP's parses (for the caches), without starting it."""
        if self._nlp_engine_id:
            return self._nlp_engine_id
        if self.nlp_server_url:
            return f"CoreNLP at {split_credentials(self.nlp_server_url)[0]}"
        return installed_engine_id(CORENLP) or f"CoreNLP {CORENLP.version}"

    def expected_structure_id(self) -> str | None:
        """The structure engine this run will (try to) use, for report cache keys; None
        when it certainly will not run (off, or not installed / no Java)."""
        if not self.structure:
            return None
        if self.nlp_server_url:
            return self.nlp_engine_id
        return installed_engine_id(CORENLP) if status(CORENLP).problem is None else None

    # -- checking, with one shared restart per engine ---------------------------------------

    def recover(self, error: Exception, generation: int | None = None) -> bool:
        """After a failed LanguageTool check: restart a private server once for the whole
        session. True if worth retrying (also when another lane has restarted it since
        ``generation``, the one the failed check used)."""
        with self._lock:
            if generation is not None and generation != self._generation:
                return True  # another lane restarted it already
            if self.server is None or self.restarts >= 1:
                return False
            if self.server.healthy():
                # A passing fault: the server answers.
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
            self._generation += 1
            return True

    def recover_structure(self, error: Exception, generation: int | None = None) -> bool:
        """The same for CoreNLP; when it cannot come back, structure checks stop for the
        rest of the run (``structure_error`` says why) and the other checks go on."""
        with self._nlp_lock:
            if generation is not None and generation != self._nlp_generation:
                return self.nlp is not None
            server = self.nlp_server
            if server is None or self.nlp_restarts >= 1:
                self._drop_structure(f"CoreNLP failed: {error}")
                return False
            if server.healthy():
                return True
            self.nlp_restarts += 1
            print(f"editdesk: CoreNLP stopped ({error}); restarting it once", file=sys.stderr)
            try:
                server.restart(progress=self._report)
            except EngineUnavailable as exc:
                self._drop_structure(f"CoreNLP failed and did not restart: {exc}")
                return False
            self.nlp = self._private_client(server)
            self._nlp_generation += 1
            return True

    def _drop_structure(self, reason: str) -> None:
        if self.nlp is not None:
            print(f"editdesk: structure checks skipped from here on: {reason}", file=sys.stderr)
        self.nlp = None
        self.structure_error = reason
        self._nlp_generation += 1

    def check(self, runner: CheckRunner, article: Article) -> CheckResult:
        """``runner.check`` with this session's engines. A failing engine is restarted once
        for the whole session and the check retried; LanguageTool failing for good raises
        LanguageToolError, CoreNLP failing for good leaves the structure checks out."""
        from editdesk.core.checks.corenlp import CoreNLPError
        from editdesk.core.checks.languagetool import LanguageToolError

        lt_tries = nlp_tries = 0
        while True:
            generation, nlp_generation = self._generation, self._nlp_generation
            try:
                return runner.check(
                    article, lt=self.checker, nlp=self.nlp, structure_error=self.structure_error
                )
            except LanguageToolError as exc:
                lt_tries += 1
                if lt_tries > 2 or not self.recover(exc, generation):
                    raise
            except CoreNLPError as exc:
                if self._start_after_cache_miss():
                    continue
                nlp_tries += 1
                if nlp_tries > 2 or not self.recover_structure(exc, nlp_generation):
                    self._drop_structure_after(exc, nlp_generation)

    def _start_after_cache_miss(self) -> bool:
        """The parses were to come from the cache and one did not (evicted meanwhile):
        connect to CoreNLP after all. True when it is up."""
        with self._nlp_lock:
            client = self.nlp
            if client is None or not client.offline:
                return False
            self.nlp = None
            return self.open_structure() is not None

    def _drop_structure_after(self, error: Exception, generation: int) -> None:
        with self._nlp_lock:
            if generation == self._nlp_generation and self.nlp is not None:
                self._drop_structure(f"CoreNLP failed: {error}")

    def close(self) -> None:
        self._closed.set()
        if self.server is not None:
            self.server.stop()
        if self.nlp_server is not None:
            self.nlp_server.stop()

    def _report(self, progress: object) -> None:
        self.progress(str(progress))


def check_article(
    article: Article,
    config: Config,
    server_url: str | None = None,
    nlp_server_url: str | None = None,
) -> CheckResult:
    """One article, LanguageTool, house style and structure, in a session of its own (for
    commands that check a single text). When LanguageTool cannot be had, house style
    alone, with the reason in ``lt_error`` for the caller to show."""
    from editdesk.core.checks.languagetool import LanguageToolError
    from editdesk.core.checks.runner import CheckRunner

    session = EngineSession(server_url, nlp_server_url=nlp_server_url)
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
