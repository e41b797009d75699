"""The checked-in engine locks, and reading mvn's dependency list into one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from editdesk.core.config import ConfigError, load_config
from editdesk.engine.lockfile import LockError, dumps, load, parse_dependency_list

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


@pytest.mark.parametrize(
    ("engine", "version", "proof"),
    [
        ("languagetool", "6.8", "org.languagetool:languagetool-server:jar:6.8"),
        ("corenlp", "4.5.10", "edu.stanford.nlp:stanford-corenlp:jar:models:4.5.10"),
    ],
)
def test_each_engine_lock_is_current_for_its_pom(engine: str, version: str, proof: str) -> None:
    pom = PACKAGING / engine / "pom.xml"
    lock = load(PACKAGING / engine / "lock.json")
    assert lock.pom_sha256 == hashlib.sha256(pom.read_bytes()).hexdigest(), (
        f"packaging/{engine}/pom.xml changed: run scripts/lock-engines.py {engine}"
    )
    assert (lock.engine, lock.version) == (engine, version)
    assert proof in {a.coordinates for a in lock.artifacts}
    # What the file says is what the loader reads back, byte for byte.
    assert dumps(lock) == (PACKAGING / engine / "lock.json").read_text(encoding="utf-8")


def test_a_lock_with_a_bad_hash_or_path_is_refused(tmp_path: Path) -> None:
    document = json.loads((PACKAGING / "languagetool" / "lock.json").read_text())
    document["artifacts"][0]["sha256"] = "not-a-hash"
    bad = tmp_path / "lock.json"
    bad.write_text(json.dumps(document))
    with pytest.raises(LockError, match="no valid SHA-256"):
        load(bad)
    document = json.loads((PACKAGING / "languagetool" / "lock.json").read_text())
    document["artifacts"][0]["path"] = "../../etc/passwd"
    bad.write_text(json.dumps(document))
    with pytest.raises(LockError, match="expected"):
        load(bad)


def test_mvn_dependency_list_lines_become_artifacts(tmp_path: Path) -> None:
    plain = tmp_path / "a-1.0.jar"
    plain.write_bytes(b"plain")
    models = tmp_path / "b-2.0-models.jar"
    models.write_bytes(b"models!")
    listing = (
        "\nThe following files have been resolved:\n"
        f"   org.x:a:jar:1.0:compile:{plain}\n"
        f"   org.y:b:jar:models:2.0:runtime:{models}\n"
    )
    (a, a_file), (b, b_file) = parse_dependency_list(listing)
    assert (a.coordinates, a.path, a.size) == ("org.x:a:jar:1.0", "org/x/a/1.0/a-1.0.jar", 5)
    assert a.sha256 == hashlib.sha256(b"plain").hexdigest() and a_file == plain
    assert (b.classifier, b.file_name, b.path) == (
        "models", "b-2.0-models.jar", "org/y/b/2.0/b-2.0-models.jar")
    assert b_file.name == b.file_name


def test_the_user_config_may_name_a_mirror_and_nothing_else_under_install(tmp_path) -> None:
    good = tmp_path / "good" / "editdesk.toml"
    good.parent.mkdir()
    good.write_text('[install]\nmaven_mirror = "https://nexus.example.org/maven2"\n')
    load_config(config_file=good)
    bad = tmp_path / "bad" / "editdesk.toml"
    bad.parent.mkdir()
    bad.write_text('[install]\nmirror = "https://nexus.example.org/maven2"\n')
    with pytest.raises(ConfigError, match=r"\[install\] may hold only maven_mirror"):
        load_config(config_file=bad)


def test_lock_engines_check_finds_every_lock_current() -> None:
    import subprocess
    import sys

    script = PACKAGING.parent / "scripts" / "lock-engines.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0 and run.stdout == "", run.stdout + run.stderr
