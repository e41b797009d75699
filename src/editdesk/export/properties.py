"""Sign-off history in the document's custom properties (docProps/custom.xml).

Properties: ``EditDesk.SignOff.Count``, ``EditDesk.SignOff.Status``
(none | current | stale), and per sign-off ``EditDesk.SignOff.N.Editor``,
``.Role``, ``.Decision``, ``.At``, ``.Note``, ``.TextSHA256``, ``.StyleHash``,
``.OpenFindings`` (JSON), ``.ForceReason`` (N from 1, oldest first).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editdesk.core.review.model import SignOff
from editdesk.export.ooxml import clean_xml_text, related_part

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PREFIX = "EditDesk."
# Word shows (and keeps) at most 255 characters of a text property.
_MAX = 255


def signoff_properties(signoffs: Sequence[SignOff], status: str) -> dict[str, str]:
    props = {"EditDesk.SignOff.Count": str(len(signoffs)), "EditDesk.SignOff.Status": status}
    for n, s in enumerate(signoffs, start=1):
        base = f"EditDesk.SignOff.{n}."
        props[base + "Editor"] = s.editor
        props[base + "Role"] = s.role
        props[base + "Decision"] = s.decision
        props[base + "At"] = s.at
        props[base + "Note"] = s.note
        props[base + "TextSHA256"] = s.text_sha256
        props[base + "StyleHash"] = s.style_hash
        props[base + "OpenFindings"] = json.dumps(s.open_findings, sort_keys=True)
        if s.force_reason:
            props[base + "ForceReason"] = s.force_reason
    return props


def write_custom_properties(document: Document, props: dict[str, str]) -> None:
    """Replace the EditDesk.* custom properties, keeping everyone else's."""
    package = document.part.package
    part = related_part(package, RT.CUSTOM_PROPERTIES)
    if part is None:
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, b"", package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    else:
        try:
            root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"{part.partname} is not well-formed XML ({exc})") from None
    for prop in list(root):
        if (prop.get("name") or "").startswith(PREFIX):
            root.remove(prop)
    for name, value in props.items():
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
        prop.set("fmtid", FMTID)
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = clean_xml_text(value)[:_MAX]
    for pid, prop in enumerate(root, start=2):
        prop.set("pid", str(pid))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_custom_properties(blob: bytes) -> dict[str, str]:
    root = etree.fromstring(blob)
    out = {}
    for prop in root:
        name = prop.get("name")
        if name and len(prop):
            out[name] = prop[0].text or ""
    return out


def signoffs_from_properties(props: dict[str, str]) -> list[SignOff]:
    try:
        count = int(props.get("EditDesk.SignOff.Count", "0"))
    except ValueError:
        return []
    out = []
    for n in range(1, count + 1):
        base = f"EditDesk.SignOff.{n}."
        try:
            open_findings = json.loads(props.get(base + "OpenFindings", "{}"))
        except ValueError:
            open_findings = {}
        out.append(
            SignOff(
                editor=props.get(base + "Editor", ""),
                role=props.get(base + "Role", ""),
                decision=props.get(base + "Decision", ""),
                note=props.get(base + "Note", ""),
                at=props.get(base + "At", ""),
                text_sha256=props.get(base + "TextSHA256", ""),
                style_hash=props.get(base + "StyleHash", ""),
                open_findings=open_findings if isinstance(open_findings, dict) else {},
                force_reason=props.get(base + "ForceReason") or None,
            )
        )
    return out
