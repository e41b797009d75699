"""Findings: one problem at ``[start, end)`` of an article's text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return {"error": 3, "warning": 2, "suggestion": 1}[self.value]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        return value if isinstance(value, Severity) else cls(str(value).lower())


@dataclass(frozen=True)
class Finding:
    id: str  # "lt:RULE_ID" or "house:rule-name"
    source: str  # "languagetool" | "house"
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    replacements: tuple[str, ...] = ()
    fingerprint: str = ""
    url: str | None = field(default=None, compare=False)
    # Set when desk history demoted the finding: the severity it had (core.desk).
    demoted_from: Severity | None = field(default=None, compare=False)

    def at_least(self, minimum: Severity) -> bool:
        return self.severity.rank >= minimum.rank

    def shifted(self, delta: int) -> Finding:
        return self.moved(self.start + delta, self.end + delta)

    def moved(self, start: int, end: int) -> Finding:
        """The same finding at ``[start, end)``. Every edit moves every finding after
        it, a thousand in a long article: a copy of the fields, not
        ``dataclasses.replace`` (which runs ``__init__``, several times slower)."""
        moved = object.__new__(Finding)
        fields = moved.__dict__
        fields.update(self.__dict__)
        fields["start"], fields["end"] = start, end
        return moved


_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'”’)\]]|$)")


def normalise_sentence(sentence: str) -> str:
    return _SPACE.sub(" ", sentence).strip().lower()


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``[start, end)``, bounded by sentence ends or newlines."""
    left = max(text.rfind("\n", 0, start), -1)
    for m in _SENTENCE_END.finditer(text, left + 1, start):
        left = m.end() - 1
    right_nl = text.find("\n", end)
    right = len(text) if right_nl == -1 else right_nl
    m = _SENTENCE_END.search(text, end, right)
    if m:
        right = m.end()
    return text[left + 1 : right]


def make_fingerprint(rule_id: str, text: str, start: int, end: int) -> str:
    """Rule id + normalised sentence + flagged words: survives edits elsewhere."""
    sentence = normalise_sentence(sentence_around(text, start, end))
    flagged = normalise_sentence(text[start:end])
    digest = hashlib.sha256(f"{rule_id}\x1f{sentence}\x1f{flagged}".encode()).hexdigest()
    return digest[:24]


def with_fingerprint(finding: Finding, text: str) -> Finding:
    fingerprint = make_fingerprint(finding.id, text, finding.start, finding.end)
    return replace(finding, fingerprint=fingerprint)


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """Sort by position and drop overlapping duplicates.

    Two findings are duplicates when their spans overlap and they say the
    same kind of thing: the same rule, or identical replacements. The more
    severe one (then the LanguageTool one, which knows grammar) is kept.
    """
    ordered = sorted(findings, key=lambda f: (f.start, f.end, _rank_down(f), f.id))
    kept: list[Finding] = []
    for f in ordered:
        dup = False
        for k in reversed(kept):
            if k.end <= f.start and k.start < f.start:
                if k.end < f.start - 200:
                    break
                continue
            overlaps = k.start < f.end and f.start < k.end or (k.start == f.start == f.end)
            same = k.id == f.id or (f.replacements and k.replacements == f.replacements)
            if overlaps and same:
                dup = True
                if _rank_down(f) < _rank_down(k):
                    kept[kept.index(k)] = f
                break
        if not dup:
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.id))


def _rank_down(f: Finding) -> tuple[int, bool]:
    """Lower first: the more severe finding, then LanguageTool's before house style's."""
    return -f.severity.rank, f.source != "languagetool"
