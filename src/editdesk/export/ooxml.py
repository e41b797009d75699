"""WordprocessingML element builders, id allocation and XML-safe text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree

from editdesk.core.readers.docx_walk import W_NS, w

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

__all__ = [
    "MC_NS",
    "R_NS",
    "W14_NS",
    "W15_NS",
    "W16CID_NS",
    "W_NS",
    "IdAllocator",
    "ParagraphStyles",
    "clean_xml_text",
    "ensure_styles",
    "add_text",
    "make_run",
    "related_part",
    "set_text",
    "w",
    "word_date",
]

# Everything XML 1.0 cannot carry: C0 controls except tab/LF/CR, lone
# surrogates, U+FFFE and U+FFFF.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_xml_text(text: str, replacement: str = "\ufffd") -> str:
    """Text safe for lxml: forbidden characters become U+FFFD (same length, so
    offsets computed on the original text stay valid)."""
    return _BAD_XML.sub(replacement, text)


def word_date(iso: str | None = None) -> str:
    """An ISO 8601 time as Word writes it (``2026-01-31T12:00:00Z``, UTC)."""
    if iso:
        try:
            dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            dt = datetime.now(UTC)
    else:
        dt = datetime.now(UTC)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class IdAllocator:
    """One counter for comment and revision ids, so they are unique across the
    document; starts above every ``w:id`` already there."""

    def __init__(self, *roots: etree._Element) -> None:
        highest = -1
        attr = w("id")
        para_attr = f"{{{W14_NS}}}paraId"
        self._used_para: set[str] = set()
        for root in roots:
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                value = el.get(attr)
                if value is not None and value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
                para = el.get(para_attr)
                if para is not None:
                    self._used_para.add(para.upper())
        self._next = highest + 1
        self._para = 0x10000000

    def next(self) -> str:
        value = self._next
        self._next += 1
        return str(value)

    def next_para_id(self) -> str:
        """A ``w14:paraId``: 8 hex digits below 0x80000000."""
        self._para += 1
        while f"{self._para:08X}" in self._used_para:
            self._para += 1
        return f"{self._para:08X}"


_REVISIONS = frozenset(
    w(tag)
    for tag in (
        "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
        "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange",
        "numberingChange", "cellIns", "cellDel", "cellMerge",
    )
)


def renumber_clashing_revisions(
    comment_ids: set[str], ids: IdAllocator, *roots: etree._Element
) -> int:
    """Give a fresh id to each revision whose ``w:id`` a comment or an earlier
    revision already has (LibreOffice numbers its revisions and its comments each
    from 0); returns how many. Nothing refers to a revision by its id."""
    seen = set(comment_ids)
    changed = 0
    attr = w("id")
    for root in roots:
        for el in root.iter(*_REVISIONS):
            value = el.get(attr)
            if value is None:
                continue
            if value in seen:
                value = ids.next()
                el.set(attr, value)
                changed += 1
            seen.add(value)
    return changed


def ensure_styles(document, styles: dict[str, tuple[str, str, str]]) -> None:
    """Define each style ``{style id: (type, name, inner XML)}`` the document lacks."""
    root = document.styles.element
    have = {s.get(w("styleId")) for s in root.iter(w("style"))}
    for style_id, (kind, name, body) in styles.items():
        if style_id in have:
            continue
        xml = (
            f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{body}</w:style>'
        )
        root.append(etree.fromstring(xml))


def related_part(source, reltype: str):
    """The part ``source`` (a part, or the package) relates to by ``reltype``
    inside the package, or None."""
    for rel in source.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


class ParagraphStyles:
    """Adds paragraphs in named styles, each style looked up once: python-docx
    builds a proxy for every style of the template on each lookup by name."""

    def __init__(self, document) -> None:
        self.document = document
        self.names = frozenset(s.name for s in document.styles)
        self._ids: dict[str, str | None] = {}

    def known(self, name: str | None) -> str | None:
        """``name`` if the template has that style, else None (the default)."""
        return name if name in self.names else None

    def add(self, name: str | None, text: str = ""):
        """``document.add_paragraph(text, style=name)``, with the style id remembered."""
        paragraph = self.document.add_paragraph(text)
        if name is not None:
            if name not in self._ids:
                from docx.enum.style import WD_STYLE_TYPE

                self._ids[name] = self.document.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self._ids[name]
        return paragraph


def set_text(el: etree._Element, text: str) -> None:
    el.text = clean_xml_text(text)
    if text != text.strip() or "  " in text:
        el.set(XML_SPACE, "preserve")


def make_run(
    text: str, rpr: etree._Element | None = None, *, deleted: bool = False
) -> etree._Element:
    """A ``w:r`` for ``text``: newlines become ``w:br``, tabs ``w:tab``."""
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(_copy(rpr))
    add_text(r, text, deleted=deleted)
    return r


def add_text(r: etree._Element, text: str, *, deleted: bool = False) -> None:
    """Append ``text`` to the run ``r``: newlines become ``w:br``, tabs ``w:tab``."""
    tag = w("delText") if deleted else w("t")
    for piece in _BREAKS.split(text):
        if piece == "\n":
            etree.SubElement(r, w("br"))
        elif piece == "\t":
            etree.SubElement(r, w("tab"))
        elif piece:
            set_text(etree.SubElement(r, tag), piece)


_BREAKS = re.compile(r"(\n|\t)")


def _copy(el: etree._Element) -> etree._Element:
    from copy import deepcopy

    return deepcopy(el)
