"""Installing an engine (LanguageTool, CoreNLP): its jars, downloaded once from Maven
Central (or a mirror) into the per-user cache, with Java as the only requirement.

The engine's lock file (``packaging/<key>/lock.json``, generated from its pom by
``scripts/lock-engines.py``) lists every jar with its SHA-256; engine/download.py fetches
them into ``<cache>/<key>/<version>/jars``, verified and resumable, then a marker records the
lock it came from; a second run finds the marker and returns at once. Every checkout and
every installed copy of EditDesk shares the one copy. What is installed is described by an
``EngineSpec`` (engine/specs.py); every function here takes one and defaults to LanguageTool.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import filelock

from editdesk.core import paths
from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.java import find_java
from editdesk.engine.lockfile import Lock, LockError, load
from editdesk.engine.specs import CORENLP, LANGUAGETOOL, EngineSpec

VERSION = LANGUAGETOOL.version
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


def _pom_digest(pom: Path) -> str:
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def engine_lock(spec: EngineSpec) -> Lock:
    try:
        return load(spec.lock())
    except LockError as exc:
        raise EngineUnavailable(f"{exc}: reinstall EditDesk") from None


def _is_complete(spec: EngineSpec) -> bool:
    marker = engine_dir(spec) / _MARKER
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        lock = load(spec.lock())
    except (OSError, ValueError, LockError):
        return False
    return (
        isinstance(recorded, dict)
        and recorded.get("lock_sha256") == lock.digest()
        and any(jars_dir(spec).glob(spec.proof_jar))
    )


def verify(spec: EngineSpec = LANGUAGETOOL) -> str | None:
    """What is wrong with the installed jars (a locked file missing or of the wrong size),
    in one line; None when every file is there. Sizes only: hashes are checked on install."""
    try:
        lock = load(spec.lock())
    except LockError as exc:
        return str(exc)
    jars = jars_dir(spec)
    bad = []
    for artifact in lock.artifacts:
        try:
            if (jars / artifact.file_name).stat().st_size != artifact.size:
                bad.append(artifact.file_name)
        except OSError:
            bad.append(artifact.file_name)
    if bad:
        return (f"{spec.name} {spec.version}: {len(bad)} of {len(lock.artifacts)} jars missing "
                f"or damaged in {jars} (first: {bad[0]})")
    return None


def is_installed(spec: EngineSpec = LANGUAGETOOL) -> bool:
    return _is_complete(spec)


def installed_engine_id(spec: EngineSpec = LANGUAGETOOL) -> str | None:
    """What identifies the installed engine's results (version and the pom it came
    from), without starting Java; None when it is not installed."""
    if not is_installed(spec) or not spec.pom().is_file():
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
    with filelock.FileLock(engine_dir(spec) / ".install.lock"):
        yield


def install(
    progress: Callable[[str], None] | None = None,
    spec: EngineSpec = LANGUAGETOOL,
    *,
    repository: str | None = None,
    progress_file: TextIO | None = None,
) -> EngineInfo:
    """Download the engine into the per-user cache if it is not there yet.

    ``repository`` overrides the Maven repository (default: EDITDESK_MAVEN_MIRROR, then
    ``[install] maven_mirror`` in the user's editdesk.toml, then Maven Central);
    ``progress_file`` shows a progress bar there. Raises EngineUnavailable naming what is
    missing (Java 17+), or the jar that could not be fetched or did not match its hash.
    """
    from editdesk.engine import download

    say = progress or (lambda _message: None)
    find_java()  # an engine is no use without Java: say so before downloading anything
    if _is_complete(spec):
        return status(spec)
    lock = engine_lock(spec)
    source = "given"
    if repository is None:
        repository, source = download.repository_url()
    with _install_lock(spec):
        if _is_complete(spec):
            return status(spec)
        base = engine_dir(spec)
        (base / _MARKER).unlink(missing_ok=True)
        if source not in ("default", "given"):
            say(f"Maven repository {download.public_url(repository)} (from {source})")
        started = time.monotonic()
        fetched = download.fetch(lock, jars_dir(spec), repository, say=say,
                                 progress_file=progress_file)
        record = {
            "version": spec.version,
            "lock_sha256": lock.digest(),
            # what an EditDesk from before lock files looks for: it finds this install whole
            "pom_sha256": lock.pom_sha256,
            "jars": len(lock.artifacts),
            "bytes": lock.total_size,
            "downloaded": fetched,
            "repository": download.public_url(repository),
            "seconds": round(time.monotonic() - started, 1),
        }
        marker_tmp = base / (_MARKER + ".tmp")
        marker_tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
        os.replace(marker_tmp, base / _MARKER)
    return status(spec)
