#!/usr/bin/env python3
"""Fetch the ECMA-376 transitional schemas for the export tests' schema check:
the XSD sources inside Apache POI's poi-ooxml-full jar, from Maven Central (or
the configured mirror), SHA-256 verified, into the per-user cache. Idempotent:
a second run checks the hash and downloads nothing. Tests never download."""

from __future__ import annotations

import sys

from editdesk.core import paths
from editdesk.engine.download import DownloadError, fetch, repository_url
from editdesk.engine.lockfile import Artifact, Lock

POI = Artifact(
    group_id="org.apache.poi",
    artifact_id="poi-ooxml-full",
    version="5.2.5",
    classifier="",
    extension="jar",
    sha256="4ef28c69a3dd06d39ccb1e62a08f40e71bec5f96fcd6fbb7ed3ebf7883b4e215",
    size=13947614,
)


def target():
    return paths.cache_dir() / "ooxml-schemas" / POI.version


def main() -> int:
    lock = Lock("ooxml-schemas", POI.version, "", (POI,))
    repository, _ = repository_url()
    try:
        got = fetch(lock, target(), repository, progress_file=None, say=print)
    except DownloadError as exc:
        print(f"setup: the OOXML schemas could not be fetched ({exc}); "
              "the export schema tests will be skipped", file=sys.stderr)
        return 0
    if got:
        print(f"setup: OOXML schemas in {target()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
