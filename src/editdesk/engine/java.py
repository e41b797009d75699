"""Finding a Java runtime new enough for LanguageTool (17+)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from editdesk.engine.errors import EngineUnavailable

MIN_JAVA = 17
INSTALL_HINT = "install default-jre-headless (or set JAVA_HOME to a Java 17+ runtime)"
_VERSION = re.compile(r'version "(?P<v>[^"]+)"')


@dataclass(frozen=True)
class Java:
    path: Path
    version: str

    @property
    def major(self) -> int:
        return java_major(self.version)


def java_major(version: str) -> int:
    """``"17.0.15"`` -> 17, ``"1.8.0_292"`` -> 8, ``"21"`` -> 21."""
    parts = re.split(r"[._+-]", version)
    if parts[0] == "1" and len(parts) > 1:
        return int(parts[1])
    return int(parts[0])


def java_executable() -> Path:
    """JAVA_HOME/bin/java when JAVA_HOME is set, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        if not (candidate.is_file() and os.access(candidate, os.X_OK)):
            raise EngineUnavailable(
                f"Java not found: JAVA_HOME={home} has no bin/java; "
                f"fix or unset JAVA_HOME, or {INSTALL_HINT}"
            )
        return candidate
    found = shutil.which("java")
    if not found:
        raise EngineUnavailable(f"Java {MIN_JAVA}+ not found (no java on PATH): {INSTALL_HINT}")
    return Path(found)


def find_java() -> Java:
    """The Java runtime to use; raises EngineUnavailable if missing or older than 17."""
    path = java_executable()
    try:
        out = subprocess.run(
            [str(path), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineUnavailable(f"Java at {path} does not run ({exc}): {INSTALL_HINT}") from exc
    match = _VERSION.search(out.stderr + out.stdout)
    if out.returncode != 0 or not match:
        raise EngineUnavailable(
            f"Java at {path} did not report a version (exit {out.returncode}): {INSTALL_HINT}"
        )
    java = Java(path, match.group("v"))
    try:
        major = java.major
    except ValueError:
        major = 0
    if major < MIN_JAVA:
        raise EngineUnavailable(
            f"Java {java.version} at {path} is too old, LanguageTool needs {MIN_JAVA}+: "
            f"{INSTALL_HINT}"
        )
    return java
