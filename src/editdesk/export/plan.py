"""The marked-up text as a stream: kept and deleted original text, inserted
text and comment range marks, in document order.

Changes turn ``old`` into ``new``; comment spans are in ``new`` coordinates.
Every item also knows where it sits in ``old``, which is how the DOCX writer
finds the runs to split and wrap.
"""

from __future__ import annotations

from dataclasses import dataclass

from editdesk.export.textdiff import Change


@dataclass(frozen=True)
class Keep:
    start: int
    end: int


@dataclass(frozen=True)
class Delete:
    start: int
    end: int
    change: int  # index into the change list


@dataclass(frozen=True)
class Insert:
    text: str
    at: int  # position in old
    change: int


@dataclass(frozen=True)
class Mark:
    kind: str  # "start" | "end"
    anchor: int  # index into the anchor list
    at: int  # position in old


Item = Keep | Delete | Insert | Mark


@dataclass(frozen=True)
class AnchorSpan:
    start: int  # in new-text coordinates
    end: int


def build_stream(
    old_len: int, new_len: int, changes: list[Change], anchors: list[AnchorSpan]
) -> list[Item]:
    marks: list[tuple[int, int, str, int]] = []
    for i, a in enumerate(anchors):
        s = max(0, min(a.start, new_len))
        e = max(s, min(a.end, new_len))
        empty = s == e
        marks.append((s, 1, "start", i))
        # At one position: ends of earlier ranges, then starts, then ends of empty ranges.
        marks.append((e, 2 if empty else 0, "end", i))
    marks.sort()
    items: list[Item] = []
    m = 0
    o = 0
    n = 0

    def equal_region(n_until: int, inclusive: bool) -> None:
        nonlocal m, o, n
        while m < len(marks) and (marks[m][0] < n_until or (inclusive and marks[m][0] == n_until)):
            pos, _, kind, anchor = marks[m]
            at = o + (pos - n)
            if at > o:
                items.append(Keep(o, at))
                o, n = at, pos
            items.append(Mark(kind, anchor, o))
            m += 1
        target = o + (n_until - n)
        if target > o:
            items.append(Keep(o, target))
        o, n = target, n_until

    for index, c in enumerate(changes):
        equal_region(c.new_start, inclusive=True)
        if c.end > c.start:
            items.append(Delete(c.start, c.end, index))
        o = c.end
        text = c.new_text
        done = 0
        while m < len(marks) and marks[m][0] < n + len(text):
            pos, _, kind, anchor = marks[m]
            cut = pos - n
            if cut > done:
                items.append(Insert(text[done:cut], o, index))
                done = cut
            items.append(Mark(kind, anchor, o))
            m += 1
        if done < len(text):
            items.append(Insert(text[done:], o, index))
        n += len(text)
    equal_region(new_len, inclusive=True)
    if o < old_len:
        items.append(Keep(o, old_len))
    return items
