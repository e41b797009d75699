"""Names spelled two ways across a batch (Patrushev in three articles, Patrushov in one).

Candidates are paired through a deletion index (every form under itself and the strings
one or two deletions away: two names within the edit distance share a key), so the pass
grows with the number of distinct names, not with its square. A pair is one name misspelt
when the edit distance is small for its length, the endings do not make another word of it
(Russia, Russian), the entity types agree where CoreNLP ran, the two are never parts of one
name (David Davis), and something ties them together: a shared first name or surname, one
article that has both, or articles that share other names; different first names (Boris
Johnson, Scarlett Johnston) keep them apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from editdesk.core.checks.structure.names import edit_distance
from editdesk.core.consistency.rules import BatchRules
from editdesk.core.consistency.sheet import Entry, FormUse, StyleSheet
from editdesk.core.consistency.terms import ArticleTerms

MAX_BUCKET = 64


class _Name:
    __slots__ = ("count", "articles", "shown", "ner", "inside", "with_", "seeded")

    def __init__(self) -> None:
        self.count = 0
        self.articles: list[str] = []
        self.shown: Counter[str] = Counter()
        self.ner: Counter[str] = Counter()
        self.inside = 0
        self.with_: set[str] = set()
        self.seeded = ""  # the style sheet's spelling, when it lists this name

    def type(self) -> str:
        return self.ner.most_common(1)[0][0] if self.ner else ""

    def display(self) -> str:
        return self.seeded or self.shown.most_common(1)[0][0]


def _deletions(word: str, depth: int) -> Iterator[str]:
    yield word
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        yield from frontier


def name_entries(
    terms: Sequence[ArticleTerms], rules: BatchRules, seed: StyleSheet | None
) -> list[Entry]:
    rule = rules.rule("name_spelling")
    assert rule is not None
    names: dict[str, _Name] = {}
    by_article: dict[str, set[str]] = {}
    written_lower: set[str] = set()
    for t in terms:
        written_lower.update(t.lower)
        here = by_article.setdefault(t.article, set())
        for form, data in t.names.items():
            n = names.setdefault(form, _Name())
            n.count += int(data["count"])
            n.articles.append(t.article)
            n.shown.update(data["shown"])
            n.ner.update(data["ner"])
            n.inside += int(data["inside"])
            n.with_.update(data["with"])
            here.add(form)
    if seed is not None:
        for e in seed.entries:
            if e.kind == "name_spelling":
                n = names.setdefault(e.preferred.casefold(), _Name())
                n.seeded = e.preferred
    # A capital that only ever opens a sentence says nothing about a name, and a word the
    # batch also writes in lower case is a word (Union, union) unless CoreNLP says otherwise.
    candidates = {
        f: n for f, n in names.items()
        if n.seeded or n.ner or (n.inside and f not in written_lower)
    }
    rare = max(2, int(float(rule.option("rare_share", 0.05)) * len(terms)))
    distinctive = {a: {f for f in fs if f in candidates and len(candidates[f].articles) <= rare}
                   for a, fs in by_article.items()}
    max_distance = int(rule.option("max_distance", 2))
    short = int(rule.option("short_name", 7))
    derived = tuple(rule.option("derived_endings", ()))
    shared_needed = int(rule.option("shared_names", 2))
    index: dict[str, list[str]] = defaultdict(list)
    for form in candidates:
        depth = max_distance if len(form) >= short else 1
        for key in set(_deletions(form, depth)):
            index[key].append(form)
    pairs: set[tuple[str, str]] = set()
    for bucket in index.values():
        # A key shared by scores of names marks a family of codes or names a letter apart
        # (the pass would turn quadratic in it): not a misspelling of one of them.
        if 1 < len(bucket) <= MAX_BUCKET:
            pairs.update((a, b) if a < b else (b, a) for a, b in combinations(bucket, 2))
    linked: dict[str, set[str]] = defaultdict(set)
    for a, b in sorted(pairs):
        if _one_name(a, b, candidates, distinctive, max_distance, short, derived,
                     shared_needed):
            linked[a].add(b)
            linked[b].add(a)
    entries: list[Entry] = []
    done: set[str] = set()
    # The preferred spelling: the style sheet's, else the one in most articles, then most used.
    order = sorted(linked, key=lambda f: (not candidates[f].seeded, -len(candidates[f].articles),
                                          -candidates[f].count, f))
    for major in order:
        if major in done:
            continue
        minors = sorted(m for m in linked[major] if m not in done)
        if not minors:
            continue
        n = candidates[major]
        forms = [FormUse(n.display(), n.count, tuple(n.articles))]
        for m in minors:
            other = candidates[m]
            forms.append(FormUse(other.display(), other.count, tuple(other.articles)))
        done.update([major, *minors])
        used = [f for f in forms[1:] if f.count]
        if not used or (not n.seeded and len({a for f in forms for a in f.articles}) < 2):
            continue  # one article's own check says it (structure:name-variants)
        reason = "style sheet" if n.seeded else "majority"
        entries.append(Entry("name_spelling", major, n.display(), tuple(forms), reason))
    for form, n in candidates.items():
        if form not in done and len(n.articles) > 1:
            entries.append(Entry("name_spelling", form, n.display(),
                                 (FormUse(n.display(), n.count, tuple(n.articles)),), "only form"))
    return entries


def _one_name(
    a: str, b: str, names: dict[str, _Name], distinctive: dict[str, set[str]],
    limit: int, short: int, derived: tuple[str, ...], shared_needed: int,
) -> bool:
    """The cheap tests first: the edit distance is worked out last, for the few pairs left."""
    if a[0] != b[0]:
        return False
    first, second = sorted((a, b), key=len)
    if second.startswith(first) and second[len(first) :] in derived:
        return False
    na, nb = names[a], names[b]
    if na.type() and nb.type() and na.type() != nb.type():
        return False
    if a in nb.with_ or b in na.with_:
        return False  # parts of one name: David Davis
    if not _tied(a, b, na, nb, distinctive, shared_needed):
        return False
    allowed = limit if min(len(a), len(b)) >= short else 1
    return edit_distance(a, b, allowed) <= allowed


def _tied(a: str, b: str, na: _Name, nb: _Name, distinctive: dict[str, set[str]],
          shared_needed: int) -> bool:
    """Evidence that two similar names are one (see the module doc)."""
    if na.seeded or nb.seeded:
        return True  # the desk's style sheet spells it
    if na.with_ & nb.with_:
        return True  # Nikolai Patrushev, Nikolai Patrushov
    if na.with_ and nb.with_:
        return False  # Boris Johnson, Scarlett Johnston
    if na.type() and na.type() == nb.type() and set(na.articles) & set(nb.articles):
        return True
    if len(na.with_) > 1 or len(nb.with_) > 1:
        return False  # a name several people share (Kristin Scott Thomas, Scott Johnson)
    for x in nb.articles:
        for y in na.articles:
            if x != y and len((distinctive[x] & distinctive[y]) - {a, b}) >= shared_needed:
                return True
    return False
