"""Which characters of a Markdown inline run are prose.

markdown-it-py's inline tokens carry no source positions, so we walk them in
order over the inline ``content`` string and find each token's source form
with a cursor. The result is a list of hidden spans (with what checkers see
instead) in content coordinates; everything else is prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from editdesk.core.readers.urls import URL_PLACEHOLDER, url_spans

CODE_PLACEHOLDER = "code"
_SENTENCE_END = ".!?:"
_DELIMITERS = {
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "s_open",
    "s_close",
}


class Misaligned(Exception):
    """The tokens could not be matched to the source (an unexpected token or form)."""


@dataclass
class Hidden:
    start: int
    end: int
    replacement: str = ""


@dataclass
class InlineWalk:
    md: MarkdownIt
    env: dict
    s: str
    c: int = 0
    hidden: list[Hidden] = field(default_factory=list)
    # Last non-space character checkers will see, to capitalise placeholders.
    prev: str = ""

    def run(self, children: list[Token]) -> list[Hidden]:
        in_autolink = False
        for tok in children:
            if in_autolink:
                in_autolink = tok.type != "link_close"
                continue
            in_autolink = self._token(tok)
        rest = self.s[self.c :]
        if rest.strip():
            raise Misaligned(f"unmatched tail {rest[:20]!r}")
        if rest:
            self._hide(self.c, len(self.s))
        return self.hidden

    def _token(self, tok: Token) -> bool:
        """Consume one token; True if it opened an autolink (whose inside is consumed)."""
        t = tok.type
        if t == "text":
            self._text(tok.content)
        elif t == "text_special":
            self._expect(tok.markup)
            c = self.c
            if tok.info == "escape":
                self._hide(c, c + 1)
                self._show(c + 1, c + len(tok.markup))
            else:  # entity: checkers see the character it stands for
                self._replace(self.c, self.c + len(tok.markup), tok.content)
        elif t == "softbreak":
            self._expect("\n")
            self._show(self.c, self.c + 1)
        elif t == "hardbreak":
            j = self.c
            while j < len(self.s) and self.s[j] in " \t":
                j += 1
            if self.s.startswith("\\\n", j):
                self._hide(self.c, j + 1)
                self._show(j + 1, j + 2)
            else:
                self._expect("\n")
                self._show(self.c, self.c + 1)
        elif t in _DELIMITERS:
            self._expect(tok.markup)
            self._hide(self.c, self.c + len(tok.markup))
        elif t == "code_inline":
            self._code(tok.markup)
        elif t == "html_inline":
            self._expect(tok.content)
            tag = tok.content.lower()
            self._replace(self.c, self.c + len(tok.content), " " if tag.startswith("<br") else "")
        elif t == "link_open" and tok.info == "auto":
            self._expect("<")
            end = self.s.find(">", self.c)
            if end < 0:
                raise Misaligned("autolink without >")
            self._replace(self.c, end + 1, URL_PLACEHOLDER)
            return True
        elif t == "link_open":
            self._expect("[")
            self._hide(self.c, self.c + 1)
        elif t == "link_close":
            self._expect("]")
            self._hide(self.c, self._link_tail(self.c + 1))
        elif t == "image":
            self._expect("![")
            state = StateInline(self.s, self.md, self.env, [])
            label_end = parseLinkLabel(state, self.c + 1)
            if label_end < 0:
                raise Misaligned("image label")
            self._hide(self.c, self._link_tail(label_end + 1))
        elif t == "footnote_ref":
            self._expect("[^")
            end = self.s.find("]", self.c)
            if end < 0:
                raise Misaligned("footnote reference")
            self._hide(self.c, end + 1)
        else:
            raise Misaligned(f"unexpected inline token {t}")
        return False

    # -- cursor helpers -------------------------------------------------------

    def _expect(self, form: str) -> None:
        """Move to where ``form`` starts, hiding spaces the parser skipped."""
        j = self.c
        while not self.s.startswith(form, j):
            if j < len(self.s) and self.s[j] in " \t":
                j += 1
            else:
                raise Misaligned(f"expected {form!r} at {self.c}")
        if j > self.c:
            self._hide(self.c, j)

    def _show(self, start: int, end: int) -> None:
        chunk = self.s[start:end].rstrip()
        if chunk:
            self.prev = chunk[-1]
        self.c = end

    def _hide(self, start: int, end: int) -> None:
        self._replace(start, end, "")

    def _replace(self, start: int, end: int, replacement: str) -> None:
        if end > start:
            self.hidden.append(Hidden(start, end, replacement))
        if replacement.strip():
            self.prev = replacement.rstrip()[-1]
        self.c = max(self.c, end)

    def _placeholder(self, word: str) -> str:
        return word.capitalize() if not self.prev or self.prev in _SENTENCE_END else word

    def _text(self, content: str) -> None:
        self._expect(content)
        base = self.c
        pos = 0
        for us, ue in url_spans(content):
            self._show(base + pos, base + us)
            self._replace(base + us, base + ue, URL_PLACEHOLDER)
            pos = ue
        self._show(base + pos, base + len(content))

    def _code(self, fence: str) -> None:
        self._expect(fence)
        j = self.c + len(fence)
        n = len(fence)
        while True:
            k = self.s.find(fence, j)
            if k < 0:
                raise Misaligned("unclosed code span")
            run_end = k
            while run_end < len(self.s) and self.s[run_end] == "`":
                run_end += 1
            if run_end - k == n:
                break
            j = run_end
        self._replace(self.c, k + n, self._placeholder(CODE_PLACEHOLDER))

    def _link_tail(self, pos: int) -> int:
        """End of what follows a link label's ``]``: ``(dest "title")``, ``[ref]`` or nothing."""
        s, n = self.s, len(self.s)
        if pos < n and s[pos] == "(":
            p = _skip_ws(s, pos + 1)
            if p < n and s[p] == ")":
                return p + 1
            dest = parseLinkDestination(s, p, n)
            if dest.ok:
                p = dest.pos
                q = _skip_ws(s, p)
                if q > p:
                    title = parseLinkTitle(s, q, n)
                    if title.ok:
                        q = _skip_ws(s, title.pos)
                p = q
                if p < n and s[p] == ")":
                    return p + 1
            return pos
        if pos < n and s[pos] == "[":
            end = s.find("]", pos)
            if end >= 0:
                return end + 1
        return pos


def _skip_ws(s: str, p: int) -> int:
    while p < len(s) and s[p] in " \t\n":
        p += 1
    return p
