"""Installing LanguageTool and reporting what is missing, in one line each."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

from editdesk.engine import VERSION, EngineUnavailable, install, status
from editdesk.engine.java import find_java, java_major

# The package exports the install() function under the module's own name.
install_module = importlib.import_module("editdesk.engine.install")

FAKE_MVN = """#!/bin/sh
echo run >> "{counter}"
for a in "$@"; do
  case "$a" in -DoutputDirectory=*) out="${{a#-DoutputDirectory=}}";; esac
done
{body}
"""


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
    ran: list[object] = []
    real_run = install_module.subprocess.run

    def spying_run(command, *args, **kwargs):
        ran.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(install_module.subprocess, "run", spying_run)
    again = install()
    assert not [c for c in ran if "mvn" in str(c)]  # nothing resolved again
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


def test_missing_maven_says_install_maven(empty_cache: Path, path_with_java_only: Path) -> None:
    with pytest.raises(EngineUnavailable, match="mvn.*install maven"):
        install()


def test_failed_maven_run_names_its_log(
    empty_cache: Path, path_with_java_only: Path, tmp_path: Path
) -> None:
    counter = tmp_path / "runs"
    write_script(path_with_java_only, "mvn",
                 FAKE_MVN.format(counter=counter, body='echo "no network" ; exit 1'))
    with pytest.raises(EngineUnavailable) as caught:
        install()
    log = install_module.install_log()
    assert str(log) in str(caught.value)
    assert "no network" in log.read_text()
    assert not install_module.jars_dir().exists()
    assert not status().installed


def test_install_is_atomic_and_runs_maven_once(
    empty_cache: Path, path_with_java_only: Path, tmp_path: Path
) -> None:
    counter = tmp_path / "runs"
    body = 'echo jar > "$out/languagetool-server-6.8.jar"; echo jar > "$out/language-en-6.8.jar"'
    write_script(path_with_java_only, "mvn", FAKE_MVN.format(counter=counter, body=body))
    # Leftovers of an interrupted run are cleared, a half-copied jars folder is replaced.
    engine = install_module.engine_dir()
    (engine / ".jars-interrupted").mkdir(parents=True)
    (engine / "jars").mkdir()
    (engine / "jars" / "partial.jar").write_text("half")

    info = install()
    assert info.installed
    assert sorted(p.name for p in info.path.iterdir()) == [
        "language-en-6.8.jar", "languagetool-server-6.8.jar"]
    assert not list(engine.glob(".jars-*"))
    assert counter.read_text().count("run") == 1

    assert install().installed
    assert counter.read_text().count("run") == 1  # the marker short-cuts the second run


def test_a_changed_pom_triggers_a_fresh_resolve(
    empty_cache: Path, path_with_java_only: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = tmp_path / "runs"
    body = 'echo jar > "$out/languagetool-server-6.8.jar"'
    write_script(path_with_java_only, "mvn", FAKE_MVN.format(counter=counter, body=body))
    pom = tmp_path / "pom.xml"
    pom.write_text("<project/>")
    monkeypatch.setattr(install_module.paths, "engine_pom", lambda key: pom)
    install()
    pom.write_text("<project><!-- changed --></project>")
    assert not status().installed
    install()
    assert counter.read_text().count("run") == 2
    assert os.access(install_module.jars_dir(), os.R_OK)
