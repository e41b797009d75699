"""Per-article term extraction: the forms one article uses, where, and how often.

``TermExtractor.occurrences`` finds every counted form in an article (hyphenated and
grouped spaced words, capitalisation, British/American and -ise/-ize spellings, number
style) with its place; ``names`` finds the capitalised words taken for names (CoreNLP's
entity types where a parse is given, else a capitalised-word heuristic). ``terms`` sums
them into ``ArticleTerms``: small, JSON-able, and all the batch pass reads, so its cost
grows with the number of articles, not with their text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from editdesk.core.article import Article, ProseView
from editdesk.core.checks.article_parts import DATELINE_PARAGRAPHS, dateline_length, is_caps
from editdesk.core.checks.house.consistency import expand_pairs, sentence_initial
from editdesk.core.checks.house.ise_ize import _WORD as ISE_IZE_WORD
from editdesk.core.checks.house.ise_ize import IseIzeClassifier
from editdesk.core.checks.house.text import PROSE_KINDS, TOKEN, Doc, PhraseMatcher
from editdesk.core.checks.structure.parse import Sentence
from editdesk.core.consistency.rules import BatchRules

HYPHENATED = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)+")
_DASHES = str.maketrans({"‐": "-", "‑": "-"})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = ("'s", "’s", "'", "’")
# Conventions counted over many words: one entry each in the style sheet.
BRITISH_AMERICAN = "british-american"
ISE_IZE = "ise-ize"
CONVENTION_FORMS = {"en-GB": "British", "en-US": "American"}


def letters(form: str) -> str:
    """A hyphenation key: the letters of a form, case-folded (e-mail, email, E-mail)."""
    return re.sub(r"[\s\-‐‑]+", "", form.casefold())


def hyphen_style(form: str) -> str:
    if any(c in form for c in "-‐‑"):
        return "hyphenated"
    return "spaced" if " " in form else "joined"


def _normal(form: str) -> str:
    return _SPACES.sub(" ", form.translate(_DASHES).casefold())


def strip_possessive(word: str) -> str:
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


@dataclass(frozen=True)
class Occurrence:
    """One counted form at ``[start, end)`` of the article text."""

    kind: str
    key: str
    form: str
    start: int
    end: int


@dataclass(frozen=True)
class NameToken:
    form: str  # as written, possessive dropped
    start: int
    end: int
    ner: str  # CoreNLP's class, "" where no parse was given
    initial: bool  # opens a sentence (a capital there says nothing)
    companions: tuple[str, ...] = ()  # the other words of its name, case-folded


@dataclass
class ArticleTerms:
    """What the batch pass knows of one article (JSON-able, see ``to_json``)."""

    article: str
    # "kind:key" -> form -> count
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    # case-folded words of four letters or more: the joined forms of hyphenated words
    vocab: dict[str, int] = field(default_factory=dict)
    # words of five letters or more written in lower case: a capitalised word that is also
    # written so somewhere in the batch is a word, not a name (Union, union)
    lower: list[str] = field(default_factory=list)
    # case-folded name -> {"shown": {form: n}, "ner": {class: n}, "count": n,
    #                      "inside": n (not opening a sentence), "with": [companions]}
    names: dict[str, dict[str, Any]] = field(default_factory=dict)
    parsed: bool = False  # names came from CoreNLP's recogniser

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "forms": self.forms, "vocab": self.vocab,
                "lower": self.lower, "names": self.names, "parsed": self.parsed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleTerms:
        return cls(str(data["article"]), dict(data["forms"]), dict(data["vocab"]),
                   list(data.get("lower", ())), dict(data["names"]),
                   bool(data.get("parsed", False)))

    def uses(self, kind: str, key: str) -> dict[str, int]:
        return self.forms.get(f"{kind}:{key}", {})


def split_key(joined: str) -> tuple[str, str]:
    kind, _, key = joined.partition(":")
    return kind, key


class TermExtractor:
    """Compiles the rules' word lists once; every method is then safe from any thread."""

    def __init__(self, rules: BatchRules) -> None:
        self.rules = rules
        self.pairs = expand_pairs(rules.pairs)
        self.ise_ize = IseIzeClassifier(rules.only_ise, rules.only_ize)
        self.exceptions = frozenset(e.casefold() for e in rules.hyphen_exceptions)
        groups = {f: str(n) for n, g in enumerate(rules.hyphen_groups) for f in g}
        self.hyphen_groups = PhraseMatcher(groups) if groups else None
        caps = rules.rule("capitalisation")
        self.cap_terms = tuple(caps.option("terms", ())) if caps else ()
        self.cap_matcher = PhraseMatcher({t: t for t in self.cap_terms}) if caps else None
        self.cap_single = frozenset(t for t in self.cap_terms if " " not in t)
        self.cap_min = int(caps.option("min_length", 3)) if caps else 0
        numbers = rules.rule("number_style")
        self.numbers = _NumberStyle(numbers.options) if numbers else None
        names = rules.rule("name_spelling")
        self.name_classes = frozenset(names.option("classes", ())) if names else frozenset()
        self.name_min = int(names.option("min_length", 5)) if names else 0
        self.not_names = frozenset(w.casefold() for w in names.option("not_names", ())) \
            if names else frozenset()
        self.titles = frozenset(w.casefold() for w in names.option("titles", ())) \
            if names else frozenset()

    # -- whole articles --------------------------------------------------------------------

    def terms(
        self, article: Article, label: str, sentences: Sequence[Sentence] | None = None
    ) -> ArticleTerms:
        forms: dict[str, Counter[str]] = {}
        for occ in self.occurrences(article):
            forms.setdefault(f"{occ.kind}:{occ.key}", Counter())[occ.form] += 1
        vocab: Counter[str] = Counter()
        lower: set[str] = set()
        for i in range(len(article.paragraphs)):
            if article.paragraphs[i].kind in PROSE_KINDS:
                words = [m.group() for m in TOKEN.finditer(article.prose(i).text)]
                vocab.update(w.casefold() for w in words if len(w) >= 4)
                lower.update(w for w in words if len(w) >= 5 and w.islower())
        names: dict[str, dict[str, Any]] = {}
        if self.rules.rule("name_spelling"):
            for t in self.names(article, sentences):
                entry = names.setdefault(
                    t.form.casefold(),
                    {"shown": Counter(), "ner": Counter(), "count": 0, "inside": 0, "with": set()},
                )
                entry["shown"][t.form] += 1
                if t.ner:
                    entry["ner"][t.ner] += 1
                entry["count"] += 1
                entry["inside"] += not t.initial
                entry["with"].update(t.companions)
        return ArticleTerms(
            label,
            {k: dict(v) for k, v in forms.items()},
            dict(vocab),
            sorted(lower),
            {k: {"shown": dict(v["shown"]), "ner": dict(v["ner"]), "count": v["count"],
                 "inside": v["inside"], "with": sorted(v["with"])} for k, v in names.items()},
            parsed=sentences is not None,
        )

    def occurrences(self, article: Article) -> Iterator[Occurrence]:
        """Every counted form but names and joined words (see ``joined`` for those)."""
        doc = Doc(article, self.rules.variant, self.rules.accepted_words)
        for i, _para, view in doc.paragraphs():
            caps = is_caps(view.text)
            if self.rules.rule("hyphenation"):
                yield from self._hyphenation(doc, i, view)
            if self.rules.rule("spelling"):
                yield from self._spelling(doc, i, view)
            if self.cap_matcher is not None and not caps:
                yield from self._capitalisation(doc, i, view, _dateline(i, view))
            if self.numbers is not None and not caps:
                yield from self.numbers.find(doc, i, view)

    def joined(self, article: Article, keys: frozenset[str]) -> Iterator[Occurrence]:
        """Words written joined whose letters are one of ``keys`` (email for e-mail)."""
        for i, para in enumerate(article.paragraphs):
            if para.kind not in PROSE_KINDS:
                continue
            view = article.prose(i)
            text = view.text
            for m in TOKEN.finditer(text):
                word = m.group().casefold()
                if word not in keys or _hyphen_next_to(text, m.start(), m.end()):
                    continue
                if m.group() in self.rules.accepted_words:
                    continue
                a, b = view.to_article(m.start(), m.end())
                yield Occurrence("hyphenation", word, word, a, b)

    def name_places(self, article: Article, forms: frozenset[str]) -> Iterator[NameToken]:
        """Where the words of ``forms`` (case-folded names) are written, capitalised."""
        for i, para in enumerate(article.paragraphs):
            if para.kind not in PROSE_KINDS:
                continue
            view = article.prose(i)
            for m in TOKEN.finditer(view.text):
                word = strip_possessive(m.group())
                if word[:1].isupper() and word.casefold() in forms:
                    a, b = view.to_article(m.start(), m.start() + len(word))
                    yield NameToken(word, a, b, "", False)

    # -- names -------------------------------------------------------------------------------

    def names(
        self, article: Article, sentences: Sequence[Sentence] | None = None
    ) -> Iterator[NameToken]:
        if sentences is not None:
            yield from self._parsed_names(sentences)
            return
        for i, para in enumerate(article.paragraphs):
            if para.kind not in PROSE_KINDS:
                continue
            view = article.prose(i)
            if is_caps(view.text):
                continue
            yield from self._heuristic_names(view, _dateline(i, view))

    def _is_name_word(self, word: str) -> bool:
        return (
            len(word) >= self.name_min
            and word[:1].isupper()
            and not word.isupper()
            and word.replace("'", "").replace("’", "").isalpha()
            and word.casefold() not in self.not_names
        )

    def _heuristic_names(self, view: ProseView, skip: int = 0) -> Iterator[NameToken]:
        text = view.text
        words = [(m.start(), m.start() + len(strip_possessive(m.group())))
                 for m in TOKEN.finditer(text, skip)]
        # Runs of capitalised words one space apart are one name (Nikolai Patrushev).
        runs: list[list[tuple[int, int]]] = []
        for start, end in words:
            capital = text[start].isupper() and text[start:end].casefold() not in self.titles
            if capital and runs and runs[-1] and text[runs[-1][-1][1] : start] == " ":
                runs[-1].append((start, end))
            elif capital:
                runs.append([(start, end)])
            else:
                runs.append([])
        for run in runs:
            folded = [text[a:b].casefold() for a, b in run]
            for n, (start, end) in enumerate(run):
                word = text[start:end]
                if not self._is_name_word(word):
                    continue
                companions = tuple(w for k, w in enumerate(folded) if k != n and len(w) >= 3)
                a, b = view.to_article(start, end)
                yield NameToken(word, a, b, "", sentence_initial(text, start), companions)

    def _parsed_names(self, sentences: Sequence[Sentence]) -> Iterator[NameToken]:
        for s in sentences:
            mention_of: dict[int, tuple[str, ...]] = {}
            for m in s.mentions:
                span = s.tokens[m.token_begin - 1 : m.token_end - 1]
                words = tuple(t.word.casefold() for t in span)
                for k in range(m.token_begin, m.token_end):
                    mention_of[k] = words
            for t in s.tokens:
                word = strip_possessive(t.word)
                if t.ner not in self.name_classes or not self._is_name_word(word):
                    continue
                companions = tuple(
                    w for w in mention_of.get(t.index, ())
                    if w != word.casefold() and len(w) >= 3 and w not in self.titles
                )
                yield NameToken(word, t.start, t.start + len(word), t.ner, False, companions)

    # -- the other kinds ---------------------------------------------------------------------

    def _hyphenation(self, doc: Doc, i: int, view: ProseView) -> Iterator[Occurrence]:
        text = view.text
        taken: list[tuple[int, int]] = []
        if self.hyphen_groups is not None:
            for start, end, matched, _group in self.hyphen_groups.find(
                text, doc.tokens(i), doc.word_index(i)
            ):
                if matched in self.rules.accepted_words:
                    continue
                taken.append((start, end))
                form = _normal(matched)
                a, b = view.to_article(start, end)
                yield Occurrence("hyphenation", letters(form), form, a, b)
        if "-" not in text and "‐" not in text and "‑" not in text:
            return
        for m in HYPHENATED.finditer(text):
            form = _normal(m.group())
            if form in self.exceptions or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if m.group() in self.rules.accepted_words:
                continue
            a, b = view.to_article(m.start(), m.end())
            yield Occurrence("hyphenation", letters(form), form, a, b)

    def _spelling(self, doc: Doc, i: int, view: ProseView) -> Iterator[Occurrence]:
        text = view.text
        for start, end, folded in doc.tokens(i):
            word = text[start:end]
            if word in self.rules.accepted_words:
                continue
            if word[:1].isupper() and not sentence_initial(text, start):
                continue  # a name: Lincoln Center
            entry = self.pairs.get(folded)
            if entry is not None:
                variant, other = entry
                key = folded if variant == "en-GB" else other.lower()
                a, b = view.to_article(start, end)
                yield Occurrence("spelling", key, folded, a, b)
                yield Occurrence("spelling", BRITISH_AMERICAN, CONVENTION_FORMS[variant], a, b)
                continue
            if "is" not in folded and "iz" not in folded:
                continue
            m = ISE_IZE_WORD.fullmatch(folded)
            variant_ise = self.ise_ize.classify(m) if m else None
            if m is None or variant_ise is None:
                continue
            key = f"{m.group(1)}is{m.group(3)}"
            a, b = view.to_article(start, end)
            yield Occurrence("spelling", key, folded, a, b)
            yield Occurrence("spelling", ISE_IZE, "-ise" if variant_ise == "en-GB" else "-ize",
                             a, b)

    def _capitalisation(
        self, doc: Doc, i: int, view: ProseView, skip: int = 0
    ) -> Iterator[Occurrence]:
        """``skip``: the characters of a wire dateline (NEW YORK, March 3 -) at its start."""
        text = view.text
        assert self.cap_matcher is not None
        for start, end, matched, _term in self.cap_matcher.find(
            text, doc.tokens(i), doc.word_index(i)
        ):
            if start < skip or sentence_initial(text, start) or matched.isupper():
                continue
            nxt = re.match(r"\s+([^\W\d_])", text[end : end + 8])
            if nxt and nxt.group(1).isupper():
                continue  # a title before a name: Prime Minister Tony Blair
            before = re.search(r"([^\W\d_])[\w’']*\s+$", text[max(0, start - 40) : start])
            if before and before.group(1).isupper():
                continue  # part of a name: the Security Council
            a, b = view.to_article(start, end)
            yield Occurrence("capitalisation", _normal(matched), _SPACES.sub(" ", matched), a, b)
        for start, end, _folded in doc.tokens(i):
            word = strip_possessive(text[start:end])
            if len(word) < self.cap_min or word.islower() or word.casefold() in self.cap_single:
                continue
            if start < skip or not word.isalpha() or sentence_initial(text, start):
                continue
            a, b = view.to_article(start, start + len(word))
            yield Occurrence("capitalisation", word.casefold(), word, a, b)


def _dateline(index: int, view: ProseView) -> int:
    """Characters of a wire dateline opening one of the first paragraphs (0: none)."""
    return dateline_length(view.text) if index < DATELINE_PARAGRAPHS else 0


def _hyphen_next_to(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in "-‐‑") or (end < len(text) and text[end] in "-‐‑")


class _NumberStyle:
    """Per cent/percent/%, £3m/£3 million, £2bn/£2 billion, and two to nine and ten to
    ninety-nine in words or figures (counts of things: not measures, labels or ranges)."""

    GROUPS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
        ("per-cent", "Per cent", (
            ("per cent", r"(?<=\d)\s*(per\s+cent)\b"),
            ("percent", r"(?<=\d)\s*(percent)\b"),
            ("%", r"(?<=\d)\s?(%)"),
        )),
        ("million", "Millions", (
            ("m", r"[£$€]\d+(?:[.,]\d+)?(m|mn)\b"),
            ("million", r"[£$€]\d+(?:[.,]\d+)?\s+(million)\b"),
        )),
        ("billion", "Billions", (
            ("bn", r"[£$€]\d+(?:[.,]\d+)?(bn|b)\b"),
            ("billion", r"[£$€]\d+(?:[.,]\d+)?\s+(billion)\b"),
        )),
    )
    _FIGURE = re.compile(r"(?<![\w£$€.,:/\-–#+])(\d{1,2})(?![\w%.,:/\-–°'’])(?=\s+([a-z][\w\-]*))")

    def __init__(self, options: Any) -> None:
        self.groups = [
            (key, label, [(form, re.compile(pattern, re.IGNORECASE)) for form, pattern in forms])
            for key, label, forms in self.GROUPS
        ]
        words = [str(w).casefold() for w in options.get("words", ())]
        self.value = {w: n for n, w in enumerate(words, 1) if n <= 9}
        tens = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90}
        self.value.update({w: tens[w] for w in words if w in tens})
        self.word = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, self.value), key=len, reverse=True))
            + r")(?:[-‐‑](one|two|three|four|five|six|seven|eight|nine))?\b(?=\s+([a-z][\w\-]*))",
            re.IGNORECASE,
        ) if self.value else None
        self.units = frozenset(str(u).casefold() for u in options.get("units", ()))
        self.labels = frozenset(str(u).casefold() for u in options.get("labels", ()))

    @staticmethod
    def band(n: int) -> tuple[str, str] | None:
        if 2 <= n <= 9:
            return "two-nine", "Numbers two to nine"
        if 10 <= n <= 99:
            return "ten-ninety-nine", "Numbers 10 to 99"
        return None

    def _counted(self, text: str, start: int, after: str) -> bool:
        """A count of things: not a measure or range (after), label (before), or opener."""
        if after.casefold() in self.units or sentence_initial(text, start):
            return False
        before = re.search(r"([\w’'.]+)\s*$", text[:start])
        if before:
            word = before.group(1)
            if word[:1].isupper() or word.casefold().rstrip(".") in self.labels:
                return False
            if word[:1].isdigit() or word.casefold() in ("between", "from"):
                return False
        return True

    def find(self, doc: Doc, i: int, view: ProseView) -> Iterator[Occurrence]:
        text = view.text
        digits = any(c.isdigit() for c in text)
        for key, _label, forms in self.groups:
            if not digits:
                break
            for form, regex in forms:
                for m in regex.finditer(text):
                    a, b = view.to_article(m.start(1), m.end(1))
                    yield Occurrence("number_style", key, form, a, b)
        if digits:
            for m in self._FIGURE.finditer(text):
                band = self.band(int(m.group(1)))
                if band and self._counted(text, m.start(1), m.group(2)):
                    a, b = view.to_article(m.start(1), m.end(1))
                    yield Occurrence("number_style", band[0], "figures", a, b)
        if self.word is None:
            return
        for m in self.word.finditer(text):
            n = self.value[m.group(1).casefold()]
            if m.group(2):
                n += self.value.get(m.group(2).casefold(), 0)
            band = self.band(n)
            if band and self._counted(text, m.start(), m.group(3)):
                a, b = view.to_article(m.start(), m.end())
                yield Occurrence("number_style", band[0], "words", a, b)


NUMBER_LABELS = {"per-cent": "Per cent", "million": "Millions", "billion": "Billions",
                 "two-nine": "Numbers two to nine", "ten-ninety-nine": "Numbers 10 to 99"}
