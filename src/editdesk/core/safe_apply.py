"""Which findings "accept all" may apply without the editor seeing them.

``safe_to_apply(finding, article)`` is the one test, for ``editdesk export
--accept-all-suggestions`` and any "Accept all" in the app. A finding is safe when:

- its rule is listed in ``resources/safe-to-apply.toml`` (doubled words, stray white
  space, the house's own substitutions; each entry says why);
- it has a replacement;
- it is not a spelling suggestion on a capitalised word or a name;
- it lies outside code: masked text (Markdown code and inline code, DOCX code styles and
  monospaced runs, URLs) and code paragraphs;
- its replacement keeps every figure and list number as it was ("1." never becomes
  "One.").

Everything else stays a comment for the writer.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from editdesk.core import paths
from editdesk.core.article import Article
from editdesk.core.findings import Finding

SAFE_FILE = "safe-to-apply.toml"
CODE_KINDS = frozenset({"code"})
_DIGITS = re.compile(r"\d+")
_LIST_NUMBER = re.compile(r"^\s*(?:\d+|[A-Za-z]|[ivxlcdm]+)[.)]\s", re.IGNORECASE)


@lru_cache(maxsize=2)
def _load(path_text: str, mtime_ns: int) -> dict[str, str]:
    with open(path_text, "rb") as fh:
        data = tomllib.load(fh)
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in rules.items()
    ):
        raise ValueError(f"{path_text}: [rules] maps rule ids to the reason they are safe")
    return dict(rules)


def safe_rules(path: Path | None = None) -> dict[str, str]:
    """Rule id -> why applying it unseen is safe."""
    target = path or paths.resource(SAFE_FILE)
    return _load(str(target), target.stat().st_mtime_ns)


def _is_spelling(finding: Finding) -> bool:
    rule = finding.id.upper()
    return "MORFOLOGIK" in rule or "SPELL" in rule or finding.category in ("typos", "names")


def _in_code(finding: Finding, article: Article) -> bool:
    for para in article.paragraphs:
        if para.end < finding.start or para.start > finding.end:
            continue
        if para.kind in CODE_KINDS:
            return True
        for mask in para.masks:
            touches = mask.start < finding.end and finding.start < mask.end
            if touches or finding.start == finding.end and mask.start <= finding.start < mask.end:
                return True
    return False


def _changes_numbers(finding: Finding, article: Article) -> bool:
    old = article.text[finding.start : finding.end]
    new = finding.replacements[0]
    if _DIGITS.findall(old) != _DIGITS.findall(new):
        return True
    i = article.paragraph_at(finding.start)
    if i is None:
        return False
    para = article.paragraphs[i]
    head = article.text[para.start : para.end]
    marker = _LIST_NUMBER.match(head)
    # A change that reaches into a list number ("1. ", "a) ") at the paragraph's start.
    return bool(marker) and finding.start < para.start + marker.end()


def safe_to_apply(finding: Finding, article: Article) -> bool:
    """May "accept all" apply ``finding``'s first replacement unseen? ``article`` is the
    text the finding's offsets point into."""
    if not finding.replacements or finding.id not in safe_rules():
        return False
    if not 0 <= finding.start <= finding.end <= len(article.text):
        return False
    flagged = article.text[finding.start : finding.end]
    if _is_spelling(finding) and any(c.isupper() for c in flagged):
        return False
    if _in_code(finding, article):
        return False
    return not _changes_numbers(finding, article)
