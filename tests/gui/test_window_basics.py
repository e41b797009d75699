"""Window basics: title, drop to open, the comment shortcut, About, stale results,
and that only looking at an article writes nothing beside it."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.review import sidecar_path
from editdesk.gui.comment_dialog import CommentDialog

TEXT = "An article with 🎉 a few words in it.\n\nAnd a second paragraph.\n"


def test_drop_a_file_to_open_it(qtbot, make_window, tmp_path):
    article = write_article(tmp_path, "dropped.txt", TEXT)
    window = make_window(start_engine=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.windowTitle() == "EditDesk — dropped.txt"
    assert window.view.text() == TEXT


def test_ctrl_alt_m_comments_on_the_selection(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "c.txt", TEXT))
    monkeypatch.setattr(
        CommentDialog, "get_text", classmethod(lambda *a, **k: ("Which words?", True))
    )
    start = TEXT.index("a few") + 1  # the emoji before counts two UTF-16 units
    c = window.view.textCursor()
    c.setPosition(start)
    c.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(c)
    # the shortcut is the window's (Word's Ctrl+Alt+M); offscreen windows are not
    # reliably active for key delivery, so trigger the action it is bound to
    assert QKeySequence("Ctrl+Alt+M") in window.act_comment.shortcuts()
    window.act_comment.trigger()
    [comment] = window.session.review.comments
    assert (comment.text, comment.anchor.quote) == ("Which words?", "a few")


def test_about_names_the_versions(make_window, dialogs):
    window = make_window(start_engine=False)
    window.about()
    kind, title, text = dialogs[-1]
    assert kind == "about" and "EditDesk 0." in text and "Qt: 6." in text
    assert "LanguageTool: not running" in text


def test_results_for_old_text_are_dropped(qtbot, make_window, tmp_path):
    window = make_window(start_engine=False)
    assert window.open_path(write_article(tmp_path, "s.txt", TEXT))
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    window.view.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.view, "We saw the the river.")
    old = window.revision - 1
    from editdesk.core.checks.runner import CheckResult

    window._check_done(old, CheckResult([], "en-GB"))  # a late answer for older text
    assert window.session.review.text != window.view.text() or window.revision != old
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    hits = [i for i in window.items() if i.flagged.casefold() == "the the"]
    assert hits and window.session.review.text == window.view.text()
    s, e = window.view.span_of(hits[0].key)
    c = window.view.textCursor()
    c.setPosition(s)
    c.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
    assert c.selectedText() == "the the"


def test_looking_writes_nothing_but_acting_saves(qtbot, make_window, tmp_path):
    article = write_article(tmp_path, "look.txt", TEXT)
    window = make_window(start_engine=False)
    assert window.open_path(article)
    with qtbot.waitSignal(window.checked, timeout=10_000):
        pass
    window.close()
    assert not sidecar_path(article).exists()
    again = make_window(start_engine=False)
    assert again.open_path(article)
    assert again.add_comment(0, 2, "Good start")
    with qtbot.waitSignal(again.review_saved, timeout=5_000):
        pass  # saved on its own, ~500 ms after the change
    assert sidecar_path(article).exists()
