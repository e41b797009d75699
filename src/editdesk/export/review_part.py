"""The review inside the DOCX: a custom XML part (``customXml/itemN.xml``, root
``review`` in ``urn:editdesk:review:1``; schema in
``resources/schemas/editdesk-review-1.xsd``) with its properties part.

It says which Word comments are EditDesk's findings (by fingerprint) and which
are the editor's, what was decided, the accepted words and ignored rules, who
edited and the sign-offs, so that re-opening or re-exporting the file tells the
tool's comments from people's: nothing doubled, nothing lost. Word and
LibreOffice keep custom XML parts they do not understand.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editdesk.core.findings import Finding, Severity
from editdesk.core.review.model import Decision, FindingState, SignOff, sha256_text
from editdesk.export.headers import without_place
from editdesk.export.ooxml import clean_xml_text

NS = "urn:editdesk:review:1"
VERSION = 1
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def e(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass
class StoredReview:
    """What an exported DOCX says about its review."""

    original: str = ""
    original_sha256: str = ""
    source_format: str = ""  # of the article the review began on ("": not recorded)
    exported_sha256: str = ""
    exported: str = ""  # the exported text ("" in files written before it was kept)
    checked_sha256: str = ""
    checked_with: list[str] = field(default_factory=list)
    findings: list[tuple[FindingState, str | None]] = field(default_factory=list)  # comment id
    quotes: dict[str, str] = field(default_factory=dict)  # fingerprint -> words at export
    comments: dict[str, str] = field(default_factory=dict)  # Word comment id -> review id
    summary: str | None = None
    accepted_words: list[str] = field(default_factory=list)
    ignored_rules: list[str] = field(default_factory=list)
    edit_authors: list[tuple[str, str]] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    _index: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def finding_comments(self) -> dict[str, str]:
        """Word comment id -> fingerprint, for the findings written as comments."""
        return {cid: fs.fingerprint for fs, cid in self.findings if cid}

    def index(self) -> tuple[dict[str, FindingState], dict[str, list[FindingState]], dict]:
        """Findings by fingerprint, those shown as comments by rule, and
        fingerprints by comment id (built once)."""
        if self._index is None:
            by_rule: dict[str, list[FindingState]] = {}
            for fs, cid in self.findings:
                if cid:
                    by_rule.setdefault(fs.finding.id, []).append(fs)
            states = {fs.fingerprint: fs for fs, _ in self.findings}
            self._index = (states, by_rule, self.finding_comments)
        return self._index


TOOL_AUTHOR = "EditDesk"
RULE_LINE = re.compile(
    r"^Rule: ((?:lt|house|structure):\S+) \((?:error|warning|suggestion)\)$", re.M
)


def finding_of_comment(
    stored: StoredReview | None, cid: str, author: str, text: str, quote: str | None = None
) -> str | None:
    """The fingerprint of the finding a Word comment shows; "" for a finding
    comment whose finding is not known; None for a person's comment.

    The ids in the part are checked against the comment itself: a program that
    re-saves the file (LibreOffice) may renumber the comments.
    """
    text = without_place(text)
    m = RULE_LINE.search(text) if author == TOOL_AUTHOR else None
    if m is None:
        return None
    if stored is None:
        return ""
    rule = m.group(1)
    states, by_rule, by_comment = stored.index()
    fp = by_comment.get(cid)
    known = states.get(fp) if fp is not None else None
    if known is not None and known.finding.id == rule and text.startswith(known.finding.message):
        return fp
    candidates = [
        fs.fingerprint for fs in by_rule.get(rule, ()) if text.startswith(fs.finding.message)
    ]
    if quote is not None and len(candidates) > 1:
        same = [c for c in candidates if stored.quotes.get(c) == quote]
        candidates = same or candidates
    return candidates[0] if len(candidates) == 1 else ""


def _text(parent: etree._Element, tag: str, value: str) -> etree._Element:
    el = etree.SubElement(parent, e(tag))
    el.text = clean_xml_text(value)
    return el


def _set(el: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        el.set(name, clean_xml_text(value))


def build(
    *,
    original: str,
    exported: str,
    states: list[FindingState],
    finding_comments: dict[str, str],
    comments: dict[str, str],
    summary: str | None,
    accepted_words: list[str],
    ignored_rules: list[str],
    edit_authors: list[tuple[str, str]],
    checked: tuple[str, list[str]],
    signoffs: list[SignOff],
    generator: str,
    when: str,
    source_format: str = "",
) -> bytes:
    """The part's XML. ``finding_comments`` maps fingerprints to Word comment ids,
    ``comments`` Word comment ids to the review's comment ids."""
    root = etree.Element(e("review"), nsmap={None: NS})
    root.set("version", str(VERSION))
    root.set("generator", generator)
    root.set("exported", when)
    if source_format:
        root.set("sourceFormat", source_format)
    if checked[0]:
        root.set("checkedSha256", checked[0])
        root.set("checkedWith", " ".join(checked[1]))
    _text(root, "original", original).set("sha256", sha256_text(original))
    # The exported text too: what the writer's Accept or Reject in Word changed
    # is told by comparing the file's text with it (see writer_rejections).
    _text(root, "exported", exported).set("sha256", sha256_text(exported))
    for fs in states:
        f = fs.finding
        el = etree.SubElement(root, e("finding"))
        for name, value in (
            ("fingerprint", f.fingerprint),
            ("rule", f.id),
            ("source", f.source),
            ("category", f.category),
            ("severity", f.severity.value),
            ("start", str(f.start)),
            ("end", str(f.end)),
            ("decision", fs.decision.value),
            ("by", fs.by),
            ("at", fs.at),
            ("url", f.url),
            ("comment", finding_comments.get(f.fingerprint)),
        ):
            _set(el, name, value)
        _text(el, "message", f.message)
        _text(el, "quote", exported[f.start : f.end])
        for r in f.replacements:
            _text(el, "replacement", r)
        if fs.replacement is not None:
            _text(el, "chosen", fs.replacement)
        if fs.original_text is not None:
            _text(el, "originalText", fs.original_text)
    for cid, rid in comments.items():
        el = etree.SubElement(root, e("comment"))
        el.set("docx", cid)
        el.set("review", clean_xml_text(rid))
    if summary is not None:
        etree.SubElement(root, e("summary")).set("docx", summary)
    for word in accepted_words:
        _text(root, "acceptedWord", word)
    for rule in ignored_rules:
        _text(root, "ignoredRule", rule)
    for name, at in edit_authors:
        el = etree.SubElement(root, e("editAuthor"))
        _set(el, "name", name)
        _set(el, "at", at)
    for s in signoffs:
        el = etree.SubElement(root, e("signoff"))
        for name, value in (
            ("editor", s.editor),
            ("role", s.role),
            ("decision", s.decision),
            ("at", s.at),
            ("textSha256", s.text_sha256),
            ("styleHash", s.style_hash),
            ("editCount", str(s.edit_count)),
            ("findingsChecked", "true" if s.findings_checked else "false"),
            ("checkedWith", " ".join(s.checked_with)),
        ):
            _set(el, name, value)
        _text(el, "note", s.note)
        if s.force_reason:
            _text(el, "forceReason", s.force_reason)
        for severity, count in s.open_findings.items():
            o = etree.SubElement(el, e("open"))
            o.set("severity", severity)
            o.set("count", str(count))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def parse(blob: bytes) -> StoredReview:
    """Read the part; ValueError (one line) when it is not a version EditDesk reads."""
    try:
        root = etree.fromstring(
            blob, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        )
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"the EditDesk review part is not well-formed XML ({exc})") from None
    if root.tag != e("review"):
        raise ValueError(f"not an EditDesk review part ({etree.QName(root).namespace})")
    out = StoredReview()
    out.checked_sha256 = root.get("checkedSha256", "")
    out.source_format = root.get("sourceFormat", "")
    out.checked_with = root.get("checkedWith", "").split()
    original = root.find(e("original"))
    out.original = (original.text or "") if original is not None else ""
    out.original_sha256 = original.get("sha256", "") if original is not None else ""
    exported = root.find(e("exported"))
    out.exported_sha256 = exported.get("sha256", "") if exported is not None else ""
    out.exported = (exported.text or "") if exported is not None else ""
    for el in root.iterfind(e("finding")):
        try:
            f = Finding(
                id=el.get("rule", ""),
                source=el.get("source", ""),
                category=el.get("category", ""),
                severity=Severity.parse(el.get("severity", "warning")),
                message=el.findtext(e("message"), ""),
                start=int(el.get("start", "0")),
                end=int(el.get("end", "0")),
                replacements=tuple(r.text or "" for r in el.iterfind(e("replacement"))),
                fingerprint=el.get("fingerprint", ""),
                url=el.get("url"),
            )
            state = FindingState(
                f,
                Decision(el.get("decision", "open")),
                el.findtext(e("chosen")),
                el.get("by"),
                el.get("at"),
                original_text=el.findtext(e("originalText")),
            )
        except ValueError:
            continue  # one unreadable finding is not a reason to lose the rest
        out.findings.append((state, el.get("comment")))
        out.quotes[f.fingerprint] = el.findtext(e("quote"), "")
    for el in root.iterfind(e("comment")):
        out.comments[el.get("docx", "")] = el.get("review", "")
    summary = root.find(e("summary"))
    out.summary = summary.get("docx") if summary is not None else None
    out.accepted_words = [el.text or "" for el in root.iterfind(e("acceptedWord"))]
    out.ignored_rules = [el.text or "" for el in root.iterfind(e("ignoredRule"))]
    out.edit_authors = [
        (el.get("name", ""), el.get("at", "")) for el in root.iterfind(e("editAuthor"))
    ]
    for el in root.iterfind(e("signoff")):
        try:
            counts = {
                o.get("severity", ""): int(o.get("count", "0")) for o in el.iterfind(e("open"))
            }
            edit_count = int(el.get("editCount", "0"))
        except ValueError:
            continue
        out.signoffs.append(
            SignOff(
                editor=el.get("editor", ""),
                role=el.get("role", ""),
                decision=el.get("decision", ""),
                note=el.findtext(e("note"), ""),
                at=el.get("at", ""),
                text_sha256=el.get("textSha256", ""),
                style_hash=el.get("styleHash", ""),
                open_findings=counts,
                force_reason=el.findtext(e("forceReason")),
                edit_count=edit_count,
                findings_checked=el.get("findingsChecked", "true") == "true",
                checked_with=el.get("checkedWith", "").split(),
            )
        )
    return out


def relocate(fs: FindingState, quote: str, text: str) -> FindingState | None:
    """A finding carried in the DOCX, on ``text``: where its words still are (the
    nearest occurrence), else None for an open one and stale for a decided one."""
    f = fs.finding
    if text[f.start : f.end] == quote:
        return fs
    if quote:
        before = text.rfind(quote, 0, f.start + len(quote))
        after = text.find(quote, f.start)
        hits = [h for h in (before, after) if h >= 0]
        if hits:
            at = min(hits, key=lambda h: abs(h - f.start))
            return replace(fs, finding=replace(f, start=at, end=at + len(quote)))
    if fs.decision == Decision.OPEN:
        return None
    start = min(f.start, len(text))
    return replace(fs, finding=replace(f, start=start, end=start), stale=True)


def find_part(document: Document) -> Part | None:
    """The custom XML item holding an EditDesk review, if the document has one."""
    for rel in document.part.rels.values():
        if rel.reltype != RT_CUSTOM_XML or rel.is_external:
            continue
        part = rel.target_part
        head = part.blob[:512]
        if NS.encode() in head:
            return part
    return None


def read(document: Document) -> StoredReview | None:
    part = find_part(document)
    return parse(part.blob) if part is not None else None


def write(document: Document, blob: bytes) -> None:
    """Replace the review part, or add it (item and properties) to the package."""
    part = find_part(document)
    if part is not None:
        part._blob = blob
        return
    package = document.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in taken or f"/customXml/itemProps{n}.xml" in taken:
        n += 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", blob, package)
    props_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        f'<ds:datastoreItem ds:itemID="{{{str(uuid.uuid4()).upper()}}}" xmlns:ds="{DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"), CT_CUSTOM_XML_PROPS, props_xml, package)
    item.relate_to(props, RT_CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT_CUSTOM_XML)
