"""Which words of a .docx article are bold, italic, struck or a link, read
again from the file for the article view (the checks never need it). No Qt."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from editdesk.core.article import Article
from editdesk.core.readers import docx_walk as dw
from editdesk.core.readers.docx_package import open_docx
from editdesk.core.readers.errors import ReadError

_CHARACTER_STYLES = {"strong": "strong", "emphasis": "em", "hyperlink": "link"}


def run_styles(article: Article) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, styles) in ``article.text`` for every styled run; empty when
    the file cannot be read again (the view then shows plain text)."""
    if article.format != "docx" or article.path is None or not article.run_spans:
        return []
    try:
        parts = open_docx(article.path, Path(article.path).read_bytes())
    except (OSError, ReadError):
        return []
    body = parts.document.find(dw.w("body"))
    if body is None:
        return []
    paragraphs = dw.story_paragraphs(body, parts.notes)
    runs_of: dict[int, list[etree._Element]] = {}
    out = []
    for span in article.run_spans:
        if span.paragraph >= len(paragraphs):
            continue
        runs = runs_of.get(span.paragraph)
        if runs is None:
            runs = runs_of[span.paragraph] = dw.paragraph_runs(paragraphs[span.paragraph])
        if span.run < len(runs):
            styles = _styles(runs[span.run])
            if styles:
                out.append((span.start, span.end, styles))
    return out


def _styles(run: etree._Element) -> frozenset[str]:
    found = set()
    rpr = run.find(dw.w("rPr"))
    if rpr is not None:
        for tag, style in (("b", "strong"), ("i", "em"), ("strike", "strike")):
            el = rpr.find(dw.w(tag))
            if el is not None and el.get(dw.w("val"), "true") not in ("0", "false", "none"):
                found.add(style)
        u = rpr.find(dw.w("u"))
        if u is not None and u.get(dw.w("val"), "single") != "none":
            found.add("underline")
        rstyle = rpr.find(dw.w("rStyle"))
        if rstyle is not None:
            name = (rstyle.get(dw.w("val")) or "").lower()
            for key, style in _CHARACTER_STYLES.items():
                if key in name:
                    found.add(style)
    parent = run.getparent()
    while parent is not None and parent.tag != dw.w("p"):
        if parent.tag == dw.w("hyperlink"):
            found.add("link")
            found.discard("underline")
            break
        parent = parent.getparent()
    return frozenset(found)
