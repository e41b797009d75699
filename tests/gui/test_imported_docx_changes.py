"""A DOCX with pending tracked changes opened in the app shows them as the
editor's changes (All Markup), and still does after the review is saved and the
file reopened: the review is not moved onto the file, which did not change."""

from __future__ import annotations

import docx
from docx.oxml.parser import parse_xml
from PySide6.QtGui import QColor

from editdesk.core.review import sidecar_path
from editdesk.gui.article_view import DELETION_COLOUR, INSERTION_COLOUR, change_tooltip

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WHO = 'w:author="Will Writer" w:date="2026-11-30T09:00:00Z"'


def _with_pending_changes(path):
    """A writer's DOCX with a replacement and a deletion still tracked."""
    d = docx.Document()
    d.add_paragraph("Harbour Report")
    p = d.add_paragraph("The wall is ")
    for xml in (
        f'<w:del {W} w:id="11" {WHO}><w:r><w:delText>very </w:delText></w:r></w:del>',
        f'<w:ins {W} w:id="12" {WHO}><w:r><w:t>quite </w:t></w:r></w:ins>',
        f"<w:r {W}><w:t>old, and the stones are loose.</w:t></w:r>",
    ):
        p._p.append(parse_xml(xml))
    p = d.add_paragraph("Members agreed ")
    for xml in (
        f'<w:del {W} w:id="13" {WHO}><w:r><w:delText>again and again </w:delText></w:r></w:del>',
        f"<w:r {W}><w:t>that the budget was adequate.</w:t></w:r>",
    ):
        p._p.append(parse_xml(xml))
    d.save(str(path))
    return path


def _count(image, colour: QColor) -> int:
    return sum(
        image.pixelColor(x, y) == colour
        for y in range(image.height())
        for x in range(image.width())
    )


def _shows_the_changes(window) -> None:
    view = window.view
    assert view.markup == "all"
    spans = view.change_spans()
    assert sorted(ch.kind for _s, _e, ch in spans) == ["deletion", "replacement"]
    tips = [change_tooltip(ch) for _s, _e, ch in spans]
    assert any("Replaced “very” with “quite”" in t and "Will Writer" in t for t in tips), tips
    assert any("Deleted “again and again”" in t for t in tips), tips
    text = view.toPlainText()
    inserted = {
        text[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in view.extraSelections()
        if s.format.foreground().color() == INSERTION_COLOUR
    }
    assert inserted == {"quite"}
    image = view.viewport().grab().toImage()
    assert _count(image, DELETION_COLOUR) > 5, "the deletion is not marked"


def test_pending_changes_show_as_changes_after_save_and_reopen(qtbot, make_window, tmp_path):
    path = _with_pending_changes(tmp_path / "writer.docx")
    window = make_window(start_engine=False)
    window.settings.reviewer = "Ann Editor"
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(path)
    _shows_the_changes(window)
    at = window.view.toPlainText().index("Harbour")
    assert window.add_comment(at, at + len("Harbour"), "Which harbour?")
    assert window.save_review() and sidecar_path(path).is_file()
    window.close()

    again = make_window(start_engine=False)
    with qtbot.waitSignal(again.checked, timeout=60_000):
        assert again.open_path(path)
    assert "changed on disk" not in again.statusBar().currentMessage()
    assert again.session.review.rebased_on_load is None
    _shows_the_changes(again)
    comments = [i for i in again.items() if i.is_comment]
    assert [c.message for c in comments] == ["Which harbour?"]
