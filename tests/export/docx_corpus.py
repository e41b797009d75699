"""A varied corpus of DOCX files built here (no third-party files): tables,
numbering, fields, hyperlinks, code styles, footnotes, text boxes, a
SmartArt-like drawing, right-to-left text, tracked changes and comments
already present, and the same finding in several places. Each builder returns the path written."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Inches, Pt
from export_samples import LINK_URL, _hyperlink, tiny_png

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
INTRO = "The council met on Monday to discus the colour of the harbour wall."


def _p(xml: str):
    return parse_xml(f"<w:p {NSDECL}>{xml}</w:p>")


def tables_and_numbering(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Budget Review", level=1)
    d.add_paragraph(INTRO)
    for item in ("First the the harbour.", "Then the bridge.", "Last the road."):
        d.add_paragraph(item, style="List Number")
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(("Item", "Cost", "Notes")):
        t.cell(0, c).text = text
    t.cell(1, 0).text = "Wall"
    t.cell(1, 1).text = "Twelve million"
    t.cell(1, 2).paragraphs[0].add_run("Two lines in ")
    t.cell(1, 2).add_paragraph("one cell here.")
    d.add_paragraph("A closing line after the table.")
    d.save(str(path))
    return path


def fields_links_code(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(INTRO)
    p = d.add_paragraph("See ")
    _hyperlink(p, "the full report", LINK_URL)
    p.add_run(" for the figures.")
    p = d.add_paragraph("Page ")
    p._p.append(_p('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')[0])
    p.add_run(" of the report, dated ")
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>1 March</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(_p(xml)[0])
    p.add_run(" this year.")
    code = d.add_paragraph()
    run = code.add_run("print(colour)  # the code stays as it is")
    run.font.name = "Courier New"
    run.font.size = Pt(9)
    d.add_paragraph("Members agreed that the the budget was adequate.")
    d.save(str(path))
    return path


def footnotes(path: Path) -> Path:
    d = docx.Document()
    p = d.add_paragraph("The harbour wall is old")
    p._p.append(_p('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                   '<w:footnoteReference w:id="1"/></w:r>')[0])
    p.add_run(" and the the council knows it.")
    d.add_paragraph(INTRO)
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NSDECL}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Built in 1850 from granite.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes,
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(str(path))
    return path


def _text_box(words: str) -> str:
    content = f"<w:txbxContent><w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="1828800" cy="457200"/>'
        '<wp:docPr id="10" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:spPr/><wps:txbx>{content}</wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def text_boxes_and_drawing(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(INTRO)
    p = d.add_paragraph("A pull quote sits here: ")
    p._p.append(_p(_text_box("Their is no money for the the wall."))[0])
    d.add_picture(io.BytesIO(tiny_png()), width=Inches(0.5))
    # A diagram-like drawing: graphic data EditDesk does not know, kept as it is.
    d.add_paragraph()._p.append(_p(
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="11" name="Diagram 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )[0])
    d.add_paragraph("The end of the article is near.")
    d.save(str(path))
    return path


def right_to_left(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(INTRO)
    p = d.add_paragraph()
    p._p.insert(0, _p("<w:pPr><w:bidi/></w:pPr>")[0])
    r = p.add_run("مرحبا بالعالم في الميناء")
    r._r.insert(0, _p("<w:rPr><w:rtl/></w:rPr>")[0])
    d.add_paragraph("Members agreed that the the budget was adequate.")
    d.save(str(path))
    return path


def existing_review(path: Path) -> Path:
    """Tracked changes and a comment from someone else, already there."""
    d = docx.Document()
    d.add_paragraph(INTRO)
    p = d.add_paragraph("The wall was ")
    for child in list(_p(
        '<w:del w:id="101" w:author="Ann Other" w:date="2026-01-02T10:00:00Z">'
        "<w:r><w:delText>very </w:delText></w:r></w:del>"
        '<w:ins w:id="102" w:author="Ann Other" w:date="2026-01-02T10:00:00Z">'
        "<w:r><w:t>quite </w:t></w:r></w:ins>"
        "<w:r><w:t>old and the the stones are loose.</w:t></w:r>"
    )):
        p._p.append(child)
    last = d.add_paragraph("Members agreed that the budget was adequate.")
    d.add_comment(last.runs, text="Which members?", author="Ann Other", initials="AO")
    d.save(str(path))
    return path


BEFORE_TABLE = "This paragraph sits just before the table."
CELL_LAST = "The last line of the cell goes too."


def paragraphs_by_tables(path: Path) -> Path:
    """Paragraphs that a review may delete where a paragraph mark cannot go:
    just before a table (the two before it, too) and last in a table cell."""
    d = docx.Document()
    d.add_heading("Harbour Costs", level=1)
    d.add_paragraph(INTRO)
    d.add_paragraph("A second paragraph before the table is here.")
    d.add_paragraph(BEFORE_TABLE, style="List Bullet")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).paragraphs[0].add_run("First line of the cell.")
    t.cell(0, 0).add_paragraph(CELL_LAST)
    t.cell(0, 1).text = "The other cell stays."
    d.add_paragraph("A closing line after the table.")
    d.save(str(path))
    return path


HEADER = "Harbour Report: the the council's wall"
FOOTER = "Printed for the council members only"


def headers_footers(path: Path) -> Path:
    """A default header and footer (a PAGE field in the footer), a different
    first-page header, an even-page header repeating the default one, and a
    second section with its own header sharing the first's footer."""
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.text = FOOTER + ", page "
    footer._p.append(_p('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')[0])
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Draft for the colour committee"
    # Even pages repeat the default header (Word's mirrored layout): read once.
    d.settings.odd_and_even_pages_header_footer = True
    section.even_page_header.paragraphs[0].text = HEADER
    d.add_heading("Wall Repairs", level=1)
    d.add_paragraph(INTRO)
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Appendix: the wall in numbers"
    d.add_paragraph("Members agreed that the budget was adequate.")
    d.save(str(path))
    return path


REPEATED = "We read the the report and the the notes."


def repeated_findings(path: Path) -> Path:
    """The same problem in several places: a doubled word twice in one sentence,
    in a paragraph that occurs twice (one finding print for each copy's pair)."""
    d = docx.Document()
    d.add_heading("Harbour Notes", level=1)
    d.add_paragraph(INTRO)
    d.add_paragraph(REPEATED)
    p = d.add_paragraph("Members agreed that the ")
    p.add_run("budget").bold = True
    p.add_run(" was adequate.")
    d.add_paragraph(REPEATED)
    d.add_paragraph(REPEATED)
    d.save(str(path))
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "repeated-findings": repeated_findings,
    "paragraphs-by-tables": paragraphs_by_tables,
    "headers-footers": headers_footers,
    "tables-numbering": tables_and_numbering,
    "fields-links-code": fields_links_code,
    "footnotes": footnotes,
    "text-boxes-drawing": text_boxes_and_drawing,
    "right-to-left": right_to_left,
    "existing-review": existing_review,
}
