"""Suggestions the editor accepted that the writer rejected in Word or
LibreOffice: rejecting a tracked change removes its ``w:ins`` and unwraps its
``w:del``, so the file's text reads the words from before the suggestion where
the exported text read the replacement. Those findings are open again."""

from __future__ import annotations

import re
from dataclasses import replace

from editdesk.core.review.model import Decision, FindingState
from editdesk.export.textdiff import Change, diff_words

_PARAGRAPH = re.compile(r"\n")


def note(fs: FindingState) -> str:
    """What the review says about such a finding (a comment on its words)."""
    return (
        f"The writer rejected the accepted suggestion “{fs.replacement}” "
        f"(kept “{fs.original_text}”); the finding is open again."
    )


def reopened(
    findings: dict[str, FindingState], exported: str, text: str
) -> dict[str, FindingState]:
    """Accepted findings (key -> state) whose replacement the writer rejected,
    reopened on the words now in ``text``; ``exported`` is the text as exported."""
    if not exported or exported == text:
        return {}
    accepted = [
        (key, fs)
        for key, fs in findings.items()
        if fs.decision == Decision.ACCEPTED and fs.original_text is not None
        and fs.replacement is not None
        and exported[fs.finding.start : fs.finding.end] == fs.replacement
    ]
    if not accepted:
        return {}
    changes = diff_words(exported, text, _PARAGRAPH)
    out: dict[str, FindingState] = {}
    for key, fs in accepted:
        f = fs.finding
        start, end = _moved(changes, f.start, f.end)
        if start is None or text[start:end].strip() != (fs.original_text or "").strip():
            continue
        # The diff may take a space with the words: sit on the words themselves.
        words = text[start:end]
        start += len(words) - len(words.lstrip())
        end -= len(words) - len(words.rstrip())
        out[key] = replace(
            fs,
            finding=replace(f, start=start, end=end),
            decision=Decision.OPEN,
            replacement=None,
            by=None,
            at=None,
            original_text=None,
        )
    return out


def _moved(changes: list[Change], start: int, end: int) -> tuple[int | None, int]:
    """The span ``[start, end)`` of the old text in the new one, when changes
    touch it (None when none does: the accepted words are still there)."""
    touched = [
        c for c in changes
        if c.start < end and start < c.end or (c.start == c.end and start <= c.start <= end)
    ]
    if not touched:
        return None, 0
    first, last = touched[0], touched[-1]
    new_start = min(first.new_start, first.new_start - (first.start - start))
    new_end = max(
        last.new_start + len(last.new_text), last.new_start + len(last.new_text) + end - last.end
    )
    return max(0, new_start), max(0, new_end)
