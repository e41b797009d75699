"""Reading comfort in the real window: paragraphs spaced, the headline and
headings in large bold type, Markdown rendered (its syntax hidden, emphasis and
links styled) while every offset stays a source offset, and a legend for the
underline colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from tests.gui.conftest import write_article
from tests.gui.xvfb_underlines import near

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.gui.article_view import SEVERITY_COLOURS

TXT = (
    "Council Shuts The Riverside Library\n"
    "The library closes in April for two years.\n"
    "Surveyors found the roof timbers decayed.\n"
)
MD = (
    "# Library Will Close\n"
    "\n"
    "The **roof timbers** were *far* more decayed, says "
    "[the survey](https://example.org/survey) today.\n"
    "\n"
    "## What happens next\n"
    "\n"
    "Services move to `three` sites.\n"
)


def _open(qtbot, make_window, tmp_path, name: str, text: str):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, name, text))
    return window


def _format_at(view, position: int):
    """The rendered format of the character at ``position`` (a source offset)."""
    block = view.document().findBlock(position)
    offset = position - block.position()
    ranges = block.layout().formats()
    for r in ranges:
        if r.start <= offset < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range list goes away
    return QTextCharFormat(block.charFormat())


def _x(view, position: int) -> int:
    c = QTextCursor(view.document())
    c.setPosition(position)
    return view.cursorRect(c).x()


def _finding(text: str, word: str, nth: int = 0, replacement: str = "") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    f = Finding(
        "house:test", "house", "Style", Severity.ERROR, "Test finding.", start, start + len(word),
        replacements=(replacement,) if replacement else (),
    )
    return with_fingerprint(f, text)


def test_txt_paragraphs_are_spaced_and_the_headline_is_large_and_bold(
    qtbot, make_window, tmp_path
):
    window = _open(qtbot, make_window, tmp_path, "a.txt", TXT)
    view = window.view
    doc = view.document()
    title, first, second = (doc.findBlockByNumber(n) for n in range(3))
    body_size = view.font().pointSizeF()
    fmt = _format_at(view, title.position() + 3)
    assert fmt.fontWeight() == QFont.Weight.Bold and fmt.fontPointSize() > body_size * 1.3
    assert _format_at(view, first.position() + 3).fontPointSize() in (0, body_size)
    # each paragraph's box is taller than its lines: the space below it
    lines = first.layout().boundingRect().height()
    assert view.blockBoundingRect(first).height() >= lines + 6
    top_of_second = view.blockBoundingGeometry(second).translated(view.contentOffset()).top()
    c = QTextCursor(doc)
    c.setPosition(first.position())
    assert top_of_second - view.cursorRect(c).bottom() >= 6, "paragraphs still run together"
    assert view.text() == TXT  # nothing added to the text itself


def test_text_with_blank_lines_gets_no_extra_space(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path, "b.txt", TXT.replace("\n", "\n\n"))
    first = window.view.document().findBlockByNumber(2)
    assert window.view.blockBoundingRect(first).height() == first.layout().boundingRect().height()


def test_markdown_is_rendered_and_its_syntax_hidden(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path, "a.md", MD)
    view = window.view
    assert view.text() == MD  # the source, character for character
    view.setTextCursor(QTextCursor(view.document().lastBlock()))  # away from the lines below
    body = view.font().pointSizeF()

    assert _x(view, MD.index("Library")) - _x(view, 0) <= 2, "'# ' still takes room"
    heading = _format_at(view, MD.index("Library"))
    assert heading.fontWeight() == QFont.Weight.Bold and heading.fontPointSize() > body * 1.3
    sub = _format_at(view, MD.index("What happens"))
    assert body < sub.fontPointSize() < heading.fontPointSize()

    roof = MD.index("roof")
    assert _format_at(view, roof).fontWeight() == QFont.Weight.Bold
    assert _x(view, roof) - _x(view, roof - 2) <= 2, "'**' still shows"
    assert _format_at(view, MD.index("far")).fontItalic()
    link = _format_at(view, MD.index("the survey"))
    assert link.fontUnderline() and link.foreground().color().name() == "#1a5fb4"
    url = MD.index("](https")
    today = MD.index(" today")
    assert _x(view, today) - _x(view, url) <= 3, "the link's address still shows"
    assert _format_at(view, MD.index("three")).fontFixedPitch()


def test_the_cursors_line_shows_its_markdown_syntax(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path, "a.md", MD)
    view = window.view
    line = MD.index("The **roof")
    hidden_width = _x(view, line + 6) - _x(view, line + 4)
    cursor = view.textCursor()
    cursor.setPosition(line + 1)
    view.setTextCursor(cursor)
    assert _x(view, line + 6) - _x(view, line + 4) > hidden_width + 6, "'**' not shown"
    assert _format_at(view, line + 4).foreground().color().name() == "#9aa0a6"  # dimmed
    cursor.setPosition(len(MD) - 1)
    view.setTextCursor(cursor)
    assert _x(view, line + 6) - _x(view, line + 4) == hidden_width  # hidden again


def test_findings_underline_their_source_words_in_rendered_markdown(
    qtbot, make_window, tmp_path
):
    window = _open(qtbot, make_window, tmp_path, "a.md", MD)
    view = window.view
    findings = [_finding(MD, "timbers"), _finding(MD, "survey", nth=1), _finding(MD, "sites")]
    window.session.sync_findings(findings)
    window.refresh_items()
    view.setTextCursor(QTextCursor(view.document().lastBlock()))
    underlined = {
        MD[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in view.extraSelections()
        if s.format.underlineColor() == SEVERITY_COLOURS["error"]
    }
    assert underlined == {"timbers", "survey", "sites"}
    # drawn under the rendered word: the underline colour appears below "timbers"
    start, end = MD.index("timbers"), MD.index("timbers") + len("timbers")
    c = QTextCursor(view.document())
    c.setPosition(start)
    rect = view.cursorRect(c)
    image = view.viewport().grab().toImage()
    red = SEVERITY_COLOURS["error"].getRgb()[:3]
    hits = 0
    for x in range(rect.x() + 2, _x(view, end) - 2):
        for y in range(rect.top(), rect.bottom() + 4):
            if near(image.pixelColor(x, y).getRgb()[:3], red):
                hits += 1
    assert hits > 5, "no underline under the rendered word"


def test_typing_and_accepting_in_rendered_markdown_edit_the_source(
    qtbot, make_window, tmp_path
):
    window = _open(qtbot, make_window, tmp_path, "a.md", MD)
    view = window.view
    view.setTextCursor(QTextCursor(view.document().lastBlock()))
    # click just before the rendered word "today" (the link's address is hidden
    # before it) and type there
    at = MD.index("today")
    c = QTextCursor(view.document())
    c.setPosition(at)
    rect = view.cursorRect(c)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.textCursor().position() in (at, at - 1, at + 1)
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(at)
    view.setTextCursor(cursor)
    qtbot.keyClicks(view, "late ")
    window._sync_from_editor()
    expected = MD.replace("survey) today", "survey) late today")
    assert window.session.review.text == expected

    # accepting a replacement inside bold text keeps the Markdown around it
    text = window.session.review.text
    window.session.sync_findings([_finding(text, "timbers", replacement="beams")])
    window.refresh_items()
    key = next(i.key for i in window.items() if not i.is_comment)
    window.accept(key, "beams")
    assert "The **roof beams** were *far*" in window.session.review.text
    assert view.text() == window.session.review.text
    assert _format_at(view, view.text().index("beams")).fontWeight() == QFont.Weight.Bold


MD_LINES = (
    "Library Will Close\n"
    "==================\n"
    "\n"
    "The roof was *far more\n"
    "decayed* than thought, and **the whole\n"
    "east wing** must shut.\n"
    "\n"
    "What happens next\n"
    "-----------------\n"
    "\n"
    "Services move.\n"
)


def test_markdown_emphasis_across_lines_and_setext_headings(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path, "lines.md", MD_LINES)
    view = window.view
    assert view.text() == MD_LINES
    view.setTextCursor(QTextCursor(view.document().lastBlock()))
    body = view.font().pointSizeF()

    title = _format_at(view, MD_LINES.index("Library"))
    assert title.fontWeight() == QFont.Weight.Bold and title.fontPointSize() > body * 1.3
    sub = _format_at(view, MD_LINES.index("What happens"))
    assert body < sub.fontPointSize() < title.fontPointSize()
    underline = MD_LINES.index("-----")
    assert _x(view, underline + 10) - _x(view, underline) <= 3, "the --- line still shows"
    assert not _format_at(view, MD_LINES.index("Services")).fontPointSize() > body

    for word in ("far", "more", "decayed"):  # the emphasis runs onto the next line
        assert _format_at(view, MD_LINES.index(word)).fontItalic(), word
    assert not _format_at(view, MD_LINES.index("than")).fontItalic()
    for word in ("whole", "east", "wing"):
        assert _format_at(view, MD_LINES.index(word)).fontWeight() == QFont.Weight.Bold, word
    assert _format_at(view, MD_LINES.index("must")).fontWeight() != QFont.Weight.Bold
    star = MD_LINES.index("* than")
    assert _x(view, star + 1) - _x(view, star) <= 2, "the closing * still shows"


def test_editing_one_line_restyles_the_rest_of_its_paragraph(qtbot, make_window, tmp_path):
    window = _open(qtbot, make_window, tmp_path, "lines.md", MD_LINES)
    view = window.view
    # delete the closing * on the second line: the first line's *far more is no
    # longer emphasis either
    star = MD_LINES.index("* than")
    cursor = view.textCursor()
    cursor.setPosition(star)
    cursor.setPosition(star + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    view.setTextCursor(QTextCursor(view.document().lastBlock()))
    qtbot.waitUntil(lambda: not _format_at(view, MD_LINES.index("far")).fontItalic())
    window._sync_from_editor()
    assert window.session.review.text == MD_LINES.replace("decayed* than", "decayed than")

    # type a === line under a paragraph: it becomes a heading
    services = view.text().index("Services move.")
    cursor.setPosition(services + len("Services move."))
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClicks(view, "===")
    view.setTextCursor(QTextCursor(view.document().firstBlock()))
    qtbot.waitUntil(
        lambda: _format_at(view, services).fontPointSize() > view.font().pointSizeF() * 1.3
    )
    window._sync_from_editor()
    assert window.session.review.text.endswith("Services move.\n===\n")


def test_docx_headings_are_styled(qtbot, make_window, tmp_path):
    from docx import Document

    doc = Document()
    doc.add_heading("Library Will Close", level=0)
    p = doc.add_paragraph("The library ")
    p.add_run("closes").bold = True
    p.add_run(" in ")
    p.add_run("April").italic = True
    p.add_run(".")
    doc.add_heading("What happens next", level=1)
    doc.add_paragraph("Services move to three sites.")
    path = tmp_path / "a.docx"
    doc.save(path)
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(path)
    view = window.view
    text = view.text()
    body = view.font().pointSizeF()
    title = _format_at(view, text.index("Library"))
    sub = _format_at(view, text.index("What happens"))
    assert title.fontWeight() == QFont.Weight.Bold and title.fontPointSize() > sub.fontPointSize()
    assert sub.fontWeight() == QFont.Weight.Bold and sub.fontPointSize() > body
    assert _format_at(view, text.index("library")).fontPointSize() in (0, body)
    c = QTextCursor(view.document())
    c.setPosition(text.index("closes") + 1)
    assert c.charFormat().fontWeight() == QFont.Weight.Bold
    c.setPosition(text.index("April") + 1)
    assert c.charFormat().fontItalic() and c.charFormat().fontWeight() != QFont.Weight.Bold
    c.setPosition(text.index(" in ") + 2)  # (the format of the character before)
    assert c.charFormat().fontWeight() != QFont.Weight.Bold
    # typing inside the bold word edits the source text there, and stays bold
    c.setPosition(text.index("closes") + 3)
    view.setTextCursor(c)
    qtbot.keyClicks(view, "X")
    window._sync_from_editor()
    assert window.session.review.text == text.replace("closes", "cloXses")
    c.setPosition(text.index("closes") + 4)
    assert c.charFormat().fontWeight() == QFont.Weight.Bold
    block = view.document().findBlock(text.index("The library"))
    assert view.blockBoundingRect(block).height() > block.layout().boundingRect().height()


def test_the_status_bar_explains_the_underline_colours(qtbot, make_window):
    window = make_window(start_engine=False)
    legend = window.legend
    assert legend.isVisible()
    html = legend.text()
    for name, colour in SEVERITY_COLOURS.items():
        assert name in html and colour.name() in html


def test_markdown_after_an_emoji_is_styled_on_its_own_words(qtbot, make_window, tmp_path):
    # An emoji is one code point but two UTF-16 units: the styles must not slide left.
    text = "Fans 🎉 cheered **loudly** and *long* today.\n"
    window = _open(qtbot, make_window, tmp_path, "emoji.md", text)
    view = window.view
    view.setTextCursor(QTextCursor(view.document().lastBlock()))

    def qt(py: int) -> int:
        return py + 1  # one astral character before every word looked at

    loudly = text.index("loudly")
    assert all(
        _format_at(view, qt(i)).fontWeight() == QFont.Weight.Bold
        for i in range(loudly, loudly + len("loudly"))
    )
    assert _format_at(view, qt(text.index(" and"))).fontWeight() != QFont.Weight.Bold
    long_ = text.index("long")
    assert _format_at(view, qt(long_ + 3)).fontItalic()
    assert not _format_at(view, qt(long_ + 4)).fontItalic()
    assert _x(view, qt(loudly)) - _x(view, qt(loudly - 2)) <= 2, "'**' still shows"
