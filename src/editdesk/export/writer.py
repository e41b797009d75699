"""export_docx: an article and its review as a DOCX with tracked changes and
Word comments, written atomically."""

from __future__ import annotations

import bisect
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx.document import Document

from editdesk import __version__
from editdesk.core.article import Article, RunSpan
from editdesk.core.checks.variant import detect_variant
from editdesk.core.findings import Finding
from editdesk.core.readers import article_for_text
from editdesk.core.readers.docx_walk import story_paragraphs
from editdesk.core.review.clock import now_iso
from editdesk.core.review.locking import remove_stale_temps, sidecar_lock
from editdesk.core.review.model import Comment, Decision, FindingState, Review, sha256_text
from editdesk.core.review.sidecar import write_atomic
from editdesk.core.review.signoff import signoff_status
from editdesk.core.review.syncing import pair_occurrences
from editdesk.core.safe_apply import safe_to_apply
from editdesk.export import from_docx, from_text, headers, metadata, review_part
from editdesk.export.comments import CommentWriter
from editdesk.export.importer import IMPORTED_PREFIX, comment_places
from editdesk.export.markup import apply_stream
from editdesk.export.ooxml import IdAllocator, renumber_clashing_revisions, w, word_date
from editdesk.export.plan import AnchorSpan, build_stream
from editdesk.export.properties import signoff_properties, write_custom_properties
from editdesk.export.review_part import TOOL_AUTHOR, StoredReview
from editdesk.export.summary import TITLE as SUMMARY_TITLE
from editdesk.export.summary import append_summary_page, summary_text
from editdesk.export.textdiff import Change, diff_words
from editdesk.export.tracked import Stamp

FINDINGS_MODES = ("open", "all", "none")
# Changes nobody can be named for (no --author, no reviewer, none recorded).
UNNAMED = "Reviewer"
# What separates paragraphs in Article.text: readers join DOCX paragraphs with
# one newline; in text and Markdown a blank line ends a paragraph.
_PARAGRAPH_BREAK = {
    "docx": re.compile(r"\n"),
    "md": re.compile(r"\n[ \t]*\n\s*"),
    "txt": re.compile(r"\n[ \t]*\n\s*"),
}


@dataclass
class ExportReport:
    out: Path
    insertions: int = 0
    deletions: int = 0
    comments: int = 0  # every Word comment written, replies included
    finding_comments: int = 0  # finding comments written (not those kept from the input)
    kept_comments: int = 0  # comments of the input DOCX kept as they were
    applied_suggestions: int = 0
    signoff_status: str = "none"
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Thread:
    start: int
    end: int
    text: str
    author: str
    date: str
    replies: list[tuple[str, str, str]] = field(default_factory=list)  # author, date, text
    resolved: bool = False
    kind: str = "comment"  # comment | finding | summary
    existing: str | None = None  # id of this comment in the DOCX it came from
    key: str = ""  # findings: the finding's key (review_part.keys_of)
    review_id: str = ""  # comments: the review's id for it


def export_docx(
    article: Article,
    review: Review | None,
    findings: list[Finding],
    out: Path,
    *,
    findings_mode: str = "open",
    author: str | None = None,
    initials: str | None = None,
    summary_page: bool = False,
    accept_all_suggestions: bool = False,
    language: str | None = None,
) -> ExportReport:
    """Write ``out``; the article file is only read. See the module docstring.

    ``author`` is the reviewer: it signs suggestions applied here and edits the
    review does not say who made. Findings and the summary are signed EditDesk.
    ``initials`` are the reviewer's on Word comments they wrote (else made from
    the name).
    ``language`` (en-GB, en-US; else told from the text) sets a new document's
    page size and proofing language.
    """
    if findings_mode not in FINDINGS_MODES:
        raise ValueError(f"findings_mode must be one of {', '.join(FINDINGS_MODES)}")
    began = time.perf_counter()
    now = word_date()
    report = ExportReport(out=Path(out))
    original = article.text
    text = review.text if review is not None else article.text
    document, run_spans = _base_document(article, original)
    if article.format == "docx":
        metadata.touch_existing(document, author)
    else:
        variant = language if language in ("en-GB", "en-US") else detect_variant(original)
        metadata.set_up_new(document, variant, _title(article), author)
    stored = _stored_review(document, report)
    # Where the input's comments are (in its text as read, ``original``), before
    # any is added or removed: a comment is told from another copy's by its place.
    places = comment_places(document) if stored is not None and stored.findings else {}
    states = _finding_states(review, findings, text, stored)
    dropped = sum(1 for f in findings if not 0 <= f.start <= f.end <= len(text))
    if dropped:
        report.notes.append(f"{dropped} finding(s) outside the text were left out")
    detached = sum(1 for c in review.comments if c.anchor.detached) if review else 0
    if detached:
        report.notes.append(
            f"{detached} comment(s) lost their place in the text; they sit where it was"
        )

    applied: list[tuple[int, int, str]] = []  # spans in the final text
    move = None
    if accept_all_suggestions:
        text, states, applied, move = _accept_all(
            article_for_text(article, text), states, author or TOOL_AUTHOR
        )
        report.applied_suggestions = len(applied)

    changes = diff_words(original, text, _PARAGRAPH_BREAK.get(article.format))
    # The comments part must exist before ids are counted, so its ids count too.
    comments_root = document.part._comments_part.element
    notes = from_docx.note_parts(document) if article.format == "docx" else []
    ids = IdAllocator(document.element, comments_root, *(root for _, root in notes))
    renumber_clashing_revisions(
        {c.get(w("id"), "") for c in comments_root.iter(w("comment"))},
        ids,
        document.element,
        *(root for _, root in notes),
    )
    writer = CommentWriter(document, ids)
    if author and initials and initials.strip():
        writer.initials[author] = initials.strip()

    status = _signoff_status(review, text, stored)
    report.signoff_status = status
    keys = review_part.keys_of(states)
    threads = _threads(review, states, keys, findings_mode, text, now, status, move)
    if notes:
        furniture = headers.regions(
            story_paragraphs(document.element.body, tuple(r for _, r in notes)), run_spans, changes
        )
        _out_of_headers(threads, furniture, text)
    anchors: list[AnchorSpan] = []
    anchor_ids: list[list[str]] = []
    body = document.element.body
    stories = (body, *(root for _, root in notes))
    _drop_old_summaries(writer, stories, stored)
    reuse = _reuse_finding_comments(
        writer, stories, stored, threads, (states, keys, text), places, original
    )
    finding_cids: dict[str, str] = {}
    comment_cids: dict[str, str] = {}
    summary_cid: str | None = None
    for t in threads:
        if t.kind == "finding" and reuse.get(t.key) in writer.existing:
            finding_cids[t.key] = reuse[t.key]
            report.kept_comments += 1
            continue
        existing = t.existing if t.existing in writer.existing else None
        if existing is not None:
            # Already in the document (it was exported before): only new replies.
            known = writer.replies_of(existing)
            reply_ids = [
                writer.add(body_text, who, when, parent=existing, done=t.resolved)
                for who, when, body_text in t.replies[known:]
            ]
            writer.set_done(existing, t.resolved)
            comment_cids[existing] = t.review_id
            report.kept_comments += 1
            if reply_ids:
                anchors.append(AnchorSpan(t.start, t.end))
                anchor_ids.append(reply_ids)
            continue
        cid = writer.add(t.text, t.author, t.date, done=t.resolved)
        if t.kind == "finding":
            finding_cids[t.key] = cid
        elif t.kind == "summary":
            summary_cid = cid
        else:
            comment_cids[cid] = t.review_id
        reply_ids = [
            writer.add(body_text, who, when, parent=cid, done=t.resolved)
            for who, when, body_text in t.replies
        ]
        anchors.append(AnchorSpan(t.start, t.end))
        anchor_ids.append([cid, *reply_ids])
    report.finding_comments = sum(
        1
        for t in threads
        if t.kind == "finding" and finding_cids.get(t.key) != reuse.get(t.key)
    )
    report.comments = writer.count

    if changes and not author and not (review is not None and review.edit_authors):
        report.notes.append(
            f"no reviewer name (--author, or reviewer in editdesk.toml): "
            f"changes are signed {UNNAMED!r}"
        )
    stamp_for = _stamper(review, changes, states, author or UNNAMED, now)
    items = build_stream(len(original), len(text), changes, anchors)
    written = apply_stream(
        document.element.body,
        run_spans,
        items,
        anchor_ids,
        ids,
        stamp_for,
        paragraph_break=_PARAGRAPH_BREAK.get(article.format),
        notes=tuple(root for _, root in notes),
    )
    from_docx.save_note_parts(notes)
    # What was written, not what was planned: a change that found no run is not counted.
    report.insertions = len(written.inserted)
    report.deletions = len(written.deleted)

    signoffs = review.signoffs if review is not None else []
    if not signoffs and stored is not None:
        signoffs = stored.signoffs
    write_custom_properties(document, signoff_properties(signoffs, status))
    review_part.write(
        document,
        review_part.build(
            original=_review_original(review, stored, original),
            exported=text,
            states=states,
            keys=keys,
            finding_comments=finding_cids,
            comments=comment_cids,
            summary=summary_cid,
            accepted_words=_union(review, stored, "accepted_words"),
            ignored_rules=_union(review, stored, "ignored_rules"),
            edit_authors=_union(review, stored, "edit_authors"),
            checked=(review.checked_sha256, review.checked_with) if review else ("", []),
            signoffs=list(signoffs),
            generator=f"EditDesk {__version__}",
            when=now,
            source_format=_source_format(article, stored),
        ),
    )
    if summary_page:
        append_summary_page(
            document, signoffs, status, states, text, ids, Stamp(TOOL_AUTHOR, now)
        )
    writer.finish()
    _save_atomically(document, report.out)
    report.seconds = time.perf_counter() - began
    return report


def _review_original(review: Review | None, stored: StoredReview | None, text: str) -> str:
    """What the review began on: the review's, else (an export of an export) the
    input's own part's, else the input's text."""
    if review is not None:
        return review.original
    if stored is not None and stored.original:
        return stored.original
    return text


def _source_format(article: Article, stored: StoredReview | None) -> str:
    """The format the review's original is in: the input's, or for an export of
    an export, what the input's own part said."""
    if stored is not None and article.format == "docx":
        return stored.source_format
    return article.format


def _title(article: Article) -> str:
    first = next((p for p in article.paragraphs if p.kind == "title"), None)
    first = first or (article.paragraphs[0] if article.paragraphs else None)
    return article.text[first.start : first.end].strip() if first is not None else ""


def _base_document(article: Article, original: str) -> tuple[Document, tuple[RunSpan, ...]]:
    if article.format == "docx":
        if article.path is None:
            raise ValueError("a DOCX article needs its path to be marked up")
        document = from_docx.open_copy(article.path)
        if article.run_spans:
            return document, article.run_spans
        # An article built without run spans: the reader's own, from the file.
        from editdesk.core.readers import read_article

        return document, read_article(article.path).run_spans
    if article.format == "md":
        return from_text.markdown_document(original)
    return from_text.text_document(article)


def _finding_states(
    review: Review | None, findings: list[Finding], text: str, stored: StoredReview | None
) -> list[FindingState]:
    """Fresh findings with the review's decisions (matched by fingerprint, then by
    occurrence: a repeated sentence's copies keep their own decisions, as in
    syncing); the decisions carried in the input DOCX count where the review has none."""
    carried_by_print: dict[str, list[FindingState]] = {}
    carried: list[FindingState] = []
    if stored is not None:
        for sf in stored.findings:
            fs = sf.state
            placed = review_part.relocate(fs, sf.quote, text)
            if placed is not None:
                carried_by_print.setdefault(fs.fingerprint, []).append(placed)
                carried.append(placed)
    own = list(review.findings) if review is not None else []
    own_by_print: dict[str, list[FindingState]] = {}
    for fs in own:
        own_by_print.setdefault(fs.fingerprint, []).append(fs)
    fresh_by_print: dict[str, list[Finding]] = {}
    for f in findings:
        fresh_by_print.setdefault(f.fingerprint, []).append(f)
    decided_for: dict[int, FindingState] = {}  # id(fresh finding) -> its earlier state
    used: set[int] = set()
    for fingerprint, group in fresh_by_print.items():
        if not fingerprint:
            continue
        group.sort(key=lambda f: (f.start, f.end))
        earlier = own_by_print.get(fingerprint) or carried_by_print.get(fingerprint, [])
        pairs, _ = pair_occurrences(earlier, group)
        for prev, f in pairs:
            if prev is not None:
                decided_for[id(f)] = prev
                used.add(id(prev))
    out: list[FindingState] = []
    for f in findings:
        fs = decided_for.get(id(f))
        if fs is not None:
            out.append(FindingState(f, fs.decision, fs.replacement, fs.by, fs.at))
        else:
            out.append(FindingState(f))
    for fs in own:
        if id(fs) not in used and (not findings or fs.decision != Decision.OPEN):
            out.append(fs)
    for fs in carried:
        if fs.fingerprint in own_by_print or id(fs) in used:
            continue
        if not findings or fs.decision != Decision.OPEN:
            out.append(fs)
    return [fs for fs in out if 0 <= fs.finding.start <= fs.finding.end <= len(text)]


def _stored_review(document: Document, report: ExportReport) -> StoredReview | None:
    try:
        return review_part.read(document)
    except ValueError as exc:
        report.notes.append(f"{exc}; it is written afresh")
        return None


def _union(review: Review | None, stored: StoredReview | None, name: str) -> list:
    """The review's list, then what the input DOCX carried that it lacks."""
    out = list(getattr(review, name)) if review is not None else []
    for item in getattr(stored, name, []) if stored is not None else []:
        if item not in out:
            out.append(item)
    return out


def _reuse_finding_comments(
    writer: CommentWriter,
    stories,
    stored: StoredReview | None,
    threads: list[_Thread],
    shown_as: tuple[list[FindingState], list[str], str],
    places: dict[str, tuple[int, str]],
    original: str,
) -> dict[str, str]:
    """EditDesk's finding comments already in the input (an exported DOCX): the one
    for a finding still to be shown is kept (its key -> the comment id); the others
    go, unless someone replied to them. Known from the review part, or, in a file
    exported before there was one, by their "Rule: ..." line.

    A kept comment keeps its place in the document, so it is kept only where the
    finding it showed still is: a repeated sentence's copies read alike, and a
    comment written on one copy must not stand for another. ``places``: where each
    comment is in ``original``, the input's text; ``shown_as``: the states, their
    keys and the text they are on."""
    states, keys, text = shown_as
    starts = review_part.starts_in(stored, original) if stored is not None and places else {}
    people = set(stored.comments) if stored is not None else set()
    imported = {t.existing for t in threads if t.existing}
    shown = {t.key for t in threads if t.kind == "finding"}
    state_at = {
        key: fs.finding.start for key, fs in zip(keys, states, strict=True) if key in shown
    }
    reuse: dict[str, str] = {}
    for cid, e in list(writer.existing.items()):
        if e.parent_para is not None or cid in people:
            continue
        at, quote = places.get(cid, (None, None))
        key = review_part.finding_of_comment(
            stored, cid, e.author, e.text, quote, at, set(reuse), starts
        )
        if key is None:
            continue
        if key and key in state_at and _still_there(stored, key, state_at[key], text):
            reuse[key] = cid
        elif writer.replies_of(cid) == 0 and cid not in imported:
            writer.remove(cid, *stories)
    return reuse


def _still_there(stored: StoredReview | None, key: str, start: int, text: str) -> bool:
    """Whether the finding the part stores as ``key`` lies, in ``text``, at ``start``
    (a file without the part: its finding comments say no more than their rule)."""
    sf = stored.finding(key) if stored is not None else None
    if sf is None:
        return True
    moved = review_part.relocate(sf.state, sf.quote, text)
    return moved is not None and moved.finding.start == start


def _accept_all(
    article: Article, states: list[FindingState], author: str
) -> tuple[str, list[FindingState], list[tuple[int, int, str]], Callable[[int], int]]:
    """Apply the first replacement of every open finding that is safe to apply unseen
    (``safe_to_apply``), left to right, skipping overlaps. The rest stay comments."""
    text = article.text
    chosen: list[FindingState] = []
    last_end = -1
    for fs in sorted(states, key=lambda s: (s.finding.start, s.finding.end)):
        f = fs.finding
        if fs.decision != Decision.OPEN or not f.replacements or f.start < last_end:
            continue
        if not safe_to_apply(f, article):
            continue
        if f.start == f.end and f.start == last_end:
            continue
        chosen.append(fs)
        last_end = f.end
    pieces: list[str] = []
    applied: list[tuple[int, int, str]] = []
    shifts: list[tuple[int, int, int]] = []  # old start, old end, delta after
    pos = 0
    delta = 0
    for fs in chosen:
        f = fs.finding
        repl = f.replacements[0]
        pieces.append(text[pos : f.start])
        pieces.append(repl)
        applied.append((f.start + delta, f.start + delta + len(repl), f.id))
        delta += len(repl) - (f.end - f.start)
        shifts.append((f.start, f.end, delta))
        pos = f.end
    pieces.append(text[pos:])
    new_text = "".join(pieces)
    ends = [s[1] for s in shifts]

    def move(p: int) -> int:
        i = bisect.bisect_right(ends, p) - 1
        moved = p + (shifts[i][2] if i >= 0 else 0)
        j = i + 1
        if j < len(shifts) and shifts[j][0] < p:  # inside a replaced span
            prev = shifts[i][2] if i >= 0 else 0
            new_start = shifts[j][0] + prev
            new_end = shifts[j][1] + shifts[j][2]
            moved = min(max(p + prev, new_start), new_end)
        return max(0, min(moved, len(new_text)))

    applied_ids = {id(fs) for fs in chosen}
    now = now_iso()
    out: list[FindingState] = []
    for fs in states:
        f = fs.finding
        start, end = move(f.start), move(f.end)
        moved = replace(f, start=start, end=max(start, end))
        if id(fs) in applied_ids:
            out.append(FindingState(moved, Decision.ACCEPTED, f.replacements[0], author, now))
        else:
            out.append(FindingState(moved, fs.decision, fs.replacement, fs.by, fs.at))
    return new_text, out, applied, move


def _signoff_status(review: Review | None, text: str, stored: StoredReview | None) -> str:
    """The review's own verdict; an export that applies suggestions changes the
    text, so a sign-off on the text before them is stale in the document."""
    if (review is None or not review.signoffs) and stored is not None and stored.signoffs:
        return "current" if stored.signoffs[-1].text_sha256 == sha256_text(text) else "stale"
    if review is None or not review.signoffs:
        return "none"
    if text != review.text:
        return "stale"
    return signoff_status(review).state


def _threads(
    review: Review | None,
    states: list[FindingState],
    keys: list[str],
    mode: str,
    text: str,
    now: str,
    status: str,
    move: Callable[[int], int] | None,
) -> list[_Thread]:
    first_start, first_end = _first_paragraph(text)
    threads = [
        _Thread(
            first_start,
            first_end,
            summary_text(review.signoffs if review else [], status, states),
            TOOL_AUTHOR,
            now,
            kind="summary",
        )
    ]
    if review is not None:
        for c in review.comments:
            threads.append(_comment_thread(c, text, move))
    if mode != "none":
        for key, fs in zip(keys, states, strict=True):
            if mode == "open" and fs.decision != Decision.OPEN:
                continue
            f = fs.finding
            start, end = cover_words(text, f.start, f.end)
            threads.append(
                _Thread(
                    start,
                    end,
                    finding_text(fs),
                    TOOL_AUTHOR,
                    now,
                    kind="finding",
                    key=key,
                )
            )
    return threads


def _out_of_headers(threads: list[_Thread], furniture: headers.Regions, text: str) -> None:
    """A comment on header or footer words is anchored on the body's first
    paragraph, its first line saying where its words are (see export/headers.py)."""
    if not furniture.starts:
        return
    first = _first_paragraph(text)
    for t in threads:
        where = furniture.where(t.start) if t.kind in ("finding", "comment") else None
        if where is None:
            continue
        if t.existing is None:
            t.text = headers.place_line(where, text[t.start : t.end]) + "\n" + t.text
        t.start, t.end = first


def _comment_thread(c: Comment, text: str, move: Callable[[int], int] | None) -> _Thread:
    start, end = c.anchor.start, c.anchor.end
    if move is not None:
        start, end = move(start), move(end)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    start, end = cover_words(text, start, end)
    return _Thread(
        start,
        end,
        c.text,
        c.author,
        word_date(c.at),
        [(r.author, word_date(r.at), r.text) for r in c.replies],
        c.resolved,
        existing=c.id.removeprefix(IMPORTED_PREFIX) if c.id.startswith(IMPORTED_PREFIX) else None,
        review_id=c.id,
    )


def _drop_old_summaries(writer: CommentWriter, stories, stored: StoredReview | None) -> None:
    """A DOCX exported before carries an old summary comment: replace, not pile up."""
    old = stored.summary if stored is not None else None
    for e in list(writer.existing.values()):
        if e.parent_para is None and (e.id == old or e.text.startswith(SUMMARY_TITLE)):
            replies = [r.id for r in writer.existing.values() if r.parent_para == e.para_id]
            for cid in [e.id, *replies]:
                writer.remove(cid, *stories)


def finding_text(fs: FindingState) -> str:
    f = fs.finding
    lines = [f.message, f"Rule: {f.id} ({f.severity.value})"]
    if f.replacements:
        shown = [r if r.strip() else ("(delete)" if not r else repr(r)) for r in f.replacements[:3]]
        lines.append("Suggestion: " + " | ".join(shown))
    if fs.decision != Decision.OPEN:
        who = f" by {fs.by}" if fs.by else ""
        lines.append(f"Decision: {fs.decision.value}{who}")
    return "\n".join(lines)


_WORD = re.compile(r"\w+(?:['’\-]\w+)*|\S")


def cover_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that holds a word: an empty or blank span (a missing comma, a
    double space) takes the word it touches, else the nearest one."""
    if text[start:end].strip():
        return start, end
    best: tuple[int, int, int] | None = None
    for m in _WORD.finditer(text, max(0, start - 80), min(len(text), end + 80)):
        gap = max(m.start() - end, start - m.end(), 0)
        if best is None or gap < best[0] or (gap == best[0] and m.end() == start):
            best = (gap, m.start(), m.end())
    if best is None:
        return start, end
    return min(start, best[1]), max(end, best[2])


def _first_paragraph(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return start, max(start, len(text[:end].rstrip()))


def _stamper(
    review: Review | None,
    changes: list[Change],
    states: list[FindingState],
    author: str,
    now: str,
) -> Callable[[int], Stamp]:
    """Who made each change: whoever accepted the suggestion it overlaps
    (``author`` for --accept-all-suggestions), else the latest editor."""
    editor, edited_at = author, now
    if review is not None and review.edit_authors:
        editor, when = review.edit_authors[-1]
        edited_at = word_date(when)
    accepted = sorted(
        (fs.finding.start, fs.finding.end, fs.by, fs.at)
        for fs in states
        if fs.decision == Decision.ACCEPTED and fs.by
    )
    starts = [a[0] for a in accepted]
    by_change: list[Stamp] = []
    for c in changes:
        lo, hi = c.new_start, c.new_start + len(c.new_text)
        # A deletion the diff places just after the replaced words ("every every" ->
        # "every" may delete the second word and its space) is still that suggestion.
        slack = 0 if c.new_text else 1
        stamp = Stamp(editor, edited_at)
        i = bisect.bisect_right(starts, hi)
        for start, end, by, at in reversed(accepted[max(0, i - 3) : i]):
            if start <= hi and lo <= end + slack:
                stamp = Stamp(by, word_date(at) if at else now)
                break
        by_change.append(stamp)
    return lambda index: by_change[index]


def _save_atomically(document: Document, out: Path) -> None:
    """Through the sidecar's atomic write: temp file, fsync, rename, folder fsync,
    and the mode of the file replaced (else the umask default, not mkstemp's 0600).

    Under the output's lock, as a sidecar is saved: no other export of ours can
    be writing it, so a temp file an export killed mid-write left beside it is
    stale and goes (the lock file goes too; the kernel frees a killed holder's lock).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    with sidecar_lock(out):
        remove_stale_temps(out, locked=True)
        write_atomic(out, buffer.getvalue())
