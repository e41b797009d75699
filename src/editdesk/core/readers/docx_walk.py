"""How EditDesk walks a DOCX body: shared by the reader and the exporter so
that paragraph and run indexes in ``RunSpan`` mean the same thing to both."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# Runs under these are not part of the visible (current) text.
_HIDDEN_CONTAINERS = {w("del"), w("moveFrom")}


def count_text_paragraphs(body: etree._Element) -> int:
    """Paragraphs with any text element, counted by libxml2 without walking them in
    Python: a cheap upper bound of what ``body_paragraphs`` gives the reader."""
    return int(body.xpath("count(.//w:p[.//w:t])", namespaces={"w": W_NS}))


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def body_paragraphs(body: etree._Element) -> list[etree._Element]:
    """Body paragraphs in document order, table cells and text boxes included.

    A text box's paragraphs follow the paragraph that anchors it. The copy of a
    text box in ``mc:Fallback`` (VML for old readers) is left out: the same words
    twice would be checked twice.
    """
    out = []
    for p in body.iter(w("p")):
        if _has_ancestor(p, {_MC_FALLBACK}, stop=body):
            continue
        out.append(p)
    return out


# Parts whose paragraphs follow the body's in the article, in this order: the
# footnotes, the endnotes, then each header and footer once, in the order the
# sections reference them (``header_footer_ids``).
NOTE_PARTS = ("footnotes", "endnotes")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def header_footer_ids(document: etree._Element) -> list[str]:
    """The relationship ids of the headers and footers the sections name, in
    document order, each once (sections may share one)."""
    out: list[str] = []
    for ref in document.iter(w("headerReference"), w("footerReference")):
        rid = ref.get(_R_ID)
        if rid and rid not in out:
            out.append(rid)
    return out


def story_paragraphs(
    body: etree._Element, notes: tuple[etree._Element, ...] = ()
) -> list[etree._Element]:
    """The body's paragraphs, then those of the other stories (``notes``, their
    roots: footnotes, endnotes, headers, footers): what ``RunSpan.paragraph`` indexes."""
    out = body_paragraphs(body)
    for root in notes:
        out.extend(body_paragraphs(root))
    return out


def story_kind(p: etree._Element) -> str | None:
    """"header" or "footer" for a paragraph of a header or footer part."""
    return _FURNITURE.get(p.getroottree().getroot().tag)


_FURNITURE = {w("hdr"): "header", w("ftr"): "footer"}


# EditDesk's review report (export --summary-page): a tracked insertion inside
# this hidden bookmark, never part of the article.
REPORT_BOOKMARK = "_EditDeskReviewReport"


def report_paragraphs(paragraphs: list[etree._Element]) -> set[int]:
    """Indexes of the paragraphs inside EditDesk's review report bookmark."""
    out: set[int] = set()
    inside: str | None = None
    for i, p in enumerate(paragraphs):
        if inside is None:
            for b in p.iter(w("bookmarkStart")):
                if b.get(w("name")) == REPORT_BOOKMARK:
                    inside = b.get(w("id"))
        if inside is not None:
            out.add(i)
            if any(b.get(w("id")) == inside for b in p.iter(w("bookmarkEnd"))):
                inside = None
    return out


def paragraph_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of a paragraph whose text is visible, in document order
    (runs inside hyperlinks, smart tags, fields and insertions included)."""
    out = []
    for r in p.iter(w("r")):
        if _has_ancestor(r, _HIDDEN_CONTAINERS | {w("p")}, stop=p):
            continue
        out.append(r)
    return out


def run_text(r: etree._Element) -> str:
    return "".join(_run_pieces(r))


def _run_pieces(r: etree._Element) -> Iterator[str]:
    for child in r:
        tag = child.tag
        if tag == w("t"):
            yield child.text or ""
        elif tag == w("tab"):
            yield "\t"
        elif tag in (w("br"), w("cr")):
            yield "\n"
        elif tag == w("noBreakHyphen"):
            yield "\u2011"


def _has_ancestor(el: etree._Element, tags: set[str], stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def paragraph_style_id(p: etree._Element) -> str | None:
    """The ``w:styleId`` named by the paragraph's ``w:pStyle`` (None: the default style)."""
    ppr = p.find(w("pPr"))
    style = ppr.find(w("pStyle")) if ppr is not None else None
    return style.get(w("val")) if style is not None else None


def paragraph_outline_level(p: etree._Element) -> int | None:
    """Direct ``w:outlineLvl`` (0-based) on the paragraph, if any."""
    ppr = p.find(w("pPr"))
    lvl = ppr.find(w("outlineLvl")) if ppr is not None else None
    return _int_val(lvl)


def paragraph_is_numbered(p: etree._Element) -> bool:
    """True if the paragraph (or a paragraph style: the same ``w:pPr``) carries list
    numbering (``w:numPr``) itself."""
    ppr = p.find(w("pPr"))
    return ppr is not None and ppr.find(w("numPr")) is not None


def paragraph_in_table(p: etree._Element) -> bool:
    parent = p.getparent()
    while parent is not None:
        if parent.tag == w("tc"):
            return True
        parent = parent.getparent()
    return False


def _int_val(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(w("val"), ""))
    except ValueError:
        return None
