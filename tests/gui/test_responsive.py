"""The GUI thread stays free: checking happens in the worker process, and a keystroke
does no whole-article work (that waits until typing stops, once per burst).

Structural, not timed: how long the GUI thread stalls is measured by
bench/gui_stall.py (timings belong to bench/, and this machine is shared).
"""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from tests.gui.conftest import write_article

from editdesk.core.checks import runner as check_runner


def _long_article() -> str:
    para = (
        "Editors reads every sentence befor it goes out, and they checks the facts twice. "
        "The the desk keeps a list of words that writers often get wrong, like teh and recieve. "
        "A sentence with 🎉 and 𝑥 in it still needs its commas in the right place, dont it."
    )
    return "\n\n".join(f"{i}. {para}" for i in range(60)) + "\n"


@pytest.mark.integration
def test_the_check_runs_in_the_worker_while_the_gui_thread_turns(
    qtbot, make_window, lt_url, tmp_path, monkeypatch
):
    # a cold result cache, so that LanguageTool really works during the check
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    in_gui_process: list[str] = []
    real_check = check_runner.CheckRunner.check

    def recorded(self, *args, **kwargs):
        in_gui_process.append("check")
        return real_check(self, *args, **kwargs)

    # The worker is a spawned process: this patch exists only in the GUI's process.
    monkeypatch.setattr(check_runner.CheckRunner, "check", recorded)
    window = make_window(lt_url)
    qtbot.waitUntil(lambda: window.engine.state == "ready", timeout=60_000)
    article = write_article(tmp_path, "long.txt", _long_article())
    assert window.open_path(article)
    assert window.scheduler.busy  # submitted: open_path returned before the check ended
    turns = []
    qtbot.waitUntil(lambda: turns.append(1) or not window.scheduler.busy, timeout=120_000)
    qtbot.waitUntil(
        lambda: sum(i.rule_id.startswith("lt:") for i in window.items()) > 60, timeout=120_000
    )
    assert len(turns) > 1, "the event loop did not turn while the worker checked"
    assert in_gui_process == []


class Calls:
    """How often whole-article steps run (each counted where it is called from)."""

    def __init__(self, monkeypatch, window) -> None:
        self.counts: dict[str, int] = {}
        from editdesk.gui import check_loop

        for owner, name in (
            (window.view, "set_items"),
            (window.view, "set_changes"),
            (window.pane, "set_items"),
            (window.session, "sync_text"),
            (window.session, "sync_findings"),
            (window.scheduler, "submit"),
        ):
            self._count(monkeypatch, owner, name, f"{type(owner).__name__}.{name}")
        self._count(monkeypatch, check_loop, "build_items", "build_items")

    def _count(self, monkeypatch, owner, name, label) -> None:
        real = getattr(owner, name)
        self.counts[label] = 0

        def counted(*args, **kwargs):
            self.counts[label] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    def total(self) -> int:
        return sum(self.counts.values())


def test_a_keystroke_does_no_whole_article_work(qtbot, make_window, tmp_path, monkeypatch):
    text = _long_article() * 6  # ~9,000 words, house style only
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "long.txt", text))
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(len(view.text()) // 2)
    view.setTextCursor(cursor)
    view.setFocus()
    calls = Calls(monkeypatch, window)

    typed = "and so on "
    for ch in typed:  # keystrokes as Qt delivers them, the event loop not turning between
        QTest.keyClick(view, ch)
    assert calls.total() == 0, calls.counts  # per keystroke: the editor's own work only
    assert window.sync_timer.isActive() and window.check_timer.isActive()  # put off

    with qtbot.waitSignal(window.checked, timeout=60_000):
        pass  # typing stopped: the sync, the check and its results, once for the burst
    assert typed in window.session.review.text
    assert calls.counts == {
        "ArticleView.set_items": 1,
        "ArticleView.set_changes": 1,
        "CommentsPane.set_items": 1,
        "ReviewSession.sync_text": 1,
        "ReviewSession.sync_findings": 1,
        "CheckScheduler.submit": 1,
        "build_items": 1,
    }, calls.counts


def test_the_autosave_writes_the_sidecar_in_another_process(
    qtbot, make_window, tmp_path, monkeypatch
):
    # A save in a thread of the GUI's process held Python's lock against the GUI
    # thread (bench/gui_stall.py); the save process has its own.
    from editdesk.core.review import read_sidecar, sidecar_path
    from editdesk.service import review_session

    in_gui_process: list[str] = []
    real_save = review_session.save_review_merging  # what write_snapshot calls
    monkeypatch.setattr(
        review_session,
        "save_review_merging",
        lambda *a, **k: in_gui_process.append("save") or real_save(*a, **k),
    )
    article = write_article(tmp_path, "saved.txt", _long_article())
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(article)
    assert window.add_comment(0, 2, "Check the numbering")
    with qtbot.waitSignal(window.review_saved, timeout=30_000):
        pass  # the autosave, ~500 ms after the change
    assert in_gui_process == []
    saved = read_sidecar(sidecar_path(article))
    assert [c.text for c in saved.comments] == ["Check the numbering"]
    assert saved.findings and len(saved.findings) == len(window.session.review.findings)
    assert window.session.review.sidecar_sha256 == saved.sidecar_sha256
    assert not window.session.dirty


def test_the_autosave_waits_while_keys_arrive(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "typed.txt", _long_article()))
    started: list[int] = []
    real_start = window.saver.start
    monkeypatch.setattr(
        window.saver, "start", lambda *a: started.append(1) or real_start(*a)
    )
    view = window.view
    view.setFocus()
    QTest.keyClick(view, "x")
    window.autosave()  # its timer fired while the editor is still taking keys
    assert started == [] and window.save_timer.isActive()  # put off, not dropped
    with qtbot.waitSignal(window.review_saved, timeout=30_000):
        pass  # the pause came: saved once, with the typed text
    assert started == [1]
    assert "x" in window.session.review.text


@pytest.mark.integration
def test_an_autosave_never_writes_over_a_review_saved_elsewhere(qtbot, make_window, tmp_path):
    # Another window or `editdesk review` saves the same review between two autosaves:
    # the first autosave after it merges, and no later save may write over what it added.
    from editdesk.core.review import read_sidecar, sidecar_path
    from editdesk.service.review_session import ReviewSession

    article = write_article(tmp_path, "shared.txt", _long_article())
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(article)

    def comment_and_autosave(text: str) -> None:
        assert window.add_comment(0, 2, text)
        with qtbot.waitSignal(window.review_saved, timeout=30_000):
            pass

    def on_disk() -> list[str]:
        return sorted(c.text for c in read_sidecar(sidecar_path(article)).comments)

    comment_and_autosave("First")
    other, _ = ReviewSession.open(article)
    other.add_comment(3, 9, "From the other desk", "Sam Okafor")
    assert other.save()
    comment_and_autosave("Second")
    assert on_disk() == ["First", "From the other desk", "Second"]
    comment_and_autosave("Third")
    assert on_disk() == ["First", "From the other desk", "Second", "Third"]
    window.add_comment(0, 2, "Fourth")
    assert window.save_review()  # Ctrl+S, in the window's process: it takes theirs in
    assert on_disk() == ["First", "Fourth", "From the other desk", "Second", "Third"]
    assert "From the other desk" in [c.text for c in window.session.review.comments]
