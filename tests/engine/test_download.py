"""The downloader against a real HTTP server on loopback serving a fake Maven repository."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from fake_maven import Behaviour, build_repository, serve

from editdesk.engine import download
from editdesk.engine.download import DownloadError, fetch, repository_url


def _content(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.fixture()
def repo(tmp_path: Path):
    files = {"alpha": _content(1, 300_000), "beta": _content(2, 70_000), "gamma": b"tiny jar"}
    root = tmp_path / "repo"
    return root, build_repository(root, files), files


def test_fetches_every_jar_verified_with_a_progress_bar(repo, tmp_path: Path) -> None:
    root, lock, files = repo
    target = tmp_path / "jars"
    bar = io.StringIO()
    behaviour = Behaviour()
    with serve(root, behaviour) as url:
        got = fetch(lock, target, url, progress_file=bar)
    assert got == sum(len(c) for c in files.values())
    assert sorted(p.name for p in target.iterdir()) == [
        "alpha-1.0.jar", "beta-1.0.jar", "gamma-1.0.jar"]
    assert (target / "alpha-1.0.jar").read_bytes() == files["alpha"]
    assert [path for path, _ in behaviour.requests] == [
        f"/maven2/{a.path}" for a in lock.artifacts]
    assert "fake 1.0" in bar.getvalue() and "100%" in bar.getvalue()


def test_a_second_fetch_downloads_nothing(repo, tmp_path: Path) -> None:
    root, lock, _ = repo
    target = tmp_path / "jars"
    behaviour = Behaviour()
    with serve(root, behaviour) as url:
        fetch(lock, target, url, progress_file=None)
        before = len(behaviour.requests)
        assert fetch(lock, target, url, progress_file=None) == 0
    assert len(behaviour.requests) == before


def test_a_tampered_jar_is_refused_and_not_installed(repo, tmp_path: Path) -> None:
    root, lock, _ = repo
    beta = next(a for a in lock.artifacts if a.artifact_id == "beta")
    jar = root / beta.path
    tampered = bytearray(jar.read_bytes())
    tampered[1000] ^= 0xFF  # same size, one byte different
    jar.write_bytes(bytes(tampered))
    target = tmp_path / "jars"
    with serve(root, Behaviour()) as url, pytest.raises(DownloadError) as raised:
        fetch(lock, target, url, progress_file=None)
    message = str(raised.value)
    assert "org.example:beta:jar:1.0" in message and beta.sha256 in message
    assert "\n" not in message
    assert not (target / "beta-1.0.jar").exists()
    assert not (target / "beta-1.0.jar.part").exists()


def test_a_dropped_connection_resumes_with_a_range_request(repo, tmp_path: Path) -> None:
    root, lock, files = repo
    behaviour = Behaviour(cut_after={"alpha-1.0.jar": 123_456})
    target = tmp_path / "jars"
    with serve(root, behaviour) as url:
        fetch(lock, target, url, progress_file=None)
    assert (target / "alpha-1.0.jar").read_bytes() == files["alpha"]
    alpha = [r for r in behaviour.requests if r[0].endswith("alpha-1.0.jar")]
    assert len(alpha) == 2 and alpha[0][1] is None
    # It goes on from what reached the disk (whole blocks), not from the start.
    resumed_at = int(alpha[1][1].removeprefix("bytes=").removesuffix("-"))
    assert 0 < resumed_at <= 123_456


def test_an_interrupted_install_resumes_where_it_stopped(repo, tmp_path: Path) -> None:
    root, lock, files = repo
    target = tmp_path / "jars"
    behaviour = Behaviour(cut_after={"alpha-1.0.jar": 200_000})
    with serve(root, behaviour) as url:
        with pytest.raises(DownloadError, match="run the install again to resume"):
            fetch(lock, target, url, progress_file=None, retries=0)
        kept = (target / "alpha-1.0.jar.part").stat().st_size
        assert 0 < kept <= 200_000
        assert not (target / "alpha-1.0.jar").exists()
        behaviour.requests.clear()
        got = fetch(lock, target, url, progress_file=None)
    assert (target / "alpha-1.0.jar").read_bytes() == files["alpha"]
    assert behaviour.requests[0][1] == f"bytes={kept}-"
    assert got == sum(len(c) for c in files.values()) - kept


def test_a_server_that_ignores_range_starts_the_file_over(repo, tmp_path: Path) -> None:
    root, lock, files = repo
    target = tmp_path / "jars"
    target.mkdir()
    (target / "alpha-1.0.jar.part").write_bytes(files["alpha"][:5000])
    with serve(root, Behaviour(ignore_range=True)) as url:
        fetch(lock, target, url, progress_file=None)
    assert (target / "alpha-1.0.jar").read_bytes() == files["alpha"]


def test_a_missing_jar_names_the_url_and_status(repo, tmp_path: Path) -> None:
    root, lock, _ = repo
    (root / lock.artifacts[0].path).unlink()
    with serve(root, Behaviour()) as url, pytest.raises(DownloadError, match="HTTP 404"):
        fetch(lock, tmp_path / "jars", url, progress_file=None)


def test_jars_not_in_the_lock_are_removed_from_the_class_path_folder(repo, tmp_path) -> None:
    root, lock, _ = repo
    target = tmp_path / "jars"
    target.mkdir()
    (target / "old-0.9.jar").write_bytes(b"old")
    (target / "notes.txt").write_text("kept")
    with serve(root, Behaviour()) as url:
        fetch(lock, target, url, progress_file=None)
    assert not (target / "old-0.9.jar").exists()
    assert (target / "notes.txt").exists()


def test_the_mirror_comes_from_the_environment_then_editdesk_toml(tmp_path, monkeypatch):
    config = tmp_path / "editdesk.toml"
    monkeypatch.delenv(download.MIRROR_ENV, raising=False)
    assert repository_url(config) == (download.MAVEN_CENTRAL, "default")
    config.write_text('[install]\nmaven_mirror = "https://maven.example.org/central/"\n')
    assert repository_url(config) == ("https://maven.example.org/central", str(config))
    monkeypatch.setenv(download.MIRROR_ENV, "https://nexus.example.org/repo")
    assert repository_url(config) == ("https://nexus.example.org/repo", download.MIRROR_ENV)
    monkeypatch.delenv(download.MIRROR_ENV)
    config.write_text('[install]\nmaven_mirror = "ftp://x"\n')
    with pytest.raises(download.EngineUnavailable, match="maven_mirror"):
        repository_url(config)


def test_a_mirror_behind_a_proxy_from_the_environment(repo, tmp_path, monkeypatch) -> None:
    """The mirror's host does not exist: only a proxy taken from HTTP_PROXY reaches it."""
    root, lock, files = repo
    behaviour = Behaviour()
    with serve(root, behaviour) as url:
        proxy = url.removesuffix("/maven2")
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.setenv("http_proxy", proxy)
        fetch(lock, tmp_path / "jars", "http://maven.mirror.invalid/maven2", progress_file=None)
    assert (tmp_path / "jars" / "gamma-1.0.jar").read_bytes() == files["gamma"]
    assert all(path.startswith("http://maven.mirror.invalid/maven2/")
               for path, _ in behaviour.requests)


def test_downloads_never_leave_a_partial_jar_under_its_final_name(repo, tmp_path) -> None:
    root, lock, _ = repo
    target = tmp_path / "jars"
    with serve(root, Behaviour(cut_after={"beta-1.0.jar": 10})) as url, pytest.raises(
        DownloadError
    ):
        fetch(lock, target, url, progress_file=None, retries=0)
    names = set(os.listdir(target))
    assert "beta-1.0.jar" not in names and "beta-1.0.jar.part" in names


def test_a_killed_install_process_resumes_from_its_part_file(repo, tmp_path: Path) -> None:
    """SIGKILL mid-download (a closed laptop lid, a killed terminal): the bytes on disk stay."""
    import signal
    import subprocess
    import sys
    import time

    from editdesk.engine.lockfile import dumps

    root, lock, files = repo
    lock_file = tmp_path / "lock.json"
    lock_file.write_text(dumps(lock))
    target = tmp_path / "jars"
    behaviour = Behaviour(stall_after={"alpha-1.0.jar": 150_000})
    program = (
        "import sys; from pathlib import Path\n"
        "from editdesk.engine.download import fetch\n"
        "from editdesk.engine.lockfile import load\n"
        "fetch(load(Path(sys.argv[1])), Path(sys.argv[2]), sys.argv[3], progress_file=None)\n"
    )
    part = target / "alpha-1.0.jar.part"
    with serve(root, behaviour) as url:
        child = subprocess.Popen([sys.executable, "-c", program, str(lock_file), str(target), url])
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if part.exists() and part.stat().st_size >= 131_072:  # two whole blocks
                    break
                time.sleep(0.05)
            child.send_signal(signal.SIGKILL)
            child.wait(30)
        finally:
            if child.poll() is None:
                child.kill()
        kept = part.stat().st_size
        assert kept >= 131_072 and not (target / "alpha-1.0.jar").exists()
        behaviour.requests.clear()
        fetch(lock, target, url, progress_file=None)
    assert (target / "alpha-1.0.jar").read_bytes() == files["alpha"]
    assert behaviour.requests[0][1] == f"bytes={kept}-"
