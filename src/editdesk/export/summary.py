"""The review summary: a comment on the first paragraph, and with
``summary_page`` a report section appended to the body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_BREAK

from editdesk.core.review.model import Decision, FindingState, SignOff
from editdesk.export.ooxml import ParagraphStyles, clean_xml_text

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
) -> None:
    """A page break, then the review report, at the end of the body."""
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
