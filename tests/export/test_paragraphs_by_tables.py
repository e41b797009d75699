"""A paragraph deleted just before a table, or last in a table cell, keeps its
mark (accepting would join it to the table or to nothing), so the paragraph
before it gives up its mark instead: Accept All leaves no empty paragraph, and
Reject All still gives the input exactly."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_corpus import BEFORE_TABLE, CELL_LAST, paragraphs_by_tables
from lxml import etree
from ooxml_checks import check_structure
from views import signature, texts, view

from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx, import_review

SECOND = "A second paragraph before the table is here."
CASES = {
    "before-table": [BEFORE_TABLE],
    "two-before-table": [SECOND, BEFORE_TABLE],
    "last-in-cell": [CELL_LAST],
    "both": [BEFORE_TABLE, CELL_LAST],
}


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_empty_paragraph_after_accept_all(tmp_path: Path, case: str) -> None:
    src = paragraphs_by_tables(tmp_path / "t.docx")
    article = read_article(src)
    kept = [p for p in article.text.split("\n") if p not in CASES[case]]
    new = "\n".join(kept)
    review = Review(str(src), article.text, new, sha256_text(article.text))
    out = tmp_path / "out.docx"
    export_docx(article, review, [], out, author="Jane Editor")
    check_structure(out)
    accepted = view(_document(out), accept=True)
    assert texts(accepted) == kept  # no empty paragraph where the deleted ones were
    before = view(_document(src), accept=True)
    assert signature(view(_document(out), accept=False)) == signature(before)
    # The paragraphs left keep their own properties (the list bullet went with its text).
    styles = {p.text: p.style for p in before}
    assert [p.style for p in accepted] == [styles[t] for t in kept]
    assert read_article(out).text == new
    assert import_review(out).text == new


@pytest.mark.clients
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
@pytest.mark.parametrize("case", sorted(CASES))
def test_pandoc_agrees(tmp_path: Path, case: str) -> None:
    src = paragraphs_by_tables(tmp_path / "t.docx")
    article = read_article(src)
    kept = [p for p in article.text.split("\n") if p not in CASES[case]]
    review = Review(str(src), article.text, "\n".join(kept), sha256_text(article.text))
    out = tmp_path / "out.docx"
    export_docx(article, review, [], out, author="Jane Editor")
    # pandoc ignores w:pPrChange (the kept mark's old properties), so the
    # bullet of a deleted list paragraph is not its to judge: the words are.
    assert _lines(_pandoc(out, "reject")) == _lines(_pandoc(src, "reject"))
    accepted = _pandoc(out, "accept")
    for gone in CASES[case]:
        assert gone not in accepted
    # pandoc's plain text shows an empty paragraph as a blank line of its own
    assert "\n\n\n" not in accepted


def _lines(plain: str) -> list[str]:
    return [re.sub(r"^-\s+", "", line.strip()) for line in plain.splitlines() if line.strip()]


def _pandoc(path: Path, mode: str) -> str:
    return subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
