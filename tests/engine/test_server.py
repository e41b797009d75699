"""Running the real LanguageTool server: start, answer, stop, and never leave a JVM behind."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from editdesk.core.article import Article
from editdesk.core.checks.languagetool import LanguageToolChecker, LanguageToolError
from editdesk.engine import EngineUnavailable, LanguageToolServer, StartProgress
from editdesk.engine.server import port_in_use


def gone(pid: int, within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.integration
def test_start_healthcheck_restart_and_stop(tmp_path: Path) -> None:
    reports: list[StartProgress] = []
    server = LanguageToolServer(log_path=tmp_path / "lt.log")
    server.start(progress=reports.append, warm_up=["en-GB"])
    with server:  # already running: the context manager only stops it at the end
        assert server.healthy()
        messages = [r.message for r in reports]
        assert "loading LanguageTool's en-GB rules" in messages
        assert messages[-1] == f"LanguageTool ready on {server.url}"
        assert all(a.elapsed <= b.elapsed for a, b in zip(reports, reports[1:], strict=False))
        assert server.url.startswith("http://127.0.0.1:")
        pid = server.pid
        assert pid is not None
        jvm = psutil.Process(pid)
        assert "org.languagetool.server.HTTPServer" in jvm.cmdline()
        listening = [c.laddr for c in jvm.net_connections() if c.status == psutil.CONN_LISTEN]
        assert listening and all(addr.ip.endswith("127.0.0.1") for addr in listening)
        assert "HTTPServer" in (tmp_path / "lt.log").read_text()

        port = server.port
        assert port is not None
        server.restart()
        assert server.port == port
        assert server.pid != pid and gone(pid)
        assert server.healthy()
        pid = server.pid
        assert pid is not None

        # A JVM that dies under the checker: a one-line LanguageToolError, alive() turns false.
        checker = LanguageToolChecker(server.url)
        checker.check(Article.from_plain_text("A short tst.\n"), "en-GB")
        psutil.Process(pid).kill()
        assert gone(pid)
        with pytest.raises(LanguageToolError, match="not reachable"):
            checker.check(Article.from_plain_text("Another tst.\n"), "en-GB")
        assert not server.alive()
    assert gone(pid)
    assert not server.alive() and not port_in_use(port)
    server.stop()  # idempotent


@pytest.mark.integration
@pytest.mark.parametrize("engine", ["LanguageToolServer", "CoreNLPServer"])
def test_jvm_outlives_the_starting_thread_but_not_a_killed_python(
    tmp_path: Path, engine: str
) -> None:
    # Started from a worker thread that then ends (as the GUI does): the server must stay up;
    # when Python is SIGKILLed (no atexit, no signal handler), the JVM must go too.
    script = textwrap.dedent(
        f"""
        import sys, threading, time
        from pathlib import Path
        from editdesk.engine import {engine} as Server
        server = Server(log_path=Path(sys.argv[1]))
        worker = threading.Thread(target=server.start)
        worker.start()
        worker.join()
        time.sleep(1.0)
        print(server.pid if server.healthy() else "down", flush=True)
        time.sleep(600)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "engine.log")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip().isdigit(), f"server not healthy after its thread ended: {line!r}"
        jvm = int(line)
        assert psutil.pid_exists(jvm)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert gone(jvm), "the JVM outlived a SIGKILLed parent"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_port_in_use_is_refused_with_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EngineUnavailable, match=f"port {port} .* in use"):
            LanguageToolServer(port=port).start()


def test_missing_jars_say_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="editdesk engine install"):
        LanguageToolServer(jars=tmp_path).start()


@pytest.mark.integration
def test_jvm_failing_at_start_names_the_log(tmp_path: Path) -> None:
    log = tmp_path / "bad.log"
    server = LanguageToolServer(heap="1k", log_path=log)
    with pytest.raises(EngineUnavailable) as caught:
        server.start(timeout=60)
    message = str(caught.value)
    assert "exited during start-up" in message and str(log) in message
    assert "\n" not in message
    assert not server.alive()


@pytest.mark.integration
def test_stop_does_not_wait_for_a_warm_up_in_another_thread(tmp_path: Path) -> None:
    # The app stops its engines on SIGTERM while a worker thread may be inside start(),
    # warming the models up with the lock held. stop() must end the JVM at once.
    import threading

    entered, release = threading.Event(), threading.Event()

    class SlowWarmUp(LanguageToolServer):
        def _warm_up_one(self, item: str, timeout: float) -> None:
            entered.set()
            release.wait()

    server = SlowWarmUp(log_path=tmp_path / "lt.log")
    outcome: list[object] = []

    def start() -> None:
        try:
            outcome.append(server.start(warm_up=("en-GB",)))
        except EngineUnavailable as error:
            outcome.append(error)

    worker = threading.Thread(target=start)
    worker.start()
    try:
        assert entered.wait(180), "the warm-up never began"
        pid = server.pid
        assert pid is not None
        stopper = threading.Thread(target=server.stop)
        stopper.start()
        stopper.join(60)
        assert not stopper.is_alive(), "stop() waited for the warm-up"
        assert not release.is_set()
        assert gone(pid)
        worker.join(60)
        assert len(outcome) == 1 and isinstance(outcome[0], EngineUnavailable)
        assert "stopped while it was starting" in str(outcome[0])
        assert not server.alive()
    finally:
        release.set()
        worker.join(60)
        server.stop()
