"""Structural checks on an exported DOCX package (shared by the export tests)."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from copy import deepcopy
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def q(tag: str, ns: str = W) -> str:
    return f"{{{ns}}}{tag}"


def parts(path: Path) -> dict[str, etree._Element]:
    """Every XML part, parsed (a malformed part raises)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                out[name] = etree.fromstring(z.read(name))
    return out


def check_structure(path: Path) -> dict[str, etree._Element]:
    """Assert what every export must satisfy; returns the parsed parts."""
    xml = parts(path)
    # The body, then the notes, headers and footers: comments and revisions may
    # sit in any of them.
    body = etree.Element("stories")
    for name in sorted(xml, key=lambda n: (n != "word/document.xml", n)):
        if re.fullmatch(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml", name):
            body.append(deepcopy(xml[name]))
    comments = xml.get("word/comments.xml")
    comment_ids = []
    if comments is not None:
        comment_ids = [c.get(q("id")) for c in comments.iter(q("comment"))]
    assert len(comment_ids) == len(set(comment_ids)), "duplicate comment ids"
    starts = Counter(e.get(q("id")) for e in body.iter(q("commentRangeStart")))
    ends = Counter(e.get(q("id")) for e in body.iter(q("commentRangeEnd")))
    refs = Counter(e.get(q("id")) for e in body.iter(q("commentReference")))
    for cid in comment_ids:
        assert starts[cid] == ends[cid] == refs[cid] == 1, f"comment {cid}: range/reference"
    assert set(starts) <= set(comment_ids)
    # Each range starts before it ends, in document order.
    elements = list(body.iter())
    order = {el: i for i, el in enumerate(elements)}
    end_of = {e.get(q("id")): e for e in body.iter(q("commentRangeEnd"))}
    for s in body.iter(q("commentRangeStart")):
        assert order[s] < order[end_of[s.get(q("id"))]]
    for s in body.iter(q("commentRangeStart")):
        assert _covers_text(body, s, end_of[s.get(q("id"))], order), (
            f"comment {s.get(q('id'))} covers no text"
        )
    revisions = [
        e.get(q("id"))
        for e in body.iter(q("ins"), q("del"), q("rPrChange"), q("pPrChange"), q("moveFrom"))
    ]
    assert all(revisions), "revision without id"
    assert len(revisions) == len(set(revisions)), "duplicate revision ids"
    for el in body.iter(q("ins"), q("del")):
        if el.getparent().tag != q("rPr"):
            assert el.get(q("author")) and el.get(q("date")), "revision without author/date"
    assert not set(revisions) & set(comment_ids), "revision and comment share an id"
    for d in body.iter(q("del")):
        assert not list(d.iter(q("t"))), "w:t inside w:del"
    for i in body.iter(q("ins")):
        assert not list(i.iter(q("delText"))), "w:delText inside w:ins"
    if comments is not None:
        para_ids = {
            p.get(q("paraId", W14)) for c in comments.iter(q("comment")) for p in c.iter(q("p"))
        }
        assert None not in para_ids
        extended = xml["word/commentsExtended.xml"]
        for ex in extended.iter(q("commentEx", W15)):
            assert ex.get(q("paraId", W15)) in para_ids
            parent = ex.get(q("paraIdParent", W15))
            assert parent is None or parent in para_ids
        styles = {s.get(q("styleId")) for s in xml["word/styles.xml"].iter(q("style"))}
        assert {"CommentText", "CommentReference"} <= styles
    return xml


def _covers_text(body, start, end, order) -> bool:
    a, b = order[start], order[end]
    for el in body.iter(q("t"), q("delText"), q("drawing"), q("pict"), q("tab")):
        visible = el.tag in (q("drawing"), q("pict"), q("tab")) or (el.text or "").strip()
        if a < order[el] < b and visible:
            return True
    return False


def body_text(root: etree._Element, *, accepted: bool) -> str:
    """Paragraph texts (joined by newlines) with changes accepted or rejected."""
    out = []
    for p in root.iter(q("p")):
        pieces = []
        for el in p.iter(q("t"), q("delText")):
            inside_ins = any(a.tag == q("ins") for a in el.iterancestors())
            keep = (accepted or not inside_ins) if el.tag == q("t") else not accepted
            if keep:
                pieces.append(el.text or "")
        out.append("".join(pieces))
    return "\n".join(out)
