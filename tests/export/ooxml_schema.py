"""The ECMA-376 transitional schemas, from the XSD sources inside Apache POI's
poi-ooxml-full jar (Maven Central, SHA-256 checked; `make setup` puts it in the
per-user cache), for checking every part EditDesk writes.

Markup compatibility as a consumer that knows only ECMA-376 applies it: elements
and attributes of other namespaces (w14, w15, mc:AlternateContent...) are
dropped before validating; Word's own extension parts (commentsExtended,
commentsIds) have no ECMA schema and are checked structurally elsewhere.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

POI = ("org.apache.poi", "poi-ooxml-full", "5.2.5")
SRC = "org/apache/poi/schemas/ooxml/src/"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
KNOWN = {
    W,
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    "http://www.w3.org/XML/1998/namespace",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
}
_XML_NS_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>"""
# Which schema checks which part (by the part's root element).
_ROOT_SCHEMA = {
    f"{{{W}}}document": "wml.xsd",
    f"{{{W}}}comments": "wml.xsd",
    f"{{{W}}}styles": "wml.xsd",
    f"{{{W}}}settings": "wml.xsd",
    f"{{{W}}}numbering": "wml.xsd",
    f"{{{W}}}footnotes": "wml.xsd",
    f"{{{W}}}endnotes": "wml.xsd",
    f"{{{W}}}hdr": "wml.xsd",
    f"{{{W}}}ftr": "wml.xsd",
    "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}Properties":
        "shared-documentPropertiesCustom.xsd",
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties":
        "shared-documentPropertiesExtended.xsd",
    "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}datastoreItem":
        "shared-customXmlDataProperties.xsd",
}


def jar() -> Path:
    """Where scripts/fetch-ooxml-schemas.py (run by ``make setup``) puts the jar."""
    from editdesk.core import paths

    group, artifact, version = POI
    return paths.cache_dir() / "ooxml-schemas" / version / f"{artifact}-{version}.jar"


@cache
def _schemas(folder: str) -> dict[str, etree.XMLSchema]:
    base = Path(folder)
    if not (base / "wml.xsd").exists():
        with zipfile.ZipFile(jar()) as z:
            for name in z.namelist():
                if name.startswith(SRC) and name.endswith(".xsd"):
                    (base / name[len(SRC) :]).write_bytes(z.read(name))
        (base / "xml-ns.xsd").write_text(_XML_NS_XSD, encoding="utf-8")
    out = {}
    for name in set(_ROOT_SCHEMA.values()):
        driver = base / f"driver-{name}"
        driver.write_text(
            '<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'targetNamespace="urn:editdesk:driver">'
            '<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
            'schemaLocation="xml-ns.xsd"/>'
            f'<xs:import namespace="{_target(base / name)}" schemaLocation="{name}"/></xs:schema>',
            encoding="utf-8",
        )
        out[name] = etree.XMLSchema(etree.parse(str(driver)))
    return out


def _target(xsd: Path) -> str:
    return etree.parse(str(xsd)).getroot().get("targetNamespace", "")


def _compatible(root: etree._Element) -> etree._Element:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            ns = etree.QName(attr).namespace
            if ns and ns not in KNOWN:
                del el.attrib[attr]
        if etree.QName(el).namespace not in KNOWN and el.getparent() is not None:
            el.getparent().remove(el)
    return root


def invalid_parts(
    docx: Path, folder: Path, input_docx: Path | None = None
) -> dict[str, list[str]]:
    """Each XML part with an ECMA-376 schema that fails it, with the first errors.
    With ``input_docx``, parts copied from it byte for byte are the writer's, not
    EditDesk's, and are not judged."""
    schemas = _schemas(str(folder))
    given: dict[str, bytes] = {}
    if input_docx is not None:
        with zipfile.ZipFile(input_docx) as z:
            given = {n: z.read(n) for n in z.namelist()}
    bad: dict[str, list[str]] = {}
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if not name.endswith(".xml"):
                continue
            data = z.read(name)
            if given.get(name) == data:
                continue
            root = etree.fromstring(data)
            schema = schemas.get(_ROOT_SCHEMA.get(root.tag, ""))
            if schema is None:
                continue
            if not schema.validate(_compatible(root)):
                bad[name] = [f"{e.line}: {e.message}" for e in schema.error_log][:3]
    return bad
