"""Supervising a local engine server (a JVM) on the loopback interface: one class for every
engine (LanguageTool, CoreNLP), each adding only its command line, readiness probe and
warm-up.

The JVM is started in its own process group (so Ctrl-C in a terminal reaches only us, and we
stop it cleanly) and, on Linux, with a parent-death signal so that it dies even if Python is
killed with SIGKILL. Every running server is stopped at exit and on SIGTERM/SIGHUP, so no
JVM is left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TypeVar

import psutil

from editdesk.core import paths
from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.install import jars_dir, status
from editdesk.engine.java import find_java
from editdesk.engine.specs import EngineSpec

_T = TypeVar("_T")

HOST = "127.0.0.1"
STOP_GRACE = 10.0


@dataclass(frozen=True)
class StartProgress:
    """Passed to ``start(progress=...)`` while the server comes up."""

    elapsed: float
    message: str

    def __str__(self) -> str:
        return f"{self.message} ({self.elapsed:.0f} s)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((HOST, port)) == 0


def heap_bytes(heap: str) -> int:
    """``"2g"`` -> 2 GiB, ``"512m"`` -> 512 MiB, ``"1k"``, or plain bytes (Java's -Xmx)."""
    text = heap.strip().lower()
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the thread that started it dies (Linux)."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


class _Launcher:
    """Forks JVMs from one thread that lives as long as the process.

    The parent-death signal fires when the *thread* that forked the child exits, not the
    process; a GUI that starts the server from a short-lived worker thread would otherwise
    see its server killed as soon as that thread ends.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], object], Future[object]]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, job: Callable[[], _T]) -> _T:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="editdesk-jvm-launcher", daemon=True
                )
                self._thread.start()
        future: Future[object] = Future()
        self._jobs.put((job, future))
        return future.result()  # type: ignore[return-value]

    def _serve(self) -> None:
        while True:
            job, future = self._jobs.get()
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to the caller
                future.set_exception(exc)


_LAUNCHER = _Launcher()


class EngineServer:
    """One engine's HTTP server process on 127.0.0.1: start, readiness, restart, stop.

    Subclasses give ``_command`` (the JVM's arguments), ``_probe`` (does it answer yet)
    and, if the engine loads models lazily, ``_warm_up_one`` and ``_warm_up_message``.
    """

    spec: EngineSpec

    def __init__(
        self,
        spec: EngineSpec,
        port: int | None = None,
        heap: str | None = None,
        log_path: Path | None = None,
        jars: Path | None = None,
    ) -> None:
        self.spec = spec
        self.requested_port = port
        self.port: int | None = port
        self.heap = heap or spec.default_heap
        self._log_path = log_path
        self.jars = jars or jars_dir(spec)
        self.process: subprocess.Popen[bytes] | None = None
        self.started_seconds: float | None = None
        self.warm_up: tuple[str, ...] = ()  # as last started; restart() does the same
        self._lock = threading.RLock()
        self._stop_requested = threading.Event()

    # -- public API -------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError(f"{self.name} server not started yet: no port chosen")
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self) -> Path:
        if self._log_path is not None:
            return self._log_path
        key = self.spec.key
        name = f"{key}-{self.port}.log" if self.port else f"{key}.log"
        return paths.cache_dir() / "logs" / name

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def __enter__(self) -> EngineServer:
        if not self.alive():
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def alive(self) -> bool:
        """The JVM is running (it may still be starting up)."""
        if self.process is None or self.process.poll() is not None:
            return False
        # poll() also says None while another thread is inside wait() for this process,
        # i.e. just after it died and before it is reaped: ask the OS as well.
        try:
            return psutil.Process(self.process.pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    def healthy(self, timeout: float = 5.0) -> bool:
        """The server answers its readiness probe."""
        return self.alive() and self._probe(timeout)

    def start(
        self,
        timeout: float = 180,
        progress: Callable[[StartProgress], None] | None = None,
        warm_up: Iterable[str] = (),
    ) -> str:
        """Start the JVM and wait until it answers; returns the URL. Raises EngineUnavailable.

        ``warm_up`` items (languages for LanguageTool, annotator lists for CoreNLP) are
        requested once before returning, so the slow first load of their models happens
        here, under ``progress``, rather than in the first real check.
        """
        with self._lock:
            if self.alive():
                return self.url
            self._stop_requested.clear()
            java = find_java()
            if not any(self.jars.glob(self.spec.proof_jar)):
                info = status(self.spec)
                raise EngineUnavailable(
                    info.problem
                    or f"{self.name} {self.spec.version} jars missing in {self.jars}: "
                    "run `editdesk engine install`"
                )
            self._preflight()
            if self.requested_port is None:
                self.port = free_port()
            elif port_in_use(self.requested_port):
                raise EngineUnavailable(
                    f"port {self.requested_port} on {HOST} is already in use: "
                    "choose another with --port"
                )
            self.warm_up = tuple(warm_up)
            self._spawn(str(java.path))
            began = time.monotonic()
            self._wait_ready(timeout, progress)
            for item in self.warm_up:
                self._warm_up(item, began, timeout, progress)
            if self._stop_requested.is_set():
                self.stop()
                raise EngineUnavailable(f"{self.name} server stopped while it was starting")
            if self.warm_up and progress:
                ready = f"{self.name} ready on {self.url}"
                progress(StartProgress(time.monotonic() - began, ready))
            return self.url

    def stop(self, grace: float = STOP_GRACE) -> None:
        """SIGTERM the JVM's process group, SIGKILL it after ``grace`` seconds. Idempotent.

        Never waits for a start() in another thread: that one holds the lock through the
        models' warm-up (a minute on a loaded machine), and a SIGTERMed app must not hang.
        The starting thread sees the flag or the dead JVM and gives up.
        """
        self._stop_requested.set()
        process = self.process
        if process is not None:
            _terminate(process, grace)
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self.process is process and process is not None:
                self.process = None
                _RUNNING.pop(id(self), None)
        finally:
            self._lock.release()

    def restart(
        self, timeout: float = 180, progress: Callable[[StartProgress], None] | None = None
    ) -> str:
        """Stop and start again (warming up the same way), on the same port if free."""
        with self._lock:
            warm = self.warm_up
            old_port = self.port
            self.stop()
            if self.requested_port is None and old_port and not port_in_use(old_port):
                self.requested_port, keep = old_port, self.requested_port
                try:
                    return self.start(timeout, progress, warm)
                finally:
                    self.requested_port = keep
            return self.start(timeout, progress, warm)

    # -- what each engine provides ----------------------------------------------------------

    def _command(self, java: str) -> list[str]:
        raise NotImplementedError

    def _probe(self, timeout: float) -> bool:
        raise NotImplementedError

    def _preflight(self) -> None:
        """Raise EngineUnavailable (one line) when the engine cannot run here."""

    def _warm_up_one(self, item: str, timeout: float) -> None:
        """One small request that loads what ``item`` needs; raises OSError on failure."""

    def _warm_up_message(self, item: str) -> str:
        return f"loading {self.name}'s {item}"

    # -- internals --------------------------------------------------------------------------

    def _spawn(self, java: str) -> None:
        log = self.log_path
        log.parent.mkdir(parents=True, exist_ok=True)
        _prune_logs(log.parent, self.spec.key)
        preexec = _die_with_parent if sys.platform == "linux" else None
        command = self._command(java)
        with open(log, "wb") as out:
            out.write((" ".join(command) + "\n").encode())
            out.flush()
            self.process = _LAUNCHER.run(
                lambda: subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    cwd=paths.cache_dir(),
                    start_new_session=True,
                    preexec_fn=preexec,
                )
            )
        _RUNNING[id(self)] = self
        install_signal_cleanup()

    def _wait_ready(
        self, timeout: float, progress: Callable[[StartProgress], None] | None
    ) -> None:
        assert self.process is not None
        started = time.monotonic()
        message = f"starting {self.name} {self.spec.version} on {self.url}"
        if progress:
            progress(StartProgress(0.0, message))
        next_report = 1.0
        while True:
            elapsed = time.monotonic() - started
            code = self.process.poll()
            if code is not None and self._stop_requested.is_set():
                self.stop()
                raise EngineUnavailable(f"{self.name} server stopped while it was starting")
            if code is not None:
                self.stop()
                raise EngineUnavailable(
                    f"{self.name} server exited during start-up (exit {code}): "
                    f"{_last_line(self.log_path)}; see {self.log_path}"
                )
            if self._probe(2.0):
                self.started_seconds = elapsed
                if progress:
                    progress(StartProgress(elapsed, f"{self.name} ready on {self.url}"))
                return
            if elapsed > timeout:
                self.stop()
                raise EngineUnavailable(
                    f"{self.name} server did not answer within {timeout:.0f} s; "
                    f"see {self.log_path}"
                )
            if progress and elapsed >= next_report:
                progress(StartProgress(elapsed, message))
                next_report = elapsed + 1.0
            time.sleep(0.2)

    def _warm_up(
        self,
        item: str,
        began: float,
        timeout: float,
        progress: Callable[[StartProgress], None] | None,
    ) -> None:
        """One small request, waited for with progress; a failure here is not fatal (the
        real check will report it)."""
        done = threading.Event()

        def post() -> None:
            try:
                self._warm_up_one(item, timeout)
            except OSError:
                pass
            finally:
                done.set()

        threading.Thread(target=post, name="editdesk-warm-up", daemon=True).start()
        message = self._warm_up_message(item)
        if progress:
            progress(StartProgress(time.monotonic() - began, message))
        while not done.wait(1.0) and self.alive():
            if progress:
                progress(StartProgress(time.monotonic() - began, message))


def _prune_logs(folder: Path, key: str, keep_days: float = 7.0) -> None:
    """Server logs are named by port, so old ones pile up; drop those not touched for a week."""
    cutoff = time.time() - keep_days * 86400
    for old in folder.glob(f"{key}-*.log"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                old.unlink()


def _last_line(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "no log"
    for line in reversed(lines):
        if not line.startswith(("at ", "...")):
            return line[:200]
    return "empty log"


def _terminate(process: subprocess.Popen[bytes], grace: float) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# Every server this process started and has not stopped yet. A plain dict (no lock) so the
# signal handler can walk it safely.
_RUNNING: dict[int, EngineServer] = {}
_previous_handlers: dict[int, object] = {}


def stop_all(grace: float = STOP_GRACE) -> None:
    for server in list(_RUNNING.values()):
        process = server.process
        if process is not None:
            _terminate(process, grace)
        _RUNNING.pop(id(server), None)


atexit.register(stop_all)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    stop_all(grace=3.0)
    previous = _previous_handlers.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    # The default action (terminate): restore it and let the signal do what it would have.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def install_signal_cleanup() -> None:
    """Stop our JVMs on SIGTERM/SIGHUP, where Python would otherwise die without atexit.

    Only handlers left at their default are replaced, and the default action still happens
    afterwards; an application's own handlers are kept (it is then in charge of ``stop()``).
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signum in _previous_handlers:
            continue
        current = signal.getsignal(signum)
        if current is signal.SIG_DFL:
            _previous_handlers[signum] = current
            signal.signal(signum, _on_signal)
