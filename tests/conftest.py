"""Session-wide fixtures: one real LanguageTool server and one real CoreNLP server for
the whole run.

Integration tests take ``lt_url`` (or ``corenlp_server`` / ``nlp_url``); each server is
installed if needed, started once on a free loopback port (on first use) and stopped (no
JVM left behind) when the session ends. Set EDITDESK_TEST_LT_URL to reuse a LanguageTool
server you already run (development convenience).

Structure checks are off (EDITDESK_STRUCTURE=off) unless a test asks for ``nlp_url``, so
that the many tests about LanguageTool and house style do not each start a CoreNLP JVM.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "no-limit-partnership.txt"


@pytest.fixture(autouse=True)
def desk_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test records desk history (service.desk_history) in a folder of its own,
    never in the user's data folder; subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("desk-data")
    monkeypatch.setenv("EDITDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user house style or cache from the machine running the tests: the config and
    cache folders are the test's own (a module uses it with ``usefixtures``)."""
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))


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
def corenlp_server() -> Iterator[object]:
    """The session's CoreNLP server (warmed up): ``.url`` and ``.credentials``."""
    from editdesk.core.checks.corenlp import ANNOTATORS
    from editdesk.engine import CORENLP, CoreNLPServer, EngineUnavailable, install

    try:
        install(spec=CORENLP)
        server = CoreNLPServer()
        server.start(warm_up=[ANNOTATORS])
    except EngineUnavailable as exc:
        pytest.fail(f"CoreNLP server unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def nlp_url(corenlp_server, monkeypatch: pytest.MonkeyPatch) -> str:
    """The session's CoreNLP server as a --nlp-server URL (credentials included); commands
    run in this test use it and run structure checks."""
    user, password = corenlp_server.credentials
    url = corenlp_server.url.replace("http://", f"http://{user}:{password}@", 1)
    monkeypatch.delenv("EDITDESK_STRUCTURE", raising=False)
    monkeypatch.setenv("EDITDESK_NLP_SERVER", url)
    return url


@pytest.fixture(autouse=True)
def _structure_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITDESK_STRUCTURE", "off")
    monkeypatch.delenv("EDITDESK_NLP_SERVER", raising=False)


@pytest.fixture(scope="session")
def shared_sample() -> Path:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"sample article not found: {SHARED_SAMPLE}")
    return SHARED_SAMPLE
