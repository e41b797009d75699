"""The review travels inside the DOCX (customXml, urn:editdesk:review:1): re-opening
and re-exporting tell EditDesk's findings from people's comments, nothing is
doubled or lost, and the writer's answers come back."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from export_samples import finding, review_with_edits, rich_docx
from lxml import etree
from ooxml_checks import W14, W15, check_structure, q

from editdesk.core.findings import Severity
from editdesk.core.paths import resource
from editdesk.core.readers import read_article
from editdesk.core.review.editing import reject
from editdesk.core.review.model import Decision, FindingState
from editdesk.core.review.syncing import sync_findings
from editdesk.export import export_docx, has_review_markup, import_review
from editdesk.export.review_part import NS


def _comments(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        return list(etree.fromstring(z.read("word/comments.xml")).iter(q("comment")))


def _part(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(r"customXml/item\d+\.xml", name):
                root = etree.fromstring(z.read(name))
                if root.tag == f"{{{NS}}}review":
                    return root
    raise AssertionError("no EditDesk review part")


def _findings(text: str):
    return [
        finding(text, "a error", "lt:EN_A_VS_AN", "Use “an”.", ("an error",), Severity.ERROR),
        finding(text, "hard", "house:weak-word", "Say how hard.", (), Severity.SUGGESTION),
        finding(text, "Monday", "house:dates", "Give the date.", ("3 March",)),
    ]


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"unbelievably": "incredibly"})
    review.accepted_words.append("Patrushev")
    review.ignored_rules.append("house:sentence-length")
    found = _findings(review.text)
    sync_findings(review, found, ("house", "languagetool"))
    reject(review, found[2].fingerprint, "Jane Editor")
    out = tmp_path / "out.docx"
    export_docx(article, review, found, out, author="Jane Editor")
    return src, out


def test_the_part_is_valid_against_its_schema_and_says_what_is_what(exported) -> None:
    _, out = exported
    check_structure(out)
    schema = etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-2.xsd"))))
    part = _part(out)
    schema.assertValid(part)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    props = [n for n in names if re.fullmatch(r"customXml/itemProps\d+\.xml", n)]
    assert props and "customXmlProperties+xml" in types and "relationships/customXml" in rels
    decisions = {f.get("rule"): f.get("decision") for f in part.iter(f"{{{NS}}}finding")}
    assert decisions == {
        "lt:EN_A_VS_AN": "open",
        "house:weak-word": "open",
        "house:dates": "rejected",
    }
    with_comment = {f.get("comment") for f in part.iter(f"{{{NS}}}finding") if f.get("comment")}
    authors = {c.get(q("id")): c.get(q("author")) for c in _comments(out)}
    assert {authors[c] for c in with_comment} == {"EditDesk"}
    assert [w.text for w in part.iter(f"{{{NS}}}acceptedWord")] == ["Patrushev"]
    assert [r.text for r in part.iter(f"{{{NS}}}ignoredRule")] == ["house:sentence-length"]
    assert [s.get("editor") for s in part.iter(f"{{{NS}}}signoff")] == ["Jane Editor"]


def test_reopening_gives_findings_as_findings_and_people_as_comments(exported) -> None:
    _, out = exported
    assert has_review_markup(out)
    back = import_review(out)
    assert [c.text for c in back.comments] == ["Is this the right word?"]
    by_rule = {fs.finding.id: fs for fs in back.findings}
    assert set(by_rule) == {"lt:EN_A_VS_AN", "house:weak-word", "house:dates"}
    assert by_rule["house:dates"].decision == Decision.REJECTED
    f = by_rule["lt:EN_A_VS_AN"].finding
    assert back.text[f.start : f.end] == "a error"
    assert back.accepted_words == ["Patrushev"]
    assert back.ignored_rules == ["house:sentence-length"]
    assert [s.editor for s in back.signoffs] == ["Jane Editor"]


def test_exporting_an_export_doubles_nothing(exported, tmp_path: Path) -> None:
    _, out = exported
    counts = [len(_comments(out))]
    current = out
    for n in range(3):
        article = read_article(current)
        found = _findings(article.text)
        nxt = tmp_path / f"again{n}.docx"
        report = export_docx(article, None, found, nxt, author="Jane Editor")
        check_structure(nxt)
        counts.append(len(_comments(nxt)))
        assert report.finding_comments == 0 and report.kept_comments >= 2
        current = nxt
    assert len(set(counts)) == 1, counts
    # the rejected finding's decision travelled along although no review was given
    decisions = {f.get("rule"): f.get("decision") for f in _part(current).iter(f"{{{NS}}}finding")}
    assert decisions["house:dates"] == "rejected"
    # and an imported review re-exported: still the same comments
    back = import_review(current)
    again = tmp_path / "from-import.docx"
    export_docx(read_article(current), back, _findings(back.text), again)
    check_structure(again)
    assert len(_comments(again)) == counts[0]


def _edit_parts(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
        edit(parts)
        for name, data in parts.items():
            zout.writestr(name, data)
    return dst


def test_the_writers_answers_come_back(exported, tmp_path: Path) -> None:
    """As a writer's Word would leave it: the change accepted, one finding comment
    resolved, another answered, the editor's comment answered."""
    src, out = exported
    part = _part(out)
    cid_of = {f.get("rule"): f.get("comment") for f in part.iter(f"{{{NS}}}finding")}
    a_vs_an, weak = cid_of["lt:EN_A_VS_AN"], cid_of["house:weak-word"]

    def edit(parts: dict[str, bytes]) -> None:
        body = etree.fromstring(parts["word/document.xml"])
        for d in list(body.iter(q("del"))):  # accept every change
            d.getparent().remove(d)
        for i in list(body.iter(q("ins"))):
            parent = i.getparent()
            if parent.tag == q("rPr"):
                parent.remove(i)
                continue
            for child in list(i):
                i.addprevious(child)
            parent.remove(i)
        # Word gives a reply the range of the comment it answers
        start = next(e for e in body.iter(q("commentRangeStart")) if e.get(q("id")) == weak)
        end = next(e for e in body.iter(q("commentRangeEnd")) if e.get(q("id")) == weak)
        start.addnext(etree.Element(q("commentRangeStart"), {q("id"): "900"}))
        ref = etree.Element(q("r"))
        etree.SubElement(ref, q("commentReference")).set(q("id"), "900")
        end.addnext(ref)
        ref.addprevious(etree.Element(q("commentRangeEnd"), {q("id"): "900"}))
        parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
        comments = etree.fromstring(parts["word/comments.xml"])
        extended = etree.fromstring(parts["word/commentsExtended.xml"])
        para_of = {c.get(q("id")): c.findall(q("p"))[-1].get(q("paraId", W14))
                   for c in comments.iter(q("comment"))}
        for ex in extended.iter(q("commentEx", W15)):
            if ex.get(q("paraId", W15)) == para_of[a_vs_an]:
                ex.set(q("done", W15), "1")
        reply = etree.SubElement(comments, q("comment"))
        reply.set(q("id"), "900")
        reply.set(q("author"), "Will Writer")
        reply.set(q("date"), "2026-12-01T09:00:00Z")
        p = etree.SubElement(reply, q("p"))
        p.set(q("paraId", W14), "7AAAAAAA")
        etree.SubElement(etree.SubElement(p, q("r")), q("t")).text = "It was very hard."
        ex = etree.SubElement(extended, q("commentEx", W15))
        ex.set(q("paraId", W15), "7AAAAAAA")
        ex.set(q("paraIdParent", W15), para_of[weak])
        ex.set(q("done", W15), "0")
        parts["word/comments.xml"] = etree.tostring(
            comments, xml_declaration=True, encoding="UTF-8"
        )
        parts["word/commentsExtended.xml"] = etree.tostring(
            extended, xml_declaration=True, encoding="UTF-8"
        )

    answered = _edit_parts(out, tmp_path / "answered.docx", edit)
    back = import_review(answered)
    # The change accepted: the text has it, and the original is still the input
    # as the writer sent it (the review's edit, accepted, not gone).
    assert "incredibly hard" in back.text
    assert back.original == read_article(src).text and "unbelievably hard" in back.original
    by_rule = {fs.finding.id: fs for fs in back.findings}
    assert by_rule["lt:EN_A_VS_AN"].decision == Decision.IGNORED  # resolved by the writer
    assert by_rule["house:weak-word"].decision == Decision.OPEN
    conversation = next(c for c in back.comments if c.author == "EditDesk")
    assert "house:weak-word" in conversation.text
    assert [(r.author, r.text) for r in conversation.replies] == [
        ("Will Writer", "It was very hard.")
    ]
    editor = next(c for c in back.comments if c.text == "Is this the right word?")
    assert [r.author for r in editor.replies] == ["Will Writer"]
    # re-exported: the conversation is kept once, the resolved finding is not re-added
    again = tmp_path / "again.docx"
    still_open = [fs.finding for fs in back.findings if fs.is_open]
    export_docx(read_article(answered), back, still_open, again)
    check_structure(again)
    texts = [" ".join(t.text or "" for t in c.iter(q("t"))) for c in _comments(again)]
    assert sum("house:weak-word" in t for t in texts) == 1
    assert not any("EN_A_VS_AN" in t for t in texts)
    assert sum("It was very hard." in t for t in texts) == 1
    assert all(isinstance(fs, FindingState) for fs in back.findings)
