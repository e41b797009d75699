"""Every file of the built corpus through check -> export -> reopen -> re-export:
exact views, the review back from the file, nothing doubled; pandoc agrees."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_corpus import BUILDERS
from lxml import etree
from ooxml_checks import check_structure, q
from views import signature, texts, view

from editdesk.core.checks.house.checker import HouseStyleChecker
from editdesk.core.config import load_config
from editdesk.core.findings import with_fingerprint
from editdesk.core.readers import read_article
from editdesk.core.review.model import Anchor, Comment, Review, sha256_text
from editdesk.export import export_docx, import_review

EDITS = {"discus": "discuss", "the the": "the", "colour": "color"}


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _findings(article):
    config = load_config(article.path)
    return [with_fingerprint(f, article.text) for f in HouseStyleChecker(config).check(article)]


def _comment_count(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return 0
        return len(list(etree.fromstring(z.read("word/comments.xml")).iter(q("comment"))))


def export_case(tmp_path: Path, name: str) -> tuple[Path, Path, Review]:
    src = BUILDERS[name](tmp_path / f"{name}.docx")
    article = read_article(src)
    text = article.text
    for old, new in EDITS.items():
        text = text.replace(old, new, 1)
    review = Review(str(src), article.text, text, sha256_text(article.text))
    review.edit_authors.append(("Jane Editor", "2026-11-28T09:00:00+00:00"))
    at = text.index("council") if "council" in text else 0
    review.comments.append(
        Comment("c1", Anchor.on(text, at, at + 7), "Jane Editor", "2026-11-28T10:00:00+00:00",
                "Which council?")
    )
    checked = article.__class__(text, article.paragraphs, article.path, article.format)
    found = _findings(checked) if text == article.text else []
    out = tmp_path / f"{name}.reviewed.docx"
    export_docx(article, review, found, out, author="Jane Editor")
    return src, out, review


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_check_export_reopen_reexport(tmp_path: Path, name: str) -> None:
    src, out, review = export_case(tmp_path, name)
    check_structure(out)
    doc = _document(out)
    assert signature(view(doc, accept=False)) == signature(view(_document(src), accept=False))
    accepted = [t for t in texts(view(doc, accept=True)) if t.strip()]
    assert "\n".join(accepted) == review.text
    # reopen
    assert read_article(out).text == review.text
    back = import_review(out)
    assert back.text == review.text
    assert "Which council?" in [c.text for c in back.comments]
    # re-export twice, with a fresh house check each time: nothing doubled
    counts = []
    current = out
    for n in range(2):
        article = read_article(current)
        nxt = tmp_path / f"again{n}.docx"
        export_docx(article, None, _findings(article), nxt, author="Jane Editor")
        check_structure(nxt)
        counts.append(_comment_count(nxt))
        assert signature(view(_document(nxt), accept=False)) == signature(
            view(_document(src), accept=False)
        )
        current = nxt
    assert counts[0] == counts[1], counts


def _pandoc(path: Path, mode: str) -> str:
    return subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout


@pytest.mark.clients
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_pandoc_reject_gives_the_input(tmp_path: Path, name: str) -> None:
    src, out, review = export_case(tmp_path, name)
    assert _pandoc(out, "reject") == _pandoc(src, "reject")
    accepted = " ".join(_pandoc(out, "accept").split())
    assert "discuss the color" in accepted
