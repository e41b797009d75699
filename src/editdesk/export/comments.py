"""Word comments: the comments part, replies and resolved state.

Word keeps a comment's text in ``comments.xml``; threads and the resolved
flag live in ``commentsExtended.xml`` (``w15:commentEx`` keyed by the
``w14:paraId`` of the comment's last paragraph, ``w15:paraIdParent`` for a
reply, ``w15:done="1"`` when resolved); ``commentsIds.xml`` gives durable ids.
python-docx creates the comments part; the other two are plain parts here.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editdesk.export.ooxml import (
    MC_NS,
    W14_NS,
    W15_NS,
    W16CID_NS,
    IdAllocator,
    clean_xml_text,
    ensure_styles,
    related_part,
    set_text,
    w,
)

RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
RT_COMMENTS_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
CT_COMMENTS_EXTENDED = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
CT_COMMENTS_IDS = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"


def w14(tag: str) -> str:
    return f"{{{W14_NS}}}{tag}"


def w15(tag: str) -> str:
    return f"{{{W15_NS}}}{tag}"


def w16cid(tag: str) -> str:
    return f"{{{W16CID_NS}}}{tag}"


def initials_of(name: str) -> str:
    letters = [part[0] for part in name.replace("-", " ").split() if part]
    return "".join(letters[:3]).upper() or "ED"


@dataclass
class ExistingComment:
    id: str
    para_id: str | None
    parent_para: str | None
    done: bool
    text: str
    author: str = ""


_MARKS = ("commentRangeStart", "commentRangeEnd", "commentReference")


class CommentWriter:
    """Adds comments with one id counter, then writes the extended parts once."""

    def __init__(self, document: Document, ids: IdAllocator) -> None:
        self._document = document
        self._ids = ids
        # w:initials of a comment by one of these authors (the reviewer's own)
        self.initials: dict[str, str] = {}
        self._part = document.part._comments_part
        self.root = self._part.element
        self._extended = self._load_or_new(
            RT_COMMENTS_EXTENDED,
            "/word/commentsExtended.xml",
            CT_COMMENTS_EXTENDED,
            w15("commentsEx"),
            {"w15": W15_NS, "mc": MC_NS},
            "w15",
        )
        self._cids = self._load_or_new(
            RT_COMMENTS_IDS,
            "/word/commentsIds.xml",
            CT_COMMENTS_IDS,
            w16cid("commentsIds"),
            {"w16cid": W16CID_NS, "mc": MC_NS},
            "w16cid",
        )
        self._para_of: dict[str, str] = {}
        self._emptied_runs: list[etree._Element] = []
        self.count = 0
        self.existing = self._read_existing()
        ensure_comment_styles(document)

    def _read_existing(self) -> dict[str, ExistingComment]:
        """Comments already in the document (a DOCX exported before, say)."""
        threads: dict[str, tuple[str | None, bool]] = {}
        for ex in self._extended[1].iter(w15("commentEx")):
            threads[ex.get(w15("paraId"), "")] = (
                ex.get(w15("paraIdParent")),
                ex.get(w15("done")) == "1",
            )
        out: dict[str, ExistingComment] = {}
        for c in self.root.iter(w("comment")):
            cid = c.get(w("id"), "")
            paragraphs = c.findall(w("p"))
            for p in paragraphs:
                # Comments written without paragraph ids (python-docx, older
                # programs) get them, so replies can be threaded to them.
                if p.get(w14("paraId")) is None:
                    p.set(w14("paraId"), self._ids.next_para_id())
            para_id = paragraphs[-1].get(w14("paraId")) if paragraphs else None
            text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in paragraphs)
            parent, done = threads.get(para_id or "", (None, False))
            out[cid] = ExistingComment(cid, para_id, parent, done, text, c.get(w("author"), ""))
            if para_id:
                self._para_of[cid] = para_id
        return out

    def replies_of(self, cid: str) -> int:
        para = self._para_of.get(cid)
        return sum(1 for e in self.existing.values() if para and e.parent_para == para)

    def set_done(self, cid: str, done: bool) -> None:
        """Resolve (or reopen) an existing comment and its replies."""
        para = self._para_of.get(cid)
        if not para:
            return
        for ex in self._extended[1].iter(w15("commentEx")):
            if para in (ex.get(w15("paraId")), ex.get(w15("paraIdParent"))):
                ex.set(w15("done"), "1" if done else "0")

    def remove(self, cid: str, *stories: etree._Element) -> None:
        """Drop a comment: its text, thread entries and marks in ``stories``
        (the body, notes, headers and footers)."""
        para = self._para_of.pop(cid, None)
        for c in list(self.root.iter(w("comment"))):
            if c.get(w("id")) == cid:
                c.getparent().remove(c)
        for root, tag, attr in (
            (self._extended[1], w15("commentEx"), w15("paraId")),
            (self._cids[1], w16cid("commentId"), w16cid("paraId")),
        ):
            for el in list(root.iter(tag)):
                if para and el.get(attr) == para:
                    root.remove(el)
        for tag, body in ((t, b) for t in _MARKS for b in stories):
            for el in list(body.iter(w(tag))):
                if el.get(w("id")) != cid:
                    continue
                run = el.getparent()
                el.getparent().remove(el)
                if tag == "commentReference" and run.tag == w("r"):
                    # The run goes at finish(): the article's run spans index the
                    # runs of each paragraph, and the markup is not written yet.
                    self._emptied_runs.append(run)
        self.existing.pop(cid, None)

    def _load_or_new(self, reltype, partname, content_type, root_tag, nsmap, ignorable):
        doc_part = self._document.part
        part = related_part(doc_part, reltype)
        if part is not None:
            try:
                return part, etree.fromstring(part.blob)
            except etree.XMLSyntaxError as exc:
                raise ValueError(f"{part.partname} is not well-formed XML ({exc})") from None
        root = etree.Element(root_tag, nsmap=nsmap)
        root.set(f"{{{MC_NS}}}Ignorable", ignorable)
        part = Part(PackURI(partname), content_type, b"", doc_part.package)
        doc_part.relate_to(part, reltype)
        return part, root

    def add(
        self,
        text: str,
        author: str,
        date: str,
        *,
        initials: str | None = None,
        parent: str | None = None,
        done: bool = False,
    ) -> str:
        """Add a comment (a reply when ``parent`` is a comment id); returns its id."""
        cid = self._ids.next()
        # Built detached, then appended: python-docx's element classes make
        # SubElement on its tree several times slower.
        comment = etree.Element(w("comment"))
        comment.set(w("id"), cid)
        comment.set(w("author"), clean_xml_text(author or "EditDesk"))
        comment.set(w("date"), date)
        initials = initials or self.initials.get(author) or initials_of(author)
        comment.set(w("initials"), clean_xml_text(initials))
        para_id = ""
        for i, line in enumerate((text or "").split("\n")):
            p = etree.SubElement(comment, w("p"))
            para_id = self._ids.next_para_id()
            p.set(w14("paraId"), para_id)
            p.set(w14("textId"), "77777777")
            ppr = etree.SubElement(p, w("pPr"))
            etree.SubElement(ppr, w("pStyle")).set(w("val"), "CommentText")
            if i == 0:
                r = etree.SubElement(p, w("r"))
                rpr = etree.SubElement(r, w("rPr"))
                etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
                etree.SubElement(r, w("annotationRef"))
            if line:
                r = etree.SubElement(p, w("r"))
                set_text(etree.SubElement(r, w("t")), line)
        self.root.append(comment)
        self._para_of[cid] = para_id
        ex = etree.SubElement(self._extended[1], w15("commentEx"))
        ex.set(w15("paraId"), para_id)
        if parent is not None and parent in self._para_of:
            ex.set(w15("paraIdParent"), self._para_of[parent])
        ex.set(w15("done"), "1" if done else "0")
        durable = etree.SubElement(self._cids[1], w16cid("commentId"))
        durable.set(w16cid("paraId"), para_id)
        durable.set(w16cid("durableId"), f"{int(para_id, 16) ^ 0x2A5A5A5A:08X}")
        self.count += 1
        return cid

    def finish(self) -> None:
        for run in self._emptied_runs:
            parent = run.getparent()
            if parent is not None and all(c.tag == w("rPr") for c in run):
                parent.remove(run)
        self._emptied_runs.clear()
        for part, root in (self._extended, self._cids):
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


_STYLES = {
    "CommentText": (
        "paragraph",
        "annotation text",
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>',
    ),
    "CommentReference": (
        "character",
        "annotation reference",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
}


def ensure_comment_styles(document: Document) -> None:
    """Define CommentText / CommentReference when the template lacks them."""
    ensure_styles(document, _STYLES)


__all__ = ["CommentWriter", "RT", "ensure_comment_styles", "initials_of"]
