"""Articles and reviews for the export tests, built with real parts."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Inches

from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review.model import Anchor, Comment, Reply, Review, SignOff, sha256_text

LINK_URL = "https://example.org/report"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _hyperlink(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def rich_docx(path: Path) -> Path:
    """Header, title, a word split over bold and plain runs, a hyperlink, a
    table and an image: everything that must survive the markup."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Quarterly Header"
    d.add_heading("Partnership Report", level=1)
    p = d.add_paragraph("The team worked ")
    p.add_run("unbel").bold = True
    p.add_run("ievably hard on the colour scheme this quarter.")
    p = d.add_paragraph("Read the ")
    _hyperlink(p, "full report", LINK_URL)
    p.add_run(" before the meeting on Monday.")
    table = d.add_table(rows=2, cols=2)
    cells = {(0, 0): "Region", (0, 1): "Sales", (1, 0): "North", (1, 1): "Twelve"}
    for (r, c), text in cells.items():
        table.cell(r, c).text = text
    d.add_picture(io.BytesIO(tiny_png()), width=Inches(0.5))
    d.add_paragraph("Their is a final sentence with a error.")
    d.save(str(path))
    return path


def finding(
    text: str,
    word: str,
    rule: str,
    message: str,
    repl: tuple[str, ...] = (),
    severity: Severity = Severity.WARNING,
    occurrence: int = 0,
) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    f = Finding(
        rule,
        "house" if rule.startswith("house:") else "languagetool",
        "style",
        severity,
        message,
        start,
        start + len(word),
        repl,
    )
    return with_fingerprint(f, text)


def review_with_edits(original: str, edits: dict[str, str], path: str = "article") -> Review:
    """A review whose text replaces each key of ``edits`` (first occurrence) by its value,
    with a threaded, resolved comment on the first edited word and a sign-off."""
    text = original
    for old, new in edits.items():
        text = text.replace(old, new, 1)
    review = Review(path, original, text, sha256_text(original))
    review.edit_authors.append(("Jane Editor", "2026-11-28T09:00:00+00:00"))
    first_new = next(iter(edits.values()))
    at = text.index(first_new)
    review.comments.append(
        Comment(
            "c1",
            Anchor.on(text, at, at + len(first_new)),
            "Jane Editor",
            "2026-11-28T10:00:00+00:00",
            "Is this the right word?",
            [Reply("Will Writer", "2026-11-28T11:00:00+00:00", "Yes, keep it.")],
            resolved=True,
        )
    )
    review.signoffs.append(
        SignOff(
            "Jane Editor",
            "copy editor",
            "approved",
            "Looks good",
            "2026-11-28T12:00:00+00:00",
            sha256_text(text),
            "style123",
            {"error": 0, "warning": 1},
        )
    )
    return review
