"""Consistency within one article: count the competing forms, flag the minority.

Kinds:
- ``variant_spelling``: British/American pairs (``pairs = [["colour", "color", "s ed ing"]]``,
  the optional third item lists endings added to both). The count is per variant over the
  whole article, so one "color" among "favour", "centre" and "defence" is flagged.
- ``form_consistency``: ``groups`` of forms, each ``{form, pattern, variant?, spaced?}``;
  for each group the most used form wins.

Ties go to the form of the article's variant (then to the first listed). Capitalised
words inside a sentence are taken for names ("Lincoln Center") and left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from editdesk.core.article import ProseView
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit, match_case

VARIANTS = ("en-GB", "en-US")
_OPENERS = "\"“‘'([«"


def sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence (paragraph start, or after . ! ? : and white space)."""
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in ".!?:;…—–-"


def name_like(text: str, start: int, word: str) -> bool:
    return word[:1].isupper() and not sentence_initial(text, start)


def expand_pairs(pairs: Iterable[Iterable[str]]) -> dict[str, tuple[str, str]]:
    """word (lower case) -> (its variant, the other variant's word)."""
    table: dict[str, tuple[str, str]] = {}
    for pair in pairs:
        gb, us, *rest = list(pair)
        endings = [""] + (rest[0].split() if rest else [])
        for ending in endings:
            table[(gb + ending).lower()] = ("en-GB", us + ending)
            table[(us + ending).lower()] = ("en-US", gb + ending)
    return table


def pick_winner(
    counts: Counter[str], variant_of: dict[str, str | None], order: list[str], variant: str
) -> str:
    """The most used form; a tie goes to the article's variant, then to the first listed."""
    best = max(counts.values())
    tied = [f for f in order if counts.get(f) == best]
    for form in tied:
        if variant_of.get(form) == variant:
            return form
    return tied[0]


def build_variant_spelling(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    table = expand_pairs(rule.option("pairs", ()))

    def check(doc: Doc) -> Iterator[Hit]:
        found: list[tuple[ProseView, int, int, str, str]] = []
        counts: Counter[str] = Counter()
        for i, _para, view in doc.paragraphs():
            for start, end, folded in doc.tokens(i):
                entry = table.get(folded)
                if entry is None:
                    continue
                word = view.text[start:end]
                if doc.is_accepted(word) or name_like(view.text, start, word):
                    continue
                counts[entry[0]] += 1
                found.append((view, start, end, entry[0], entry[1]))
        if len(counts) < 2:
            return
        winner = pick_winner(counts, {v: v for v in VARIANTS}, list(VARIANTS), doc.variant)
        label = {"en-GB": "British", "en-US": "American"}
        for view, start, end, variant, other in found:
            if variant != winner:
                word = view.text[start:end]
                yield doc.hit(
                    view,
                    start,
                    end,
                    (match_case(other, word),),
                    replacement=match_case(other, word),
                    form=label[variant],
                    majority=label[winner],
                    counts=f"{counts[winner]} to {counts[variant]}",
                )

    return check


@dataclass(frozen=True)
class _Form:
    form: str
    pattern: str
    variant: str | None
    spaced: bool


def _replacement(winner: _Form, text: str, start: int, matched: str) -> str | None:
    lead = matched[: len(matched) - len(matched.lstrip())]
    after_number = start > 0 and text[start - 1].isdigit()
    if not winner.spaced:
        if lead or after_number:
            return winner.form
        return None  # "%" only fits after a number
    if after_number and not lead:
        return " " + winner.form
    return lead + match_case(winner.form, matched.lstrip())


def build_form_consistency(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    # forms, one regex for all, and the words one of which a paragraph must hold (if given)
    groups: list[tuple[list[_Form], re.Pattern[str], tuple[str, ...]]] = []
    for group in rule.option("groups", ()):
        forms = [
            _Form(f["form"], f["pattern"], f.get("variant"), bool(f.get("spaced", True)))
            for f in group
        ]
        # One pass per group: each form's pattern is a named alternative.
        combined = "|".join(f"(?P<f{n}>{f.pattern})" for n, f in enumerate(forms))
        hints = tuple(str(f.get("hint", "")).lower() for f in group)
        groups.append((forms, re.compile(combined, re.IGNORECASE), hints))

    def check(doc: Doc) -> Iterator[Hit]:
        views = [(view, doc.lower(i)) for i, _p, view in doc.paragraphs()]
        for group, regex, hints in groups:
            found: list[tuple[ProseView, int, int, _Form]] = []
            counts: Counter[str] = Counter()
            for view, low in views:
                if all(hints) and not any(h in low for h in hints):
                    continue
                for m in regex.finditer(view.text):
                    form = group[int(m.lastgroup[1:])]  # type: ignore[index]
                    word = m.group().strip()
                    if doc.is_accepted(word) or name_like(view.text, m.start(), word):
                        continue
                    counts[form.form] += 1
                    found.append((view, m.start(), m.end(), form))
            if len(counts) < 2:
                continue
            order = [f.form for f in group]
            winner_name = pick_winner(
                counts, {f.form: f.variant for f in group}, order, doc.variant
            )
            winner = next(f for f in group if f.form == winner_name)
            for view, start, end, form in found:
                if form is winner:
                    continue
                text = view.text
                rep = _replacement(winner, text, start, text[start:end])
                yield doc.hit(
                    view,
                    start,
                    end,
                    (rep,) if rep is not None else (),
                    replacement=winner.form,
                    form=form.form,
                    majority=winner.form,
                    counts=f"{counts[winner.form]} to {counts[form.form]}",
                )

    return check
