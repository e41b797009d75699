"""One problem flagged by several checkers is one card (real LanguageTool and house
style): the card lists the other sources, and its decision applies to each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from tests.gui.conftest import write_article

from editdesk.core.review import Decision

pytestmark = pytest.mark.integration

TEXT = (
    "Harbour plan approved after long debate\n"
    "\n"
    "by jane smith\n"
    "\n"
    "The council approved the harbour plan on Monday after a debate that ran late.\n"
)


def _open(qtbot, make_window, lt_url, tmp_path):
    window = make_window(lt_url)
    assert window.open_path(write_article(tmp_path, "plan.txt", TEXT))
    qtbot.waitUntil(
        lambda: window.session.review.checked_with == ["house", "languagetool"],
        timeout=120_000,
    )
    qtbot.waitUntil(lambda: any(i.rule_id.startswith("lt:") or i.also for i in window.items()))
    return window


def _byline_card(window):
    cards = [i for i in window.items() if not i.is_comment and i.start == TEXT.index("by jane")]
    assert len(cards) == 1, [(i.rule_id, i.flagged) for i in window.items()]
    return cards[0]


def test_a_lowercase_byline_is_one_card_listing_its_sources(qtbot, make_window, lt_url, tmp_path):
    window = _open(qtbot, make_window, lt_url, tmp_path)
    review = window.session.review
    on_byline = [s for s in review.findings if s.finding.start < TEXT.index("\n\nThe")
                 and s.finding.end > TEXT.index("by jane")]
    assert len(on_byline) >= 2  # the review keeps each checker's finding
    card = _byline_card(window)
    assert card.rule_id == "house:byline-case" and card.replacements[0] == "By Jane Smith"
    assert "lt:MORFOLOGIK_RULE_EN_GB" in card.also
    window.pane.select_key(card.key)
    detail = window.pane.detail
    assert detail.also.isVisible() and "lt:MORFOLOGIK_RULE_EN_GB" in detail.also.text()
    n_cards = sum(1 for i in window.items() if not i.is_comment and i.is_open)
    assert window.check_label.text() == f"{n_cards} open finding{'s' * (n_cards != 1)}"

    qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)
    assert all(s.decision is Decision.REJECTED for s in on_byline)
    assert _byline_card(window).state == "rejected"


def test_accepting_the_byline_card_fixes_it_once(qtbot, make_window, lt_url, tmp_path):
    window = _open(qtbot, make_window, lt_url, tmp_path)
    card = _byline_card(window)
    window.pane.select_key(card.key)
    with qtbot.waitSignal(window.checked, timeout=60_000):  # the check after the edit
        qtbot.mouseClick(window.pane.detail.accept_button, Qt.MouseButton.LeftButton)
    assert "\nBy Jane Smith\n" in window.view.text()
    on_byline = [i for i in window.items() if "Jane Smith" in i.flagged]
    assert [(i.rule_id, i.state) for i in on_byline] == [("house:byline-case", "accepted")]
