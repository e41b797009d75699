"""Mark up a copy of a DOCX article: the original package is opened and saved
elsewhere, so hyperlinks, tables, headers and images stay as they were."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from lxml import etree

from editdesk.core.readers.docx_walk import header_footer_ids, w
from editdesk.export.ooxml import related_part

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def open_copy(path: Path) -> Document:
    """The DOCX at ``path`` loaded in memory (the file itself is never written).

    Raises ValueError (one line) when python-docx cannot load the package: the
    reader only looks at the body, so a damaged comments or styles part shows here.
    """
    refuse_dtds(path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        first = str(exc).splitlines()[0] if str(exc) else ""
        why = f"{type(exc).__name__}: {first}"
        raise ValueError(f"not a DOCX python-docx can load ({why})") from None


def refuse_dtds(path: Path) -> None:
    """A part with a DTD (entities) is refused: python-docx would keep the
    entity references and drop their definitions, a part no client can open."""
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with z.open(info) as fh:
                    head = fh.read(4096)
                # A DOCTYPE comes before the root element, so the head is enough.
                root_at = re.search(rb"<[A-Za-z_]", head)
                limit = root_at.start() if root_at else len(head)
                if _DOCTYPE.search(head, 0, limit):
                    raise ValueError(
                        f"{info.filename} declares a DTD (entities), which DOCX does not "
                        "allow; save the document again from Word or LibreOffice"
                    )
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
        raise ValueError(f"not a readable DOCX ({type(exc).__name__})") from None


def note_parts(document: Document) -> list[tuple[Part, etree._Element]]:
    """The other stories' parts with their roots, in the order the reader reads
    them: footnotes and endnotes (plain parts to python-docx, parsed here), then
    each header and footer once, as the sections name them (python-docx's own
    XML parts: their element is the root, edited in place)."""
    out = []
    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        part = related_part(document.part, reltype)
        if part is None:
            continue
        out.append((part, _root(part)))
    seen: set[str] = set()
    for rid in header_footer_ids(document.element):
        rel = document.part.rels.get(rid)
        if rel is None or rel.is_external or str(rel.target_part.partname) in seen:
            continue
        part = rel.target_part
        seen.add(str(part.partname))
        root = _root(part)
        if root.tag in (w("hdr"), w("ftr")):
            out.append((part, root))
    return out


def _root(part: Part) -> etree._Element:
    if isinstance(part, XmlPart):
        return part.element
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        return etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{part.partname} is not well-formed XML ({exc})") from None


def save_note_parts(notes: list[tuple[Part, etree._Element]]) -> None:
    """Serialise the parsed plain parts (python-docx's XML parts save themselves)."""
    for part, root in notes:
        if not isinstance(part, XmlPart):
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
