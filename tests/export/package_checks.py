"""Checks of our own for the parts EditDesk writes that no reachable XSD covers.

- ``docProps/core.xml``: the OPC core properties as ECMA-376 Part 2 §8.3.4
  constrains them (stricter than opc-coreProperties.xsd, which is not in POI's
  poi-ooxml-full and imports the Dublin Core schemas by URL, so it cannot be
  had offline through a package registry): the root, the sixteen known
  elements, each at most once, in its own namespace, no markup compatibility,
  no xml:lang, ``xsi:type`` only ``dcterms:W3CDTF`` on ``created`` and
  ``modified``, whose values are W3CDTF dates.
- ``word/commentsExtended.xml`` and ``word/commentsIds.xml`` (Word 2012/2016
  extensions, with no XSD in POI): the root and child elements, 8-digit hex
  ids below 0x80000000, every ``paraId`` the last paragraph of a comment, each
  once, a parent that is another comment's, ``done`` 0 or 1, unique durable
  ids, and the relationship and content type that make Word read the part.

Each returns the problems found (an empty list: none), so a test can show it
failing on a broken part.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

CORE_ELEMENTS = {
    (CP, "category"), (CP, "contentStatus"), (DCTERMS, "created"), (DC, "creator"),
    (DC, "description"), (DC, "identifier"), (CP, "keywords"), (DC, "language"),
    (CP, "lastModifiedBy"), (CP, "lastPrinted"), (DCTERMS, "modified"), (CP, "revision"),
    (DC, "subject"), (DC, "title"), (CP, "version"), (CP, "contentType"),
}
_W3CDTF = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?"
)
_HEX8 = re.compile(r"[0-9A-F]{8}")
EXTENDED = {
    "word/commentsExtended.xml": (
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
    ),
    "word/commentsIds.xml": (
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
    ),
}


def core_properties_problems(root: etree._Element) -> list[str]:
    out: list[str] = []
    if root.tag != f"{{{CP}}}coreProperties":
        return [f"root is {root.tag}, not cp:coreProperties"]
    seen: set[tuple[str, str]] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in el.attrib:
            if etree.QName(attr).namespace == MC:
                out.append(f"{el.tag}: markup compatibility attribute {attr}")
            if attr == "{http://www.w3.org/XML/1998/namespace}lang":
                out.append(f"{el.tag}: xml:lang is not allowed")
        if etree.QName(el).namespace == MC:
            out.append(f"markup compatibility element {el.tag}")
    for el in root:
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el)
        key = (name.namespace or "", name.localname)
        if key not in CORE_ELEMENTS:
            out.append(f"unknown element {el.tag}")
            continue
        if key in seen:
            out.append(f"{name.localname} more than once")
        seen.add(key)
        if len(el):
            out.append(f"{name.localname} has child elements")
        xsi_type = el.get(f"{{{XSI}}}type")
        dated = key in ((DCTERMS, "created"), (DCTERMS, "modified"))
        if xsi_type is not None:
            prefix, _, local = xsi_type.partition(":")
            if not dated or local != "W3CDTF" or el.nsmap.get(prefix) != DCTERMS:
                out.append(f"{name.localname}: xsi:type {xsi_type!r} is not allowed")
        if dated:
            if xsi_type is None:
                out.append(f"{name.localname} without xsi:type dcterms:W3CDTF")
            if not _W3CDTF.fullmatch((el.text or "").strip()):
                out.append(f"{name.localname}: {el.text!r} is not a W3CDTF date")
    return out


def comment_extension_problems(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
        parts = {n: etree.fromstring(z.read(n)) for n in (*EXTENDED, "word/comments.xml")
                 if n in names}
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        types = etree.fromstring(z.read("[Content_Types].xml"))
    out: list[str] = []
    if "word/comments.xml" not in parts:
        return [n + " without comments.xml" for n in EXTENDED if n in parts]
    last_para: dict[str, str] = {}  # paraId of each comment's last paragraph -> comment id
    for c in parts["word/comments.xml"].iter(f"{{{W}}}comment"):
        paragraphs = c.findall(f"{{{W}}}p")
        if paragraphs and (pid := paragraphs[-1].get(f"{{{W14}}}paraId")):
            last_para[pid] = c.get(f"{{{W}}}id", "")
    for name, (reltype, content_type) in EXTENDED.items():
        if name not in parts:
            out.append(f"{name} missing")
            continue
        target = name.removeprefix("word/")
        if not any(r.get("Type") == reltype and r.get("Target") in (target, "/" + name)
                   for r in rels.iter(f"{{{REL}}}Relationship")):
            out.append(f"{name}: no {reltype.rsplit('/', 1)[1]} relationship")
        if not any(o.get("PartName") == "/" + name and o.get("ContentType") == content_type
                   for o in types.iter(f"{{{CT}}}Override")):
            out.append(f"{name}: no content type {content_type}")
    if "word/commentsExtended.xml" in parts:
        out += _extended_problems(parts["word/commentsExtended.xml"], last_para)
    if "word/commentsIds.xml" in parts:
        out += _ids_problems(parts["word/commentsIds.xml"], last_para)
    return out


def _hex_id(value: str | None, limit: int = 0x80000000) -> bool:
    return value is not None and bool(_HEX8.fullmatch(value)) and int(value, 16) < limit


def _extended_problems(root: etree._Element, last_para: dict[str, str]) -> list[str]:
    if root.tag != f"{{{W15}}}commentsEx":
        return [f"commentsExtended root is {root.tag}"]
    out: list[str] = []
    seen: set[str] = set()
    for ex in root:
        if ex.tag != f"{{{W15}}}commentEx":
            out.append(f"commentsExtended: unexpected {ex.tag}")
            continue
        pid, parent = ex.get(f"{{{W15}}}paraId"), ex.get(f"{{{W15}}}paraIdParent")
        if not _hex_id(pid):
            out.append(f"commentEx paraId {pid!r} is not an 8-digit hex id below 80000000")
        elif pid not in last_para:
            out.append(f"commentEx {pid} is no comment's last paragraph")
        if pid in seen:
            out.append(f"commentEx {pid} twice")
        seen.add(pid or "")
        if parent is not None and (parent not in last_para or parent == pid):
            out.append(f"commentEx {pid}: parent {parent} is not another comment")
        if ex.get(f"{{{W15}}}done", "0") not in ("0", "1"):
            out.append(f"commentEx {pid}: done is {ex.get(f'{{{W15}}}done')!r}")
    # A comment without a commentEx is allowed (not done, no parent): Word reads
    # a writer's comments.xml without the part at all.
    return out


def _ids_problems(root: etree._Element, last_para: dict[str, str]) -> list[str]:
    if root.tag != f"{{{W16CID}}}commentsIds":
        return [f"commentsIds root is {root.tag}"]
    out: list[str] = []
    durable: set[str] = set()
    seen: set[str] = set()
    for el in root:
        if el.tag != f"{{{W16CID}}}commentId":
            out.append(f"commentsIds: unexpected {el.tag}")
            continue
        pid, did = el.get(f"{{{W16CID}}}paraId"), el.get(f"{{{W16CID}}}durableId")
        if not _hex_id(pid) or pid not in last_para:
            out.append(f"commentId paraId {pid!r} is no comment's last paragraph")
        if not _hex_id(did, 0x7FFFFFFF):
            out.append(f"commentId durableId {did!r} is not an 8-digit hex id below 7FFFFFFF")
        if did in durable:
            out.append(f"durableId {did} twice")
        if pid in seen:
            out.append(f"commentId {pid} twice")
        durable.add(did or "")
        seen.add(pid or "")
    return out


def core_problems(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        if "docProps/core.xml" not in z.namelist():
            return ["docProps/core.xml missing"]
        return core_properties_problems(etree.fromstring(z.read("docProps/core.xml")))
