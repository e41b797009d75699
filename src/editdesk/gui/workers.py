"""Work that must not run on the GUI thread: starting the engines and checking.

Workers get snapshots (an Article and what to check it with), never widgets;
results come back to the GUI thread as queued signals, tagged with the text
revision they were made for so that the window can drop stale ones.
"""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from editdesk.gui import check_process
from editdesk.gui.check_process import CheckRequest
from editdesk.service.engine_address import EngineAddress


class EngineController(QObject):
    """Owns the engine connections: LanguageTool (a private server, or the one at
    ``server_url``) and CoreNLP for the structure checks (a private server, or the one at
    ``nlp_server_url``), both started at once in the background by one engine session.
    Each has its own state: LanguageTool's findings need not wait for CoreNLP's models."""

    # state: "starting" | "ready" | "unavailable" | "stopped"; detail: a human line
    state_changed = Signal(str, str)
    # CoreNLP's: the same, and "off" (structure checks switched off)
    structure_changed = Signal(str, str)

    def __init__(
        self,
        server_url: str | None = None,
        parent: QObject | None = None,
        nlp_server_url: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self.nlp_server_url = nlp_server_url
        self.state = "stopped"
        self.detail = ""
        self.structure_state = "stopped"
        self.structure_detail = ""
        self.version = ""
        self.checker = None  # LanguageToolChecker once ready
        self.url: str | None = None  # what check processes talk to
        self.nlp_url: str | None = None  # CoreNLP's, credentials included
        self.nlp_id: str | None = None
        self._restarting: set[str] = set()  # the engines being restarted (their threads' names)
        self._session = None
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._nlp_thread: threading.Thread | None = None
        self.state_changed.connect(self._remember)
        self.structure_changed.connect(self._remember_structure)

    def _remember(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail

    def _remember_structure(self, state: str, detail: str) -> None:
        self.structure_state, self.structure_detail = state, detail

    def start(self) -> None:
        if self._thread is not None:
            return
        self.state = "starting"
        self._thread = threading.Thread(target=self._run, name="editdesk-engine", daemon=True)
        self._thread.start()

    def _progress(self, message: object) -> None:
        # Both servers report through the session; CoreNLP's start runs on its own thread.
        if threading.current_thread() is self._nlp_thread:
            self.structure_changed.emit("starting", str(message))
        else:
            self.state_changed.emit("starting", str(message))

    def _run(self) -> None:
        self.state_changed.emit("starting", "starting LanguageTool…")
        from editdesk.engine import EngineUnavailable
        from editdesk.engine.session import EngineSession

        try:
            session = EngineSession(
                self.server_url, nlp_server_url=self.nlp_server_url, progress=self._progress
            )
            self._session = session
            if session.structure:
                self.structure_changed.emit("starting", "starting CoreNLP…")
                self._nlp_thread = threading.Thread(
                    target=self._run_structure, args=(session,), name="editdesk-corenlp",
                    daemon=True,
                )
                self._nlp_thread.start()
            else:
                self.structure_changed.emit("off", session.structure_error or "off")
            checker = session.open_languagetool()
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
        self.url = self._current_url()
        self.state_changed.emit("ready", f"LanguageTool {version}")

    def _run_structure(self, session) -> None:
        try:
            client = session.open_structure()  # never raises: structure_error says why
        except Exception as exc:  # noqa: BLE001 - the other checks go on without it
            client, session.structure_error = None, f"{type(exc).__name__}: {exc}"
        if self._closing.is_set():
            return
        if client is None:
            self.structure_changed.emit("unavailable", session.structure_error or "CoreNLP failed")
            return
        self._take_structure(session)

    def _take_structure(self, session) -> None:
        client = session.nlp
        self.nlp_url = client.url
        if client.auth:
            user, password = (urllib.parse.quote(part, safe="") for part in client.auth)
            self.nlp_url = client.url.replace("://", f"://{user}:{password}@", 1)
        self.nlp_id = session.nlp_engine_id
        self.structure_changed.emit("ready", "CoreNLP")

    def address(self) -> EngineAddress:
        """Where the check process finds the engines that are up."""
        nlp_up = self.structure_state == "ready"
        return EngineAddress(
            languagetool=self.url if self.state == "ready" else None,
            corenlp=self.nlp_url if nlp_up else None,
            corenlp_id=self.nlp_id if nlp_up else None,
        )

    def _current_url(self) -> str | None:
        if self.server_url:
            return self.server_url.rstrip("/")
        server = getattr(self._session, "server", None)
        return getattr(server, "url", None)

    def recover_async(self, message: str) -> None:
        """The server failed during a check: restart a private one once, in the
        background; "ready" is announced again when it is back."""
        from editdesk.core.checks.languagetool import LanguageToolError

        def back(session) -> None:
            self.checker = session.checker
            self.url = self._current_url()
            self.state_changed.emit("ready", f"LanguageTool {self.version}")

        self._restart_in_background(
            "editdesk-engine-restart",
            lambda session: session.recover(LanguageToolError(message)),
            back,
            lambda session: self.state_changed.emit("unavailable", message),
        )

    def recover_structure_async(self, message: str) -> None:
        """CoreNLP failed during a check: the session restarts a private one once (in the
        background); when it cannot come back the structure checks stop, saying why."""
        from editdesk.core.checks.corenlp import CoreNLPError

        def gone(session) -> None:
            self.structure_changed.emit("unavailable", session.structure_error or message)

        self._restart_in_background(
            "editdesk-corenlp-restart",
            lambda session: session.recover_structure(CoreNLPError(message))
            and session.nlp is not None,
            self._take_structure,
            gone,
        )

    def _restart_in_background(
        self,
        name: str,
        recover: Callable[[Any], object],
        back: Callable[[Any], None],
        gone: Callable[[Any], None],
    ) -> None:
        """One restart of an engine at a time (``name``: its thread): ``recover(session)``
        in a thread, then ``back`` or ``gone``; nothing once the window is closing."""
        session = self._session
        if session is None or self._closing.is_set() or name in self._restarting:
            return
        self._restarting.add(name)

        def work() -> None:
            try:
                ok = bool(recover(session))
            except Exception:  # noqa: BLE001 - a restart that fails is "gone"
                ok = False
            if not self._closing.is_set():
                (back if ok else gone)(session)
            self._restarting.discard(name)

        threading.Thread(target=work, name=name, daemon=True).start()

    def stop(self) -> None:
        """Stop the private servers (also while they are still starting)."""
        self._closing.set()
        session = self._session
        if session is not None:
            with contextlib.suppress(Exception):  # quitting must not fail
                session.close()  # stops its servers, also ones still starting
        self.checker = None
        self.state_changed.emit("stopped", "LanguageTool stopped")
        if self.structure_state not in ("off", "stopped"):
            self.structure_changed.emit("stopped", "CoreNLP stopped")


@dataclass
class CheckJob:
    revision: int
    request: CheckRequest


class CheckScheduler(QObject):
    """One check at a time, in a worker process; while one runs, only the newest
    request waits (older ones are superseded). Results arrive as queued signals."""

    finished = Signal(int, object)  # revision, CheckResult
    failed = Signal(int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ProcessPoolExecutor | None = None
        self._running = False
        self._pending: CheckJob | None = None
        self.finished.connect(self._job_done)
        self.failed.connect(self._job_done)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = check_process.one_process_pool()
        return self._executor

    def warm_up(self) -> None:
        """Start the worker process now, so the first check does not wait for it."""
        with contextlib.suppress(RuntimeError):
            self._pool().submit(check_process.warm_up)

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
        try:
            future = self._pool().submit(check_process.check, job.request)
        except (RuntimeError, BrokenProcessPool) as exc:
            self._executor = None
            self.failed.emit(job.revision, f"the check process stopped ({exc}); try again")
            return
        future.add_done_callback(lambda f, rev=job.revision: self._report(rev, f))

    def _report(self, revision: int, future: Future) -> None:
        # runs on an executor thread: only emit (queued to the GUI thread)
        if future.cancelled():
            self.failed.emit(revision, "cancelled")
            return
        exc = future.exception()
        if exc is not None:
            if isinstance(exc, BrokenProcessPool):
                self._executor = None
            self.failed.emit(revision, f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(revision, future.result())

    def _job_done(self, *_args: object) -> None:
        self._running = False
        if self._pending is not None:
            job, self._pending = self._pending, None
            self._start(job)
        else:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the running check (tests); True when none is running."""
        self._pending = None
        deadline = threading.Event()
        end = msecs / 1000
        step = 0.01
        waited = 0.0
        while self._running and waited < end:
            QCoreApplication.processEvents()
            deadline.wait(step)
            waited += step
        return not self._running

    def shutdown(self) -> None:
        self._pending = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
