"""How one line of Markdown source reads when rendered: which characters are
syntax (hidden in the article view) and which are strong, emphasised, struck,
code or link text. No Qt here: the view turns these spans into formats.

The article view keeps the Markdown source as its text, so every offset (a
finding's, the cursor's, an edit's) is a source offset; rendering only changes
how characters look, never which characters there are. The view styles one line
at a time, but each line as part of its paragraph (``paragraph_styles``): so
emphasis that runs across a soft line break is rendered, and a line of ``===`` or
``---`` under a paragraph makes it a (setext) heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editdesk.core.readers.md_inline import InlineWalk, Misaligned

SYNTAX = "syntax"  # Markdown's own characters: #, *, _, [, ](url), \ ...
_OPEN = {"strong_open": "strong", "em_open": "em", "s_open": "strike", "link_open": "link"}
_CLOSE = {"strong_close", "em_close", "s_close", "link_close"}
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
_LIST = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
FENCE = re.compile(r" {0,3}(```|~~~)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
MAX_PARAGRAPH_LINES = 60  # a longer run of lines is styled in pieces of this many


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    style: str  # SYNTAX | strong | em | strike | code | link | image | quote


@dataclass(frozen=True)
class LineStyle:
    heading: int = 0  # ATX heading level (1-6), 0 for none
    spans: tuple[Span, ...] = ()


@cache
def _inline_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["strikethrough"])
    md.disable("text_join")  # escapes keep their own tokens (see readers.markdown)
    return md


@dataclass
class _StyleWalk(InlineWalk):
    """The reader's walk over inline tokens, also noting where each styled run is."""

    styled: list[Span] = field(default_factory=list)
    _open: list[tuple[str, int]] = field(default_factory=list)

    def _token(self, tok: Token) -> bool:
        t = tok.type
        before, hidden_before = self.c, len(self.hidden)
        autolink = super()._token(tok)
        if autolink:
            self.hidden[hidden_before:] = []  # <https://…> reads as itself
            self.styled.append(Span(before, self.c, "link"))
        elif t in _OPEN:
            self._open.append((_OPEN[t], self.c))
        elif t in _CLOSE and self._open:
            style, start = self._open.pop()
            self.styled.append(Span(start, before, style))
        elif t == "code_inline":
            n = len(tok.markup)
            start = self.s.find(tok.markup, before)
            self.styled.append(Span(start, start + n, SYNTAX))
            self.styled.append(Span(start + n, self.c - n, "code"))
            self.styled.append(Span(self.c - n, self.c, SYNTAX))
        elif t == "image":  # no picture to show: the source stays, dimmed
            self.hidden[hidden_before:] = []
            self.styled.append(Span(before, self.c, "image"))
        return autolink


@dataclass(frozen=True)
class _Line:
    """One line's block syntax: its heading, the spans of its markers, and where its
    inline content is (``line[base:end]``)."""

    heading: int
    spans: tuple[Span, ...]
    base: int
    end: int
    list_item: bool
    quote: bool


def line_style(line: str) -> LineStyle:
    """The rendering of one source line on its own (offsets into ``line``)."""
    block = _block(line)
    spans = [*block.spans, *_inline_spans(line[block.base : block.end], block.base)]
    return LineStyle(block.heading, tuple(spans))


@lru_cache(maxsize=512)
def paragraph_styles(lines: tuple[str, ...]) -> tuple[LineStyle, ...]:
    """The rendering of consecutive non-blank source lines outside code fences (one
    line's offsets into that line): emphasis, links and code may run from line to
    line of a paragraph; a ``===`` or ``---`` line under plain lines makes them a
    heading (level 1 or 2) and is itself syntax. An ATX heading or a list item
    starts a paragraph of its own."""
    blocks = [_block(line) for line in lines]
    out: list[LineStyle] = []
    i = 0
    while i < len(lines):
        j = i + 1
        if not blocks[i].heading:
            while j < len(lines) and not (blocks[j].heading or blocks[j].list_item):
                j += 1
        group = list(range(i, j))
        heading = 0
        underline = None
        if len(group) > 1 and not any(blocks[k].list_item or blocks[k].quote for k in group):
            m = _SETEXT.match(lines[group[-1]])
            if m:
                heading = 1 if m.group(1)[0] == "=" else 2
                underline = group.pop()
        out.extend(_group_styles(lines, blocks, group, heading))
        if underline is not None:
            out.append(LineStyle(heading, (Span(0, len(lines[underline]), SYNTAX),)))
        i = j
    return tuple(out)


def _group_styles(
    lines: tuple[str, ...], blocks: list[_Line], group: list[int], heading: int
) -> list[LineStyle]:
    """One paragraph's lines: its inline content parsed as one (joined by the line
    breaks), the spans cut back to the lines."""
    starts, parts, at = [], [], 0
    for k in group:
        starts.append(at)
        part = lines[k][blocks[k].base : blocks[k].end]
        parts.append(part)
        at += len(part) + 1
    inline = _inline_spans("\n".join(parts), 0)
    out = []
    for k, start, part in zip(group, starts, parts, strict=True):
        spans = list(blocks[k].spans)
        base = blocks[k].base
        for sp in inline:
            a, b = max(sp.start, start), min(sp.end, start + len(part))
            if b > a:
                spans.append(Span(base + a - start, base + b - start, sp.style))
        out.append(LineStyle(heading or blocks[k].heading, tuple(spans)))
    return out


def _block(line: str) -> _Line:
    spans: list[Span] = []
    heading = 0
    base, end = 0, len(line)
    list_item = quote = False
    m = _ATX.match(line)
    if m:
        heading = len(m.group(1))
        spans.append(Span(0, m.end(), SYNTAX))
        base = m.end()
        closing = _ATX_CLOSING.search(line, base)
        if closing:
            spans.append(Span(closing.start(), end, SYNTAX))
            end = closing.start()
    else:
        q = _QUOTE.match(line)
        if q:
            spans.append(Span(0, q.end(), "quote"))
            base = q.end()
            quote = True
        li = _LIST.match(line, base)
        if li:
            base = li.end()  # the bullet or number stays as it is
            list_item = True
    return _Line(heading, tuple(spans), base, end, list_item, quote)


def _inline_spans(content: str, base: int) -> list[Span]:
    if not content.strip():
        return []
    md = _inline_parser()
    env: dict = {}
    tokens = md.parseInline(content, env)
    children = tokens[0].children if tokens else None
    walk = _StyleWalk(md, env, content)
    try:
        walk.run(children or [])
    except Misaligned:
        return []  # shown as typed rather than styled wrongly
    spans = [
        Span(base + h.start, base + h.end, SYNTAX)
        for h in walk.hidden
        if not h.replacement and content[h.start : h.end].strip()
    ]
    spans.extend(
        Span(base + s.start, base + s.end, s.style) for s in walk.styled if s.end > s.start
    )
    return spans
