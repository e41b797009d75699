"""How one line of Markdown source reads when rendered: which characters are
syntax (hidden in the article view) and which are strong, emphasised, struck,
code or link text. No Qt here: the view turns these spans into formats.

The article view keeps the Markdown source as its text, so every offset (a
finding's, the cursor's, an edit's) is a source offset; rendering only changes
how characters look, never which characters there are. Lines are styled one at
a time (the view restyles only the line being typed in), so emphasis across a
soft line break is not rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

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


def line_style(line: str) -> LineStyle:
    """The rendering of one source line (offsets into ``line``)."""
    spans: list[Span] = []
    heading = 0
    base, end = 0, len(line)
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
        li = _LIST.match(line, base)
        if li:
            base = li.end()  # the bullet or number stays as it is
    spans.extend(_inline_spans(line[base:end], base))
    return LineStyle(heading, tuple(spans))


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
