"""A 25,000-word article (the sample pasted 20 times): every finding underlined
wherever the editor scrolls, F8 in text order, each copy's finding its own.

House-style checks only (the real house checker, no engine), which already
gives over a thousand findings, twenty of each because every sentence repeats.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.review import Decision

COPIES = 20


@pytest.fixture
def large_article(shared_sample, tmp_path):
    text = "\n".join([shared_sample.read_text(encoding="utf-8")] * COPIES)
    assert len(text.split()) > 24_000
    return write_article(tmp_path, "large.txt", text)


def _open(qtbot, make_window, path):
    window = make_window(start_engine=False)
    window.resize(1280, 820)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(path)
    qtbot.waitUntil(lambda: len(window.pane.all_items) > 0, timeout=10_000)
    return window


def _visible_span(view) -> tuple[int, int]:
    vp = view.viewport()
    first = view.cursorForPosition(QPoint(0, 0)).position()
    last = view.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
    return first, last


def _underlined_spans(view) -> set[tuple[int, int]]:
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in view.extraSelections()
        if s.format.underlineStyle() != s.format.underlineStyle().NoUnderline
    }


def test_every_finding_on_screen_is_underlined_wherever_you_scroll(
    qtbot, make_window, large_article
):
    window = _open(qtbot, make_window, large_article)
    view = window.view
    findings = [i for i in window.items() if not i.is_comment and i.is_open]
    assert len(findings) > 1000
    # each finding is its own, though every sentence (and so every fingerprint) repeats
    assert len({i.key for i in findings}) == len(findings)
    assert len({view.span_of(i.key) for i in findings}) == len(findings)

    bar = view.verticalScrollBar()
    checked_screens = 0
    for fraction in (0.0, 0.13, 0.5, 0.77, 1.0):
        bar.setValue(int(bar.maximum() * fraction))
        qtbot.wait(30)  # the scroll refresh runs on the next turn of the event loop
        first, last = _visible_span(view)
        on_screen = {
            view.span_of(i.key)
            for i in findings
            if view.span_of(i.key)[1] >= first and view.span_of(i.key)[0] <= last
        }
        assert on_screen, f"no finding between {first} and {last}"
        missing = on_screen - _underlined_spans(view)
        assert not missing, f"at {fraction:.0%}: {len(missing)} of {len(on_screen)} not underlined"
        checked_screens += 1
    assert checked_screens == 5


def test_f8_walks_the_findings_in_text_order_from_the_top(qtbot, make_window, large_article):
    window = _open(qtbot, make_window, large_article)
    view = window.view
    view.moveCursor(QTextCursor.MoveOperation.Start)
    in_order = window._open_keys_in_order()
    spans = [view.span_of(k) for k in in_order]
    assert spans == sorted(spans)
    visited = []
    for _ in range(30):
        window.act_next.trigger()
        visited.append(view.textCursor().selectionStart())
    assert visited[0] == spans[0][0], "F8 from the top goes to the first finding"
    assert visited == sorted(visited) and len(set(visited)) == len(visited)
    assert visited == [s for s, _e in spans[:30]]
    # the first copy's findings come first (it used to land on a byline far down)
    copy_length = len(window.view.text()) // COPIES
    assert visited[0] < copy_length
    window.act_prev.trigger()
    assert view.textCursor().selectionStart() == visited[-2]


def test_a_decision_is_about_the_copy_it_was_made_on(qtbot, make_window, large_article):
    window = _open(qtbot, make_window, large_article)
    items = [i for i in window.items() if not i.is_comment and i.is_open]
    first = items[0]
    twins = [i for i in items if i.rule_id == first.rule_id and i.flagged == first.flagged]
    assert len(twins) >= COPIES
    last = max(twins, key=lambda i: window.view.span_of(i.key))
    window.reject(last.key)
    decided = [s for s in window.session.review.findings if s.decision is Decision.REJECTED]
    assert len(decided) == 1
    assert decided[0].finding.start == max(t.start for t in twins)
    states = {i.key: i.state for i in window.items()}
    assert states[last.key] == "rejected" and states[first.key] == "open"
