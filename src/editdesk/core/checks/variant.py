"""Guess whether an article is written in British or American English.

Counts the spellings the house-style consistency rules know (colour/color pairs from the
shipped style, -ise/-ize, per cent/percent, towards/toward); the larger side wins, a tie
gives ``default``. Capitalised words inside a sentence (names: "Lincoln Center") do not
count.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from typing import Any

from editdesk.core import paths
from editdesk.core.checks.house.consistency import expand_pairs, name_like
from editdesk.core.checks.house.ise_ize import IseIzeClassifier
from editdesk.core.checks.house.text import TOKEN

_EXTRA = {
    "towards": "en-GB",
    "toward": "en-US",
    "afterwards": "en-GB",
    "afterward": "en-US",
    "percent": "en-US",
}
_PER_CENT = re.compile(r"\bper\s+cent\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _word_lists() -> tuple[dict[str, str], IseIzeClassifier]:
    with paths.resource("house-style/default.toml").open("rb") as fh:
        style: dict[str, Any] = tomllib.load(fh)
    options = {r["id"]: r.get("options", {}) for r in style.get("rules", [])}
    spelling = options.get("house:spelling-consistency", {}).get("pairs", [])
    words = {w: v for w, (v, _other) in expand_pairs(spelling).items()}
    words.update(_EXTRA)
    ise = options.get("house:ise-ize-consistency", {})
    return words, IseIzeClassifier(ise.get("only_ise", ()), ise.get("only_ize", ()))


def variant_counts(text: str) -> Counter[str]:
    """How many British ("en-GB") and American ("en-US") spellings ``text`` has."""
    words, ise_ize = _word_lists()
    counts: Counter[str] = Counter()
    for m in TOKEN.finditer(text):
        variant = words.get(m.group().lower())
        if variant and not name_like(text, m.start(), m.group()):
            counts[variant] += 1
    counts.update(ise_ize.counts(text))
    counts["en-GB"] += len(_PER_CENT.findall(text))
    return counts


def detect_variant(text: str, default: str = "en-GB") -> str:
    """ "en-GB" or "en-US": the spelling ``text`` mostly uses; ``default`` on a tie."""
    counts = variant_counts(text)
    if counts["en-GB"] > counts["en-US"]:
        return "en-GB"
    if counts["en-US"] > counts["en-GB"]:
        return "en-US"
    return default if default in ("en-GB", "en-US") else "en-GB"
