"""The writer's answer to an accepted suggestion: rejecting its tracked change
in Word or LibreOffice (the ``w:ins`` goes, the ``w:del`` is unwrapped) reopens
the finding when the DOCX comes back, with a note; accepting it, or leaving it
pending, keeps the editor's decision."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from export_samples import finding
from lxml import etree
from ooxml_checks import q

from editdesk.core.readers import read_article
from editdesk.core.review.editing import accept
from editdesk.core.review.model import Decision, FindingState, Review, sha256_text
from editdesk.export import export_docx, import_review
from editdesk.export.review_part import TOOL_AUTHOR

TEXT = [
    "The council met on Monday to discus the harbour wall.",
    "Their is no money for the wall this year, the treasurer said.",
]


def _exported(tmp_path: Path) -> tuple[Path, Review]:
    d = docx.Document()
    for line in TEXT:
        d.add_paragraph(line)
    src = tmp_path / "wall.docx"
    d.save(str(src))
    article = read_article(src)
    review = Review(str(src), article.text, article.text, sha256_text(article.text))
    suggestions = (("discus", "discuss", "lt:MORFOLOGIK"), ("Their", "There", "lt:THEIR"))
    for word, repl, rule in suggestions:
        f = finding(review.text, word, rule, "Spelling.", (repl,))
        review.findings.append(FindingState(f))
    for fs in list(review.findings):
        accept(review, fs, fs.finding.replacements[0], "Jane Editor")
    assert review.text == TEXT[0].replace("discus", "discuss") + "\n" + TEXT[1].replace(
        "Their", "There"
    )
    out = tmp_path / "wall.reviewed.docx"
    export_docx(article, review, [], out, author="Jane Editor")
    return out, review


def _answer(path: Path, out: Path, word: str, *, reject: bool) -> None:
    """What Word's Reject (or Accept) Change does to the change at ``word``."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    gone, kept = (q("ins"), q("del")) if reject else (q("del"), q("ins"))
    hits = 0
    for p in root.iter(q("p")):
        texts = "".join(t.text or "" for t in p.iter(q("t"), q("delText")))
        if word not in texts:
            continue
        for el in list(p.iter(gone)):
            if el.getparent().tag != q("rPr"):
                el.getparent().remove(el)
                hits += 1
        for el in list(p.iter(kept)):
            if el.getparent().tag == q("rPr"):
                continue
            for t in el.iter(q("delText")):
                t.tag = q("t")
            for child in list(el):
                el.addprevious(child)
            el.getparent().remove(el)
    assert hits, f"no change at {word!r}"
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_rejected_accepted_suggestion_reopens_its_finding(tmp_path: Path) -> None:
    exported, _ = _exported(tmp_path)
    answered = tmp_path / "answered.docx"
    _answer(exported, answered, "discus", reject=True)
    back = import_review(answered)
    assert back.text.split("\n") == [TEXT[0], TEXT[1].replace("Their", "There")]
    by_rule = {fs.finding.id: fs for fs in back.findings}
    reopened = by_rule["lt:MORFOLOGIK"]
    assert reopened.decision == Decision.OPEN and reopened.replacement is None
    f = reopened.finding
    assert back.text[f.start : f.end] == "discus"
    assert by_rule["lt:THEIR"].decision == Decision.ACCEPTED
    (note,) = [c for c in back.comments if c.author == TOOL_AUTHOR]
    assert "writer rejected" in note.text and "discuss" in note.text
    assert back.text[note.anchor.start : note.anchor.end] == "discus"


@pytest.mark.parametrize("reject", [False, None])
def test_an_accepted_or_pending_change_keeps_the_decision(tmp_path: Path, reject) -> None:
    exported, _ = _exported(tmp_path)
    answered = exported
    if reject is not None:
        answered = tmp_path / "answered.docx"
        _answer(exported, answered, "discus", reject=False)
    back = import_review(answered)
    assert {fs.finding.id: fs.decision for fs in back.findings} == {
        "lt:MORFOLOGIK": Decision.ACCEPTED, "lt:THEIR": Decision.ACCEPTED
    }
    assert not [c for c in back.comments if c.author == TOOL_AUTHOR]


def test_both_rejected(tmp_path: Path) -> None:
    exported, _ = _exported(tmp_path)
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    _answer(exported, once, "discus", reject=True)
    _answer(once, twice, "Their", reject=True)
    back = import_review(twice)
    assert back.text.split("\n") == TEXT
    assert all(fs.decision == Decision.OPEN for fs in back.findings)
    assert sorted(back.text[fs.finding.start : fs.finding.end] for fs in back.findings) == [
        "Their", "discus"
    ]
    assert len([c for c in back.comments if re.search("writer rejected", c.text)]) == 2


def test_the_imported_original_is_the_input_as_sent(tmp_path: Path) -> None:
    """An input that already holds someone's tracked changes: EditDesk read it with
    them accepted, so the imported review's original is that text (carried in the
    review part), not the text with every change rejected, which would count
    Ann's change as an edit of this review. Without the part the rejected view
    is all there is."""
    from docx_corpus import existing_review

    src = existing_review(tmp_path / "ann.docx")
    sent = read_article(src).text
    assert "The wall was quite old" in sent  # Ann's change, pending, read accepted
    review = Review(str(src), sent, sent.replace("loose", "falling"), sha256_text(sent))
    out = tmp_path / "ann.reviewed.docx"
    export_docx(read_article(src), review, [], out, author="Jane Editor")
    back = import_review(out)
    assert back.original == sent and back.original_sha256 == sha256_text(sent)
    assert back.text == review.text
    assert "The wall was very old" in import_review(src).original  # no part: all rejected
