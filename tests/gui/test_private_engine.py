"""Without --server the app starts its own LanguageTool and stops it on quit."""

from __future__ import annotations

import pytest
from tests.gui.conftest import write_article

pytestmark = pytest.mark.integration


def test_private_server_starts_in_background_and_stops_on_close(
    qtbot, make_window, lt_url, tmp_path, monkeypatch
):
    # lt_url: installs the engine if needed (this test starts a second, private server)
    monkeypatch.delenv("EDITDESK_LT_URL", raising=False)
    window = make_window(None)
    assert window.engine.state == "starting"
    assert window.open_path(write_article(tmp_path, "a.txt", "Teh window is usable at once.\n"))
    assert not window.view.isReadOnly()
    qtbot.waitUntil(lambda: window.engine.state in ("ready", "unavailable"), timeout=180_000)
    assert window.engine.state == "ready", window.engine.detail
    server = window.engine._session.server
    assert server.alive() and window.engine.url == server.url
    qtbot.waitUntil(
        lambda: any(i.rule_id.startswith("lt:") for i in window.items()), timeout=60_000
    )
    window.close()
    assert not server.alive()


def test_a_private_server_killed_mid_session_is_restarted_once(
    qtbot, make_window, lt_url, tmp_path, monkeypatch
):
    import os
    import signal

    monkeypatch.delenv("EDITDESK_LT_URL", raising=False)
    window = make_window(None)
    assert window.open_path(write_article(tmp_path, "a.txt", "Teh first draft.\n"))
    qtbot.waitUntil(lambda: window.engine.state in ("ready", "unavailable"), timeout=180_000)
    assert window.engine.state == "ready", window.engine.detail
    server = window.engine._session.server
    os.kill(server.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not server.alive(), timeout=10_000)
    window.view.textCursor().insertText("Thier ")  # the re-check finds the server gone
    session = window.engine._session
    qtbot.waitUntil(lambda: session.restarts == 1 and server.alive(), timeout=180_000)
    qtbot.waitUntil(lambda: window.engine.state in ("ready", "unavailable"), timeout=60_000)
    assert window.engine.state == "ready", window.engine.detail
    window.check_now()
    qtbot.waitUntil(
        lambda: any(i.rule_id.startswith("lt:") and "Thier" in i.flagged for i in window.items()),
        timeout=60_000,
    )
