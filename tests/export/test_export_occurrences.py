"""A repeated sentence's copies keep their own decisions in the export, as in the
review: the rejected copy is a rejected comment, the open copy an open one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from export_samples import finding
from lxml import etree
from ooxml_checks import q

from editdesk.core.readers import read_article
from editdesk.core.review import Review, editing, syncing
from editdesk.export import export_docx
from editdesk.service.exporting import open_findings

LINE = "The mayor said teh plan was sound."
TEXT = f"Harbour plan\n\n{LINE}\n\nWork starts in May.\n\n{LINE}\n"


def _finding_comments(path: Path) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/comments.xml"))
    texts = ["".join(t.text for t in c.iter(q("t"))) for c in root.iter(q("comment"))]
    return [t for t in texts if "teh" in t or "spelling" in t]


def _review(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(path)
    review = Review.for_article(article)
    copies = [
        finding(TEXT, "teh", "lt:MORFOLOGIK_RULE_EN_GB", "Possible spelling mistake.",
                ("the",), occurrence=n)
        for n in (0, 1)
    ]
    syncing.sync_findings(review, copies)
    assert copies[0].fingerprint == copies[1].fingerprint
    editing.reject(review, review.findings[1], by="Ana")  # the second copy only
    return article, review


def test_the_open_copy_stays_open_and_the_rejected_copy_rejected(tmp_path):
    article, review = _review(tmp_path)
    out = tmp_path / "all.docx"
    report = export_docx(article, review, open_findings(review), out, findings_mode="all")
    assert report.finding_comments == 2
    texts = _finding_comments(out)
    assert sum("rejected by Ana" in t for t in texts) == 1
    opened = tmp_path / "open.docx"
    report = export_docx(article, review, open_findings(review), opened, findings_mode="open")
    assert report.finding_comments == 1
    assert not any("rejected" in t for t in _finding_comments(opened))


def test_a_fresh_check_keeps_each_copy_its_decision(tmp_path):
    article, review = _review(tmp_path)
    fresh = [s.finding for s in review.findings]  # what a fresh check of this text finds
    out = tmp_path / "fresh.docx"
    report = export_docx(article, review, fresh, out, findings_mode="open")
    assert report.finding_comments == 1
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    starts = [e for e in root.iter(q("commentRangeStart"))]
    assert starts  # the open copy's comment is anchored in the text
