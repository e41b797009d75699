"""Three-way merge of two reviews saved from the same sidecar state.

When a save finds that someone else wrote the sidecar since this review was
read (``base``), it merges ``ours`` and ``theirs`` field by field on their JSON
form instead of overwriting:

- a field only one side changed takes that side's value;
- sign-offs and rebases are append-only records: both sides' new records are
  kept (theirs first, as they were written first);
- comments are merged by id, each comment three-way;
- ignored rules and accepted words are merged as sets;
- ``updated`` is the later of the two;
- anything else both sides changed differently (the text, the findings) is a
  conflict; so is one side changing the text while the other changed anything
  anchored in it (findings, comments, edit history).

A conflict raises :class:`MergeConflict` naming the field; nothing is written.
"""

from __future__ import annotations

import json
from typing import Any

APPEND_ONLY = ("signoffs", "rebases")
SETS = ("ignored_rules", "accepted_words")
TEXT_FIELDS = ("original", "original_sha256", "article_sha256", "text")
ANCHORED = ("findings", "dormant", "comments", "edit_authors", "checked_sha256", "checked_with")


class MergeConflict(Exception):
    """Both sides changed ``field`` in ways that cannot be combined."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(field)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def merge_reviews(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    changed_text = {
        side: any(d.get(f) != base.get(f) for f in TEXT_FIELDS)
        for side, d in (("ours", ours), ("theirs", theirs))
    }
    if any(ours.get(f) != theirs.get(f) for f in TEXT_FIELDS):
        # one text wins; the other side must not have changed what is anchored in it
        for side, other in (("ours", theirs), ("theirs", ours)):
            if changed_text[side]:
                for f in ANCHORED:
                    if other.get(f) != base.get(f):
                        raise MergeConflict(f)
    merged: dict[str, Any] = {}
    for name in dict.fromkeys([*theirs, *ours]):
        merged[name] = _merge_field(name, base.get(name), ours.get(name), theirs.get(name))
    return merged


def _merge_field(name: str, base: Any, ours: Any, theirs: Any) -> Any:
    if ours in (theirs, base):
        return theirs
    if theirs == base:
        return ours
    if name in ("written_by", "schema"):
        return ours
    if name == "updated":
        return max(str(ours), str(theirs))
    if name in APPEND_ONLY:
        return _append_only(name, base or [], ours or [], theirs or [])
    if name in SETS:
        return _set_merge(base or [], ours or [], theirs or [])
    if name == "comments":
        return _by_id(base or [], ours or [], theirs or [])
    raise MergeConflict(name)


def _append_only(name: str, base: list, ours: list, theirs: list) -> list:
    base_keys = {_key(x) for x in base}
    seen = {_key(x) for x in theirs}
    if not base_keys <= seen or not base_keys <= {_key(x) for x in ours}:
        raise MergeConflict(name)  # a record was removed: not an append
    return [*theirs, *(x for x in ours if _key(x) not in seen)]


def _set_merge(base: list, ours: list, theirs: list) -> list:
    b, o, t = set(base), set(ours), set(theirs)
    keep = (o & t) | (o - b) | (t - b)
    return [x for x in dict.fromkeys([*theirs, *ours]) if x in keep]


def _by_id(base: list, ours: list, theirs: list) -> list:
    def index(items: list) -> dict[str, Any]:
        return {str(c.get("id")): c for c in items if isinstance(c, dict)}

    b, o, t = index(base), index(ours), index(theirs)
    merged = []
    for cid in dict.fromkeys([*t, *o]):
        bc, oc, tc = b.get(cid), o.get(cid), t.get(cid)
        if oc in (tc, bc):
            value = tc
        elif tc == bc:
            value = oc
        else:
            raise MergeConflict("comments")
        if value is not None:
            merged.append(value)
    return merged
