"""Markdown articles: ``Article.text`` is the Markdown source; each prose block
becomes a Paragraph whose masks hide the syntax from checkers."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from editdesk.core.article import Article, Mask, Paragraph
from editdesk.core.readers.decode import decode_source
from editdesk.core.readers.errors import ReadError
from editdesk.core.readers.limits import check_text_budget
from editdesk.core.readers.md_inline import InlineWalk, Misaligned


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin, inline=False)
    # Keep escapes and entities as their own tokens: their source form differs
    # from their text, and we need both.
    md.disable("text_join")
    return md


def read_markdown(path: Path, data: bytes) -> Article:
    text, notes, (crlf, lone_cr) = decode_source(data, path)
    if not text.strip():
        raise ReadError(path, "empty file (only whitespace)")
    check_text_budget(path, text)
    paragraphs = markdown_paragraphs(text)
    return Article(
        text=text, paragraphs=paragraphs, path=path, format="md", notes=notes, crlf=crlf,
        lone_cr=lone_cr,
    )


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def span(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return start, end


def markdown_paragraphs(text: str) -> tuple[Paragraph, ...]:
    md = _parser()
    env: dict = {}
    tokens = md.parse(text, env)
    lines = _Lines(text)
    out: list[Paragraph] = []
    containers: list[str] = []
    kind, level = "body", 0
    heading_col: int | None = None
    title_seen = False
    cell = 0
    for tok in tokens:
        t = tok.type
        if t == "list_item_open":
            containers.append("list-item")
        elif t == "blockquote_open":
            containers.append("quote")
        elif t in ("list_item_close", "blockquote_close") and containers:
            # (guarded: the footnote plugin moves definitions, opening tokens included,
            # to the end of the stream)
            containers.pop()
        elif t == "paragraph_open":
            kind = containers[-1] if containers else "body"
            level = containers.count(kind) if containers else 0
            heading_col = None
        elif t == "heading_open":
            level = int(tok.tag[1:])
            kind = "heading"
            if level == 1 and not title_seen:
                kind, title_seen = "title", True
            heading_col = _atx_content_col(text, lines, tok)
        elif t == "tr_open":
            cell = 0
        elif t in ("th_open", "td_open"):
            kind, level, heading_col = "table-cell", 0, None
        elif t == "inline" and tok.map is not None:
            if kind == "table-cell":
                offsets = _align_cell(text, lines, tok.map[0], cell, tok.content)
                cell += 1
            else:
                offsets = _align_block(
                    text, lines, (tok.map[0], tok.map[1]), tok.content, heading_col
                )
            para = _paragraph(md, env, text, lines, tok, offsets, kind, level)
            if para is not None:
                out.append(para)
    out.sort(key=lambda p: p.start)  # footnote definitions come last in the token stream
    return tuple(out)


def _atx_content_col(text: str, lines: _Lines, tok: Token) -> int | None:
    if not tok.markup.startswith("#") or tok.map is None:
        return None
    start, end = lines.span(tok.map[0])
    line = text[start:end]
    col = len(line) - len(line.lstrip(" \t"))
    return col + len(tok.markup)


# -- aligning inline content with the source ---------------------------------


def _align_block(
    text: str, lines: _Lines, block: tuple[int, int], content: str, first_col: int | None
) -> list[int] | None:
    """Source offset of each character of ``content`` (a block's lines with
    container prefixes and indentation removed), or None if it cannot be found."""
    offsets: list[int] = []
    parts = content.split("\n")
    first_line, end_line = block
    shift = 0
    i = 0
    while i < len(parts):
        line = first_line + shift + i
        if line >= min(end_line, len(lines.starts)):
            return None
        found = _align_line(text, lines, line, parts[i], i == len(parts) - 1, first_col)
        if found is None:
            # Python's strip() (which markdown-it-py applies) also removes Unicode
            # spaces, so leading lines of only such spaces vanish from the content.
            if i == 0:
                shift += 1
                continue
            return None
        offsets.extend(found)
        if i < len(parts) - 1:
            offsets.append(lines.span(line)[1])
        i += 1
    return offsets


def _align_line(
    text: str, lines: _Lines, line: int, part: str, last: bool, first_col: int | None
) -> list[int] | None:
    ls, le = lines.span(line)
    src = text[ls:le]
    body = part.lstrip(" \t")
    lead = len(part) - len(body)
    if first_col is not None:
        found = _greedy(src, body, first_col)
    else:
        hay = src.rstrip() if last else src
        if hay.endswith(body) and (body or not last):
            p = len(hay) - len(body)
            found = list(range(p, p + len(body)))
        else:
            found = _greedy(src, body, 0)
    if found is None:
        return None
    first = found[0] if found else len(src)
    # Indentation the parser kept (it is hidden later) sits just before the text.
    return [ls + max(0, first - lead + j) for j in range(lead)] + [ls + p for p in found]


def _align_cell(text: str, lines: _Lines, line: int, index: int, content: str) -> list[int] | None:
    ls, le = lines.span(line)
    row = text[ls:le]
    prefix = _CONTAINER_PREFIX.match(row).end()
    ls += prefix
    segments = _row_segments(row[prefix:])
    if index >= len(segments):
        return None
    s, e = segments[index]
    found = _greedy(text[ls + s : ls + e], content, 0)
    return None if found is None else [ls + s + p for p in found]


# Blockquote markers, list markers and indentation before a table row's first cell
# (a row itself can start with neither ">" nor a list marker).
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")


def _row_segments(row: str) -> list[tuple[int, int]]:
    """Cells of a table row as ``[start, end)`` in the row, split on unescaped pipes."""
    bounds: list[tuple[int, int]] = []
    last = 0
    escaped = False
    for i, ch in enumerate(row):
        if ch == "|" and not escaped:
            bounds.append((last, i))
            last = i + 1
        escaped = ch == "\\"
    bounds.append((last, len(row)))
    if bounds and not row[bounds[0][0] : bounds[0][1]].strip():
        bounds.pop(0)
    if bounds and not row[bounds[-1][0] : bounds[-1][1]].strip():
        bounds.pop()
    return bounds


def _greedy(src: str, body: str, start: int) -> list[int] | None:
    """Match ``body`` as a subsequence of ``src`` (a tab may stand for a space)."""
    out = []
    pos = start
    for ch in body:
        while pos < len(src) and src[pos] != ch and not (ch == " " and src[pos] == "\t"):
            pos += 1
        if pos >= len(src):
            return None
        out.append(pos)
        pos += 1
    return out


# -- building the paragraph ---------------------------------------------------


def _paragraph(
    md: MarkdownIt,
    env: dict,
    text: str,
    lines: _Lines,
    tok: Token,
    offsets: list[int] | None,
    kind: str,
    level: int,
) -> Paragraph | None:
    content = tok.content
    if not content.strip():
        return None
    if offsets is None or len(offsets) != len(content):
        return _unmasked(text, lines, tok, kind, level)
    try:
        hidden = InlineWalk(md, env, content).run(tok.children or [])
    except Misaligned:
        return _unmasked(text, lines, tok, kind, level)
    start, end = offsets[0], offsets[-1] + 1
    visible = [False] * (end - start)
    for off in offsets:
        visible[off - start] = True
    replaced: list[Mask] = []
    for h in hidden:
        s, e = offsets[h.start] - start, offsets[h.end - 1] + 1 - start
        for i in range(s, e):
            visible[i] = False
        if h.replacement:
            replaced.append(Mask(start + s, start + e, h.replacement))
    in_replaced = [False] * (end - start)
    for m in replaced:
        for i in range(m.start - start, m.end - start):
            in_replaced[i] = True
    _tidy_spaces(text, start, visible, in_replaced)
    masks = list(replaced)
    i = 0
    while i < len(visible):
        if visible[i] or in_replaced[i]:
            i += 1
            continue
        j = i
        while j < len(visible) and not visible[j] and not in_replaced[j]:
            j += 1
        masks.append(Mask(start + i, start + j))
        i = j
    masks.sort(key=lambda m: m.start)
    para = Paragraph(start, end, kind=kind, level=level, masks=tuple(masks))
    if not _has_prose(text, para):
        return None
    return para


def _tidy_spaces(text: str, start: int, visible: list[bool], in_replaced: list[bool]) -> None:
    """Hide a space left doubled (or leading/trailing) where hidden syntax was
    removed, e.g. an image between two words; the author's own doubled spaces
    stay visible for the checkers."""
    shown = [i for i, v in enumerate(visible) if v or in_replaced[i]]
    for k, i in enumerate(shown):
        if not visible[i] or text[start + i] not in " \t":
            continue
        prev = shown[k - 1] if k > 0 else None
        nxt = shown[k + 1] if k + 1 < len(shown) else None
        gap_before = prev is None or prev != i - 1
        gap_after = nxt is None or nxt != i + 1
        prev_space = prev is None or (visible[prev] and text[start + prev] in " \t\n")
        next_space = nxt is None or (visible[nxt] and text[start + nxt] in " \t\n")
        if (gap_before and prev_space) or (gap_after and next_space and prev is not None):
            visible[i] = False


def _has_prose(text: str, para: Paragraph) -> bool:
    pos = para.start
    for m in para.masks:
        if text[pos : m.start].strip() or m.replacement.strip():
            return True
        pos = m.end
    return bool(text[pos : para.end].strip())


def _unmasked(text: str, lines: _Lines, tok: Token, kind: str, level: int) -> Paragraph | None:
    """Fallback when the inline source cannot be aligned: the block's lines as they are."""
    if tok.map is None:
        return None
    start, _ = lines.span(tok.map[0])
    _, end = lines.span(tok.map[1] - 1)
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if not chunk:
        return None
    return Paragraph(start + lead, start + lead + len(chunk), kind=kind, level=level)
