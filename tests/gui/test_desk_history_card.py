"""Desk history in the app: a rule's card says what the desk's editors decided on it,
a demoted rule's finding arrives one severity lower, and the window's decisions are
recorded (once each) through the review session."""

from __future__ import annotations

from tests.gui.conftest import write_article

from editdesk.core.desk import DeskSettings
from editdesk.core.desk.history import DEMOTED_NOTE
from editdesk.service.desk_history import DecisionRecord, DeskStore

RULE = "house:repeated-word"
TEXT = "We went to the the market on Sunday.\n\nA second paragraph.\n"


def _store() -> DeskStore:
    return DeskStore.for_settings(DeskSettings())


def _repeated(window):
    return [i for i in window.items() if i.rule_id == RULE]


def test_the_card_shows_the_rules_desk_history_and_its_demotion(qtbot, make_window, tmp_path):
    _store().record(*(
        DecisionRecord(f"a{i}", "k", RULE, "house", "rejected" if i < 17 else "accepted")
        for i in range(20)
    ))
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "market.txt", TEXT))
    qtbot.waitUntil(lambda: bool(_repeated(window)), timeout=10_000)
    [item] = _repeated(window)
    assert item.severity == "warning"  # an error, demoted by desk history
    assert DEMOTED_NOTE in item.message
    assert item.history == "desk history: editors rejected this rule 17 of 20 times"

    window.pane.select_key(item.key)
    qtbot.waitUntil(lambda: "17 of 20 times" in window.pane.detail.message.text(),
                    timeout=5_000)

    window.reject(item.key)
    [tally] = _store().tallies()
    assert (tally.rejected, tally.accepted, tally.total) == (18, 3, 21)
    qtbot.waitUntil(
        lambda: _repeated(window) and "18 of 21" in _repeated(window)[0].history, timeout=5_000
    )
    start, _end = window.view.span_of(item.key)
    cursor = window.view.textCursor()
    cursor.setPosition(start + 1)
    window.view.setTextCursor(cursor)
    window.pane.select_key(item.key)
    window.reopen_current()  # Review > Reopen: the decision no longer counts
    assert window.session.review.findings[0].is_open
    [tally] = _store().tallies()
    assert tally.total == 20


def test_a_rule_without_history_has_no_history_line(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "market.txt", TEXT))
    qtbot.waitUntil(lambda: bool(_repeated(window)), timeout=10_000)
    [item] = _repeated(window)
    assert item.severity == "error" and item.history == ""
    window.ignore(item.key)
    [tally] = _store().tallies()
    assert (tally.rule, tally.ignored, tally.total) == (RULE, 1, 1)
