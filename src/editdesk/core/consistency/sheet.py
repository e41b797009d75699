"""The batch style sheet: every form the batch uses, the one it settled on, and where.

``build_style_sheet`` is the batch pass: it reads only the articles' ``ArticleTerms``, so
its cost grows linearly with the batch (names are paired through a deletion index, never
all against all). The form most articles use wins (then the most uses; then the house
variant, joined before hyphenated, lower case before capitals); a style sheet loaded from
an earlier batch (``seed``) overrides the majority.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editdesk.core.consistency.rules import BatchRules
from editdesk.core.consistency.terms import (
    BRITISH_AMERICAN,
    CONVENTION_FORMS,
    ISE_IZE,
    ArticleTerms,
    hyphen_style,
    split_key,
)

SCHEMA = "editdesk.style-sheet/1"
KIND_TITLES = {
    "name_spelling": "Names",
    "hyphenation": "Hyphenation",
    "capitalisation": "Capitalisation",
    "spelling": "Spelling",
    "number_style": "Number style",
}


class StyleSheetError(ValueError):
    """A style sheet file cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class FormUse:
    form: str
    count: int
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    kind: str
    key: str
    preferred: str
    forms: tuple[FormUse, ...]  # the preferred form first
    reason: str = "majority"  # majority | style sheet | only form

    @property
    def contested(self) -> bool:
        """Written more than one way (or another way than the style sheet asks)."""
        return sum(1 for f in self.forms if f.count) > 1 or (
            self.reason == "style sheet" and any(f.count and f.form != self.preferred
                                                 for f in self.forms)
        )

    def use(self, form: str) -> FormUse | None:
        return next((f for f in self.forms if f.form == form), None)

    def articles(self) -> set[str]:
        return {a for f in self.forms for a in f.articles}

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "key": self.key, "preferred": self.preferred,
            "reason": self.reason, "contested": self.contested,
            "forms": [{"form": f.form, "count": f.count, "articles": list(f.articles)}
                      for f in self.forms],
        }


@dataclass(frozen=True)
class StyleSheet:
    entries: tuple[Entry, ...] = ()
    articles: tuple[str, ...] = ()
    variant: str = "en-GB"
    _index: dict[tuple[str, str], Entry] = field(default_factory=dict, compare=False, repr=False)
    _names: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for e in self.entries:
            self._index[(e.kind, e.key)] = e
            if e.kind == "name_spelling":
                for f in e.forms:
                    self._names.setdefault(f.form.casefold(), e)

    def entry(self, kind: str, key: str) -> Entry | None:
        return self._index.get((kind, key))

    def name_entry(self, form: str) -> Entry | None:
        """The name entry holding ``form`` (case-folded match)."""
        return self._names.get(form.casefold())

    def contested(self) -> list[Entry]:
        return [e for e in self.entries if e.contested]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "variant": self.variant,
            "articles": list(self.articles),
            "contested": sum(e.contested for e in self.entries),
            "entries": [e.to_json() for e in self.entries],
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "style sheet") -> StyleSheet:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise StyleSheetError(f"{source}: not an EditDesk style sheet ({SCHEMA})")
        try:
            entries = tuple(
                Entry(
                    str(e["kind"]), str(e["key"]), str(e["preferred"]),
                    tuple(FormUse(str(f["form"]), int(f["count"]),
                                  tuple(str(a) for a in f.get("articles", ())))
                          for f in e["forms"]),
                    str(e.get("reason", "majority")),
                )
                for e in data.get("entries", ())
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StyleSheetError(f"{source}: a style sheet entry is malformed ({exc})") from None
        unknown = sorted({e.kind for e in entries} - set(KIND_TITLES))
        if unknown:
            raise StyleSheetError(f"{source}: unknown kind {unknown[0]!r}")
        return cls(entries, tuple(str(a) for a in data.get("articles", ())),
                   str(data.get("variant", "en-GB")))

    def to_markdown(self) -> str:
        lines = [f"# Batch style sheet ({len(self.articles)} article"
                 f"{'s' if len(self.articles) != 1 else ''})", ""]
        contested = self.contested()
        lines.append("## Written more than one way")
        lines.append("")
        if not contested:
            lines.append("Nothing: every form is written one way across the batch.")
        else:
            lines.append("| kind | use | also written | where the others are |")
            lines.append("|---|---|---|---|")
            for e in contested:
                pref = e.use(e.preferred)
                preferred = f"**{_md(e.preferred)}** ({_uses(pref)})" if pref else e.preferred
                others = [f for f in e.forms if f.form != e.preferred and f.count]
                also = "; ".join(f"{_md(f.form)} ({_uses(f)})" for f in others)
                where = "; ".join(f"{_md(f.form)}: {', '.join(_names(f.articles))}"
                                  for f in others)
                why = " (style sheet)" if e.reason == "style sheet" else ""
                lines.append(f"| {KIND_TITLES[e.kind]}{why} | {preferred} | {also} | {where} |")
        settled = [e for e in self.entries if not e.contested]
        if settled:
            lines += ["", "## Settled (one form, in two articles or more)", ""]
            for kind, title in KIND_TITLES.items():
                forms = [e for e in settled if e.kind == kind]
                if forms:
                    shown = ", ".join(f"{_md(e.preferred)} ({len(e.articles())})" for e in forms)
                    lines.append(f"- **{title}**: {shown}")
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _names(articles: Iterable[str]) -> list[str]:
    return [Path(a).name for a in articles]


def _uses(f: FormUse | None) -> str:
    if f is None or not f.count:
        return "style sheet"
    n = len(f.articles)
    return f"{f.count}× in {n} article{'s' if n != 1 else ''}"


def load_style_sheet(path: Path) -> StyleSheet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StyleSheetError(f"{path}: no such style sheet") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StyleSheetError(f"{path}: not a JSON style sheet ({exc})") from None
    return StyleSheet.from_json(data, str(path))


# -- the batch pass ----------------------------------------------------------------------------


class _Tally:
    __slots__ = ("count", "articles")

    def __init__(self) -> None:
        self.count = 0
        self.articles: list[str] = []

    def add(self, n: int, article: str) -> None:
        self.count += n
        if not self.articles or self.articles[-1] != article:
            self.articles.append(article)


def _tie_rank(kind: str, key: str, form: str, variant: str) -> int:
    """Lower wins a tie: the house variant's spelling, joined words, lower case."""
    if kind == "spelling":
        if key in (BRITISH_AMERICAN, ISE_IZE):
            mine = CONVENTION_FORMS[variant] if key == BRITISH_AMERICAN else (
                "-ise" if variant == "en-GB" else "-ize")
            return 0 if form == mine else 1
        british = form == key
        return 0 if british == (variant == "en-GB") else 1
    if kind == "hyphenation":
        return ("joined", "hyphenated", "spaced").index(hyphen_style(form))
    if kind == "capitalisation":
        return 0 if form == form.lower() else 1
    return 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off: the pass makes no cycles, but each of the
    collector's runs walks every live object (all the batch's terms), which made a pass
    over 1,000 articles cost 19 times one over 100 instead of 10 times."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_style_sheet(
    terms: Sequence[ArticleTerms], rules: BatchRules, seed: StyleSheet | None = None
) -> StyleSheet:
    with _collector_paused():
        return _build(terms, rules, seed)


def _build(
    terms: Sequence[ArticleTerms], rules: BatchRules, seed: StyleSheet | None
) -> StyleSheet:
    from editdesk.core.consistency.names import name_entries

    tallies: dict[str, dict[str, _Tally]] = {}
    for t in terms:
        for joined, forms in t.forms.items():
            slot = tallies.setdefault(joined, {})
            for form, n in forms.items():
                slot.setdefault(form, _Tally()).add(n, t.article)
    # Joined words count against the hyphenated and spaced forms of the same letters.
    hyphen_keys = {split_key(k)[1] for k in tallies if k.startswith("hyphenation:")}
    for t in terms:
        # Each article's words against the keys (never the keys against each article: that
        # would grow with the square of the batch).
        for word in [w for w in t.vocab if w in hyphen_keys]:
            if word in t.uses("hyphenation", word):
                continue  # already counted (a house group lists the joined form)
            tallies[f"hyphenation:{word}"].setdefault(word, _Tally()).add(t.vocab[word], t.article)
    entries: list[Entry] = []
    for joined, forms in tallies.items():
        kind, key = split_key(joined)
        if rules.rule(kind) is None:
            continue
        entry = _entry(kind, key, forms, rules.variant, seed)
        # Within one article, the article's own check says it: the batch lists what spans
        # articles (and the forms two or more articles agree on).
        spans = len(entry.articles()) > 1
        if entry.contested:
            keep = spans or entry.reason == "style sheet"
        else:
            keep = spans and _worth_listing(entry, rules)
        if keep:
            entries.append(entry)
    if rules.rule("name_spelling") is not None:
        entries.extend(name_entries(terms, rules, seed))
    entries.sort(key=lambda e: (not e.contested, list(KIND_TITLES).index(e.kind), e.key))
    return StyleSheet(tuple(entries), tuple(t.article for t in terms), rules.variant)


def _worth_listing(entry: Entry, rules: BatchRules) -> bool:
    """A form written one way is listed unless it says nothing: a capitalised word that is
    only ever capitalised is a name (listed under names), not a capitalisation choice."""
    if entry.kind != "capitalisation" or " " in entry.key:
        return True
    rule = rules.rule("capitalisation")
    if rule is not None and entry.key in rule.option("terms", ()):
        return True
    form = entry.preferred
    return form != form[:1].upper() + form[1:].lower()


def _entry(
    kind: str, key: str, forms: dict[str, _Tally], variant: str, seed: StyleSheet | None
) -> Entry:
    ranked = sorted(
        forms,
        key=lambda f: (-len(forms[f].articles), -forms[f].count, _tie_rank(kind, key, f, variant),
                       f),
    )
    preferred, reason = ranked[0], "majority" if len(ranked) > 1 else "only form"
    wanted = seed.entry(kind, key) if seed is not None else None
    if wanted is not None:
        preferred, reason = wanted.preferred, "style sheet"
    uses = [FormUse(f, forms[f].count, tuple(forms[f].articles)) for f in ranked]
    if preferred not in forms:
        uses.insert(0, FormUse(preferred, 0, ()))
    uses.sort(key=lambda u: u.form != preferred)
    return Entry(kind, key, preferred, tuple(uses), reason)
