#!/usr/bin/env python3
"""Regenerate packaging/<engine>/lock.json from packaging/<engine>/pom.xml with mvn.

Maven resolves the pom (with strict checksums: a jar whose SHA-1 does not match what the
repository publishes is an error) into the local repository; this script records every
resolved jar's coordinates, repository path, size and SHA-256. Run it after changing a
pom, check the lock in. Users never need mvn: ``editdesk engine install`` reads the lock.

    scripts/lock-engines.py                 # every engine under packaging/
    scripts/lock-engines.py corenlp         # one
    scripts/lock-engines.py --check         # exit 1 if a lock is older than its pom (no mvn)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editdesk.engine.lockfile import Lock, dumps, load, parse_dependency_list  # noqa: E402


def pom_version(pom: Path) -> str:
    import xml.etree.ElementTree as ET

    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ET.parse(pom).getroot().find("m:version", ns)
    if version is None or not version.text:
        raise SystemExit(f"{pom}: no <version>")
    return version.text.strip()


def resolve(engine: str, mvn: str) -> Lock:
    pom = ROOT / "packaging" / engine / "pom.xml"
    with tempfile.TemporaryDirectory(prefix=f"lock-{engine}-") as tmp:
        # mvn writes target/ beside the pom it builds; keep that out of the repository.
        work = Path(tmp) / "pom.xml"
        shutil.copyfile(pom, work)
        listing = Path(tmp) / "dependencies.txt"
        command = [
            mvn, "-q", "-B", "--strict-checksums", "-f", str(work), "dependency:list",
            "-DoutputAbsoluteArtifactFilename=true", "-DincludeScope=runtime",
            f"-DoutputFile={listing}",
        ]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"{pom}: mvn dependency:list failed (exit {result.returncode})")
        resolved = parse_dependency_list(listing.read_text(encoding="utf-8"))
    for artifact, file in resolved:
        if file.name != artifact.file_name:
            raise SystemExit(f"{artifact.coordinates}: local file {file.name} is not "
                             f"{artifact.file_name}")
    return Lock(
        engine=engine,
        version=pom_version(pom),
        pom_sha256=hashlib.sha256(pom.read_bytes()).hexdigest(),
        artifacts=tuple(artifact for artifact, _ in resolved),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engines", nargs="*", help="engine folders under packaging/")
    parser.add_argument("--check", action="store_true",
                        help="only check every lock matches its pom")
    args = parser.parse_args()
    engines = args.engines or sorted(p.parent.name for p in ROOT.glob("packaging/*/pom.xml"))
    if args.check:
        stale = 0
        for engine in engines:
            pom = ROOT / "packaging" / engine / "pom.xml"
            lock_path = pom.with_name("lock.json")
            digest = hashlib.sha256(pom.read_bytes()).hexdigest()
            if not lock_path.is_file() or load(lock_path).pom_sha256 != digest:
                print(f"{lock_path}: stale or missing; run scripts/lock-engines.py {engine}")
                stale += 1
        return 1 if stale else 0
    mvn = shutil.which("mvn")
    if not mvn:
        raise SystemExit("mvn not found: install maven (only needed to regenerate locks)")
    for engine in engines:
        lock = resolve(engine, mvn)
        out = ROOT / "packaging" / engine / "lock.json"
        out.write_text(dumps(lock), encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(lock.artifacts)} jars, "
              f"{lock.total_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
