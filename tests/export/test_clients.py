"""Real clients read the export: pandoc (accept / reject / all) and LibreOffice
(ODT with tracked changes and annotations, PDF with comments)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from export_samples import finding, review_with_edits, rich_docx

from editdesk.core.findings import Severity
from editdesk.core.readers import read_article
from editdesk.export import export_docx, import_review

pytestmark = pytest.mark.clients

TXT = (
    "Harbour Report\n\n"
    "The committee met on Monday to discus the colour of the new harbour wall.\n\n"
    "Members agreed that the the budget was adequate, and they will meet again soon."
)
EDITS = {"discus": "discuss", "the the": "the", "colour": "color"}


def pandoc(path: Path, mode: str, to: str = "plain") -> str:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    result = subprocess.run(
        ["pandoc", "-s", f"--track-changes={mode}", "-t", to, "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


@pytest.fixture
def txt_export(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "report.txt"
    path.write_text(TXT, encoding="utf-8")
    article = read_article(path)
    review = review_with_edits(article.text, EDITS)
    f = finding(
        review.text, "soon", "house:vague-time", "Say when.", ("on 3 March",), Severity.SUGGESTION
    )
    out = tmp_path / "report.reviewed.docx"
    export_docx(article, review, [f], out, author="Ed Itor")
    return out, article.text, review.text


def test_pandoc_reject_gives_original_and_accept_the_edit(txt_export) -> None:
    out, original, edited = txt_export
    assert paragraphs(pandoc(out, "reject")) == paragraphs(original)
    assert paragraphs(pandoc(out, "accept")) == paragraphs(edited)


def test_pandoc_all_shows_comments_changes_and_authors(txt_export) -> None:
    out, _, _ = txt_export
    shown = pandoc(out, "all", "markdown")
    flat = " ".join(shown.split())
    for author in ("EditDesk", "Jane Editor", "Will Writer"):
        assert f'author="{author}"' in flat
    # the reviewer signs what they did; the findings are the tool's, not theirs
    assert 'author="Ed Itor"' not in flat
    assert re.search(r"\[Is this the right word\?\]\{\.comment-start", flat)
    assert re.search(r"\[discus\]\{\.deletion", flat) and re.search(
        r"\[discuss\]\{\.insertion", flat
    )
    assert re.search(
        r"Say when\. ¶ Rule: house:vague-time \(suggestion\) ¶ Suggestion: on 3 March", flat
    )
    # the finding's comment covers exactly its word
    assert re.search(r'\{\.comment-start id="(\d+)"[^}]*\}soon\[\]\{\.comment-end id="\1"\}', flat)


def test_pandoc_sees_the_docx_formatting_survive(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(
        article.text,
        {
            "unbelievably": "incredibly",
            "full report": "whole report",
            "Twelve": "12",
            "Their": "There",
        },
    )
    f = finding(review.text, "a error", "lt:EN_A_VS_AN", "Use “an”.", ("an error",), Severity.ERROR)
    out = tmp_path / "out.docx"
    export_docx(article, review, [f], out)
    assert pandoc(out, "reject", "markdown") == pandoc(src, "reject", "markdown")
    accepted = pandoc(out, "accept", "markdown")
    assert "[whole report](https://example.org/report)" in accepted
    assert "incredibly hard" in accepted and "There is a final" in accepted
    assert re.search(r"North\s+12", accepted)
    assert "![](media/image1.png)" in accepted


def test_pandoc_reads_markdown_export(tmp_path: Path) -> None:
    source = "# Title\n\nSome *very* **bold** words to discus with [a link](https://example.org).\n"
    path = tmp_path / "a.md"
    path.write_text(source, encoding="utf-8")
    article = read_article(path)
    review = review_with_edits(article.text, {"discus": "discuss", "very": "really"})
    out = tmp_path / "a.docx"
    export_docx(article, review, [], out)
    clean = tmp_path / "clean.docx"
    export_docx(article, None, [], clean, findings_mode="none")
    assert pandoc(out, "reject", "markdown") == pandoc(clean, "reject", "markdown")
    accepted = pandoc(out, "accept", "markdown")
    assert "*really* **bold** words to discuss with [a link](https://example.org)" in accepted


def _soffice(args: list[str], tmp: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", *args],
        capture_output=True,
        timeout=180,
        check=True,
    )


@pytest.fixture(scope="module")
def libreoffice_outputs(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("lo")
    src = rich_docx(tmp / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"unbelievably": "incredibly", "Twelve": "12"})
    f = finding(review.text, "a error", "lt:EN_A_VS_AN", "Use “an”.", ("an error",), Severity.ERROR)
    out = tmp / "review.docx"
    export_docx(article, review, [f], out, author="Ed Itor")
    _soffice(["--convert-to", "odt", "--outdir", str(tmp / "odt"), str(out)], tmp)
    pdf_filter = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    _soffice(["--convert-to", pdf_filter, "--outdir", str(tmp / "pdf"), str(out)], tmp)
    word = "docx:MS Word 2007 XML"
    _soffice(["--convert-to", word, "--outdir", str(tmp / "docx"), str(out)], tmp)
    return tmp / "odt" / "review.odt", tmp / "pdf" / "review.pdf"


def test_libreoffice_odt_has_tracked_changes_and_annotations(libreoffice_outputs) -> None:
    odt, _ = libreoffice_outputs
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    kinds = {k for r in regions for k in re.findall(r"<text:(insertion|deletion)>", r)}
    assert kinds == {"insertion", "deletion"}
    assert all("<dc:creator>Jane Editor</dc:creator>" in r for r in regions)
    annotations = re.findall(r"<office:annotation[ >].*?</office:annotation>", content, re.S)
    creators = {re.search(r"<dc:creator>(.*?)</dc:creator>", a).group(1) for a in annotations}
    assert creators == {"EditDesk", "Jane Editor", "Will Writer"}
    assert any("Is this the right word?" in a and 'loext:resolved="true"' in a for a in annotations)
    assert any("lt:EN_A_VS_AN" in a for a in annotations)


def _pdf_strings(data: bytes, key: bytes) -> list[str]:
    out = []
    for m in re.finditer(rb"/" + key + rb" *<FEFF([0-9A-Fa-f]*)>", data):
        out.append(bytes.fromhex(m.group(1).decode()).decode("utf-16-be"))
    return out


def test_libreoffice_pdf_with_comments(libreoffice_outputs) -> None:
    _, pdf = libreoffice_outputs
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    notes = _pdf_strings(data, b"Contents")
    assert any("Is this the right word?" in n for n in notes)
    assert any("lt:EN_A_VS_AN" in n for n in notes)
    assert any(t.startswith("Jane Editor") for t in _pdf_strings(data, b"T"))


def test_pandoc_paragraph_splits_and_joins(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"colour": "color"})
    review.text = (
        review.text.replace("hard on the", "hard\non the")
        .replace("quarter.\nRead", "quarter. Read")
        .replace("Monday.", "Monday.\nA brand new paragraph.")
    )
    out = tmp_path / "out.docx"
    export_docx(article, review, [], out)
    assert pandoc(out, "reject", "markdown") == pandoc(src, "reject", "markdown")
    accepted = paragraphs(pandoc(out, "accept"))
    assert "The team worked unbelievably hard" in accepted
    assert any(
        p.startswith("on the color scheme this quarter. Read the full report") for p in accepted
    )
    assert "A brand new paragraph." in accepted


def test_libreoffice_resaved_export_keeps_the_review(libreoffice_outputs, tmp_path: Path) -> None:
    """LibreOffice keeps the custom XML review part (and renumbers the comments):
    the findings come back as findings, the editor's comment as a comment, and
    exporting the re-saved file adds no second finding comment."""
    odt, _ = libreoffice_outputs
    resaved = odt.parent.parent / "docx" / "review.docx"
    back = import_review(resaved)
    assert [fs.finding.id for fs in back.findings] == ["lt:EN_A_VS_AN"]
    assert "Is this the right word?" in [c.text for c in back.comments]
    assert not any("lt:EN_A_VS_AN" in c.text for c in back.comments)
    again = tmp_path / "again.docx"
    export_docx(read_article(resaved), back, [fs.finding for fs in back.findings], again)
    comments = zipfile.ZipFile(again).read("word/comments.xml").decode()
    assert comments.count("lt:EN_A_VS_AN") == 1
