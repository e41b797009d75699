"""import_review: a DOCX with Word comments and tracked changes read back as a
Review, so a writer's answers and edits come back to the editor.

``text`` is the text with every change accepted (paragraphs joined as the
DOCX reader joins them). ``original`` is the input as the writer sent it: for a
DOCX EditDesk exported, the text its review began on, carried in the review
part. That differs from the text with every change rejected when the input
already held someone's tracked changes: EditDesk read it with those accepted
(as ``read_article`` reads any DOCX), and they are part of what was sent, not
edits of this review. A DOCX without the part has no other record, so there
``original`` is the text with every change rejected;
comments keep their anchors (in ``text``), replies and resolved state; the
sign-off history comes back from the custom properties.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from editdesk.core.readers.docx_walk import report_paragraphs, story_kind, story_paragraphs, w
from editdesk.core.review.model import (
    Anchor,
    Comment,
    Decision,
    FindingState,
    Reply,
    Review,
    sha256_text,
)
from editdesk.export import review_part, writer_rejections
from editdesk.export.comments import RT_COMMENTS_EXTENDED, w14, w15
from editdesk.export.from_docx import note_parts
from editdesk.export.headers import split_place
from editdesk.export.ooxml import related_part
from editdesk.export.properties import read_custom_properties, signoffs_from_properties
from editdesk.export.review_part import StoredReview
from editdesk.export.summary import TITLE

_COMMENT = re.compile(rb"<(?:\w+:)?comment[\s>]")
_REVISION = re.compile(rb"<(?:\w+:)?(?:ins|del|moveTo|moveFrom)[\s>/]")
# Comment ids of a Review read from a DOCX: the Word comment id after this.
IMPORTED_PREFIX = "docx-"
SEPARATOR = "\n"  # as core/readers/docx.py joins paragraphs
_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
_TEXT = {w("t"): None, w("delText"): None, w("tab"): "\t", w("br"): "\n", w("cr"): "\n"}


@dataclass
class _Para:
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # kind, comment id, offset
    mark_deleted: bool = False
    mark_inserted: bool = False
    changes: list[tuple[str, str]] = field(default_factory=list)  # author, date
    acc_len: int = 0  # of the accepted text so far (marks are placed at it)


def has_review_markup(docx_path: Path) -> bool:
    """Whether a DOCX holds comments or tracked changes (cheap: no full parse)."""
    try:
        with zipfile.ZipFile(docx_path) as z:
            names = set(z.namelist())
            if "word/comments.xml" in names and _COMMENT.search(z.read("word/comments.xml")):
                return True
            for name in names:
                if name.startswith("customXml/item") and not name.startswith("customXml/itemProps"):
                    with z.open(name) as fh:
                        if review_part.NS_STEM.encode() in fh.read(512):
                            return True
            body = z.read("word/document.xml") if "word/document.xml" in names else b""
    except (OSError, zipfile.BadZipFile):
        return False
    return _REVISION.search(body) is not None


def import_review(docx_path: Path) -> Review:
    """Read ``docx_path`` (never written) as a Review; raises ValueError on a non-DOCX."""
    path = Path(docx_path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise ValueError(f"{path}: not a readable DOCX ({exc.__class__.__name__})") from exc
    try:
        return _review_of(path, document)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{path}: a part of the DOCX is not well-formed XML ({exc})") from None


@dataclass
class _Story:
    paras: list[_Para]
    original: str  # every change rejected
    text: str  # every change accepted
    comments: list[Comment]  # anchored in ``text``


def _story(document) -> _Story:
    notes = tuple(root for _, root in note_parts(document))
    body = story_paragraphs(document.element.body, notes)
    report = report_paragraphs(body)
    kept_paras = [p for i, p in enumerate(body) if i not in report]
    paras = [_walk(p) for p in kept_paras]
    original, _ = _join(paras, "rejected")
    text, starts = _join(paras, "accepted")
    furniture = [
        s for p, s in zip(kept_paras, starts, strict=True) if story_kind(p) and s is not None
    ]

    positions: dict[str, list[int | None]] = {}  # comment id -> start, end, reference
    for para, start in zip(paras, starts, strict=True):
        if start is None:
            start = 0
        for kind, cid, offset in para.marks:
            slot = positions.setdefault(cid, [None, None, None])
            slot[("start", "end", "ref").index(kind)] = start + offset
    comments = _comments(document, positions, text, furniture[0] if furniture else None)
    return _Story(paras, original, text, comments)


def comment_places(document) -> dict[str, tuple[int, str]]:
    """Word comment id -> where the comment begins in the text with every change
    accepted (as ``read_article`` reads the DOCX) and the words it covers."""
    return {
        c.id.removeprefix(IMPORTED_PREFIX): (c.anchor.start, c.anchor.quote)
        for c in _story(document).comments
    }


def _review_of(path: Path, document) -> Review:
    story = _story(document)
    paras, original, text, comments = story.paras, story.original, story.text, story.comments
    edit_authors = sorted({c for p in paras for c in p.changes}, key=lambda c: (c[1], c[0]))
    props = _custom_properties(document)
    review = Review(
        article_path=str(path),
        original=original,
        text=text,
        original_sha256=sha256_text(original),
        comments=comments,
        signoffs=signoffs_from_properties(props),
        edit_authors=[(a, _iso(d)) for a, d in edit_authors],
        created=_iso(""),
        updated=_iso(""),
    )
    try:
        stored = review_part.read(document)
    except ValueError:
        stored = None  # an unreadable review part: the comments as people's
    if (
        stored is not None
        and stored.source_format == "docx"
        and stored.original_sha256 == sha256_text(stored.original)
    ):
        review.original = stored.original
        review.original_sha256 = stored.original_sha256
    _apply_stored(review, stored)
    return review


def _apply_stored(review: Review, stored: StoredReview | None) -> None:
    """EditDesk's findings come back as findings, not as people's comments: their
    decisions, the writer's answers (a resolved finding is dismissed; one with
    replies stays a conversation), accepted words, ignored rules, sign-offs.

    Findings go by their keys in the part, so a sentence that occurs twice comes
    back as two findings, each with its own decision and comment."""
    states: dict[str, FindingState] = {}
    if stored is not None:
        states = {sf.key: sf.state for sf in stored.findings}
    kept: list[Comment] = []
    placed: set[str] = set()
    starts = review_part.starts_in(stored, review.text) if stored is not None else {}
    for c in review.comments:
        cid = c.id.removeprefix(IMPORTED_PREFIX)
        key = review_part.finding_of_comment(
            stored, cid, c.author, c.text, c.anchor.quote, c.anchor.start, placed, starts
        )
        if key is None:
            kept.append(c)
            continue
        if c.replies:
            kept.append(c)  # the writer answered: a conversation to keep
        fs = states.get(key) if key else None
        if fs is None:
            continue
        f = replace(fs.finding, start=c.anchor.start, end=c.anchor.end)
        fs = replace(fs, finding=f)
        if c.resolved and fs.decision == Decision.OPEN:
            fs = replace(fs, decision=Decision.IGNORED, by=None, at=c.at)
        states[key] = fs
        placed.add(key)
    review.comments = kept
    if stored is None:
        return
    rejected = writer_rejections.reopened(
        {sf.key: sf.state for sf in stored.findings}, stored.exported, review.text
    )
    found: list[FindingState] = []
    for key, fs in states.items():
        if key in placed:
            found.append(fs)
            continue
        if key in rejected:
            again = rejected[key]
            found.append(again)
            f = again.finding
            review.comments.append(
                Comment(
                    f"writer-rejected-{len(review.comments) + 1}",
                    Anchor.on(review.text, f.start, f.end),
                    review_part.TOOL_AUTHOR,
                    _iso(""),
                    writer_rejections.note(fs),
                )
            )
            continue
        sf = stored.finding(key)
        moved = review_part.relocate(fs, sf.quote if sf is not None else "", review.text)
        if moved is not None:
            found.append(moved)
    # In text order, as a synced review holds them: the review's keys for them
    # (service.finding_keys) are then the part's.
    review.findings = sorted(
        [*review.findings, *found],
        key=lambda s: (s.finding.start, s.finding.end, s.finding.id),
    )
    review.accepted_words = list(stored.accepted_words)
    review.ignored_rules = list(stored.ignored_rules)
    if stored.signoffs:
        review.signoffs = list(stored.signoffs)
    known = set(review.edit_authors)
    review.edit_authors = sorted(
        known | {(a, at) for a, at in stored.edit_authors}, key=lambda x: (x[1], x[0])
    )
    if stored.checked_sha256 == review.text_sha256:
        review.checked_sha256 = stored.checked_sha256
        review.checked_with = list(stored.checked_with)


def _walk(p: etree._Element) -> _Para:
    para = _Para()
    ppr_rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    if ppr_rpr is not None:
        para.mark_deleted = ppr_rpr.find(w("del")) is not None
        para.mark_inserted = ppr_rpr.find(w("ins")) is not None

    def visit(el: etree._Element, state: str) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == w("pPr") or tag == w("p"):
                continue
            if tag in _INSERTED or tag in _DELETED:
                para.changes.append((child.get(w("author"), ""), child.get(w("date"), "")))
                visit(child, "ins" if tag in _INSERTED else "del")
            elif tag == w("r"):
                ref = child.find(w("commentReference"))
                if ref is not None:
                    para.marks.append(("ref", ref.get(w("id"), ""), para.acc_len))
                text = "".join(_run_text(child))
                if state != "del":
                    para.accepted.append(text)
                    para.acc_len += len(text)
                if state != "ins":
                    para.rejected.append(text)
            elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
                kind = "start" if tag == w("commentRangeStart") else "end"
                para.marks.append((kind, child.get(w("id"), ""), para.acc_len))
            else:
                visit(child, state)

    visit(p, "")
    return para


def _run_text(r: etree._Element):
    for child in r:
        if child.tag in _TEXT:
            fixed = _TEXT[child.tag]
            yield child.text or "" if fixed is None else fixed
        elif child.tag == w("noBreakHyphen"):
            yield "\u2011"


def _join(paras: list[_Para], view: str) -> tuple[str, list[int | None]]:
    """One view's text. A paragraph mark removed in this view joins a paragraph
    to the next; the joined paragraphs are one paragraph, skipped when blank
    (as the reader skips blank paragraphs). Returns each paragraph's start."""
    out: list[str] = []
    starts: list[int | None] = [None] * len(paras)
    pos = 0
    group: list[int] = []

    def close() -> None:
        nonlocal pos
        texts = [_view_text(paras[i], view) for i in group]
        if "".join(texts).strip():
            if out:
                out.append(SEPARATOR)
                pos += len(SEPARATOR)
            for i, text in zip(group, texts, strict=True):
                starts[i] = pos
                out.append(text)
                pos += len(text)
        else:
            for i in group:
                starts[i] = pos
        group.clear()

    for i, para in enumerate(paras):
        group.append(i)
        if not (para.mark_deleted if view == "accepted" else para.mark_inserted):
            close()
    if group:
        close()
    return "".join(out), starts


def _view_text(para: _Para, view: str) -> str:
    return "".join(para.accepted if view == "accepted" else para.rejected)


def _comments(
    document, positions: dict[str, list[int | None]], text: str, furniture: int | None
) -> list[Comment]:
    """The comments with their anchors in ``text``; one written about header or
    footer words (``furniture``: where those begin in ``text``) goes back on them."""
    part = related_part(document.part, RT.COMMENTS)
    if part is None:
        return []
    root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
    extended = _extended(document)
    by_para: dict[str, Comment] = {}
    ordered: list[Comment] = []
    furniture_taken: set[int] = set()
    for c in root.iter(w("comment")):
        cid = c.get(w("id"), "")
        paragraphs = c.findall(w("p"))
        body = "\n".join("".join(_run_text_all(p)) for p in paragraphs)
        para_id = paragraphs[-1].get(w14("paraId")) if paragraphs else None
        parent_para, done = extended.get(para_id or "", (None, False))
        author = c.get(w("author"), "")
        at = _iso(c.get(w("date"), ""))
        parent = by_para.get(parent_para or "")
        if parent is not None:
            parent.replies.append(Reply(author, at, body))
            continue
        if body.startswith(TITLE):
            continue
        start, end, ref = positions.get(cid, [None, None, None])
        # A comment without a range (only its reference mark) sits at the mark.
        start = start if start is not None else ref
        end = end if end is not None else ref
        start = 0 if start is None else min(start, len(text))
        end = start if end is None else max(start, min(end, len(text)))
        placed = split_place(body) if furniture is not None else None
        if placed is not None:
            # The same words in two headers (an even-page copy of the default
            # one): each comment about them takes the next place not yet taken.
            at_words = _find_words(text, placed[1], furniture, furniture_taken)
            if at_words is not None:
                body = placed[2]
                start, end = at_words
                furniture_taken.add(start)
        comment = Comment(
            f"{IMPORTED_PREFIX}{cid}", Anchor.on(text, start, end), author, at, body, [], done
        )
        if para_id:
            by_para[para_id] = comment
        ordered.append(comment)
    ordered.sort(key=lambda c: (c.anchor.start, c.anchor.end, c.at))
    return ordered


def _find_words(
    text: str, quote: str, start: int, taken: AbstractSet[int] = frozenset()
) -> tuple[int, int] | None:
    """Where ``quote`` (its spaces collapsed) is in ``text`` from ``start``: the
    first place not in ``taken``, else the first."""
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    hits = [(m.start(), m.end()) for m in pattern.finditer(text, start)]
    free = [h for h in hits if h[0] not in taken]
    return (free or hits or [None])[0]


def _run_text_all(p: etree._Element):
    for r in p.iter(w("r")):
        yield from _run_text(r)


def _extended(document) -> dict[str, tuple[str | None, bool]]:
    part = related_part(document.part, RT_COMMENTS_EXTENDED)
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    return {
        ex.get(w15("paraId"), ""): (ex.get(w15("paraIdParent")), ex.get(w15("done")) == "1")
        for ex in root.iter(w15("commentEx"))
    }


def _custom_properties(document) -> dict[str, str]:
    part = related_part(document.part.package, RT.CUSTOM_PROPERTIES)
    if part is None:
        return {}
    try:
        return read_custom_properties(part.blob)
    except etree.XMLSyntaxError:
        return {}


def _iso(word: str) -> str:
    if not word:
        return datetime.now(UTC).isoformat(timespec="milliseconds")
    try:
        return datetime.fromisoformat(word.replace("Z", "+00:00")).isoformat(
            timespec="milliseconds"
        )
    except ValueError:
        return word
