"""A clean DOCX from a .txt or .md article, with real styles, plus the
``RunSpan``s saying which run shows which character of the article text.

Markdown is rendered with markdown-it-py; each text token is found again in
the source (forward search from the last match), so offsets are exact
Markdown source offsets, the coordinates of ``Article.text``. Markup
characters (``**``, ``#``, link targets) belong to no run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from editdesk.core.article import Article, RunSpan
from editdesk.core.readers.docx_walk import body_paragraphs, paragraph_runs
from editdesk.export.ooxml import R_NS, ParagraphStyles, add_text, ensure_styles, w

_MONO = "Courier New"


@dataclass
class _Builder:
    document: Document
    spans: list[tuple[etree._Element, int, int]] = field(default_factory=list)
    styles: ParagraphStyles = field(init=False)

    def __post_init__(self) -> None:
        self.styles = ParagraphStyles(self.document)

    def paragraph(self, style: str | None) -> etree._Element:
        return self.styles.add(self.styles.known(style))._p

    def run(
        self,
        parent: etree._Element,
        text: str,
        start: int | None,
        *,
        bold: bool = False,
        italic: bool = False,
        strike: bool = False,
        mono: bool = False,
        link: bool = False,
    ) -> etree._Element:
        r = etree.SubElement(parent, w("r"))
        if bold or italic or strike or mono or link:
            rpr = etree.SubElement(r, w("rPr"))
            if link:
                etree.SubElement(rpr, w("rStyle")).set(w("val"), "Hyperlink")
            if mono:
                fonts = etree.SubElement(rpr, w("rFonts"))
                fonts.set(w("ascii"), _MONO)
                fonts.set(w("hAnsi"), _MONO)
            if bold:
                etree.SubElement(rpr, w("b"))
            if italic:
                etree.SubElement(rpr, w("i"))
            if strike:
                etree.SubElement(rpr, w("strike"))
        add_text(r, text)
        if start is not None:
            self.spans.append((r, start, start + len(text)))
        return r

    def hyperlink(self, parent: etree._Element, href: str) -> etree._Element:
        rid = self.document.part.relate_to(href, RT.HYPERLINK, is_external=True)
        h = etree.SubElement(parent, w("hyperlink"))
        h.set(f"{{{R_NS}}}id", rid)
        return h

    def run_spans(self) -> tuple[RunSpan, ...]:
        where: dict[int, tuple[int, int]] = {}
        for pi, p in enumerate(body_paragraphs(self.document.element.body)):
            for ri, r in enumerate(paragraph_runs(p)):
                where[id(r)] = (pi, ri)
        out = []
        for r, start, end in self.spans:
            if id(r) in where and end > start:
                pi, ri = where[id(r)]
                out.append(RunSpan(start, end, pi, ri, 0))
        out.sort(key=lambda s: s.start)
        return tuple(out)


_PARAGRAPH_STYLES = {"title": "Title", "quote": "Quote"}


def new_document() -> Document:
    document = docx.Document()
    ensure_styles(document, _HYPERLINK_STYLE)
    return document


_HYPERLINK_STYLE = {
    "Hyperlink": (
        "character",
        "Hyperlink",
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
    ),
}


def text_document(article: Article) -> tuple[Document, tuple[RunSpan, ...]]:
    """Plain text: one DOCX paragraph per article paragraph, styled by its kind."""
    b = _Builder(new_document())
    for para in article.paragraphs:
        style = _PARAGRAPH_STYLES.get(para.kind)
        if para.kind == "heading":
            style = f"Heading {min(max(para.level, 1), 9)}"
        elif para.kind == "list-item":
            # levels count from 1 (the readers' convention): 2 and deeper get "List Bullet N"
            style = "List Bullet" + (f" {min(para.level, 3)}" if para.level > 1 else "")
        p = b.paragraph(style)
        # A single newline inside a paragraph is a wrapped line, shown as a space.
        text = article.text[para.start : para.end].replace("\r", " ").replace("\n", " ")
        b.run(p, text, para.start)
    return b.document, b.run_spans()


def markdown_document(source: str) -> tuple[Document, tuple[RunSpan, ...]]:
    return _MarkdownRenderer(source).render()


class _MarkdownRenderer:
    def __init__(self, source: str) -> None:
        self.src = source
        self.b = _Builder(new_document())
        self.line_starts = [0]
        self.line_starts.extend(i + 1 for i, ch in enumerate(source) if ch == "\n")
        self.cursor = 0
        self.md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
        self.md.disable("text_join")

    def render(self) -> tuple[Document, tuple[RunSpan, ...]]:
        tokens = self.md.parse(self.src)
        lists: list[str] = []
        item_first = False
        quote = 0
        first_block = True
        style: str | None = None
        i = 0
        while i < len(tokens):
            t = tokens[i]
            kind = t.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                item_first = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "heading_open":
                level = int(t.tag[1:])
                style = "Title" if level == 1 and first_block else f"Heading {level}"
            elif kind == "paragraph_open":
                if lists:
                    depth = len(lists)
                    style = lists[-1] if item_first else "List Continue"
                    if depth > 1:
                        style += f" {min(depth, 3)}"
                    item_first = False
                else:
                    style = "Quote" if quote else None
            elif kind == "inline":
                p = self.b.paragraph(style)
                self.inline(p, t)
                first_block = False
                style = None
            elif kind in ("fence", "code_block"):
                self.code(t)
                first_block = False
            elif kind == "html_block":
                p = self.b.paragraph(None)
                self.literal(p, t.content.rstrip("\n"), t, mono=True)
                first_block = False
            elif kind == "table_open":
                i = self.table(tokens, i)
                first_block = False
            i += 1
        return self.b.document, self.b.run_spans()

    def region(self, t: Token) -> tuple[int, int]:
        if not t.map:
            return self.cursor, len(self.src)
        a, z = t.map
        start = self.line_starts[a] if a < len(self.line_starts) else len(self.src)
        end = self.line_starts[z] if z < len(self.line_starts) else len(self.src)
        return max(start, self.cursor), end

    def find(self, needle: str, t: Token) -> int | None:
        if not needle:
            return None
        start, end = self.region(t)
        at = self.src.find(needle, start, end)
        if at < 0:
            return None
        self.cursor = at + len(needle)
        return at

    def literal(self, p: etree._Element, text: str, t: Token, *, mono: bool = False) -> None:
        for k, line in enumerate(text.split("\n")):
            if k:
                self.b.run(p, "\n", None)
            self.b.run(p, line, self.find(line, t), mono=mono)

    def code(self, t: Token) -> None:
        lines = t.content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines or [""]:
            p = self.b.paragraph(None)
            self.b.run(p, line, self.find(line, t), mono=True)

    def inline(self, p: etree._Element, t: Token) -> None:
        bold = italic = strike = 0
        parent = p
        for c in t.children or []:
            kind = c.type
            fmt = {
                "bold": bold > 0,
                "italic": italic > 0,
                "strike": strike > 0,
                "link": parent is not p,
            }
            if kind == "text":
                self.b.run(parent, c.content, self.find(c.content, t), **fmt)
            elif kind == "text_special":
                at = self.find(c.markup, t)
                if at is not None and c.info == "escape":
                    at += len(c.markup) - len(c.content)
                else:
                    at = None
                self.b.run(parent, c.content, at, **fmt)
            elif kind == "code_inline":
                self.b.run(parent, c.content, self.find(c.content, t), mono=True, link=fmt["link"])
            elif kind == "softbreak":
                self.b.run(parent, " ", self.find("\n", t), **fmt)
            elif kind == "hardbreak":
                self.b.run(parent, "\n", self.find("\n", t), **fmt)
            elif kind == "html_inline":
                self.b.run(parent, c.content, self.find(c.content, t), **fmt)
            elif kind == "image":
                for alt in c.children or []:
                    if alt.type == "text":
                        self.b.run(parent, alt.content, self.find(alt.content, t), italic=True)
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike -= 1
            elif kind == "link_open":
                parent = self.b.hyperlink(p, str(c.attrs.get("href", "")))
            elif kind == "link_close":
                parent = p

    def table(self, tokens: list[Token], i: int) -> int:
        rows: list[list[Token]] = []
        while i < len(tokens) and tokens[i].type != "table_close":
            if tokens[i].type == "tr_open":
                rows.append([])
            elif tokens[i].type == "inline":
                rows[-1].append(tokens[i])
            i += 1
        cols = max((len(r) for r in rows), default=0)
        if not rows or not cols:
            return i
        table = self.b.document.add_table(rows=len(rows), cols=cols)
        table.style = self.b.styles.known("Table Grid")
        for r, row in enumerate(rows):
            for c, cell_inline in enumerate(row):
                self.inline(table.cell(r, c).paragraphs[0]._p, cell_inline)
        return i
