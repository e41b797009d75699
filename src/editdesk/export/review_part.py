"""The review inside the DOCX: a custom XML part (``customXml/itemN.xml``, root
``review`` in ``urn:editdesk:review:2``; schema in
``resources/schemas/editdesk-review-2.xsd``) with its properties part.

It says which Word comments are EditDesk's findings and which are the editor's,
what was decided, the accepted words and ignored rules, who edited and the
sign-offs, so that re-opening or re-exporting the file tells the tool's comments
from people's: nothing doubled, nothing lost. Word and LibreOffice keep custom
XML parts they do not understand.

Each finding has its key (``core.review.model.occurrence_keys`` over the
findings in text order, as ``service.finding_keys`` names them in the review):
a sentence that occurs twice gives two findings with one fingerprint, and each
keeps its own comment, quote and decision. Version 1 (``urn:editdesk:review:1``)
had no keys; its findings get them on reading, in the part's order, and its
comment ids (one per fingerprint) are only a hint.
"""

from __future__ import annotations

import bisect
import re
import uuid
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editdesk.core.findings import Finding, Severity
from editdesk.core.review.model import (
    Decision,
    FindingState,
    SignOff,
    occurrence_keys,
    sha256_text,
)
from editdesk.core.review.textdiff import edits_between, map_through
from editdesk.export.headers import without_place
from editdesk.export.ooxml import clean_xml_text

NS = "urn:editdesk:review:2"
VERSION = 2
NS_V1 = "urn:editdesk:review:1"
READS = (NS, NS_V1)  # the versions this EditDesk reads, newest first
NS_STEM = "urn:editdesk:review:"  # what every version's namespace begins with
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def e(tag: str, ns: str = NS) -> str:
    return f"{{{ns}}}{tag}"


@dataclass
class StoredFinding:
    key: str  # unique in the part
    state: FindingState
    comment: str | None  # the Word comment id showing it (None: not shown)
    quote: str  # its words in the exported text


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
    findings: list[StoredFinding] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # Word comment id -> review id
    summary: str | None = None
    accepted_words: list[str] = field(default_factory=list)
    ignored_rules: list[str] = field(default_factory=list)
    edit_authors: list[tuple[str, str]] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    version: int = VERSION
    _index: tuple | None = field(default=None, repr=False, compare=False)

    def finding(self, key: str) -> StoredFinding | None:
        return self.index()[0].get(key)

    def index(
        self,
    ) -> tuple[dict[str, StoredFinding], dict[str, list[StoredFinding]], dict[str, list[str]]]:
        """Findings by key, those shown as comments by rule, and keys by comment id
        (several in a version 1 part, which kept one id per fingerprint); built once."""
        if self._index is None:
            by_rule: dict[str, list[StoredFinding]] = {}
            by_comment: dict[str, list[str]] = {}
            for sf in self.findings:
                if sf.comment:
                    by_rule.setdefault(sf.state.finding.id, []).append(sf)
                    by_comment.setdefault(sf.comment, []).append(sf.key)
            self._index = ({sf.key: sf for sf in self.findings}, by_rule, by_comment)
        return self._index


def keys_of(states: list[FindingState]) -> list[str]:
    """The key of each state (in the order given): ``occurrence_keys`` over the
    states in text order, as a synced review holds them."""
    order = sorted(
        range(len(states)),
        key=lambda i: (states[i].finding.start, states[i].finding.end, states[i].finding.id),
    )
    keys = [""] * len(states)
    for i, key in zip(order, occurrence_keys(states[i].fingerprint for i in order), strict=True):
        keys[i] = key
    return keys


TOOL_AUTHOR = "EditDesk"
RULE_LINE = re.compile(
    r"^Rule: ((?:lt|house|structure):\S+) \((?:error|warning|suggestion)\)$", re.M
)


def finding_of_comment(
    stored: StoredReview | None,
    cid: str,
    author: str,
    text: str,
    quote: str | None = None,
    at: int | None = None,
    taken: AbstractSet[str] = frozenset(),
    starts: Mapping[str, int] | None = None,
) -> str | None:
    """The key of the finding a Word comment shows; "" for a finding comment whose
    finding is not known; None for a person's comment. ``quote`` and ``at``: the
    words the comment covers and where it begins; ``taken``: keys already given to
    other comments; ``starts``: where each stored finding now begins (``starts_in``),
    in the text ``at`` is in.

    The ids in the part are checked against the comment itself: a program that
    re-saves the file (LibreOffice) renumbers the comments, and a version 1 part
    gave the copies of a repeated sentence one id. Where the comment is tells
    findings that read alike apart (the same rule and message: a word misspelt in
    several places, a repeated sentence): the id stands when its finding is the
    nearest of them, else the nearest one is chosen. Without ``at`` only an id or
    a finding alone of its kind is known.
    """
    text = without_place(text)
    m = RULE_LINE.search(text) if author == TOOL_AUTHOR else None
    if m is None:
        return None
    if stored is None:
        return ""
    rule = m.group(1)
    by_key, by_rule, by_comment = stored.index()

    def shows(sf: StoredFinding) -> bool:
        f = sf.state.finding
        return sf.key not in taken and f.id == rule and text.startswith(f.message)

    named = [by_key[k] for k in by_comment.get(cid, ()) if shows(by_key[k])]
    alike = [sf for sf in by_rule.get(rule, ()) if shows(sf)]
    if quote is not None:
        alike = [sf for sf in alike if sf.quote == quote] or alike
    if at is not None:
        pool = alike or named
        if not pool:
            return ""

        def distance(sf: StoredFinding) -> int:
            start = starts.get(sf.key) if starts else None
            return abs((sf.state.finding.start if start is None else start) - at)

        nearest = min(map(distance, pool))
        by_id = next((sf.key for sf in named if distance(sf) == nearest), None)
        return by_id or min(pool, key=distance).key
    if len(named) == 1:
        return named[0].key
    candidates = named or alike
    return candidates[0].key if len(candidates) == 1 else ""


def starts_in(stored: StoredReview, text: str) -> dict[str, int]:
    """Where each stored finding begins in ``text``: its start in the exported
    text moved through the changes made since (in Word, say). Spaces are compared
    collapsed: a review of a .txt was exported with blank lines between
    paragraphs, and the DOCX reads with one newline."""
    if not stored.exported or stored.exported == text:
        return {sf.key: sf.state.finding.start for sf in stored.findings}
    old, new = _Collapsed(stored.exported), _Collapsed(text)
    edits = edits_between(old.text, new.text) if old.text != new.text else []
    return {
        sf.key: new.outward(map_through(old.inward(sf.state.finding.start), edits))
        for sf in stored.findings
    }


class _Collapsed:
    """``text`` with each run of white space as one space, and offsets both ways."""

    _RUN = re.compile(r"\s+")

    def __init__(self, original: str) -> None:
        self.text = self._RUN.sub(" ", original)
        self._starts: list[int] = []  # of each run, in the original
        self._ends: list[int] = []
        self._at: list[int] = []  # of each run's space, in the collapsed text
        removed = 0
        for m in self._RUN.finditer(original):
            self._starts.append(m.start())
            self._ends.append(m.end())
            self._at.append(m.start() - removed)
            removed += m.end() - m.start() - 1

    def inward(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._ends[i]:
            return self._at[i]
        return self._at[i] + 1 + pos - self._ends[i]

    def outward(self, pos: int) -> int:
        i = bisect.bisect_right(self._at, pos) - 1
        if i < 0:
            return pos
        if pos == self._at[i]:
            return self._starts[i]
        return self._ends[i] + pos - self._at[i] - 1


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
    keys: list[str] | None = None,
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
    """The part's XML. ``keys`` are the states' keys (else ``keys_of(states)``);
    ``finding_comments`` maps keys to Word comment ids, ``comments`` Word comment
    ids to the review's comment ids."""
    keys = keys_of(states) if keys is None else keys
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
    for key, fs in zip(keys, states, strict=True):
        f = fs.finding
        el = etree.SubElement(root, e("finding"))
        for name, value in (
            ("key", key),
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
            ("comment", finding_comments.get(key)),
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
    ns = etree.QName(root).namespace
    if etree.QName(root).localname != "review" or ns not in READS:
        if ns is not None and ns.startswith(NS_STEM) and ns.rpartition(":")[2].isdigit():
            raise ValueError(
                f"the EditDesk review part is a newer version ({ns}; this EditDesk reads "
                f"up to {NS})"
            )
        raise ValueError(f"not an EditDesk review part ({ns})")

    def e(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    out = StoredReview(version=int(ns.rpartition(":")[2]))
    out.checked_sha256 = root.get("checkedSha256", "")
    out.source_format = root.get("sourceFormat", "")
    out.checked_with = root.get("checkedWith", "").split()
    original = root.find(e("original"))
    out.original = (original.text or "") if original is not None else ""
    out.original_sha256 = original.get("sha256", "") if original is not None else ""
    exported = root.find(e("exported"))
    out.exported_sha256 = exported.get("sha256", "") if exported is not None else ""
    out.exported = (exported.text or "") if exported is not None else ""
    read: list[tuple[str | None, FindingState, str | None, str]] = []
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
        read.append((el.get("key"), state, el.get("comment"), el.findtext(e("quote"), "")))
    # A version 1 part has no keys: made here, in the part's order. A key given
    # twice (a hand-edited part) is made unique the same way.
    given = [k for k, *_ in read]
    if out.version == 1 or None in given or len(set(given)) != len(given):
        given = occurrence_keys(fs.fingerprint for _, fs, _, _ in read)
    out.findings = [
        StoredFinding(key, fs, cid, quote)
        for key, (_, fs, cid, quote) in zip(given, read, strict=True)
    ]
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


_SCHEMA_REF = re.compile(rb'(ds:uri=")urn:editdesk:review:\d+(?=")')


def find_part(document: Document) -> Part | None:
    """The custom XML item holding an EditDesk review, if the document has one."""
    for rel in document.part.rels.values():
        if rel.reltype != RT_CUSTOM_XML or rel.is_external:
            continue
        part = rel.target_part
        head = part.blob[:512]
        if NS_STEM.encode() in head:
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
        for rel in part.rels.values():  # a version 1 part's properties name its schema
            if rel.reltype == RT_CUSTOM_XML_PROPS and not rel.is_external:
                props = rel.target_part
                props._blob = _SCHEMA_REF.sub(rb"\g<1>" + NS.encode(), props.blob)
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
