"""Tracked-change elements: ``w:ins``, ``w:del`` and deleted paragraph marks."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from editdesk.export.ooxml import IdAllocator, clean_xml_text, make_run, w


@dataclass(frozen=True)
class Stamp:
    author: str
    date: str  # Word format, see ooxml.word_date


def _revision(tag: str, ids: IdAllocator, stamp: Stamp) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), ids.next())
    el.set(w("author"), clean_xml_text(stamp.author))
    el.set(w("date"), stamp.date)
    return el


def insertion_wrapper(ids: IdAllocator, stamp: Stamp) -> etree._Element:
    """An empty ``w:ins`` to wrap existing runs in."""
    return _revision("ins", ids, stamp)


def insertion(
    text: str, rpr: etree._Element | None, ids: IdAllocator, stamp: Stamp
) -> etree._Element:
    ins = _revision("ins", ids, stamp)
    ins.append(make_run(text, _plain_rpr(rpr)))
    return ins


def wrap_deleted(run: etree._Element, ids: IdAllocator, stamp: Stamp) -> etree._Element:
    """Wrap ``run`` in a ``w:del`` where it stands; its text becomes ``w:delText``."""
    for child in run:
        if child.tag == w("t"):
            child.tag = w("delText")
        elif child.tag == w("instrText"):
            child.tag = w("delInstrText")
    wrapper = _revision("del", ids, stamp)
    run.addprevious(wrapper)
    wrapper.append(run)
    return wrapper


_PPR_AFTER_RPR = {w("sectPr"), w("pPrChange")}


def delete_paragraph_mark(p: etree._Element, ids: IdAllocator, stamp: Stamp) -> None:
    """Mark the paragraph mark of ``p`` deleted: accepting joins it to the next one."""
    _mark_paragraph(p, "del", ids, stamp)


def insert_paragraph_mark(p: etree._Element, ids: IdAllocator, stamp: Stamp) -> None:
    """Mark the paragraph mark of ``p`` inserted: rejecting joins it to the next one."""
    _mark_paragraph(p, "ins", ids, stamp)


def _mark_paragraph(p: etree._Element, tag: str, ids: IdAllocator, stamp: Stamp) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        later = [c for c in ppr if c.tag in _PPR_AFTER_RPR]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    if rpr.find(w("ins")) is None and rpr.find(w("del")) is None:
        rpr.insert(0, _revision(tag, ids, stamp))


_NOT_BASE = {w("rPr"), w("sectPr"), w("pPrChange")}


def take_paragraph_properties(
    p: etree._Element, source: etree._Element, ids: IdAllocator, stamp: Stamp
) -> None:
    """Give ``p`` the paragraph properties of ``source`` as a tracked change
    (``w:pPrChange`` keeps the old ones, so Reject All restores them)."""
    from copy import deepcopy

    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    src = source.find(w("pPr"))
    old = [c for c in ppr if c.tag not in _NOT_BASE]
    new = [deepcopy(c) for c in (src if src is not None else []) if c.tag not in _NOT_BASE]
    if [etree.tostring(c) for c in old] == [etree.tostring(c) for c in new]:
        return
    if ppr.find(w("pPrChange")) is not None:
        return  # already a tracked formatting change: leave the writer's
    for c in old:
        ppr.remove(c)
    for i, c in enumerate(new):
        ppr.insert(i, c)
    change = _revision("pPrChange", ids, stamp)
    base = etree.SubElement(change, w("pPr"))
    for c in old:
        base.append(c)
    ppr.append(change)


def _plain_rpr(rpr: etree._Element | None) -> etree._Element | None:
    """Run properties for inserted text: the neighbour's, minus revision marks."""
    if rpr is None:
        return None
    from copy import deepcopy

    out = deepcopy(rpr)
    for child in list(out):
        if child.tag in (w("ins"), w("del"), w("rPrChange")) or (
            child.tag == w("rStyle") and child.get(w("val")) == "CommentReference"
        ):
            out.remove(child)
    return out
