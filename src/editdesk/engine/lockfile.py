"""An engine's lock file: every jar it needs, by Maven coordinates, path and SHA-256.

``packaging/<engine>/lock.json`` is generated from the engine's pom by
``scripts/lock-engines.py`` (which runs mvn) and checked in; ``editdesk engine install``
reads it and downloads exactly those files, so installing needs Java and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

FORMAT = "editdesk.lock/1"


class LockError(Exception):
    """A lock file cannot be used; ``str()`` names the file and the reason."""


@dataclass(frozen=True)
class Artifact:
    group_id: str
    artifact_id: str
    version: str
    classifier: str  # "" when none
    extension: str
    sha256: str
    size: int

    @property
    def file_name(self) -> str:
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact_id}-{self.version}{suffix}.{self.extension}"

    @property
    def path(self) -> str:
        """Where the file lives in a Maven repository (the same under every mirror)."""
        group = self.group_id.replace(".", "/")
        return f"{group}/{self.artifact_id}/{self.version}/{self.file_name}"

    @property
    def coordinates(self) -> str:
        parts = [self.group_id, self.artifact_id, self.extension]
        if self.classifier:
            parts.append(self.classifier)
        parts.append(self.version)
        return ":".join(parts)


@dataclass(frozen=True)
class Lock:
    engine: str
    version: str
    pom_sha256: str  # the pom this lock was resolved from; a changed pom means a stale lock
    artifacts: tuple[Artifact, ...]

    @property
    def total_size(self) -> int:
        return sum(a.size for a in self.artifacts)

    def digest(self) -> str:
        """Identifies exactly this set of files (for install markers)."""
        return hashlib.sha256(dumps(self).encode("utf-8")).hexdigest()


def dumps(lock: Lock) -> str:
    artifacts = []
    for a in sorted(lock.artifacts, key=lambda a: a.path):
        record = asdict(a)
        artifacts.append(
            {
                "groupId": record["group_id"],
                "artifactId": record["artifact_id"],
                "version": record["version"],
                "classifier": record["classifier"],
                "extension": record["extension"],
                "path": a.path,
                "sha256": record["sha256"],
                "size": record["size"],
            }
        )
    document = {
        "format": FORMAT,
        "engine": lock.engine,
        "version": lock.version,
        "pom_sha256": lock.pom_sha256,
        "total_size": lock.total_size,
        "artifacts": artifacts,
    }
    return json.dumps(document, indent=2) + "\n"


def load(path: Path) -> Lock:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LockError(f"{path}: cannot read the lock file ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise LockError(f"{path}: not JSON ({exc})") from None
    try:
        if document["format"] != FORMAT:
            raise LockError(f"{path}: format {document['format']!r}, expected {FORMAT!r}")
        artifacts = tuple(
            Artifact(
                group_id=str(item["groupId"]),
                artifact_id=str(item["artifactId"]),
                version=str(item["version"]),
                classifier=str(item.get("classifier") or ""),
                extension=str(item["extension"]),
                sha256=str(item["sha256"]).lower(),
                size=int(item["size"]),
            )
            for item in document["artifacts"]
        )
        lock = Lock(
            engine=str(document["engine"]),
            version=str(document["version"]),
            pom_sha256=str(document["pom_sha256"]),
            artifacts=artifacts,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LockError(f"{path}: malformed lock file ({exc!r})") from None
    for a, item in zip(artifacts, document["artifacts"], strict=True):
        if item.get("path", a.path) != a.path:
            raise LockError(f"{path}: {a.coordinates} has path {item['path']}, expected {a.path}")
        if len(a.sha256) != 64 or any(c not in "0123456789abcdef" for c in a.sha256):
            raise LockError(f"{path}: {a.coordinates} has no valid SHA-256")
        if "/" in a.file_name or a.file_name.startswith("."):
            raise LockError(f"{path}: {a.coordinates} is not a plain file name")
    names = [a.file_name for a in artifacts]
    if len(set(names)) != len(names):
        raise LockError(f"{path}: two artifacts share a file name")
    return lock


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def parse_dependency_list(text: str) -> list[tuple[Artifact, Path]]:
    """Lines of ``mvn dependency:list -DoutputAbsoluteArtifactFilename=true``:
    ``group:artifact:type[:classifier]:version:scope:/absolute/path``, each with the
    file in the local repository (hashed here)."""
    found: list[tuple[Artifact, Path]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if ":/" not in line or line.startswith("The following"):
            continue
        coordinates, _, location = line.partition(":/")
        parts = coordinates.split(":")
        if len(parts) == 5:
            group, artifact, kind, version, _scope = parts
            classifier = ""
        elif len(parts) == 6:
            group, artifact, kind, classifier, version, _scope = parts
        else:
            raise ValueError(f"unexpected dependency line: {line}")
        # Maven's "test-jar" type is a jar with the "tests" classifier; others name the extension.
        extension = "jar" if kind in ("jar", "test-jar", "bundle") else kind
        file = Path("/" + location.split(" ")[0])
        found.append(
            (
                Artifact(group, artifact, version, classifier, extension,
                         sha256_file(file), file.stat().st_size),
                file,
            )
        )
    return found
