"""Kind ``hyphenation``: one word written two ways in an article (e-mail and email,
co-operate and cooperate, policy maker and policymaker).

Any hyphenated word whose joined form also appears is found without a list; ``groups``
add spaced forms (a space cannot be told from two words without a list) and keep a
word's inflections together (policymaker, policymakers). ``exceptions`` are hyphenated
words that differ in meaning from the joined word (re-sign, resign). Forms are counted
by style (joined, hyphenated, spaced); a tie goes to ``prefer`` ("joined" or
"hyphenated"), then to the style of the group's first form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from editdesk.core.article import ProseView
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import HYPHENS, Doc, Hit, PhraseMatcher, Token, match_case

_DASHES = str.maketrans({"‐": "-", "‑": "-"})


def _letters(form: str) -> str:
    return re.sub(r"[\s\-]+", "", form.casefold())


def _style(form: str) -> str:
    if "-" in form:
        return "hyphenated"
    return "spaced" if " " in form else "joined"


def _normal(form: str) -> str:
    return re.sub(r"\s+", " ", form.translate(_DASHES).casefold())


Place = tuple[ProseView, int, int, str]  # view, start, end, normalised form


def _joined_to_neighbour(text: str, start: int, end: int) -> bool:
    before = start > 0 and text[start - 1] in HYPHENS
    after = end < len(text) and text[end] in HYPHENS
    return before or after


def _hyphenated_words(text: str, tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Spans of words made of tokens joined by single hyphens (e-mail, well-known)."""
    i, n = 0, len(tokens)
    while i < n:
        j = i
        while j + 1 < n and tokens[j + 1][0] == tokens[j][1] + 1 and text[tokens[j][1]] in HYPHENS:
            j += 1
        if j > i:
            yield tokens[i][0], tokens[j][1]
        i = j + 1


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    exceptions = frozenset(e.casefold() for e in rule.option("exceptions", ()))
    prefer = rule.option("prefer", "joined")
    groups = [[_normal(f) for f in g] for g in rule.option("groups", ())]
    grouped = {_letters(f): n for n, g in enumerate(groups) for f in g}
    matcher = PhraseMatcher({f: str(n) for n, g in enumerate(groups) for f in g})

    def check(doc: Doc) -> Iterator[Hit]:
        paragraphs = [(view, doc.tokens(i)) for i, _p, view in doc.paragraphs()]
        places: dict[str, list[Place]] = defaultdict(list)  # group key -> places
        forms: dict[str, list[str]] = {}  # group key -> its forms, house order first
        for i, _p, view in doc.paragraphs():
            found = matcher.find(view.text, doc.tokens(i), doc.word_index(i))
            for start, end, matched, group in found:
                key = f"group:{group}"
                forms[key] = groups[int(group)]
                places[key].append((view, start, end, _normal(matched)))
        hyphenated: dict[str, list[Place]] = defaultdict(list)
        for view, tokens in paragraphs:
            if "-" not in view.text and "‐" not in view.text and "‑" not in view.text:
                continue
            for start, end in _hyphenated_words(view.text, tokens):
                form = _normal(view.text[start:end])
                if form not in exceptions and _letters(form) not in grouped:
                    hyphenated[_letters(form)].append((view, start, end, form))
        if hyphenated:
            for view, tokens in paragraphs:
                text = view.text
                for start, end, word in tokens:
                    if word in hyphenated and not _joined_to_neighbour(text, start, end):
                        places[word].append((view, start, end, word))
            for key in list(places):
                if key in hyphenated:
                    places[key].extend(hyphenated[key])
                    forms[key] = [key, hyphenated[key][0][3]]
        for key, found in places.items():
            counts = Counter(_style(p[3]) for p in found)
            if len(counts) < 2:
                continue
            best = max(counts.values())
            order = [prefer, *(_style(f) for f in forms[key])]
            winner = next(s for s in [*order, *sorted(counts)] if counts.get(s) == best)
            for view, start, end, form in found:
                style = _style(form)
                if style == winner:
                    continue
                text = view.text[start:end]
                if doc.is_accepted(text):
                    continue
                target = next(
                    (
                        f
                        for f in forms[key]
                        if _style(f) == winner and _letters(f) == _letters(form)
                    ),
                    None,
                )
                reps = (match_case(target, text),) if target else ()
                yield doc.hit(
                    view,
                    start,
                    end,
                    reps,
                    replacement=reps[0] if reps else "",
                    form=style,
                    majority=winner,
                    counts=f"{counts[winner]} to {counts[style]}",
                )

    return check
