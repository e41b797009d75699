"""Markdown articles become clean DOCX with real styles, and every run maps
back to the exact Markdown source characters it shows."""

from __future__ import annotations

from pathlib import Path

from export_samples import finding, review_with_edits
from ooxml_checks import body_text, check_structure, q

from editdesk.core.readers import read_article
from editdesk.core.readers.docx_walk import body_paragraphs, paragraph_runs, run_text
from editdesk.export import export_docx, import_review
from editdesk.export.from_text import markdown_document

SOURCE = """# Harbour Report

The committee met on *Monday* to **discus the colour** of the [new wall](https://example.org/wall).
It was `agreed` that costs\\* would rise &amp; fall.

## Next steps

- Ask the the council
- Write a report

1. First item
2. Second item

> A quoted remark about colour.

| Item | Cost |
|------|------|
| Wall | Twelve |

```
code line one
```
"""


def _styles_by_text(document) -> dict[str, str]:
    return {p.text: p.style.name for p in document.paragraphs if p.text}


def test_markdown_gets_real_styles_and_links() -> None:
    document, _ = markdown_document(SOURCE)
    styles = _styles_by_text(document)
    assert styles["Harbour Report"] == "Title"
    assert styles["Next steps"] == "Heading 2"
    assert styles["Ask the the council"] == "List Bullet"
    assert styles["First item"] == "List Number"
    assert styles["A quoted remark about colour."] == "Quote"
    body = document.element.body
    runs = {"".join(t.text for t in r.iter(q("t"))): r for r in body.iter(q("r"))}
    assert runs["Monday"].find(f"{q('rPr')}/{q('i')}") is not None
    assert runs["discus the colour"].find(f"{q('rPr')}/{q('b')}") is not None
    link = next(body.iter(q("hyperlink")))
    rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert document.part.rels[rid].target_ref == "https://example.org/wall"
    assert "".join(t.text for t in link.iter(q("t"))) == "new wall"
    table = document.tables[0]
    assert table.cell(1, 1).text == "Twelve"


def test_every_run_maps_to_its_source_characters() -> None:
    document, spans = markdown_document(SOURCE)
    paragraphs = body_paragraphs(document.element.body)
    assert spans
    for span in spans:
        run = paragraph_runs(paragraphs[span.paragraph])[span.run]
        shown = run_text(run)[span.offset : span.offset + span.end - span.start]
        source = SOURCE[span.start : span.end]
        # a soft line break is shown as a space, a hard one as a line break
        assert shown == source or (source == "\n" and shown in " \n"), (shown, source)
    covered = {i for s in spans for i in range(s.start, s.end)}
    for word in ("Monday", "discus", "new wall", "Twelve", "council", "code line one"):
        at = SOURCE.index(word)
        assert set(range(at, at + len(word))) <= covered, word


def test_markdown_edits_and_comments_land_on_their_words(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(SOURCE, encoding="utf-8")
    article = read_article(path)
    review = review_with_edits(
        article.text,
        {"discus": "discuss", "the the": "the", "Twelve": "12", "new wall": "old wall"},
    )
    f = finding(review.text, "Monday", "house:day-names", "Avoid day names.")
    out = tmp_path / "report.reviewed.docx"
    export_docx(article, review, [f], out)
    xml = check_structure(out)
    accepted = body_text(xml["word/document.xml"], accepted=True)
    rejected = body_text(xml["word/document.xml"], accepted=False)
    assert "discuss the colour" in accepted and "Ask the council" in accepted
    assert "old wall" in accepted and "12" in accepted
    assert "discus the colour" in rejected and "Ask the the council" in rejected
    back = import_review(out)
    day = next(fs.finding for fs in back.findings if fs.finding.message == "Avoid day names.")
    assert back.text[day.start : day.end] == "Monday"
    editor = next(c for c in back.comments if c.author == "Jane Editor")
    assert back.text[editor.anchor.start : editor.anchor.end] == "discuss"
