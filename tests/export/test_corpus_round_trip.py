"""Every file of the built corpus through check -> export -> reopen -> re-export:
exact views, the review back from the file, nothing doubled; pandoc agrees."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx_corpus import BUILDERS
from libreoffice_views import libreoffice_views
from lxml import etree
from ooxml_checks import check_structure, q
from views import signature, story, texts, view

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
    doc = story(out)
    assert signature(view(*doc, accept=False)) == signature(view(*story(src), accept=False))
    accepted = [t for t in texts(view(*doc, accept=True)) if t.strip()]
    assert "\n".join(accepted) == review.text
    # reopen
    assert read_article(out).text == review.text
    back = import_review(out)
    assert back.text == review.text
    assert "Which council?" in [c.text for c in back.comments]
    # re-export twice, with a fresh house check each time: nothing doubled, and
    # reopened, every finding exported comes back once (repeated ones included)
    counts = []
    current = out
    for n in range(2):
        article = read_article(current)
        nxt = tmp_path / f"again{n}.docx"
        found = _findings(article)
        export_docx(article, None, found, nxt, author="Jane Editor")
        check_structure(nxt)
        counts.append(_comment_count(nxt))
        reopened = import_review(nxt)
        assert Counter(s.finding.id for s in reopened.findings) == Counter(f.id for f in found)
        assert not any(c.author == "EditDesk" for c in reopened.comments)
        assert signature(view(*story(nxt), accept=False)) == signature(
            view(*story(src), accept=False)
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


@pytest.fixture(scope="module")
def libreoffice_corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    """Every corpus export converted by LibreOffice headless, one call per format."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    tmp = tmp_path_factory.mktemp("lo-corpus")
    names = sorted(BUILDERS)
    outs = [str(export_case(tmp, name)[1]) for name in names]
    profile = (tmp / "profile").as_uri()
    for fmt in ("odt", "pdf"):
        subprocess.run(
            [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(tmp / fmt), *outs],
            capture_output=True, timeout=600, check=True,
        )
    return tmp, names


@pytest.mark.clients
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_libreoffice_opens_every_corpus_export(libreoffice_corpus, name: str) -> None:
    tmp, _ = libreoffice_corpus
    odt = tmp / "odt" / f"{name}.reviewed.odt"
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content and "<text:deletion>" in content
    assert "Which council?" in content  # the editor's comment, as an annotation
    pdf = (tmp / "pdf" / f"{name}.reviewed.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 3000


def test_footnote_and_text_box_words_are_read_checked_and_marked_up(tmp_path: Path) -> None:
    src = BUILDERS["footnotes"](tmp_path / "fn.docx")
    article = read_article(src)
    assert article.text.endswith("Built in 1850 from granite.")
    boxed = read_article(BUILDERS["text-boxes-drawing"](tmp_path / "tb.docx"))
    assert "Their is no money for the the wall." in boxed.text.split("\n")  # once, not twice
    box_at = boxed.text.index("Their is no money")
    assert any(f.id == "house:repeated-word" and f.start > box_at for f in _findings(boxed))
    edited = article.text.replace("granite", "stone")
    review = Review(str(src), article.text, edited, sha256_text(article.text))
    at = edited.index("1850")
    review.comments.append(
        Comment("c1", Anchor.on(edited, at, at + 4), "Jane Editor", "2026-11-28T10:00:00Z",
                "Source for the date?")
    )
    out = tmp_path / "fn.reviewed.docx"
    export_docx(article, review, [], out, author="Jane Editor")
    check_structure(out)
    with zipfile.ZipFile(out) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert re.search(r"<w:delText[^>]*>granite</w:delText>", notes) and ">stone</w:t>" in notes
    assert "commentRangeStart" in notes
    back = import_review(out)
    assert back.text == edited
    note = next(c for c in back.comments if c.text == "Source for the date?")
    assert back.text[note.anchor.start : note.anchor.end] == "1850"


@pytest.mark.clients
def test_libreoffice_accept_all_and_reject_all_on_every_corpus_export(tmp_path: Path) -> None:
    """LibreOffice's own Accept All / Reject All (lines of its text export: the body,
    tables and notes as it writes them): Reject All gives the input's Reject All,
    Accept All the input's Accept All with the review's edits."""
    pairs = []
    for name in sorted(BUILDERS):
        folder = tmp_path / name
        folder.mkdir()
        src, out, _ = export_case(folder, name)
        pairs.append((src, out))
    views = libreoffice_views([p for pair in pairs for p in pair], tmp_path)
    for src, out in pairs:
        (src_accepted, src_rejected), (accepted, rejected) = views[src], views[out]
        assert rejected == src_rejected, src.name
        expected = "\n".join(src_accepted)
        for old, new in EDITS.items():
            expected = expected.replace(old, new, 1)
        assert "\n".join(accepted) == expected, src.name
        assert accepted != rejected, src.name
