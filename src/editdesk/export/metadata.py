"""What a new document says about itself: page size and proofing language from
the article's variant (en-GB: A4, en-US: Letter), EditDesk as its creator with
the export's dates, no template thumbnail. A writer's own DOCX keeps its page,
language and creator; only the modification is recorded."""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm
from lxml import etree

from editdesk import __version__
from editdesk.export.ooxml import clean_xml_text, related_part, w

TOOL = "EditDesk"
_PAGES = {"en-GB": (Mm(210), Mm(297), Mm(25)), "en-US": (Mm(215.9), Mm(279.4), Mm(25.4))}
_EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_up_new(document: Document, variant: str, title: str, reviewer: str | None) -> None:
    """A document EditDesk made (from .txt or .md)."""
    width, height, margin = _PAGES.get(variant, _PAGES["en-GB"])
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
    _set_language(document, variant)
    now = datetime.now(UTC).replace(microsecond=0)
    core = document.core_properties
    core.author = TOOL
    core.comments = ""
    core.title = clean_xml_text(title)[:255]
    core.created = core.modified = now
    core.last_modified_by = clean_xml_text(reviewer or TOOL)[:255]
    core.revision = 1
    _replace_extended_properties(document)
    _drop_thumbnail(document)
    _fix_template_settings(document)


def touch_existing(document: Document, reviewer: str | None) -> None:
    """A writer's DOCX: keep its creator and creation date, record this export."""
    core = document.core_properties
    core.modified = datetime.now(UTC).replace(microsecond=0)
    if reviewer:
        core.last_modified_by = clean_xml_text(reviewer)[:255]


def _set_language(document: Document, variant: str) -> None:
    root = document.styles.element
    defaults = root.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, w("lang"))
    lang.set(w("val"), variant)


def _replace_extended_properties(document: Document) -> None:
    """docProps/app.xml names EditDesk, not the template's Word for Mac."""
    part = related_part(document.part.package, RT.EXTENDED_PROPERTIES)
    if part is None:
        return
    root = etree.Element(f"{{{_EXTENDED_NS}}}Properties", nsmap={None: _EXTENDED_NS})
    etree.SubElement(root, f"{{{_EXTENDED_NS}}}Application").text = f"{TOOL} {__version__}"
    etree.SubElement(root, f"{{{_EXTENDED_NS}}}DocSecurity").text = "0"
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fix_template_settings(document: Document) -> None:
    """python-docx's template has a w:zoom without the w:percent ECMA-376 requires."""
    zoom = document.settings.element.find(w("zoom"))
    if zoom is not None and zoom.get(w("percent")) is None:
        zoom.set(w("percent"), "100")


def _drop_thumbnail(document: Document) -> None:
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)
