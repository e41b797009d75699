"""No LanguageTool: the window says why, and house-style findings still show."""

from __future__ import annotations

import socket

from tests.gui.conftest import write_article

from editdesk.gui.offsets import OffsetMap

TEXT = "Party 🎉 and 𝑥 first. We went to the the market on Sunday.\n\nA second paragraph.\n"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_engine_unavailable_shows_reason_and_house_findings(qtbot, make_window, tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"
    window = make_window(url)
    article = write_article(tmp_path, "market.txt", TEXT)
    assert window.open_path(article)
    qtbot.waitUntil(lambda: window.engine.state == "unavailable", timeout=20_000)
    label = window.engine_label.text()
    assert "unavailable" in label and "127.0.0.1" in label and "house-style" in label
    qtbot.waitUntil(
        lambda: any(i.rule_id.startswith("house:") for i in window.items()), timeout=10_000
    )
    repeated = [i for i in window.items() if i.flagged.casefold() == "the the"]
    assert repeated, [(i.rule_id, i.flagged) for i in window.items()]
    # the underline is on exactly those words, after an emoji and a math letter
    span = window.view.span_of(repeated[0].key)
    m = OffsetMap(TEXT)
    assert span == m.span_to_qt(TEXT.index("the the"), TEXT.index("the the") + 7)
    underlined = {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.view.extraSelections()
    }
    assert span in underlined
    assert not any(i.rule_id.startswith("lt:") for i in window.items())
    # the review knows it was checked with house style only (sign-off records say so)
    assert window.session.review.checked_with == ["house"]


def test_a_broken_house_style_file_falls_back_to_the_default(qtbot, make_window, dialogs, tmp_path):
    (tmp_path / "editdesk.toml").write_text("language = 12\n", encoding="utf-8")
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "market.txt", TEXT))
    assert [d[1] for d in dialogs] == ["House style"]
    assert "Using the default house style." in dialogs[0][2]
    qtbot.waitUntil(
        lambda: any(i.rule_id.startswith("house:") for i in window.items()), timeout=10_000
    )
    assert window.check_label.text() != "check failed"
