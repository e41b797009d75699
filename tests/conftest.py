"""Session-wide fixtures: one real LanguageTool server for the whole run.

Integration tests take ``lt_url``; the server is installed if needed, started once on a
free loopback port and stopped (no JVM left behind) when the session ends.
Set EDITDESK_TEST_LT_URL to reuse a server you already run (development convenience).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "no-limit-partnership.txt"


@pytest.fixture(scope="session")
def lt_url() -> Iterator[str]:
    given = os.environ.get("EDITDESK_TEST_LT_URL")
    if given:
        yield given.rstrip("/")
        return
    from editdesk.engine import EngineUnavailable, LanguageToolServer, install

    try:
        install()
        server = LanguageToolServer()
        server.start()
    except EngineUnavailable as exc:
        pytest.fail(f"LanguageTool server unavailable: {exc}")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def shared_sample() -> Path:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"sample article not found: {SHARED_SAMPLE}")
    return SHARED_SAMPLE
