"""Installing an engine (LanguageTool, CoreNLP): its jars, resolved once from Maven Central
into the per-user cache.

``mvn dependency:copy-dependencies`` resolves the engine's pom (``packaging/<key>/pom.xml``)
into a temporary folder which is renamed into place, then a marker records the pom it came
from; a second run finds the marker and returns at once. Every checkout of EditDesk shares
the one copy. What is installed is described by an ``EngineSpec`` (engine/specs.py); every
function here takes one and defaults to LanguageTool.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from editdesk.core import paths
from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.java import find_java
from editdesk.engine.specs import CORENLP, LANGUAGETOOL, EngineSpec

VERSION = LANGUAGETOOL.version
MAVEN_HINT = "install maven"
_MARKER = "complete.json"


@dataclass(frozen=True)
class EngineInfo:
    installed: bool
    version: str
    path: Path  # the folder holding the jars
    java: str | None  # Java version, None when no usable Java was found
    problem: str | None  # one line: what stops the engine from running, and the fix
    java_path: Path | None = None
    name: str = LANGUAGETOOL.name
    heap: str = LANGUAGETOOL.default_heap

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "installed": self.installed,
            "version": self.version,
            "path": str(self.path),
            "java": self.java,
            "java_path": str(self.java_path) if self.java_path else None,
            "heap": self.heap,
            "problem": self.problem,
        }


def engine_dir(spec: EngineSpec = LANGUAGETOOL) -> Path:
    return paths.cache_dir() / spec.key / spec.version


def jars_dir(spec: EngineSpec = LANGUAGETOOL) -> Path:
    return engine_dir(spec) / "jars"


def install_log(spec: EngineSpec = LANGUAGETOOL) -> Path:
    return paths.cache_dir() / "logs" / f"{spec.key}-{spec.version}-install.log"


def _pom_digest(pom: Path) -> str:
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def _is_complete(spec: EngineSpec, pom: Path) -> bool:
    marker = engine_dir(spec) / _MARKER
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(recorded, dict)
        and recorded.get("pom_sha256") == _pom_digest(pom)
        and any(jars_dir(spec).glob(spec.proof_jar))
    )


def is_installed(spec: EngineSpec = LANGUAGETOOL) -> bool:
    pom = spec.pom()
    return pom.is_file() and _is_complete(spec, pom)


def installed_engine_id(spec: EngineSpec = LANGUAGETOOL) -> str | None:
    """What identifies the installed engine's results (version and the pom it came
    from), without starting Java; None when it is not installed."""
    if not is_installed(spec):
        return None
    return f"{spec.name} {spec.version} pom:{_pom_digest(spec.pom())[:16]}"


def server_engine_id(url: str, timeout: float = 30.0) -> str:
    """The same for a running server (``/v2/info``: its version and build, in the same
    ``LanguageTool VERSION ...`` shape), asked with the standard library so that a fully
    cached batch need not load an HTTP client. Raises EngineUnavailable when the server
    does not answer."""
    import http.client
    import urllib.parse

    parts = urllib.parse.urlsplit(url.rstrip("/"))
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    try:
        connection = connection_class(parts.netloc, timeout=timeout)
        try:
            connection.request("GET", f"{parts.path}/v2/info")
            response = connection.getresponse()
            if response.status != 200:
                raise ValueError(f"HTTP {response.status}")
            info = json.loads(response.read().decode("utf-8"))
        finally:
            connection.close()
        software = info["software"]
        return f"LanguageTool {software['version']} {software.get('buildDate', '')}".strip()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise EngineUnavailable(f"LanguageTool server {url} does not answer ({reason})") from None


def status(spec: EngineSpec = LANGUAGETOOL, heap: str | None = None) -> EngineInfo:
    """What is installed and whether it can run; never raises."""
    installed = is_installed(spec)
    problem: str | None = None
    java_version: str | None = None
    java_path: Path | None = None
    try:
        java = find_java()
        java_version, java_path = java.version, java.path
    except EngineUnavailable as exc:
        problem = str(exc)
    if problem is None and not installed:
        problem = f"{spec.name} {spec.version} is not installed: run `editdesk engine install`"
    return EngineInfo(
        installed, spec.version, jars_dir(spec), java_version, problem, java_path,
        spec.name, heap or spec.default_heap,
    )


def statuses() -> list[EngineInfo]:
    return [status(spec) for spec in (LANGUAGETOOL, CORENLP)]


@contextlib.contextmanager
def _install_lock(spec: EngineSpec) -> Iterator[None]:
    """Two processes installing at once take turns; the second then finds the marker."""
    engine_dir(spec).mkdir(parents=True, exist_ok=True)
    with open(engine_dir(spec) / ".install.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def install(
    progress: Callable[[str], None] | None = None, spec: EngineSpec = LANGUAGETOOL
) -> EngineInfo:
    """Resolve the engine into the per-user cache if it is not there yet.

    Raises EngineUnavailable naming what is missing (Java 17+, Maven) or the log of a
    failed Maven run.
    """
    say = progress or (lambda _message: None)
    pom = spec.pom()
    if not pom.is_file():
        raise EngineUnavailable(f"{spec.name} pom not found at {pom}: reinstall EditDesk")
    java = find_java()
    if _is_complete(spec, pom):
        return status(spec)
    mvn = shutil.which("mvn")
    if not mvn:
        raise EngineUnavailable(
            f"Maven (mvn) not found on PATH; it fetches {spec.name} {spec.version} once: "
            f"{MAVEN_HINT}"
        )
    with _install_lock(spec):
        if _is_complete(spec, pom):
            return status(spec)
        say(f"resolving {spec.name} {spec.version} from Maven Central into {jars_dir(spec)}")
        _resolve(spec, mvn, pom, java.path)
    return status(spec)


def _resolve(spec: EngineSpec, mvn: str, pom: Path, java: Path) -> None:
    base = engine_dir(spec)
    log = install_log(spec)
    log.parent.mkdir(parents=True, exist_ok=True)
    # Leftovers of an interrupted run are harmless; clear them before starting over.
    for stale in base.glob(".jars-*"):
        shutil.rmtree(stale, ignore_errors=True)
    (base / _MARKER).unlink(missing_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".jars-", dir=base))
    # Maven runs on a copy so that nothing it writes lands beside the repository's pom.
    build_pom = base / "pom.xml"
    shutil.copyfile(pom, build_pom)
    env = dict(os.environ)
    env.setdefault("JAVA_HOME", str(java.resolve().parents[1]))
    command = [
        mvn, "-q", "-B", "-f", str(build_pom), "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
    ]
    started = time.monotonic()
    try:
        with open(log, "w", encoding="utf-8") as out:
            out.write(" ".join(command) + "\n")
            out.flush()
            result = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, env=env, check=False,
                cwd=base,
            )
        if result.returncode != 0 or not any(staging.glob(spec.proof_jar)):
            raise EngineUnavailable(
                f"mvn could not resolve {spec.name} {spec.version} (exit {result.returncode}); "
                f"see {log}"
            )
        target = jars_dir(spec)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    record = {
        "version": spec.version,
        "pom_sha256": _pom_digest(pom),
        "jars": len(list(jars_dir(spec).glob("*.jar"))),
        "seconds": round(time.monotonic() - started, 1),
    }
    marker_tmp = base / (_MARKER + ".tmp")
    marker_tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
    os.replace(marker_tmp, base / _MARKER)
