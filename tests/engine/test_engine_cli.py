"""``editdesk engine install|status|serve`` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import psutil
import pytest

from editdesk.cli import main

RUN_CLI = "import sys; from editdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def test_status_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["engine", "status", "--format", "json"])
    engines = json.loads(capsys.readouterr().out)["engines"]
    keys = {"name", "installed", "version", "path", "java", "heap", "problem"}
    assert all(keys <= e.keys() for e in engines)
    assert [(e["name"], e["version"]) for e in engines] == [
        ("LanguageTool", "6.8"), ("CoreNLP", "4.5.10")]
    assert engines[1]["heap"] == "2g"
    assert code == (0 if engines[0]["problem"] is None else 4)


def test_status_text_in_an_empty_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path))
    assert main(["engine", "status"]) == 4
    out = capsys.readouterr().out
    assert "not installed" in out and "editdesk engine install" in out


def test_unavailable_java_exits_4_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "missing-jdk"))
    assert main(["engine", "install"]) == 4
    assert main(["engine", "serve"]) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert all("default-jre-headless" in line for line in err)


@pytest.mark.integration
def test_serve_prints_the_url_and_sigterm_stops_the_jvm(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "engine", "serve"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        url = proc.stdout.readline().strip() if proc.stdout else ""
        assert url.startswith("http://127.0.0.1:"), url
        with urllib.request.urlopen(f"{url}/v2/healthcheck", timeout=10) as response:
            assert response.status == 200
        jvms = [c for c in psutil.Process(proc.pid).children(recursive=True)
                if "java" in c.name()]
        assert len(jvms) == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        jvms[0].wait(timeout=5)  # raises TimeoutExpired if it outlived the command
        assert not psutil.pid_exists(jvms[0].pid)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.integration
def test_serve_on_a_busy_port_exits_4() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "engine", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 4
    assert f"port {port}" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.integration
def test_serve_all_starts_both_and_ctrl_c_stops_both_jvms() -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "engine", "serve", "--engine", "all"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        lt_url = proc.stdout.readline().strip() if proc.stdout else ""
        nlp_url = proc.stdout.readline().strip() if proc.stdout else ""
        assert lt_url.startswith("http://127.0.0.1:"), lt_url
        assert nlp_url.startswith("http://editdesk:") and "@127.0.0.1:" in nlp_url, nlp_url
        jvms = [c for c in psutil.Process(proc.pid).children(recursive=True)
                if "java" in c.name()]
        assert len(jvms) == 2
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert proc.wait(timeout=30) == 0
        for jvm in jvms:
            jvm.wait(timeout=5)
            assert not psutil.pid_exists(jvm.pid)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
