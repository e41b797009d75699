"""Accept All gives exactly the reviewed text, Reject All exactly the input
(text and formatting): paragraph deletions, merges, splits and insertions are
paragraph-level tracked changes, and comments always cover words."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from ooxml_checks import W, check_structure, q
from test_markup_random import _docx, _edit, _paragraphs, _text
from views import signature, texts, view

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx
from editdesk.export.textdiff import diff_words

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday")
SENTENCE = "The market was closed for the holiday."


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _days_docx(path: Path) -> Path:
    d = docx.Document()
    for day in DAYS:
        d.add_heading(day, level=2)
        d.add_paragraph(SENTENCE)
    d.save(str(path))
    return path


def _export(tmp_path: Path, src: Path, new_text: str, name: str = "out.docx", **kw):
    article = read_article(src)
    review = Review(str(src), article.text, new_text, sha256_text(article.text))
    out = tmp_path / name
    report = export_docx(article, review, kw.pop("findings", []), out, **kw)
    check_structure(out)
    return article, out, report


def _without(paragraphs: list[str], n: int) -> str:
    return "\n".join(p for i, p in enumerate(paragraphs) if i != n)


@pytest.mark.parametrize("n", range(8))
def test_deleting_any_repeated_paragraph_deletes_exactly_that_paragraph(
    tmp_path: Path, n: int
) -> None:
    src = _days_docx(tmp_path / "days.docx")
    paragraphs = read_article(src).text.split("\n")
    _, out, report = _export(tmp_path, src, _without(paragraphs, n))
    before = signature(view(_document(src), accept=True))
    accepted = signature(view(_document(out), accept=True))
    assert accepted == before[:n] + before[n + 1 :]  # styles and runs of the rest unchanged
    assert signature(view(_document(out), accept=False)) == before
    assert (report.insertions, report.deletions) == (0, 1)
    # the paragraph's runs and its own mark, nothing else
    doc = _document(out)
    assert len(list(doc.iter(q("del")))) == 2


def test_merge_split_and_new_paragraph_are_paragraph_changes(tmp_path: Path) -> None:
    src = _days_docx(tmp_path / "days.docx")
    text = read_article(src).text
    new = (
        text.replace("Tuesday\n" + SENTENCE, "Tuesday " + SENTENCE, 1)  # merge
        .replace("The market was closed", "The market was\nclosed", 1)  # split
        .replace("Thursday\n", "Thursday\nA new paragraph here.\n")  # insert
    )
    article, out, report = _export(tmp_path, src, new)
    accepted = view(_document(out), accept=True)
    assert texts(accepted) == new.split("\n")
    # the new paragraph takes the properties of the paragraph it went in before
    assert [p.style for p in accepted][-3:] == ["Heading2", None, None]
    assert signature(view(_document(out), accept=False)) == signature(
        view(_document(src), accept=True)
    )
    doc = _document(out)
    marks_deleted = doc.findall(f".//{q('pPr')}/{q('rPr')}/{q('del')}")
    marks_inserted = doc.findall(f".//{q('pPr')}/{q('rPr')}/{q('ins')}")
    assert len(marks_deleted) == 1 and len(marks_inserted) == 2
    # merge: break out, space in; split: space out, break in; the new paragraph
    assert report.insertions == 3 and report.deletions == 2


def test_a_long_document_with_two_small_edits_gets_two_small_changes(tmp_path: Path) -> None:
    d = docx.Document()
    rnd = random.Random(3)
    words = ["the", "harbour", "wall", "budget", "met", "Monday", "stone", "council", "report"]
    for i in range(1500):
        d.add_paragraph(" ".join(rnd.choice(words) for _ in range(12)) + f" clause {i}.")
    src = tmp_path / "contract.docx"
    d.save(str(src))
    text = read_article(src).text
    new = text.replace("clause 10.", "clause ten.", 1).replace("clause 1400.", "clause 1,400.", 1)
    _, out, report = _export(tmp_path, src, new)
    doc = _document(out)
    assert len(list(doc.iter(q("ins")))) == 2 and len(list(doc.iter(q("del")))) == 2
    assert (report.insertions, report.deletions) == (2, 2)
    accepted = view(doc, accept=True)
    assert "\n".join(texts(accepted)) == new


def test_paragraph_diff_never_diffs_unchanged_paragraphs() -> None:
    brk = re.compile(r"\n")
    old = "\n".join(f"Paragraph {i} says the same thing." for i in range(3000))
    new = old.replace("Paragraph 7 says", "Paragraph 7 said").replace(
        "Paragraph 2990 says", "Paragraph 2990 said"
    )
    changes = diff_words(old, new, brk)
    assert [(old[c.start : c.end], c.new_text) for c in changes] == [
        ("says", "said"),
        ("says", "said"),
    ]
    # a repeated paragraph deleted goes with its own break
    old = "A\nS\nB\nS\nC"
    changes = diff_words(old, "A\nS\nB\nC", brk)
    assert [(old[c.start : c.end], c.new_text) for c in changes] == [("S\n", "")]
    changes = diff_words(old, "A\nS\nB\nN\nS\nC", brk)
    assert [(c.start, c.new_text) for c in changes] == [(6, "N\n")]


def test_random_paragraph_edits_give_exact_views(tmp_path: Path) -> None:
    rnd = random.Random(99)
    for case in range(25):
        original_paras = _paragraphs(rnd)
        edited_paras = _edit(rnd, original_paras)
        original, edited = _text(original_paras, "\n"), _text(edited_paras, "\n")
        src = _docx(tmp_path / f"in{case}.docx", original_paras, rnd)
        assert read_article(src).text == original
        _, out, _ = _export(tmp_path, src, edited, name=f"out{case}.docx")
        doc = _document(out)
        accepted = texts(view(doc, accept=True))
        assert accepted == edited.split("\n"), case  # no blank paragraph, no moved mark
        assert signature(view(doc, accept=False)) == signature(
            view(_document(src), accept=True)
        ), case


def test_zero_width_and_whitespace_findings_cover_a_word(tmp_path: Path) -> None:
    src = _days_docx(tmp_path / "days.docx")
    text = read_article(src).text
    at = text.index("closed") + len("closed")
    findings = [
        with_fingerprint(
            Finding("lt:COMMA", "languagetool", "punctuation", Severity.WARNING,
                    "Add a comma.", at, at, (",",)),
            text,
        ),
        with_fingerprint(
            Finding("house:double-space", "house", "style", Severity.SUGGESTION,
                    "One space.", at, at + 1, ("",)),
            text,
        ),
    ]
    _, out, _ = _export(tmp_path, src, text, findings=findings)
    check_structure(out)  # asserts every comment range holds text


def _rewrite(src: Path, dst: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item))
        if name not in zin.namelist():
            zout.writestr(name, data)
    return dst


def test_a_part_with_a_dtd_is_refused_in_one_line(tmp_path: Path) -> None:
    src = _days_docx(tmp_path / "days.docx")
    article = read_article(src)
    d = docx.Document(str(src))
    d.add_comment(d.paragraphs[1].runs, text="Check this", author="W", initials="W")
    d.save(str(src))
    with zipfile.ZipFile(src) as z:
        comments = z.read("word/comments.xml").decode()
    decl, rest = comments.split("?>", 1)
    hostile = decl + '?><!DOCTYPE x [<!ENTITY who "Will">]>' + rest.replace("Check this", "&who;")
    bad = _rewrite(src, tmp_path / "bad.docx", "word/comments.xml", hostile.encode())
    article = read_article(bad)
    out = tmp_path / "out.docx"
    with pytest.raises(ValueError, match=r"word/comments\.xml declares a DTD") as info:
        export_docx(article, None, [], out)
    assert "\n" not in str(info.value)
    assert not out.exists()


def test_entities_in_custom_properties_are_one_line_not_a_crash(tmp_path: Path) -> None:
    src = _days_docx(tmp_path / "days.docx")
    custom = (
        '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
        'officeDocument/2006/custom-properties"><property name="x">&undefined;</property>'
        "</Properties>"
    )
    bad = _rewrite(src, tmp_path / "bad.docx", "docProps/custom.xml", custom.encode())
    rels = zipfile.ZipFile(bad).read("_rels/.rels").decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    bad = _rewrite(bad, tmp_path / "bad2.docx", "_rels/.rels", rels.encode())
    with pytest.raises(ValueError, match="custom.xml"):
        export_docx(read_article(bad), None, [], tmp_path / "out.docx")


def test_splitting_a_run_with_a_formatting_change_gives_fresh_ids(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run("The committee met on Monday to discus the wall.")
    r.bold = True
    change = etree.fromstring(
        f'<w:rPrChange xmlns:w="{W}" w:id="7" w:author="W" '
        'w:date="2026-01-01T00:00:00Z"><w:rPr/></w:rPrChange>'
    )
    r._r.get_or_add_rPr().append(change)
    src = tmp_path / "fmt.docx"
    d.save(str(src))
    text = read_article(src).text
    _, out, _ = _export(tmp_path, src, text.replace("discus", "discuss"))  # asserts unique ids
    doc = _document(out)
    assert len(list(doc.iter(q("rPrChange")))) >= 3


def test_strict_ooxml_is_named_for_what_it_is(tmp_path: Path) -> None:
    from editdesk.core.readers import ReadError

    src = _days_docx(tmp_path / "days.docx")
    with zipfile.ZipFile(src) as z:
        body = z.read("word/document.xml").decode()
    strict = body.replace(
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    bad = _rewrite(src, tmp_path / "strict.docx", "word/document.xml", strict.encode())
    with pytest.raises(ReadError, match="Strict Open XML"):
        read_article(bad)


def test_findings_are_signed_editdesk_and_changes_by_the_reviewer(tmp_path: Path) -> None:
    src = _days_docx(tmp_path / "days.docx")
    text = read_article(src).text
    f = with_fingerprint(
        Finding("house:vague", "house", "style", Severity.SUGGESTION, "Say which.", 4, 10,
                ("the market",)),
        text,
    )
    _, out, report = _export(
        tmp_path, src, text.replace("closed", "shut", 1), findings=[f], author="Ed Itor"
    )
    with zipfile.ZipFile(out) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
    authors = {c.get(q("author")) for c in comments.iter(q("comment"))}
    assert authors == {"EditDesk"}
    changes = {e.get(q("author")) for e in _document(out).iter(q("ins"), q("del"))}
    assert changes == {"Ed Itor"}
    # without a name the change is signed by no one's login: "Reviewer", and said
    _, out, report = _export(tmp_path, src, text.replace("closed", "shut", 1), name="n.docx")
    assert {e.get(q("author")) for e in _document(out).iter(q("ins"), q("del"))} == {"Reviewer"}
    assert any("no reviewer name" in n for n in report.notes)


def test_summary_page_is_a_tracked_insertion_reject_all_removes(tmp_path: Path) -> None:
    from editdesk.export import import_review

    src = _days_docx(tmp_path / "days.docx")
    text = read_article(src).text
    _, out, _ = _export(tmp_path, src, text.replace("closed", "shut", 1), summary_page=True)
    doc = _document(out)
    assert signature(view(doc, accept=False)) == signature(view(_document(src), accept=True))
    accepted = texts(view(doc, accept=True))
    assert accepted[:8] == text.replace("closed", "shut", 1).split("\n")
    assert "Review report" in accepted and accepted[-1] == "End of the review report."
    inserted_by = {i.get(q("author")) for i in doc.iter(q("ins")) if "Review" in "".join(
        t.text or "" for t in i.iter(q("t")))}
    assert inserted_by == {"EditDesk"}
    # EditDesk never reads its own report as the article
    assert read_article(out).text == text.replace("closed", "shut", 1)
    assert import_review(out).original == text


@pytest.mark.parametrize(
    ("body", "size", "lang"),
    [
        ("The colour of the harbour was organised.", ("11906", "16838"), "en-GB"),
        ("The color of the harbor was organized.", ("12240", "15840"), "en-US"),
    ],
)
def test_new_documents_follow_the_variant_and_say_who_made_them(
    tmp_path: Path, body: str, size: tuple[str, str], lang: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Harbour Report\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "a.docx"
    export_docx(read_article(path), None, [], out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        core = z.read("docProps/core.xml").decode()
        app = z.read("docProps/app.xml").decode()
    pg = doc.find(f".//{q('pgSz')}")
    assert (pg.get(q("w")), pg.get(q("h"))) == size
    assert styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('lang')}").get(
        q("val")
    ) == lang
    assert "<dc:creator>EditDesk</dc:creator>" in core and "python-docx" not in core
    assert "2013-12-23" not in core and "<dc:title>Harbour Report</dc:title>" in core
    assert "<Application>EditDesk " in app and "Macintosh" not in app
    assert not any("thumbnail" in n for n in names)


def test_a_writers_docx_keeps_its_creator(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.author = "Will Writer"
    d.add_paragraph("The colour of the wall.")
    src = tmp_path / "w.docx"
    d.save(str(src))
    _, out, _ = _export(tmp_path, src, "The color of the wall.", author="Ed Itor")
    core = docx.Document(str(out)).core_properties
    assert core.author == "Will Writer" and core.last_modified_by == "Ed Itor"
