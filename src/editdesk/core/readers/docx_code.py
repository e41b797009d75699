"""Which DOCX paragraphs and runs hold code.

Code is not prose: like Markdown code, it is hidden from the checkers (a grammar checker
turns ``readDocx :: ReaderOptions`` into "Deadlock :: Reader Options"), and nothing is
ever applied to it unseen. A paragraph is code when its style is a code style (pandoc's
"Source Code", Word's "HTML Preformatted", ...) or every run of it is set in a monospaced
font; a run is code when its character style is a code style (pandoc's "Verbatim Char",
"HTML Code", ...) or its font is monospaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from editdesk.core.readers import docx_walk as dw

CODE_PARAGRAPH_STYLES = frozenset(
    {"sourcecode", "code", "codeblock", "htmlpreformatted", "preformattedtext", "macrotext"}
)
CODE_CHARACTER_STYLES = frozenset(
    {"verbatimchar", "codechar", "code", "inlinecode", "htmlcode", "htmltypewriter",
     "htmlkeyboard", "sourcetext", "sourcecodechar"}
)
MONOSPACED_FONTS = frozenset(
    {"courier", "couriernew", "consolas", "menlo", "monaco", "lucidaconsole",
     "lucidasanstypewriter", "sourcecodepro", "dejavusansmono", "liberationmono", "firacode",
     "firamono", "robotomono", "inconsolata", "cascadiacode", "cascadiamono", "jetbrainsmono",
     "ubuntumono", "andalemono", "sfmono", "notomono", "ibmplexmono", "ptmono", "monospace"}
)
_MAX_CHAIN = 20


def _compact(name: str) -> str:
    return "".join(name.lower().split())


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(dw.w("rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(dw.w("ascii")) or fonts.get(dw.w("hAnsi"))


@dataclass(frozen=True)
class CodeStyles:
    paragraph: frozenset[str] = frozenset()  # paragraph style ids that are code
    character: frozenset[str] = frozenset()  # character style ids that are code

    @classmethod
    def of(cls, styles_root: etree._Element | None) -> CodeStyles:
        if styles_root is None:
            return cls()
        info: dict[str, tuple[str, str, str | None, bool]] = {}  # id -> type, name, based, mono
        for st in styles_root.iter(dw.w("style")):
            style_id = st.get(dw.w("styleId"))
            if not style_id:
                continue
            name_el = st.find(dw.w("name"))
            based = st.find(dw.w("basedOn"))
            font = _font(st.find(dw.w("rPr")))
            info[style_id] = (
                st.get(dw.w("type")) or "paragraph",
                (name_el.get(dw.w("val")) if name_el is not None else None) or style_id,
                based.get(dw.w("val")) if based is not None else None,
                bool(font) and _compact(font) in MONOSPACED_FONTS,
            )

        def is_code(style_id: str, names: frozenset[str]) -> bool:
            seen: set[str] = set()
            current: str | None = style_id
            while current and current in info and current not in seen and len(seen) < _MAX_CHAIN:
                seen.add(current)
                _kind, name, based, mono = info[current]
                if _compact(name) in names or _compact(current) in names or mono:
                    return True
                current = based
            return False

        return cls(
            frozenset(i for i, v in info.items() if v[0] == "paragraph"
                      and is_code(i, CODE_PARAGRAPH_STYLES)),
            frozenset(i for i, v in info.items() if v[0] == "character"
                      and is_code(i, CODE_CHARACTER_STYLES)),
        )

    def run_is_code(self, r: etree._Element) -> bool:
        rpr = r.find(dw.w("rPr"))
        if rpr is None:
            return False
        style = rpr.find(dw.w("rStyle"))
        if style is not None:
            sid = style.get(dw.w("val")) or ""
            if sid in self.character or _compact(sid) in CODE_CHARACTER_STYLES:
                return True
        font = _font(rpr)
        return bool(font) and _compact(font) in MONOSPACED_FONTS

    def paragraph_is_code(self, p: etree._Element, runs: list[etree._Element]) -> bool:
        sid = dw.paragraph_style_id(p)
        if sid and (sid in self.paragraph or _compact(sid) in CODE_PARAGRAPH_STYLES):
            return True
        texts = [r for r in runs if dw.run_text(r).strip()]
        return bool(texts) and all(self.run_is_code(r) for r in texts)
