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
