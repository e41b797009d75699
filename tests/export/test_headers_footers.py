"""Header and footer words are read, checked and marked up: tracked changes in
their own parts, comments about them on the body's first paragraph with a line
saying where (Word offers no comments there and LibreOffice refuses to open a
DOCX with one), and everything comes back when the file is read again."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_corpus import FOOTER, HEADER, headers_footers
from ooxml_checks import check_structure
from test_corpus_round_trip import _comment_count, _findings
from views import signature, story, texts, view

from editdesk.core.readers import article_for_text, read_article
from editdesk.core.review.model import Anchor, Comment, Review, sha256_text
from editdesk.export import export_docx, import_review


def _parts(path: Path, pattern: str) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist() if re.fullmatch(pattern, n)}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path, Review]:
    return export_headers_case(tmp_path)


def export_headers_case(tmp_path: Path) -> tuple[Path, Path, Review]:
    """An edit in the footer, a comment and a finding on header words."""
    src = headers_footers(tmp_path / "hf.docx")
    article = read_article(src)
    edited = article.text.replace("Printed for", "Issued to")
    review = Review(str(src), article.text, edited, sha256_text(article.text))
    at = edited.index("colour committee")
    review.comments.append(
        Comment("c1", Anchor.on(edited, at, at + 6), "Jane Editor", "2026-11-28T10:00:00Z",
                "Which colour?")
    )
    out = tmp_path / "hf.reviewed.docx"
    found = _findings(article_for_text(article, edited))
    export_docx(article, review, found, out, author="Jane Editor")
    return src, out, review


def test_header_and_footer_words_are_read_and_checked(tmp_path: Path) -> None:
    article = read_article(headers_footers(tmp_path / "hf.docx"))
    lines = article.text.split("\n")
    assert lines[:3] == ["Wall Repairs", lines[1], "Members agreed that the budget was adequate."]
    # Each part once, in the order the sections name them: the default header,
    # the footer (its PAGE field's text too), the first-page and even-page
    # headers, the second section's header.
    assert lines[3:] == [HEADER, FOOTER + ", page 1", "Draft for the colour committee", HEADER,
                         "Appendix: the wall in numbers"]
    kinds = [p.kind for p in article.paragraphs[3:]]
    assert kinds == ["header", "footer", "header", "header", "header"]
    found = _findings(article)
    repeated = [f for f in found if f.id == "house:repeated-word"]
    assert [article.text[f.start : f.end] for f in repeated] == ["the the", "the the"]
    assert repeated[0].start > article.text.index(HEADER)
    # The even-page header repeats the default one: page furniture, no duplicate.
    assert not [f for f in found if f.id == "house:duplicate-paragraph"]


def test_changes_sit_in_the_footer_and_comments_on_the_body(exported) -> None:
    src, out, review = exported
    check_structure(out)
    footer = _parts(out, r"word/footer\d*\.xml")
    (footer_xml,) = footer.values()
    assert re.search(r"<w:del [^>]*><w:r><w:delText[^>]*>Printed</w:delText>", footer_xml)
    assert re.search(r"<w:ins [^>]*><w:r><w:t>Issued</w:t>", footer_xml)
    for name, xml in _parts(out, r"word/(header|footer)\d*\.xml").items():
        assert "comment" not in xml, name
    comments = _parts(out, r"word/comments\.xml")["word/comments.xml"]
    said = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments)
    assert said.count("In the header: “the the”") == 2 and "In the header: “colour”" in said
    # Exact views over every part: Reject All is the input, Accept All the review.
    assert signature(view(*story(out), accept=False)) == signature(view(*story(src), accept=False))
    accepted = [t for t in texts(view(*story(out), accept=True)) if t.strip()]
    assert "\n".join(accepted) == review.text


def test_comments_about_the_header_come_back_on_its_words(tmp_path: Path, exported) -> None:
    _, out, review = exported
    assert read_article(out).text == review.text
    back = import_review(out)
    assert back.text == review.text
    note = next(c for c in back.comments if c.text == "Which colour?")
    assert back.text[note.anchor.start : note.anchor.end] == "colour"
    assert note.anchor.start > back.text.index("Draft for")
    # The even-page copy's finding has the same fingerprint (the same words around
    # it) and still comes back as its own finding, on its own words.
    repeated = [fs.finding for fs in back.findings if fs.finding.id == "house:repeated-word"]
    assert [back.text[f.start : f.end] for f in repeated] == ["the the", "the the"]
    first = back.text.index(HEADER)
    second = back.text.index(HEADER, first + 1)
    offset = len("Harbour Report: ")
    assert [f.start for f in repeated] == [first + offset, second + offset]
    # Re-exported twice with a fresh check: the comments are kept, not doubled.
    counts = []
    current = out
    for n in range(2):
        article = read_article(current)
        nxt = tmp_path / f"again{n}.docx"
        export_docx(article, import_review(current), _findings(article), nxt, author="Jane Editor")
        check_structure(nxt)
        counts.append(_comment_count(nxt))
        current = nxt
    assert counts[0] == counts[1] <= _comment_count(out)
    again = import_review(current)
    assert [c.text for c in again.comments] == ["Which colour?"]
    assert [c.text for c in again.comments if c.text.startswith("In the")] == []


@pytest.mark.clients
def test_libreoffice_reads_the_footer_change_and_the_header_comments(
    tmp_path: Path, exported
) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    _, out, _ = exported
    subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(out)],
        capture_output=True, timeout=300, check=True,
    )
    with zipfile.ZipFile(tmp_path / "odt" / "hf.reviewed.odt") as z:
        styles = z.read("styles.xml").decode()
        content = z.read("content.xml").decode()
    footer = re.search(r"<style:footer>.*?</style:footer>", styles, re.S).group(0)
    assert re.search(r"<text:deletion>.*?>Printed</text:p>", footer)
    assert "Issued" in footer
    assert "In the header: “the the”" in content and "Which colour?" in content

