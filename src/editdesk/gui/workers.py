"""Work that must not run on the GUI thread: starting LanguageTool and checking.

Workers get snapshots (an Article, a runner), never widgets; results come
back to the GUI thread as queued signals, tagged with the text revision they
were made for so that the window can drop stale ones.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from editdesk.core.article import Article


class EngineController(QObject):
    """Owns the LanguageTool connection: a private server, or the one at ``server_url``."""

    # state: "starting" | "ready" | "unavailable" | "stopped"; detail: a human line
    state_changed = Signal(str, str)

    def __init__(self, server_url: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self.state = "stopped"
        self.detail = ""
        self.version = ""
        self.checker = None  # LanguageToolChecker once ready
        self._session = None
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self.state_changed.connect(self._remember)

    def _remember(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail

    def start(self) -> None:
        if self._thread is not None:
            return
        self.state = "starting"
        self._thread = threading.Thread(target=self._run, name="editdesk-engine", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.state_changed.emit("starting", "starting LanguageTool…")
        try:
            from editdesk.engine import EngineUnavailable
            from editdesk.engine.session import EngineSession
        except ImportError as exc:
            self.state_changed.emit("unavailable", f"the engine is not installed ({exc})")
            return
        try:
            session = EngineSession(
                self.server_url,
                progress=lambda msg: self.state_changed.emit("starting", str(msg)),
            )
            self._session = session
            checker = session.open()
            version = checker.version
        except EngineUnavailable as exc:
            self.state_changed.emit("unavailable", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - any failure leaves house-style checks running
            self.state_changed.emit("unavailable", f"{type(exc).__name__}: {exc}")
            return
        if self._closing.is_set():
            session.close()
            return
        self.checker = checker
        self.version = str(version)
        self.state_changed.emit("ready", f"LanguageTool {version}")

    def recover(self, error: Exception) -> bool:
        """After the server died mid-check: restart it once (private servers only)."""
        session = self._session
        recover = getattr(session, "recover", None)
        if recover is None or self._closing.is_set():
            return False
        try:
            return bool(recover(error))
        except Exception:  # noqa: BLE001
            return False

    def stop(self) -> None:
        """Stop the private server (also while it is still starting)."""
        self._closing.set()
        session = self._session
        if session is not None:
            server = getattr(session, "server", None)
            try:
                if self.checker is None and server is not None:
                    server.stop()
                session.close()
            except Exception:  # noqa: BLE001 - quitting must not fail
                pass
        self.checker = None
        self.state_changed.emit("stopped", "LanguageTool stopped")


@dataclass
class CheckJob:
    revision: int
    article: Article
    runner: object  # CheckRunner
    engine: EngineController | None


class _Runnable(QRunnable):
    def __init__(self, job: CheckJob, scheduler: CheckScheduler) -> None:
        super().__init__()
        self.job = job
        self.scheduler = scheduler
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        try:
            result = run_check(job)
        except Exception as exc:  # noqa: BLE001 - reported in the status bar
            self.scheduler.failed.emit(job.revision, f"{type(exc).__name__}: {exc}")
            return
        self.scheduler.finished.emit(job.revision, result)


def run_check(job: CheckJob):
    runner = job.runner
    if getattr(runner, "lt", None) is None:
        return runner.check_house_only(job.article, reason=None)
    from editdesk.core.checks.languagetool import LanguageToolError

    try:
        return runner.check(job.article)
    except LanguageToolError as exc:
        if job.engine is not None and job.engine.recover(exc):
            try:
                return runner.check(job.article)
            except LanguageToolError as again:
                exc = again
        return runner.check_house_only(job.article, reason=str(exc))


class CheckScheduler(QObject):
    """One check at a time on a worker thread; while one runs, only the newest
    request waits (older ones are superseded)."""

    finished = Signal(int, object)  # revision, CheckResult
    failed = Signal(int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = False
        self._pending: CheckJob | None = None
        self.finished.connect(self._job_done)
        self.failed.connect(self._job_done)

    @property
    def busy(self) -> bool:
        return self._running

    def submit(self, job: CheckJob) -> None:
        if self._running:
            self._pending = job
            return
        self._start(job)

    def _start(self, job: CheckJob) -> None:
        self._running = True
        self.busy_changed.emit(True)
        self.pool.start(_Runnable(job, self))

    def _job_done(self, *_args: object) -> None:
        self._running = False
        if self._pending is not None:
            job, self._pending = self._pending, None
            self._start(job)
        else:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        self._pending = None
        return self.pool.waitForDone(msecs)
