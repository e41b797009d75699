"""How one Markdown source line renders: syntax spans and styled spans (no Qt)."""

from __future__ import annotations

from editdesk.gui.markdown_spans import SYNTAX, line_style


def _styled(line: str) -> tuple[int, set[tuple[str, str]]]:
    style = line_style(line)
    return style.heading, {(s.style, line[s.start : s.end]) for s in style.spans}


def test_heading_marks_are_syntax():
    level, spans = _styled("## What happens next ##")
    assert level == 2
    assert spans == {(SYNTAX, "## "), (SYNTAX, " ##")}


def test_emphasis_links_and_code():
    line = 'A **big** *red* [link](https://x.org/a "t") and `code`, ~~gone~~.'
    level, spans = _styled(line)
    assert level == 0
    assert {("strong", "big"), ("em", "red"), ("link", "link"), ("code", "code")} <= spans
    assert ("strike", "gone") in spans
    assert (SYNTAX, '](https://x.org/a "t")') in spans
    syntax = [line[s.start : s.end] for s in line_style(line).spans if s.style == SYNTAX]
    assert syntax.count("**") == 2 and syntax.count("`") == 2


def test_what_reads_as_itself_is_not_hidden():
    line = "See https://example.org/x, <https://a.org> and ![a chart](c.png) or 2 * 3 * 4."
    _level, spans = _styled(line)
    hidden = {text for style, text in spans if style == SYNTAX}
    assert hidden == set()
    assert ("link", "<https://a.org>") in spans
    assert ("image", "![a chart](c.png)") in spans


def test_list_bullets_and_quotes_stay_visible():
    _level, spans = _styled("- an *item*")
    assert spans == {(SYNTAX, "*"), ("em", "item")}
    _level, spans = _styled("> a quote")
    assert spans == {("quote", "> ")}


def test_escapes_hide_their_backslash():
    _level, spans = _styled(r"Not \*emphasis\* here")
    assert spans == {(SYNTAX, "\\")}


def _paragraph(*lines: str) -> list[tuple[int, set[tuple[str, str]]]]:
    from editdesk.gui.markdown_spans import paragraph_styles

    return [
        (st.heading, {(s.style, line[s.start : s.end]) for s in st.spans})
        for line, st in zip(lines, paragraph_styles(lines), strict=True)
    ]


def test_a_paragraph_is_styled_as_one_across_its_line_breaks():
    assert _paragraph("It was *far", "worse* than ~~they", "said~~.") == [
        (0, {(SYNTAX, "*"), ("em", "far")}),
        (0, {(SYNTAX, "*"), ("em", "worse"), (SYNTAX, "~~"), ("strike", "they")}),
        (0, {(SYNTAX, "~~"), ("strike", "said")}),
    ]
    # list items and ATX headings are paragraphs of their own
    assert _paragraph("- a *b", "- c* d") == [(0, set()), (0, set())]
    assert _paragraph("# A *b", "c* d")[0] == (1, {(SYNTAX, "# ")})


def test_setext_underlines_make_headings_only_under_plain_lines():
    assert _paragraph("Big news", "====") == [(1, set()), (1, {(SYNTAX, "====")})]
    assert _paragraph("Two lines of", "a title", "---") == [
        (2, set()), (2, set()), (2, {(SYNTAX, "---")})
    ]
    assert _paragraph("---") == [(0, set())]  # a rule on its own, not a heading
    assert _paragraph("- item", "---")[0] == (0, set())
    assert _paragraph("> quoted", "===")[0][0] == 0
