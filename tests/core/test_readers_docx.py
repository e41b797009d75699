"""DOCX reader: text, paragraph kinds and RunSpans against documents built with python-docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from readers_helpers import add_hyperlink, add_tracked, build_docx, prose_maps_back, untouched

from editdesk.core.readers import read_article
from editdesk.core.readers.docx_walk import body_paragraphs, paragraph_runs, run_text


def _rich(doc) -> None:
    doc.add_heading("Astral 😀 title", 0)
    doc.add_heading("Section 𝑥 one", 1)
    p = doc.add_paragraph()
    p.add_run("Bef😀re ")
    p.add_run("mis").bold = True
    p.add_run("spel").italic = True
    p.add_run("led word 𝑥 after.")
    p = doc.add_paragraph("Read ")
    add_hyperlink(p, "the 😀 report", "https://example.org/report")
    p.add_run(" today.")
    doc.add_paragraph("First bullet item", style="List Bullet")
    doc.add_paragraph("")  # empty paragraphs are skipped
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Cell one"
    table.cell(0, 1).text = "Cell 😀 two"
    table.cell(1, 0).text = ""
    table.cell(1, 1).text = "Last cell"
    p = doc.add_paragraph("Kept ")
    add_tracked(p, "inserted words", "deleted words")
    doc.add_heading("Deep heading", 3)


@pytest.fixture()
def rich_docx(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "rich.docx", _rich)


def _paragraph_texts(article) -> list[tuple[str, str, int]]:
    return [(article.text[p.start : p.end], p.kind, p.level) for p in article.paragraphs]


def test_text_and_kinds(rich_docx: Path) -> None:
    article = read_article(rich_docx)
    assert article.format == "docx"
    assert article.path == rich_docx
    assert _paragraph_texts(article) == [
        ("Astral 😀 title", "title", 1),
        ("Section 𝑥 one", "heading", 1),
        ("Bef😀re misspelled word 𝑥 after.", "body", 0),
        ("Read the 😀 report today.", "body", 0),
        ("First bullet item", "list-item", 1),
        ("Cell one", "table-cell", 0),
        ("Cell 😀 two", "table-cell", 0),
        ("Last cell", "table-cell", 0),
        ("Kept inserted words", "body", 0),
        ("Deep heading", "heading", 3),
    ]
    assert article.text == "\n".join(t for t, _, _ in _paragraph_texts(article))
    assert "deleted" not in article.text
    assert prose_maps_back(article) == []


def test_astral_offsets_around_split_runs(rich_docx: Path) -> None:
    article = read_article(rich_docx)
    word = article.text.index("misspelled")
    # Code points, not UTF-16 units: one index per emoji / mathematical x.
    assert article.text[word - 2 : word] == "e "
    assert article.text[word : word + 10] == "misspelled"
    after = article.text.index("after")
    assert article.text[after - 2] == "𝑥"
    line, col = article.line_col(word)
    assert (line, col) == (3, len("Bef😀re ") + 1)


def test_run_spans_cover_the_text_exactly(rich_docx: Path) -> None:
    article = read_article(rich_docx)
    # Reopen the way the exporter does: python-docx, then the shared walk.
    body = Document(str(rich_docx)).element.body
    paragraphs = body_paragraphs(body)
    covered = []
    for span in article.run_spans:
        run = paragraph_runs(paragraphs[span.paragraph])[span.run]
        piece = run_text(run)[span.offset : span.offset + span.end - span.start]
        assert piece == article.text[span.start : span.end]
        covered.append((span.start, span.end))
    # Spans are sorted, do not overlap, and leave out only the paragraph separators.
    assert covered == sorted(covered)
    gaps = []
    pos = 0
    for start, end in covered:
        assert start >= pos
        gaps.extend(range(pos, start))
        pos = end
    gaps.extend(range(pos, len(article.text)))
    assert all(article.text[g] == "\n" for g in gaps)
    assert len(gaps) == len(article.paragraphs) - 1


def test_mid_word_runs_are_separate_spans(rich_docx: Path) -> None:
    article = read_article(rich_docx)
    word = article.text.index("misspelled")
    spans = [s for s in article.run_spans if s.start < word + 10 and s.end > word]
    pieces = [article.text[s.start : s.end] for s in spans]
    assert pieces == ["mis", "spel", "led word 𝑥 after."]
    # The hyperlink's run is a span of its own, inside the same paragraph as its neighbours.
    link = article.text.index("the 😀 report")
    (link_span,) = [s for s in article.run_spans if s.start == link]
    assert article.text[link_span.start : link_span.end] == "the 😀 report"


def test_styles_resolved_through_based_on(tmp_path: Path) -> None:
    def build(doc) -> None:
        custom = doc.styles.add_style("Kicker", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = doc.styles["Heading 2"]
        doc.add_paragraph("Custom heading", style="Kicker")
        doc.add_paragraph("Numbered", style="List Number")
        doc.add_paragraph("Quote-ish body", style="Quote")

    article = read_article(build_docx(tmp_path / "styles.docx", build))
    assert [(p.kind, p.level) for p in article.paragraphs] == [
        ("heading", 2),
        ("list-item", 1),
        ("quote", 1),
    ]


def test_bare_url_masked_in_docx(tmp_path: Path) -> None:
    def build(doc) -> None:
        doc.add_paragraph("See https://example.org/a?b=1 for more.")

    article = read_article(build_docx(tmp_path / "url.docx", build))
    assert article.prose(0).text == "See example.com for more."
    assert prose_maps_back(article) == []


def test_docx_read_leaves_file_alone(rich_docx: Path) -> None:
    with untouched(rich_docx):
        read_article(rich_docx)


def test_first_heading_1_is_the_title_without_a_title_style(tmp_path: Path) -> None:
    def build(doc) -> None:
        doc.add_heading("Headline as Heading 1", 1)
        doc.add_paragraph("Body.")
        doc.add_heading("Another Heading 1", 1)

    article = read_article(build_docx(tmp_path / "h1.docx", build))
    assert [(p.kind, p.level) for p in article.paragraphs] == [
        ("title", 1),
        ("body", 0),
        ("heading", 1),
    ]


@pytest.mark.clients
def test_docx_written_by_pandoc(tmp_path: Path) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc not installed")
    source = tmp_path / "in.md"
    source.write_text(
        "# Big 😀 Title\n\nSome *te*xt with a [link](http://x.org) 𝑥.\n\n## Sub heading\n\n"
        "- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n",
        encoding="utf-8",
    )
    out = tmp_path / "pandoc.docx"
    subprocess.run([pandoc, str(source), "-o", str(out)], check=True, timeout=60)
    article = read_article(out)
    assert _paragraph_texts(article) == [
        ("Big 😀 Title", "title", 1),
        ("Some text with a link 𝑥.", "body", 0),
        ("Sub heading", "heading", 2),
        ("item one", "list-item", 1),
        ("item two", "list-item", 1),
        ("a", "table-cell", 0),
        ("b", "table-cell", 0),
        ("c", "table-cell", 0),
        ("d", "table-cell", 0),
    ]
    body = Document(str(out)).element.body
    paragraphs = body_paragraphs(body)
    for span in article.run_spans:
        run = paragraph_runs(paragraphs[span.paragraph])[span.run]
        piece = run_text(run)[span.offset : span.offset + span.end - span.start]
        assert piece == article.text[span.start : span.end]
