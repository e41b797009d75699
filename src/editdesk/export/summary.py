"""The review summary: a comment on the first paragraph, and with
``summary_page`` a report section appended to the body.

The report is a tracked insertion signed EditDesk, not body text: Reject All
(or rejecting EditDesk's changes alone) removes it and gives the article back
exactly, and it is plainly not the writer's. A first comment would not print
with the document, and the summary comment is there anyway. A hidden bookmark
(``REPORT_BOOKMARK``) marks it, so EditDesk never reads it as the article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from copy import deepcopy

from docx.document import Document
from docx.enum.text import WD_BREAK
from lxml import etree

from editdesk.core.readers.docx_walk import REPORT_BOOKMARK
from editdesk.core.review.model import Decision, FindingState, SignOff
from editdesk.export.ooxml import IdAllocator, ParagraphStyles, clean_xml_text, w
from editdesk.export.tracked import Stamp, insert_paragraph_mark, insertion_wrapper

TITLE = "EditDesk review summary"


def signoff_line(s: SignOff) -> str:
    line = f"{s.editor} ({s.role}) {s.decision} at {s.at}"
    if s.note:
        line += f": {s.note}"
    if s.force_reason:
        line += f" [approved despite open errors: {s.force_reason}]"
    return line


def counts_line(states: Sequence[FindingState]) -> str:
    decisions = Counter(fs.decision for fs in states)
    open_by_severity = Counter(
        fs.finding.severity.value for fs in states if fs.decision == Decision.OPEN
    )
    open_detail = ", ".join(
        f"{open_by_severity[k]} {k}"
        for k in ("error", "warning", "suggestion")
        if open_by_severity[k]
    )
    parts = [f"{decisions[Decision.OPEN]} open" + (f" ({open_detail})" if open_detail else "")]
    for d in (Decision.ACCEPTED, Decision.REJECTED, Decision.IGNORED):
        parts.append(f"{decisions[d]} {d.value}")
    return "Findings: " + ", ".join(parts)


def summary_text(signoffs: Sequence[SignOff], status: str, states: Sequence[FindingState]) -> str:
    lines = [TITLE]
    if signoffs:
        latest = signoffs[-1]
        lines.append(f"Sign-off ({status}): {signoff_line(latest)}")
        if status == "stale":
            lines.append("The text changed after this sign-off.")
        lines.extend(f"Earlier: {signoff_line(s)}" for s in reversed(signoffs[:-1]))
    else:
        lines.append("Not signed off.")
    lines.append(counts_line(states))
    return "\n".join(lines)


def append_summary_page(
    document: Document,
    signoffs: Sequence[SignOff],
    status: str,
    states: Sequence[FindingState],
    text: str,
    ids: IdAllocator,
    stamp: Stamp,
) -> None:
    """A page break, then the review report, at the end of the body, tracked."""
    body = document.element.body
    before = body.findall(w("p"))
    last = before[-1] if before else None
    styles = ParagraphStyles(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Review report", level=1)
    document.add_heading("Sign-offs", level=2)
    if not signoffs:
        document.add_paragraph("Not signed off.")
    for s in signoffs:
        styles.add("List Bullet", clean_xml_text(signoff_line(s)))
    if signoffs:
        document.add_paragraph(f"Latest sign-off is {status}.")
    document.add_heading("Findings", level=2)
    document.add_paragraph(counts_line(states))
    open_states = [fs for fs in states if fs.decision == Decision.OPEN]
    if open_states:
        document.add_heading("Open findings", level=2)
    for fs in open_states:
        f = fs.finding
        quote = text[f.start : f.end].replace("\n", " ")
        if len(quote) > 60:
            quote = quote[:57] + "..."
        line = f"[{f.severity.value}] {f.id}: {f.message} (\u201c{quote}\u201d)"
        styles.add("List Bullet", clean_xml_text(line))
    document.add_paragraph("End of the review report.")
    _track(body, before, last, ids, stamp)


def _track(body, before, last, ids: IdAllocator, stamp: Stamp) -> None:
    """Every run of the new paragraphs inserted; every new paragraph mark
    inserted, the last one standing for the article's last mark (it takes that
    paragraph's properties, and that paragraph's own mark is the inserted one),
    so rejecting leaves the article exactly as it was."""
    old = set(before)
    new = [p for p in body.findall(w("p")) if p not in old]
    if not new:
        return
    for p in new:
        for r in p.findall(w("r")):
            wrapper = insertion_wrapper(ids, stamp)
            r.addprevious(wrapper)
            wrapper.append(r)
    marks = ([last] if last is not None else []) + new[:-1]
    if last is not None:
        final = new[-1]
        ppr = final.find(w("pPr"))
        if ppr is not None:
            final.remove(ppr)
        last_ppr = last.find(w("pPr"))
        if last_ppr is not None:
            copied = deepcopy(last_ppr)
            for child in list(copied):
                if child.tag == w("sectPr"):
                    copied.remove(child)
            final.insert(0, copied)
    for p in marks:
        insert_paragraph_mark(p, ids, stamp)
    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), ids.next())
    start.set(w("name"), REPORT_BOOKMARK)
    end = etree.Element(w("bookmarkEnd"))
    end.set(w("id"), start.get(w("id")))
    first_ppr = new[0].find(w("pPr"))
    new[0].insert(0 if first_ppr is None else new[0].index(first_ppr) + 1, start)
    new[-1].append(end)
