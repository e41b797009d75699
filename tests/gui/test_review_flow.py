"""Driving the app as an editor would, against the real LanguageTool server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from tests.gui.conftest import write_article

from editdesk.core.review import Decision, load_review, sidecar_path
from editdesk.gui.offsets import OffsetMap

pytestmark = pytest.mark.integration

TEXT = (
    "Party 🎉 and 𝑥 first. This are a short article about teh editing process.\n"
    "\n"
    "We read every sentence befor publication, and the editors check it again.\n"
)


def wait_for_lt(qtbot, window) -> None:
    qtbot.waitUntil(
        lambda: any(i.rule_id.startswith("lt:") for i in window.items()), timeout=120_000
    )


def item_on(window, word: str):
    hits = [i for i in window.items() if i.flagged == word and not i.is_comment]
    assert hits, f"no finding on {word!r}: {[(i.rule_id, i.flagged) for i in window.items()]}"
    return hits[0]


def test_editor_reviews_signs_off_and_finds_it_all_again(qtbot, make_window, lt_url, tmp_path):
    article = write_article(tmp_path, "process.txt", TEXT)
    window = make_window(lt_url)
    assert window.open_path(article)
    assert window.windowTitle() == "EditDesk — process.txt"
    wait_for_lt(qtbot, window)
    assert "LanguageTool" in window.engine_label.text() and "ready" in window.engine_label.text()
    assert window.session.review.checked_with == ["house", "languagetool"]

    # every underline sits on its words, emoji and 𝑥 before them notwithstanding
    for item in window.items():
        start, end = window.view.span_of(item.key)
        c = window.view.textCursor()
        c.setPosition(start)
        c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert c.selectedText() == item.flagged

    # accept: pick the card, which selects its words, then click a replacement button
    teh = item_on(window, "teh")
    assert "the" in teh.replacements
    row = window.pane.model.row_of(teh.key)
    window.pane.view.setCurrentIndex(window.pane.model.index(row))
    assert window.view.textCursor().selectedText() == "teh"
    buttons = [b for b in window.pane.detail.replacement_buttons() if b.text() == "the"]
    assert buttons
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert "about the editing" in window.view.text()
    assert window.view.document().isUndoAvailable()
    assert window.session.review.state(teh.key).decision == Decision.ACCEPTED
    assert window.session.review.text == window.view.text()
    assert window.session.review.original == TEXT

    # reject another one
    befor = item_on(window, "befor")
    window.reject(befor.key)
    assert window.session.review.state(befor.key).decision == Decision.REJECTED
    assert "befor" in window.view.text()

    # a comment on "editors" and a reply
    text = window.view.text()
    m = OffsetMap(text)
    qs, qe = m.span_to_qt(text.index("editors"), text.index("editors") + len("editors"))
    cursor = window.view.textCursor()
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    comment_id = window.add_comment(qs, qe, "Which editors? Name the desk.")
    assert comment_id
    assert window.pane.current_key() == comment_id
    window.pane.detail.reply_edit.setText("The night desk.")
    qtbot.mouseClick(window.pane.detail.reply_button, Qt.MouseButton.LeftButton)
    comment = window.session.review.comment(comment_id)
    assert [r.text for r in comment.replies] == ["The night desk."]
    assert window.session.review.text[comment.anchor.start : comment.anchor.end] == "editors"

    # sign off: requesting changes needs no reason
    assert window.sign_off("Ann Editor", "copy editor", "changes-requested", "See comments")
    assert window.signoff_panel.state == "current"
    assert "Ann Editor" in window.signoff_panel.status.text()
    edited = window.view.text()
    window.close()

    saved = load_review(article, _read(article))
    assert saved.text == edited
    assert article.read_text(encoding="utf-8") == TEXT  # the article itself is never written
    assert sidecar_path(article).is_file()

    # reopen: everything as it was
    again = make_window(lt_url)
    assert again.open_path(article)
    assert again.view.text() == edited
    review = again.session.review
    assert review.state(teh.key).decision == Decision.ACCEPTED
    assert review.state(befor.key).decision == Decision.REJECTED
    assert [r.text for r in review.comment(comment_id).replies] == ["The night desk."]
    assert again.signoff_panel.state == "current"
    assert any(i.key == comment_id for i in again.items())

    # an edit after the sign-off makes it stale
    c = again.view.textCursor()
    c.movePosition(QTextCursor.MoveOperation.End)
    again.view.setTextCursor(c)
    qtbot.keyClicks(again.view, " More.")
    qtbot.waitUntil(lambda: again.signoff_panel.state == "stale", timeout=5_000)
    assert "Stale" in again.signoff_panel.status.text()


def _read(path):
    from editdesk.core.readers import read_article

    return read_article(path)
