"""Installing LanguageTool and reporting what is missing, in one line each."""

from __future__ import annotations

import importlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from fake_maven import Behaviour, build_repository, serve

from editdesk.engine import LANGUAGETOOL, VERSION, EngineUnavailable, download, install, status
from editdesk.engine.java import find_java, java_major
from editdesk.engine.lockfile import dumps

# The package exports the install() function under the module's own name.
install_module = importlib.import_module("editdesk.engine.install")

def write_script(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    path.chmod(0o755)
    return path


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def path_with_java_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding the real java and nothing else (so no mvn)."""
    real_java = shutil.which("java")
    if real_java is None:
        pytest.skip("no java on PATH")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(real_java)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


@pytest.mark.integration
def test_install_is_idempotent_and_status_reports_it(monkeypatch) -> None:
    first = install()
    assert first.installed and first.problem is None
    fetched: list[object] = []
    monkeypatch.setattr(download, "fetch", lambda *a, **k: fetched.append(a))
    again = install()
    assert not fetched  # the marker short-cuts a second install
    assert again == first
    info = status()
    assert info.installed and info.version == VERSION == "6.8"
    assert any(info.path.glob("languagetool-server-6.8.jar"))
    assert any(info.path.glob("language-en-6.8.jar"))
    assert info.java is not None and java_major(info.java) >= 17


def test_status_of_an_empty_cache_says_how_to_install(empty_cache: Path) -> None:
    info = status()
    assert not info.installed
    assert info.path == empty_cache / "languagetool" / VERSION / "jars"
    assert info.problem is not None and "editdesk engine install" in info.problem


def test_java_home_pointing_nowhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-such-jdk"))
    with pytest.raises(EngineUnavailable) as caught:
        install()
    message = str(caught.value)
    assert "JAVA_HOME" in message and "default-jre-headless" in message
    assert "\n" not in message
    assert status().problem == message


def test_no_java_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineUnavailable, match="Java 17\\+ not found.*default-jre-headless"):
        find_java()
    assert status().java is None


def test_java_too_old(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "jdk11"
    write_script(home / "bin", "java",
                 '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    monkeypatch.setenv("JAVA_HOME", str(home))
    with pytest.raises(EngineUnavailable, match="11.0.2 .* too old.*default-jre-headless"):
        install()


@pytest.mark.parametrize(("version", "major"), [("17.0.15", 17), ("1.8.0_292", 8), ("21", 21)])
def test_java_major(version: str, major: int) -> None:
    assert java_major(version) == major


@pytest.fixture
def fake_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """LanguageTool's spec with a lock of small jars served by a loopback Maven repository."""
    files = {"languagetool-server": b"server jar " * 5000, "language-en": b"en jar " * 3000}
    root = tmp_path / "repo"
    lock = build_repository(root, files, group="org.languagetool")
    lock_path = tmp_path / "lock.json"
    lock_path.write_text(dumps(lock))
    monkeypatch.setattr(install_module.paths, "engine_lock", lambda key: lock_path)
    behaviour = Behaviour()
    with serve(root, behaviour) as url:
        monkeypatch.setenv(download.MIRROR_ENV, url)
        yield lock, lock_path, root, behaviour


def test_install_needs_java_and_nothing_else(
    empty_cache: Path, path_with_java_only: Path, fake_engine
) -> None:
    lock, _, _, behaviour = fake_engine
    info = install()
    assert info.installed and info.problem is None
    assert sorted(p.name for p in info.path.iterdir()) == [
        "language-en-1.0.jar", "languagetool-server-1.0.jar"]
    assert len(behaviour.requests) == 2
    assert install_module.verify(LANGUAGETOOL) is None
    marker = json.loads((install_module.engine_dir() / "complete.json").read_text())
    assert marker["lock_sha256"] == lock.digest() and marker["downloaded"] == lock.total_size
    assert install().installed
    assert len(behaviour.requests) == 2  # the marker short-cuts the second run


def test_a_changed_lock_fetches_only_what_changed(
    empty_cache: Path, path_with_java_only: Path, fake_engine, tmp_path: Path
) -> None:
    lock, lock_path, root, behaviour = fake_engine
    install()
    newer = build_repository(root, {"language-en": b"en jar, fixed " * 3000},
                             group="org.languagetool")
    server = next(a for a in lock.artifacts if a.artifact_id == "languagetool-server")
    changed = replace(lock, artifacts=(server, *newer.artifacts))
    lock_path.write_text(dumps(changed))
    assert not status().installed
    behaviour.requests.clear()
    assert install().installed
    assert [path.rsplit("/", 1)[1] for path, _ in behaviour.requests] == ["language-en-1.0.jar"]


def test_a_tampered_mirror_leaves_the_engine_uninstalled(
    empty_cache: Path, path_with_java_only: Path, fake_engine
) -> None:
    lock, _, root, _ = fake_engine
    server_jar = next(a for a in lock.artifacts if a.artifact_id == "languagetool-server")
    (root / server_jar.path).write_bytes(b"evil" * 1000)
    with pytest.raises(EngineUnavailable) as caught:
        install()
    assert "org.languagetool:languagetool-server:jar:1.0" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not status().installed
    assert not list(install_module.jars_dir().glob("languagetool-server*"))


def test_a_jar_deleted_after_install_is_named_by_verify(
    empty_cache: Path, path_with_java_only: Path, fake_engine
) -> None:
    install()
    (install_module.jars_dir() / "language-en-1.0.jar").unlink()
    problem = install_module.verify(LANGUAGETOOL)
    assert problem is not None and "1 of 2 jars" in problem and "language-en-1.0.jar" in problem


def test_engine_install_cli_takes_a_repository_and_shows_progress(
    empty_cache: Path, fake_engine, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from editdesk.cli import main

    _, _, _, behaviour = fake_engine
    url = os.environ[download.MIRROR_ENV]
    monkeypatch.setenv(download.MIRROR_ENV, "http://unused.invalid/maven2")
    assert main(["engine", "install", "--engine", "languagetool", "--repository", url]) == 0
    captured = capsys.readouterr()
    assert "LanguageTool 6.8 installed in" in captured.out
    assert "100%" in captured.err and url in captured.err
    assert all(path.startswith("/maven2/") for path, _ in behaviour.requests)


def test_the_checked_in_locks_go_into_the_wheel() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    for key in ("languagetool", "corenlp"):
        assert f'"packaging/{key}/lock.json" = "editdesk/resources/{key}-lock.json"' in pyproject


def test_a_mirror_with_a_password_gets_it_and_no_record_shows_it(
    empty_cache: Path, fake_engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64

    _, _, _, behaviour = fake_engine
    url = os.environ[download.MIRROR_ENV].replace("http://", "http://newsroom:s3cret@")
    monkeypatch.setenv(download.MIRROR_ENV, url)
    said: list[str] = []
    install(progress=said.append)
    expected = "Basic " + base64.b64encode(b"newsroom:s3cret").decode()
    assert behaviour.authorization and set(behaviour.authorization) == {expected}
    marker = (install_module.engine_dir() / "complete.json").read_text()
    assert "s3cret" not in marker and "s3cret" not in " ".join(said)
    assert download.public_url(url) in marker


def test_two_installs_at_once_download_each_jar_once(
    empty_cache: Path, path_with_java_only: Path, fake_engine
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    lock, _, _, behaviour = fake_engine
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: install(), range(2)))
    assert all(info.installed for info in results)
    assert sorted(path for path, _ in behaviour.requests) == sorted(
        f"/maven2/{a.path}" for a in lock.artifacts)
