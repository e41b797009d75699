"""DOCX articles: the visible text of the body's paragraphs (text boxes
included), then the footnotes', endnotes', headers' and footers', with a
RunSpan for every run so the exporter can anchor edits and comments at exact
characters."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from editdesk.core.article import Article, Mask, Paragraph, RunSpan
from editdesk.core.readers import docx_walk as dw
from editdesk.core.readers.docx_code import CodeStyles
from editdesk.core.readers.docx_package import open_docx
from editdesk.core.readers.errors import ReadError
from editdesk.core.readers.limits import MAX_PARAGRAPHS, check_budget
from editdesk.core.readers.urls import url_masks

CODE_PLACEHOLDER = "code"  # what checkers see for inline code (as for Markdown)
_HEADING_NAME = re.compile(r"heading\s*(\d)$")
_MAX_STYLE_CHAIN = 20


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbered: bool


def read_docx(path: Path, data: bytes) -> Article:
    parts = open_docx(path, data)
    body = parts.document.find(dw.w("body"))
    if body is None:
        raise ReadError(path, "not a Word document (no body)")
    # Refused before the walk: only far over the budget, as this count is a bound
    # (read_article checks the exact one).
    if (bound := dw.count_text_paragraphs(body)) > 2 * MAX_PARAGRAPHS:
        check_budget(path, paragraphs=bound)
    styles = _styles(parts.styles)
    code = CodeStyles.of(parts.styles)
    chunks: list[str] = []
    paragraphs: list[Paragraph] = []
    spans: list[RunSpan] = []
    pos = 0
    paragraphs_xml = dw.story_paragraphs(body, parts.notes)
    report = dw.report_paragraphs(paragraphs_xml)
    for p_index, p in enumerate(paragraphs_xml):
        if p_index in report:
            continue
        runs = dw.paragraph_runs(p)
        run_texts = [dw.run_text(r) for r in runs]
        p_text = "".join(run_texts)
        if not p_text.strip():
            continue
        if chunks:
            chunks.append("\n")
            pos += 1
        start = pos
        code_runs: list[Mask] = []
        for r_index, t in enumerate(run_texts):
            if t:
                spans.append(RunSpan(pos, pos + len(t), p_index, r_index, 0))
                if code.run_is_code(runs[r_index]):
                    code_runs.append(Mask(pos, pos + len(t), CODE_PLACEHOLDER))
                pos += len(t)
        chunks.append(p_text)
        if code.paragraph_is_code(p, runs):
            # Code is hidden from the checkers, as in Markdown.
            paragraphs.append(Paragraph(start, pos, kind="code", masks=(Mask(start, pos),)))
            continue
        kind, level = _kind(p, styles)
        masks = _merge_masks(url_masks(p_text, start), code_runs)
        paragraphs.append(Paragraph(start, pos, kind=kind, level=level, masks=masks))
    if not paragraphs:
        raise ReadError(
            path, "empty document (no text in the body, text boxes, notes, headers or footers)"
        )
    _promote_title(paragraphs)
    return Article(
        text="".join(chunks),
        paragraphs=tuple(paragraphs),
        path=path,
        format="docx",
        run_spans=tuple(spans),
    )


def _merge_masks(urls: tuple[Mask, ...], code: list[Mask]) -> tuple[Mask, ...]:
    """URL masks and code-run masks, sorted; a URL inside code goes with the code."""
    if not code:
        return urls
    kept = [m for m in urls if not any(c.start <= m.start and m.end <= c.end for c in code)]
    # Adjacent code runs ("read" "Docx") hide as one piece with one placeholder.
    joined: list[Mask] = []
    for m in code:
        if joined and joined[-1].end == m.start:
            joined[-1] = Mask(joined[-1].start, m.end, CODE_PLACEHOLDER)
        else:
            joined.append(m)
    return tuple(sorted([*kept, *joined], key=lambda m: m.start))


def _promote_title(paragraphs: list[Paragraph]) -> None:
    """Without a Title-styled paragraph the first Heading 1 is the title, as in Markdown
    (pandoc and many writers style the headline as Heading 1)."""
    if any(p.kind == "title" for p in paragraphs):
        return
    for i, p in enumerate(paragraphs):
        if p.kind == "heading" and p.level == 1:
            paragraphs[i] = dataclasses.replace(p, kind="title")
            return


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    if root is None:
        return out
    for st in root.iter(dw.w("style")):
        if st.get(dw.w("type")) not in (None, "paragraph"):
            continue
        style_id = st.get(dw.w("styleId"))
        if not style_id:
            continue
        name_el = st.find(dw.w("name"))
        based = st.find(dw.w("basedOn"))
        out[style_id] = _Style(
            name=(name_el.get(dw.w("val")) if name_el is not None else style_id) or style_id,
            based_on=based.get(dw.w("val")) if based is not None else None,
            outline_level=dw.paragraph_outline_level(st),
            numbered=dw.paragraph_is_numbered(st),
        )
    return out


def _kind(p: etree._Element, styles: dict[str, _Style]) -> tuple[str, int]:
    # Page furniture: checked as prose, but an even-page header repeating the
    # default one is no duplicate paragraph.
    if furniture := dw.story_kind(p):
        return furniture, 0
    if dw.paragraph_in_table(p):
        return "table-cell", 0
    style_id = dw.paragraph_style_id(p)
    kind = _style_kind(style_id, styles)
    if kind is not None:
        return kind
    outline = dw.paragraph_outline_level(p)
    if outline is not None and 0 <= outline <= 8:
        return "heading", outline + 1
    if dw.paragraph_is_numbered(p):
        return "list-item", 1
    return "body", 0


def _style_kind(style_id: str | None, styles: dict[str, _Style]) -> tuple[str, int] | None:
    """Kind from the paragraph style, following ``basedOn`` (custom heading styles)."""
    seen: set[str] = set()
    while style_id and style_id not in seen and len(seen) < _MAX_STYLE_CHAIN:
        seen.add(style_id)
        style = styles.get(style_id)
        # Without styles.xml the built-in ids ("Title", "Heading1") still say enough.
        name = (style.name if style else style_id).lower()
        compact = name.replace(" ", "")
        if compact == "title":
            return "title", 1
        if compact in ("quote", "intensequote"):
            return "quote", 1
        m = _HEADING_NAME.match(name) or _HEADING_NAME.match(compact)
        if m:
            return "heading", int(m.group(1))
        if style is None:
            return None
        if style.outline_level is not None and 0 <= style.outline_level <= 8:
            return "heading", style.outline_level + 1
        if name.startswith("list") or style.numbered:
            return "list-item", 1
        style_id = style.based_on
    return None
