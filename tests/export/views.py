"""Accept All and Reject All as the spec defines them, for the export tests.

Pandoc cannot be the only judge: it keeps a heading whose paragraph mark is
deleted (its header branch ignores paragraph-mark changes) and ignores
formatting changes. Here a paragraph whose mark goes in a view joins the next
one and takes its properties (the mark that survives), as in Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from ooxml_checks import W, q

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_IGNORED_RPR = {q("ins"), q("del"), q("rPrChange"), q("rsid")}


@dataclass
class Para:
    style: str | None
    runs: list[tuple[str, str]] = field(default_factory=list)  # (formatting, text)

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.runs)

    def merged_runs(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for fmt, text in self.runs:
            if not text:
                continue
            if out and out[-1][0] == fmt:
                out[-1] = (fmt, out[-1][1] + text)
            else:
                out.append((fmt, text))
        return out


def _formatting(rpr: etree._Element | None, accept: bool) -> str:
    if rpr is None:
        return ""
    change = rpr.find(q("rPrChange"))
    if not accept and change is not None:
        old = change.find(q("rPr"))
        return _formatting(old, True) if old is not None else ""
    parts = []
    for child in rpr:
        if child.tag in _IGNORED_RPR:
            continue
        if child.tag == q("rStyle") and child.get(q("val")) == "CommentReference":
            continue
        attrs = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items()))
        parts.append(f"{etree.QName(child).localname}[{attrs}]")
    return ";".join(sorted(parts))


def _style(p: etree._Element, accept: bool) -> str | None:
    ppr = p.find(q("pPr"))
    if ppr is None:
        return None
    change = ppr.find(q("pPrChange"))
    if not accept and change is not None and change.find(q("pPr")) is not None:
        ppr = change.find(q("pPr"))
    style = ppr.find(q("pStyle"))
    return style.get(q("val")) if style is not None else None


def _mark_gone(p: etree._Element, accept: bool) -> bool:
    rpr = p.find(f"{q('pPr')}/{q('rPr')}")
    if rpr is None:
        return False
    return rpr.find(q("del" if accept else "ins")) is not None


def _in_fallback(p: etree._Element) -> bool:
    return any(a.tag == f"{{{MC}}}Fallback" for a in p.iterancestors())


def _runs(p: etree._Element, accept: bool) -> list[tuple[str, str]]:
    out = []
    for r in p.iter(q("r")):
        if next(r.iterancestors(q("p"))) is not p:
            continue  # a text box's paragraph inside this one
        wrappers = {a.tag for a in r.iterancestors() if a.tag in (q("ins"), q("del"))}
        if (q("del") if accept else q("ins")) in wrappers:
            continue
        if r.find(q("commentReference")) is not None:
            continue
        text = []
        for child in r:
            if child.tag in (q("t"), q("delText")):
                text.append(child.text or "")
            elif child.tag == q("tab"):
                text.append("\t")
            elif child.tag in (q("br"), q("cr")):
                text.append("\n")
        out.append((_formatting(r.find(q("rPr")), accept), "".join(text)))
    return out


def view(document: etree._Element, *notes: etree._Element, accept: bool) -> list[Para]:
    """The paragraphs of ``word/document.xml`` (then of the other stories'
    roots given) after Accept All (or Reject All)."""
    out: list[Para] = []
    carried: list[tuple[str, str]] = []
    for p in [p for root in (document, *notes) for p in root.iter(q("p"))]:
        if _in_fallback(p):
            continue
        runs = carried + _runs(p, accept)
        if _mark_gone(p, accept):
            carried = runs
            continue
        carried = []
        out.append(Para(_style(p, accept), runs))
    if carried:
        out.append(Para(None, carried))
    return out


def texts(paras: list[Para]) -> list[str]:
    return [p.text for p in paras]


def signature(paras: list[Para]) -> list[tuple[str | None, list[tuple[str, str]]]]:
    return [(p.style, p.merged_runs()) for p in paras]


__all__ = ["W", "Para", "signature", "story", "texts", "view"]


def story(path) -> list[etree._Element]:
    """``word/document.xml``, then the footnotes, endnotes, headers and footers,
    parsed, in the order EditDesk's reader reads them."""
    from pathlib import Path

    from editdesk.core.readers.docx_package import open_docx

    parts = open_docx(Path(path), Path(path).read_bytes())
    return [parts.document, *parts.notes]
