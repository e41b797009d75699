"""The DOCX export on real packages: structure, round trip through import_review,
options. Clients (pandoc, LibreOffice) are in test_clients.py."""

from __future__ import annotations

import dataclasses
import hashlib
import zipfile
from pathlib import Path

import pytest
from export_samples import LINK_URL, finding, review_with_edits, rich_docx
from lxml import etree
from ooxml_checks import W15, body_text, check_structure, q

from editdesk.core.article import Article
from editdesk.core.findings import Severity
from editdesk.core.readers import read_article
from editdesk.core.review import editing, syncing
from editdesk.core.review.model import Decision, FindingState
from editdesk.export import export_docx, import_review
from editdesk.export.markup import split_run
from editdesk.export.ooxml import w

TXT = (
    "Harbour Report\n\n"
    "The committee met on Monday to discus the colour of the new harbour wall.\n\n"
    "Members agreed that the the budget was adequate, and they will meet again soon."
)


def _txt_article(tmp_path: Path, text: str = TXT) -> Article:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_txt_export_round_trips_through_import(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    review = review_with_edits(article.text, {"discus": "discuss", "the the": "the"})
    f = finding(review.text, "soon", "house:vague-time", "Say when.", ("on 3 March",))
    out = tmp_path / "report.reviewed.docx"
    report = export_docx(article, review, [f], out, author="Ed Itor")

    xml = check_structure(out)
    assert (report.insertions, report.deletions) == (1, 2)  # "the the" loses a word
    assert report.finding_comments == 1
    body = xml["word/document.xml"]
    assert body_text(body, accepted=False).split("\n") == _paragraphs(article.text)
    assert body_text(body, accepted=True).split("\n") == _paragraphs(review.text)

    back = import_review(out)
    assert back.original == "\n".join(_paragraphs(article.text))
    assert back.text == "\n".join(_paragraphs(review.text))
    by_text = {c.text.split("\n")[0]: c for c in back.comments}
    editor = by_text["Is this the right word?"]
    assert editor.author == "Jane Editor" and editor.resolved
    assert back.text[editor.anchor.start : editor.anchor.end] == "discuss"
    assert [(r.author, r.text) for r in editor.replies] == [("Will Writer", "Yes, keep it.")]
    # EditDesk's finding comes back as a finding, not as a person's comment
    assert "Say when." not in by_text
    flagged = next(fs for fs in back.findings if fs.finding.id == "house:vague-time")
    assert back.text[flagged.finding.start : flagged.finding.end] == "soon"
    assert flagged.finding.message == "Say when."
    assert flagged.finding.replacements == ("on 3 March",)
    assert [s.editor for s in back.signoffs] == ["Jane Editor"]
    assert back.signoffs[0].open_findings == {"error": 0, "warning": 1}
    assert ("Jane Editor", "2026-11-28T09:00:00.000+00:00") in back.edit_authors


def test_comment_and_change_metadata(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    review = review_with_edits(article.text, {"colour": "color"})
    out = tmp_path / "o.docx"
    export_docx(article, review, [], out, author="Ed Itor")
    xml = check_structure(out)
    comments = {c.get(q("author")): c for c in xml["word/comments.xml"].iter(q("comment"))}
    # the summary is the tool's; the reviewer only signs what they did
    assert set(comments) == {"EditDesk", "Jane Editor", "Will Writer"}
    assert comments["Jane Editor"].get(q("initials")) == "JE"
    assert comments["Jane Editor"].get(q("date")) == "2026-11-28T10:00:00Z"
    changes = list(xml["word/document.xml"].iter(q("ins"), q("del")))
    assert {(c.get(q("author")), c.get(q("date"))) for c in changes} == {
        ("Jane Editor", "2026-11-28T09:00:00Z")
    }
    extended = list(xml["word/commentsExtended.xml"].iter(q("commentEx", W15)))
    done = [e for e in extended if e.get(q("done", W15)) == "1"]
    assert len(done) == 2  # the resolved comment and its reply
    assert sum(1 for e in extended if e.get(q("paraIdParent", W15))) == 1
    assert "word/commentsIds.xml" in xml


def test_signoff_in_custom_properties_and_summary_comment(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    review = review_with_edits(article.text, {"colour": "color"})
    out = tmp_path / "o.docx"
    report = export_docx(article, review, [], out)
    assert report.signoff_status == "current"
    props = xml_props(out)
    assert props["EditDesk.SignOff.Count"] == "1"
    assert props["EditDesk.SignOff.Status"] == "current"
    assert props["EditDesk.SignOff.1.Editor"] == "Jane Editor"
    assert props["EditDesk.SignOff.1.Decision"] == "approved"
    summary = _comment_texts(out)[0]
    assert "Jane Editor (copy editor) approved" in summary and "current" in summary

    review.text = review.text.replace("harbour wall", "harbour gate")
    report = export_docx(article, review, [], tmp_path / "stale.docx")
    assert report.signoff_status == "stale"
    assert xml_props(tmp_path / "stale.docx")["EditDesk.SignOff.Status"] == "stale"
    assert "stale" in _comment_texts(tmp_path / "stale.docx")[0]


def xml_props(path: Path) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(path).read("docProps/custom.xml"))
    return {p.get("name"): p[0].text for p in root}


def _comment_texts(path: Path) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/comments.xml"))
    return [
        "\n".join("".join(t.text for t in p.iter(q("t"))) for p in c.iter(q("p")))
        for c in root.iter(q("comment"))
    ]


def test_findings_modes(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    text = article.text
    open_f = finding(
        text,
        "discus",
        "lt:MORFOLOGIK_RULE_EN_GB",
        "Possible spelling mistake.",
        ("discuss",),
        Severity.ERROR,
    )
    rejected = finding(text, "Monday", "house:day-names", "Avoid day names.")
    from editdesk.core.review.model import Review, sha256_text

    review = Review("report.txt", text, text, sha256_text(text))
    review.findings = [FindingState(open_f), FindingState(rejected, Decision.REJECTED, by="Jane")]
    counts = {}
    for mode in ("open", "all", "none"):
        out = tmp_path / f"{mode}.docx"
        counts[mode] = export_docx(article, review, [], out, findings_mode=mode).finding_comments
        check_structure(out)
    assert counts == {"open": 1, "all": 2, "none": 0}
    texts = _comment_texts(tmp_path / "all.docx")
    assert any("Avoid day names." in t and "Decision: rejected by Jane" in t for t in texts)
    assert not any("Avoid day names." in t for t in _comment_texts(tmp_path / "open.docx"))


def test_accept_all_suggestions_left_to_right_without_overlaps(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    text = article.text
    findings = [
        # A spelling suggestion is not safe to apply unseen: it stays a comment.
        finding(text, "discus", "lt:SPELL", "Spelling.", ("discuss", "disc"), Severity.ERROR),
        finding(text, "the the", "lt:ENGLISH_WORD_REPEAT_RULE", "Repeated word.", ("the",)),
        # overlaps the repeat: skipped
        finding(text, "the budget", "house:preferred-terms", "Overlapping.", ("a budget",)),
        finding(text, "Monday", "house:day-names", "No suggestion here."),
    ]
    out = tmp_path / "o.docx"
    report = export_docx(article, None, findings, out, accept_all_suggestions=True)
    assert report.applied_suggestions == 1
    xml = check_structure(out)
    accepted = body_text(xml["word/document.xml"], accepted=True)
    assert "to discus the colour" in accepted and "that the budget" in accepted
    assert body_text(xml["word/document.xml"], accepted=False).split("\n") == _paragraphs(text)
    texts = _comment_texts(out)
    assert any(t.startswith("Overlapping.") for t in texts)
    assert any(t.startswith("No suggestion here.") for t in texts)
    assert any(t.startswith("Spelling.") for t in texts)
    assert not any(t.startswith("Repeated word.") for t in texts)
    # the open finding after the applied ones still lands on its word
    back = import_review(out)
    day = next(fs.finding for fs in back.findings if fs.finding.message.startswith("No sugg"))
    assert back.text[day.start : day.end] == "Monday"
    assert not any(c.text.startswith("No suggestion") for c in back.comments)


def test_control_characters_are_cleaned(tmp_path: Path) -> None:
    text = "Bad\x01 chars\x0b here\ufffe and\x1f there.\n\nSecond\x00 paragraph."
    article = Article.from_plain_text(text, tmp_path / "x.txt")
    review = review_with_edits(text, {"here": "h\x02ere", "Second": "Next\x07"})
    out = tmp_path / "o.docx"
    export_docx(article, review, [], out)
    xml = check_structure(out)
    accepted = body_text(xml["word/document.xml"], accepted=True)
    assert "\ufffd" in accepted
    assert not any(ch in accepted for ch in "\x00\x01\x02\x07\x0b\x1f\ufffe")


def test_input_untouched_and_no_temp_files(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    article = read_article(src)
    review = review_with_edits(article.text, {"colour": "color"})
    export_docx(article, review, [], tmp_path / "out.docx")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "out.docx"]


def test_summary_page_only_when_asked(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    review = review_with_edits(article.text, {"colour": "color"})
    f = finding(review.text, "soon", "house:vague-time", "Say when.")
    plain = tmp_path / "plain.docx"
    paged = tmp_path / "paged.docx"
    export_docx(article, review, [f], plain)
    export_docx(article, review, [f], paged, summary_page=True)
    plain_text = body_text(check_structure(plain)["word/document.xml"], accepted=True)
    paged_text = body_text(check_structure(paged)["word/document.xml"], accepted=True)
    assert "Review report" not in plain_text
    assert paged_text.startswith(plain_text)
    tail = paged_text[len(plain_text) :]
    assert "Review report" in tail and "Jane Editor (copy editor) approved" in tail
    assert "house:vague-time: Say when." in tail


def test_docx_input_keeps_its_parts_and_formatting(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(
        article.text, {"unbelievably": "incredibly", "full report": "whole report", "Twelve": "12"}
    )
    out = tmp_path / "out.docx"
    export_docx(article, review, [], out)
    xml = check_structure(out)
    names = zipfile.ZipFile(out).namelist()
    assert any(n.startswith("word/media/") for n in names)
    header = next(v for k, v in xml.items() if k.startswith("word/header"))
    assert "Quarterly Header" in "".join(t.text or "" for t in header.iter(q("t")))
    body = xml["word/document.xml"]
    # the bold half-word was deleted with its bold formatting
    deleted = [r for d in body.iter(q("del")) for r in d.iter(q("r"))]
    bold_deleted = [r for r in deleted if r.find(f"{q('rPr')}/{q('b')}") is not None]
    assert ["".join(t.text for t in r.iter(q("delText"))) for r in bold_deleted] == ["unbel"]
    link = next(body.iter(q("hyperlink")))
    assert "whole" in "".join(t.text or "" for t in link.iter(q("t")))
    assert len(list(body.iter(q("tbl")))) == 1 and list(body.iter(q("drawing")))
    rels = xml["word/_rels/document.xml.rels"]
    assert any(r.get("Target") == LINK_URL for r in rels)

    back = import_review(out)
    assert back.original == article.text
    assert back.text == review.text
    assert read_article(out).text == review.text


def test_docx_article_without_run_spans_gets_the_readers(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"unbelievably": "incredibly", "Twelve": "12"})
    with_spans, without = tmp_path / "with.docx", tmp_path / "without.docx"
    export_docx(article, review, [], with_spans)
    export_docx(dataclasses.replace(article, run_spans=()), review, [], without)
    for out in (with_spans, without):
        back = import_review(out)
        assert (back.original, back.text) == (article.text, review.text)
    document = check_structure(without)["word/document.xml"]
    assert body_text(document, accepted=True) == body_text(
        check_structure(with_spans)["word/document.xml"], accepted=True
    )


def test_exporting_an_export_keeps_ids_unique(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    first = tmp_path / "first.docx"
    export_docx(article, review_with_edits(article.text, {"colour": "color"}), [], first)
    again = read_article(first)
    review = review_with_edits(again.text, {"Monday": "Tuesday"})
    second = tmp_path / "second.docx"
    export_docx(again, review, [], second)
    xml = check_structure(second)
    # the old summary comment is replaced, the old thread kept, the new one added
    assert len(list(xml["word/comments.xml"].iter(q("comment")))) == 1 + 2 + 2
    assert sum(t.startswith("EditDesk review summary") for t in _comment_texts(second)) == 1
    back = import_review(second)
    assert "Tuesday" in back.text and "color" in back.text
    # The second review began on the first export's text: that is its original
    # (the first round's changes are still tracked in the file, as sent).
    assert back.original == review.original
    assert "color" in back.original and "Monday" in back.original


def test_split_run_keeps_properties_and_zero_width_children_on_the_right() -> None:
    xml = (
        f'<w:r xmlns:w="{q("x")[1:-2]}"><w:rPr><w:b/></w:rPr><w:t>abc</w:t>'
        '<w:fldChar w:fldCharType="begin"/><w:t>def</w:t><w:tab/><w:t>gh</w:t></w:r>'
    )
    parent = etree.Element(w("p"))
    run = etree.fromstring(xml)
    parent.append(run)
    pieces = split_run(run, [1, 3, 7])
    assert len(parent) == 4
    texts = ["".join(t.text for t in p.iter(w("t"))) for p in pieces]
    assert texts == ["a", "bc", "def", "gh"]
    assert all(p.find(f"{w('rPr')}/{w('b')}") is not None for p in pieces)
    assert pieces[2][1].tag == w("fldChar")  # the field begins on the right of the cut
    assert pieces[2].find(w("tab")) is not None


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_empty_article_exports(tmp_path: Path, fmt: str) -> None:
    article = Article(text="", paragraphs=(), path=tmp_path / f"e.{fmt}", format=fmt)
    out = tmp_path / "e.docx"
    export_docx(article, review_with_edits("", {"": "Added text"}), [], out)
    xml = check_structure(out)
    assert body_text(xml["word/document.xml"], accepted=True).strip() == "Added text"


def _split_and_join(text: str) -> str:
    """Split two paragraphs, join two others, add one at the end (DOCX separators)."""
    edited = text.replace("hard on the", "hard\non the").replace("Read the", "Read\nthe")
    edited = edited.replace("quarter.\nRead", "quarter. Read")
    return edited.replace("Monday.", "Monday.\nA brand new paragraph.")


def test_paragraph_splits_and_joins_are_tracked_paragraph_marks(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"colour": "color"})
    review.text = _split_and_join(review.text)
    out = tmp_path / "out.docx"
    export_docx(article, review, [], out)
    xml = check_structure(out)
    marks = [
        m.tag.rsplit("}", 1)[1]
        for rpr in xml["word/document.xml"].iter(q("rPr"))
        if rpr.getparent().tag == q("pPr")
        for m in rpr
        if m.tag in (q("ins"), q("del"))
    ]
    kinds = sorted(marks)
    assert kinds == ["del", "ins", "ins", "ins"]
    back = import_review(out)
    assert back.original == article.text
    assert back.text == review.text


def test_txt_paragraph_added_and_merged(tmp_path: Path) -> None:
    article = _txt_article(tmp_path)
    edited = TXT.replace("wall.\n\nMembers", "wall. Members") + "\n\nA closing paragraph."
    review = review_with_edits(article.text, {"discus": "discuss"})
    review.text = edited.replace("discus", "discuss")
    out = tmp_path / "o.docx"
    export_docx(article, review, [], out)
    xml = check_structure(out)
    rejected = body_text(xml["word/document.xml"], accepted=False).split("\n")
    assert [p for p in rejected if p] == _paragraphs(TXT)
    back = import_review(out)
    assert back.text.split("\n") == _paragraphs(review.text)


def test_control_characters_in_names_and_comments(tmp_path: Path) -> None:
    text = "A plain sentence about the harbour.\n\nAnother one."
    article = Article.from_plain_text(text, tmp_path / "x.txt")
    review = review_with_edits(text, {"plain": "simple"})
    review.edit_authors[-1] = ("Bad\x01 Name", "2026-11-28T09:00:00+00:00")
    review.comments[0].author = "Ed\x00itor"
    review.comments[0].text = "Odd\x1b text \ud800 here"
    review.comments[0].replies[0].text = "Reply\x0c"
    f = finding(review.text, "harbour", "house:x\x02", "Message\x03 with control", ("a\x04b",))
    out = tmp_path / "o.docx"
    export_docx(article, review, [f], out, author="Exporter\x05")
    check_structure(out)
    back = import_review(out)
    assert any(c.author == "Ed\ufffditor" and "Odd\ufffd text" in c.text for c in back.comments)
    assert back.text.startswith("A simple sentence")


def test_has_review_markup(tmp_path: Path) -> None:
    from editdesk.export import has_review_markup

    src = rich_docx(tmp_path / "in.docx")
    assert not has_review_markup(src)
    article = read_article(src)
    out = tmp_path / "out.docx"
    export_docx(article, None, [], out, findings_mode="none")
    assert has_review_markup(out)  # the summary comment
    (tmp_path / "junk.docx").write_bytes(b"nope")
    assert not has_review_markup(tmp_path / "junk.docx")


def test_import_comment_made_by_another_program(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph("Alpha beta ")
    run = p.add_run("gamma")
    p.add_run(" delta.")
    d.add_paragraph("Second paragraph.")
    d.add_comment([run], text="Why gamma?", author="Word User", initials="WU")
    path = tmp_path / "w.docx"
    d.save(str(path))
    review = import_review(path)
    assert review.text == review.original == read_article(path).text
    (comment,) = review.comments
    assert (comment.author, comment.text, comment.resolved) == ("Word User", "Why gamma?", False)
    assert review.text[comment.anchor.start : comment.anchor.end] == "gamma"


def test_run_splitting_counts_characters_as_the_readers_do() -> None:
    from editdesk.core.readers.docx_walk import run_text
    from editdesk.export.markup import _length

    xml = (
        f'<w:r xmlns:w="{q("x")[1:-2]}"><w:rPr><w:i/></w:rPr><w:t>ab</w:t><w:tab/><w:br/>'
        '<w:cr/><w:noBreakHyphen/><w:softHyphen/><w:sym w:char="F04A"/><w:fldChar/>'
        "<w:instrText>PAGE</w:instrText><w:lastRenderedPageBreak/><w:t>cd</w:t></w:r>"
    )
    run = etree.fromstring(xml)
    assert sum(_length(c) for c in run if c.tag != w("rPr")) == len(run_text(run))


def test_reexport_of_an_imported_review_adds_only_what_is_new(tmp_path: Path) -> None:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    first = tmp_path / "first.docx"
    export_docx(article, review_with_edits(article.text, {"colour": "color"}), [], first)

    review = import_review(first)  # what the GUI does with a DOCX that has comments
    (thread,) = [c for c in review.comments if c.author == "Jane Editor"]
    from editdesk.core.review.model import Reply

    thread.replies.append(Reply("Jane Editor", "2026-11-29T09:00:00+00:00", "Agreed, closing."))
    thread.resolved = False
    again = read_article(first)
    assert again.text == review.text
    second = tmp_path / "second.docx"
    export_docx(again, review, [], second)
    check_structure(second)
    back = import_review(second)
    (thread2,) = [c for c in back.comments if c.author == "Jane Editor"]
    assert [r.text for r in thread2.replies] == ["Yes, keep it.", "Agreed, closing."]
    assert not thread2.resolved
    assert len(back.comments) == len(review.comments)
    assert back.original == article.text


def test_changes_carry_who_made_them(tmp_path: Path) -> None:
    from editdesk.core.review import Review

    article = _txt_article(tmp_path)
    review = Review.for_article(article)
    f = finding(article.text, "discus", "lt:SPELL", "Spelling.", ("discuss",), Severity.ERROR)
    syncing.sync_findings(review, [f])
    editing.accept(review, f.fingerprint, "discuss", "Copy Chief")
    editing.set_text(review, review.text.replace("adequate", "ample"), by="Jane Editor")
    out = tmp_path / "o.docx"
    export_docx(article, review, [], out)
    body = check_structure(out)["word/document.xml"]
    by_text = {
        "".join(t.text for t in el.iter(q("t"), q("delText"))): el.get(q("author"))
        for el in body.iter(q("ins"), q("del"))
    }
    assert by_text == {
        "discus": "Copy Chief",
        "discuss": "Copy Chief",
        "adequate": "Jane Editor",
        "ample": "Jane Editor",
    }
