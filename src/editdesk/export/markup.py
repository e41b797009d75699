"""Apply a marked-up stream (see plan.py) to a WordprocessingML body.

Runs are split at the exact characters (deep copies keep ``w:rPr``; fields,
drawings and other zero-width children stay with the piece on their right),
deleted pieces are wrapped in ``w:del``, insertions and comment marks are
placed between pieces. ``RunSpan``s say which run holds which character.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from editdesk.core.article import RunSpan
from editdesk.core.readers.docx_walk import paragraph_runs, story_paragraphs
from editdesk.export.ooxml import XML_SPACE, IdAllocator, w
from editdesk.export.plan import Delete, Insert, Item, Keep, Mark
from editdesk.export.tracked import (
    Stamp,
    delete_paragraph_mark,
    insert_paragraph_mark,
    insertion,
    take_paragraph_properties,
    wrap_deleted,
)

_ONE_CHAR = {w("tab"), w("br"), w("cr"), w("noBreakHyphen")}


def _length(child: etree._Element) -> int:
    if child.tag == w("t"):
        return len(child.text or "")
    return 1 if child.tag in _ONE_CHAR else 0


def split_run(
    run: etree._Element, cuts: Sequence[int], ids: IdAllocator | None = None
) -> list[etree._Element]:
    """Split ``run`` at run-text offsets ``cuts`` (sorted, strictly inside).

    Each piece gets a copy of the run properties; a formatting change tracked
    there (``w:rPrChange``) is copied with a fresh ``w:id`` from ``ids``.
    """
    if not cuts:
        return [run]
    rpr = run.find(w("rPr"))
    pieces = [run]
    for _ in cuts:
        piece = etree.Element(w("r"), dict(run.attrib))
        if rpr is not None:
            copied = deepcopy(rpr)
            if ids is not None:
                for el in copied.iter():
                    if isinstance(el.tag, str) and el.get(w("id")) is not None:
                        el.set(w("id"), ids.next())
            piece.append(copied)
        pieces.append(piece)
    children = [c for c in run if c is not rpr]
    for c in children:
        run.remove(c)
    pos = 0
    idx = 0
    for c in children:
        length = _length(c)
        while idx < len(cuts) and pos >= cuts[idx]:
            idx += 1
        if c.tag != w("t") or length <= 1:
            pieces[idx].append(c)
        else:
            text = c.text or ""
            done = 0
            while idx < len(cuts) and cuts[idx] < pos + length:
                t = deepcopy(c)
                t.text = text[done : cuts[idx] - pos]
                _preserve(t)
                pieces[idx].append(t)
                done = cuts[idx] - pos
                idx += 1
            c.text = text[done:]
            _preserve(c)
            pieces[idx].append(c)
        pos += length
    prev = run
    for piece in pieces[1:]:
        prev.addnext(piece)
        prev = piece
    return pieces


def _preserve(t: etree._Element) -> None:
    t.set(XML_SPACE, "preserve")


@dataclass
class Written:
    """Which changes (indexes into the change list) left a mark in the document."""

    inserted: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)


@dataclass
class _Slot:
    start: int
    end: int
    run: etree._Element
    paragraph: int


class _Placer:
    """Puts new elements after the last placed one, or before the next piece."""

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self.cursor: etree._Element | None = None
        self.cursor_rpr: etree._Element | None = None
        self.pending: list[tuple[Item, int]] = []
        self.start_of: etree._Element | None = None  # next element opens this paragraph

    def flush(
        self, next_slot: _Slot | None, build: Callable[[Item, etree._Element | None], list]
    ) -> None:
        forward = False
        # A range that starts in a gap (markup, paragraph separators) opens on the
        # next words, unless it starts inside text just inserted backwards.
        inserted_backwards = self.start_of is not None
        for item, at in self.pending:
            if next_slot is not None and (
                self.cursor is None
                or forward
                or at >= next_slot.start
                or (isinstance(item, Mark) and item.kind == "start" and not inserted_backwards)
            ):
                forward = True
                for el in build(item, next_slot.run.find(w("rPr"))):
                    if isinstance(el, ParagraphBreak):
                        if not _split_before(next_slot.run, el):
                            next_slot.run.addprevious(el.fallback())
                    else:
                        next_slot.run.addprevious(el)
            else:
                inserted_backwards = inserted_backwards or isinstance(item, Insert)
                for el in build(item, self.cursor_rpr):
                    self._after_cursor(el)
        self.pending.clear()

    def _after_cursor(self, el: etree._Element | ParagraphBreak) -> None:
        if isinstance(el, ParagraphBreak):
            if self.cursor is not None and _split_after(self.cursor, el):
                self.start_of = self.cursor.getparent().getnext()
                return
            el = el.fallback()
        if self.start_of is not None:
            ppr = self.start_of.find(w("pPr"))
            self.start_of.insert(0 if ppr is None else self.start_of.index(ppr) + 1, el)
            self.start_of = None
        elif self.cursor is None:
            p = _last_paragraph(self.body)
            p.append(el)
        else:
            self.cursor.addnext(el)
        self.cursor = el


class ParagraphBreak:
    """An inserted paragraph mark: the paragraph is split where it is placed."""

    def __init__(self, text: str, rpr: etree._Element | None, ids: IdAllocator, stamp: Stamp):
        self.text, self.rpr, self.ids, self.stamp = text, rpr, ids, stamp

    def fallback(self) -> etree._Element:
        """Where a paragraph cannot be split (inside a link, say): line breaks."""
        return insertion(self.text, self.rpr, self.ids, self.stamp)


def _split_before(node: etree._Element, brk: ParagraphBreak) -> bool:
    p = node.getparent()
    if p is None or p.tag != w("p"):
        return False
    moving = []
    for child in p:
        if child is node:
            break
        if child.tag != w("pPr"):
            moving.append(child)
    _new_paragraph_before(p, moving, brk)
    return True


def _split_after(node: etree._Element, brk: ParagraphBreak) -> bool:
    p = node.getparent()
    if p is None or p.tag != w("p"):
        return False
    moving = []
    for child in p:
        if child.tag != w("pPr"):
            moving.append(child)
        if child is node:
            break
    _new_paragraph_before(p, moving, brk)
    return True


def _new_paragraph_before(
    p: etree._Element, children: list[etree._Element], brk: ParagraphBreak
) -> None:
    """The first part of a split paragraph: same properties (no section break),
    its paragraph mark tracked as inserted; ``p`` keeps the original mark."""
    first = etree.Element(w("p"))
    ppr = p.find(w("pPr"))
    if ppr is not None:
        first_ppr = deepcopy(ppr)
        for child in list(first_ppr):
            if child.tag in (w("sectPr"), w("rPr"), w("pPrChange")):
                first_ppr.remove(child)
        first.append(first_ppr)
    p.addprevious(first)
    for child in children:
        first.append(child)
    insert_paragraph_mark(first, brk.ids, brk.stamp)


def _last_paragraph(body: etree._Element) -> etree._Element:
    paragraphs = body.findall(w("p"))
    if paragraphs:
        return paragraphs[-1]
    p = etree.Element(w("p"))
    sect = body.find(w("sectPr"))
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    return p


def apply_stream(
    body: etree._Element,
    run_spans: Sequence[RunSpan],
    items: Sequence[Item],
    anchor_ids: Sequence[Sequence[str]],
    ids: IdAllocator,
    stamp_for: Callable[[int], Stamp],
    paragraph_break: re.Pattern[str] | None = None,
    notes: tuple[etree._Element, ...] = (),
) -> Written:
    """Mark up ``body`` (whose runs ``run_spans`` describe) with ``items``.

    Inserted text matching ``paragraph_break`` splits its paragraph (a tracked
    paragraph mark); other newlines become line breaks. ``notes`` are the roots
    of the footnotes and endnotes parts, whose paragraphs follow the body's.
    """
    paragraphs = story_paragraphs(body, notes)
    cuts: set[int] = set()
    for it in items:
        if isinstance(it, Keep | Delete):
            cuts.add(it.start)
            cuts.add(it.end)
    slots = _split_runs(paragraphs, run_spans, cuts, ids)
    starts = [s.start for s in slots]
    extents = _paragraph_extents(slots)
    extent_ends = [e[2] for e in extents]
    placer = _Placer(body)
    written = Written()

    def build(item: Item, rpr: etree._Element | None) -> list[etree._Element]:
        if isinstance(item, Insert):
            stamp = stamp_for(item.change)
            written.inserted.add(item.change)
            if paragraph_break is None:
                return [insertion(item.text, rpr, ids, stamp)]
            out: list = []
            pos = 0
            for m in paragraph_break.finditer(item.text):
                if m.start() > pos:
                    out.append(insertion(item.text[pos : m.start()], rpr, ids, stamp))
                out.append(ParagraphBreak(m.group(), rpr, ids, stamp))
                pos = m.end()
            if pos < len(item.text):
                out.append(insertion(item.text[pos:], rpr, ids, stamp))
            return out
        assert isinstance(item, Mark)
        out = []
        for cid in anchor_ids[item.anchor]:
            if item.kind == "start":
                out.append(_element("commentRangeStart", cid))
            else:
                out.append(_element("commentRangeEnd", cid))
                out.append(_reference_run(cid))
        return out

    for it in items:
        if isinstance(it, Insert | Mark):
            placer.pending.append((it, it.at))
            continue
        first = bisect.bisect_left(starts, it.start)
        last = bisect.bisect_left(starts, it.end)
        for slot in slots[first:last]:
            if placer.pending:
                placer.flush(slot, build)
            if isinstance(it, Delete):
                placer.cursor = wrap_deleted(slot.run, ids, stamp_for(it.change))
                written.deleted.add(it.change)
            else:
                placer.cursor = slot.run
            placer.cursor_rpr = slot.run.find(w("rPr"))
            placer.start_of = None
        if isinstance(it, Delete):
            # A paragraph's mark goes when the deletion runs from inside it past
            # its end: a whole paragraph deleted with its own break, or a merge.
            k = first = max(0, bisect.bisect_left(extent_ends, it.start))
            joined: etree._Element | None = None  # first paragraph whose mark went
            stuck: etree._Element | None = None  # deleted whole, its mark cannot go
            while k < len(extents) - 1 and extents[k][2] < it.end:
                p_el = _paragraph_of(extents[k])
                following = _paragraph_of(extents[k + 1])
                if p_el is not None and _mark_can_go(p_el, following):
                    delete_paragraph_mark(p_el, ids, stamp_for(it.change))
                    written.deleted.add(it.change)
                    joined = p_el if joined is None else joined
                elif p_el is not None and extents[k + 1][1] >= it.end:
                    stuck = p_el  # the last paragraph this deletion takes
                k += 1
            if stuck is not None and extents[first][1] >= it.start:
                # Deleted whole up to a paragraph that must keep its mark (before a
                # table, last in a cell): the paragraph before them gives up its
                # mark instead, and the kept mark takes its properties, tracked.
                before = _paragraph_of(extents[first - 1]) if first > 0 else None
                start_p = _paragraph_of(extents[first])
                if before is not None and start_p is not None and _mark_can_go(before, start_p):
                    delete_paragraph_mark(before, ids, stamp_for(it.change))
                    take_paragraph_properties(stuck, before, ids, stamp_for(it.change))
                    written.deleted.add(it.change)
                    joined = None  # the kept mark has its properties now
            if joined is not None and k > first and extents[k][2] <= it.end:
                # The chain ends in a paragraph deleted whole that keeps its mark
                # (the last of the document or a cell): the joined paragraph would
                # take its properties, so it takes the first one's, tracked.
                last = _paragraph_of(extents[k])
                if last is not None and last is not joined:
                    take_paragraph_properties(last, joined, ids, stamp_for(it.change))
    if placer.pending:
        placer.flush(None, build)
    for root in (body, *notes):
        repair_empty_ranges(root)
    return written


def _split_runs(
    paragraphs: list[etree._Element],
    run_spans: Sequence[RunSpan],
    cuts: set[int],
    ids: IdAllocator,
) -> list[_Slot]:
    by_run: dict[tuple[int, int], list[RunSpan]] = defaultdict(list)
    for span in run_spans:
        by_run[(span.paragraph, span.run)].append(span)
    sorted_cuts = sorted(cuts)
    runs_of: dict[int, list[etree._Element]] = {}
    slots: list[_Slot] = []
    for (p_index, r_index), spans in by_run.items():
        if p_index >= len(paragraphs):
            continue
        if p_index not in runs_of:
            runs_of[p_index] = paragraph_runs(paragraphs[p_index])
        runs = runs_of[p_index]
        if r_index >= len(runs):
            continue
        run = runs[r_index]
        local: set[int] = set()
        for span in spans:
            local.add(span.offset)
            local.add(span.offset + span.end - span.start)
            lo = bisect.bisect_right(sorted_cuts, span.start)
            hi = bisect.bisect_left(sorted_cuts, span.end)
            local.update(span.offset + c - span.start for c in sorted_cuts[lo:hi])
        total = sum(_length(c) for c in run)
        local_cuts = sorted(c for c in local if 0 < c < total)
        pieces = split_run(run, local_cuts, ids)
        bounds = [0, *local_cuts, total]
        for piece, a, b in zip(pieces, bounds[:-1], bounds[1:], strict=True):
            for span in spans:
                lo = max(a, span.offset)
                hi = min(b, span.offset + span.end - span.start)
                if lo < hi:
                    start = span.start + lo - span.offset
                    slots.append(_Slot(start, start + hi - lo, piece, p_index))
    slots.sort(key=lambda s: s.start)
    return slots


def _paragraph_extents(slots: list[_Slot]) -> list[tuple[etree._Element, int, int]]:
    """Per paragraph: its last run (the paragraph holding it may be split
    later, its mark stays with the last part), first and last offsets."""
    extents: dict[int, list] = {}
    for s in slots:
        e = extents.get(s.paragraph)
        if e is None:
            extents[s.paragraph] = [s.run, s.start, s.end]
        else:
            e[1] = min(e[1], s.start)
            if s.end >= e[2]:
                e[0], e[2] = s.run, s.end
    return sorted((tuple(e) for e in extents.values()), key=lambda e: e[1])


def _paragraph_of(extent: tuple[etree._Element, int, int]) -> etree._Element | None:
    return next(extent[0].iterancestors(w("p")), None)


def _element(tag: str, cid: str) -> etree._Element:
    el = etree.Element(w(tag))
    el.set(w("id"), cid)
    return el


def _reference_run(cid: str) -> etree._Element:
    r = etree.Element(w("r"))
    rpr = etree.SubElement(r, w("rPr"))
    etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(r, w("commentReference")).set(w("id"), cid)
    return r


def _mark_can_go(p: etree._Element, following: etree._Element | None) -> bool:
    """A paragraph mark may be deleted only where the paragraph that follows in
    the text follows in the same container: never the last one of a cell, the
    body or a text box, nor before a table or a text box's first paragraph
    (accepting would join it to something else, or to nothing)."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag in _BETWEEN_PARAGRAPHS:
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != w("p"):
        return False
    return following is None or following is nxt


_BETWEEN_PARAGRAPHS = {
    w("bookmarkStart"),
    w("bookmarkEnd"),
    w("commentRangeStart"),
    w("commentRangeEnd"),
    w("proofErr"),
    w("permStart"),
    w("permEnd"),
}
_COVERED = {w("t"), w("delText"), w("tab"), w("drawing"), w("pict"), w("object")}


def repair_empty_ranges(body: etree._Element) -> None:
    """Every comment covers something: a range with no text between its start and
    end (its words sat in markup, say) takes the nearest text to its left, else
    to its right."""
    elements = list(body.iter())
    order = {el: i for i, el in enumerate(elements)}
    covered = [
        i
        for i, el in enumerate(elements)
        if el.tag in _COVERED and (el.tag not in (w("t"), w("delText")) or (el.text or "").strip())
    ]
    ends = {e.get(w("id")): e for e in body.iter(w("commentRangeEnd"))}
    for start in list(body.iter(w("commentRangeStart"))):
        end = ends.get(start.get(w("id")))
        if end is None:
            continue
        k = bisect.bisect_left(covered, order[start])
        if k < len(covered) and covered[k] < order[end]:
            continue
        if k > 0 and (run := _outer_run(elements[covered[k - 1]])) is not None:
            start.getparent().remove(start)
            run.addprevious(start)
        elif k < len(covered) and (run := _outer_run(elements[covered[k]])) is not None:
            ref = _reference_of(end)
            end.getparent().remove(end)
            run.addnext(end)
            if ref is not None:
                ref.getparent().remove(ref)
                end.addnext(ref)


def _outer_run(el: etree._Element) -> etree._Element | None:
    """The run holding ``el``, or its revision wrapper (marks sit outside those)."""
    run = next(el.iterancestors(w("r")), None)
    while run is not None and run.getparent() is not None and run.getparent().tag in (
        w("ins"),
        w("del"),
    ):
        run = run.getparent()
    return run


def _reference_of(end: etree._Element) -> etree._Element | None:
    nxt = end.getnext()
    cid = end.get(w("id"))
    if nxt is not None and nxt.tag == w("r"):
        ref = nxt.find(w("commentReference"))
        if ref is not None and ref.get(w("id")) == cid:
            return nxt
    return None
