"""What a LanguageTool match means where it stands in the article.

LanguageTool sees sentences; an editor sees an article. Per match, with the severity
policy (``lt_policy``):

- a rule whose ``skip_in`` names the part the match is in (inside a quotation, an ALL-CAPS
  headline, a wire dateline) is not applied there;
- an "unpaired quotation mark" whose marks pair up under the continued-quotation
  convention (``quotations``) is no finding;
- a spelling match on a capitalised word that is most likely a name (mid-sentence, in a
  headline, in capitals or CamelCase, recurring, or followed by another capitalised word)
  becomes one "check this name" suggestion per word and article, none for a name used
  several times and spelt the same way each time: on edited news nearly all such flags
  are correctly spelt names. A name one slip away from another capitalised word of the
  article ("Peidmont" ... "Piedmont") is a warning: that is how names go wrong. A
  misspelt lower-case word stays an error;
- an open compound for which a compound rule suggests the hyphen ("cost cutting
  measures") takes the policy's ``missing_hyphen`` severity;
- a lower-case word made of a productive prefix and a word the article uses ("nonbank"
  beside "bank", "defeathered" where LanguageTool offers "feathered") takes the policy's
  ``prefixed_word`` severity;
- besides quotations, headlines and datelines, ``skip_in`` may name ``name`` (the match is
  on a word that is most likely a name: "A Barclays spokesman" is no missing apostrophe)
  and ``symbol`` (inside a wire ticker symbol in angle brackets, ``<NLCS.O>``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cached_property

from editdesk.core.article import Article, ProseView
from editdesk.core.checks.article_parts import ArticleParts
from editdesk.core.checks.house.text import ABBREVIATIONS
from editdesk.core.checks.lt_policy import SeverityPolicy, Verdict
from editdesk.core.checks.quotations import Quotations
from editdesk.core.findings import Finding, Severity

UNPAIRED_QUOTE_RULES = frozenset({"EN_UNPAIRED_QUOTES"})
NAME_CATEGORY = "names"
NAME_SEVERITY = Severity.SUGGESTION
NAME_TWO_WAYS = (
    "'{word}' here, '{other}' elsewhere in the article: check the spelling of this name."
)
NAME_TWO_WAYS_SEVERITY = Severity.WARNING
MIN_NAME_LETTERS = 5
MIN_STEM_LETTERS = 4  # "nonbank": a prefix on a word this long is read as a derived word
# "mischarging" -> "discharging": the dictionary has the stem under another prefix. Longer
# stems only, so a slip in a short prefix ("desolve" -> "dissolve") stays a slip.
MIN_SWAPPED_STEM_LETTERS = 6
TERM_MESSAGE = (
    "'{word}' is not in the dictionary and only names are near it: if it is a term, check"
    " its spelling."
)
NAME_MESSAGE = "'{word}' is not in the dictionary. If it is a name, check its spelling."
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_CAPITALISED = re.compile(r"(?<![\w\-])[A-Z][^\W\d_]{3,}(?![\w\-])")
_SENTENCE_OPENERS = " \t\n\"'“‘«([{"
_SYMBOL = re.compile(r"<[^<>\s]{1,20}>")  # a wire ticker symbol: <NLCS.O>, <JUKE.O>
_SHIFT_SLIP = re.compile(r"[A-Z]{2}[a-z]+")  # NIce, INc, THe
_ELISION = re.compile(r"(?<![^\W\d_])[A-Z]['’]$")  # L'appel, D'arcy: a name's elided article
_SENTENCE_ENDS = ".!?…:"
# LanguageTool's message on a word of another variety: "'Aluminium' is British English."
_OTHER_VARIETY = re.compile(r"is (?:British|American|Canadian|Australian|New Zealand|South "
                            r"African|Irish) English")


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _SENTENCE_OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] == ".":
        m = _WORD_BEFORE.search(text, 0, i)
        if m and (len(m.group()) == 1 and m.group().isupper()
                  or m.group().lower() in ABBREVIATIONS):
            return False  # "Aubrey G. Lanston", "Mr. Nair"
    return text[i] in _SENTENCE_ENDS


class MatchContext:
    """Per-article facts the rules need, each worked out on first use."""

    def __init__(self, article: Article, policy: SeverityPolicy) -> None:
        self.article = article
        self.policy = policy
        # Case-folded names LanguageTool knows as another variety's spelling ("Alcan
        # Aluminium" in American copy): a word spelt right, not a slip of a name.
        self.variety_names: set[str] = set()

    def note_name(self, word: str, message: str) -> None:
        if _OTHER_VARIETY.search(message):
            self.variety_names.add(word.casefold())

    @cached_property
    def quotations(self) -> Quotations:
        return Quotations.of(self.article)

    @cached_property
    def parts(self) -> ArticleParts:
        return ArticleParts(self.article)

    @cached_property
    def word_counts(self) -> Counter[str]:
        return Counter(m.group() for m in _WORD.finditer(self.article.text))

    def skipped(self, verdict: Verdict, index: int, start: int, end: int) -> bool:
        """The rule is not applied where prose span ``[start, end)`` of paragraph
        ``index`` stands."""
        if not verdict.skip_in:
            return False
        where = self.parts.contexts(index, start, end)
        if "quotation" in verdict.skip_in and self.quotations.inside(index, start, end):
            where.add("quotation")
        if "name" in verdict.skip_in and self.is_name(index, self.article.prose(index),
                                                      start, end):
            where.add("name")
        if "symbol" in verdict.skip_in and in_symbol(self.article.prose(index).text, start, end):
            where.add("symbol")
        return bool(where & verdict.skip_in)

    def prefixed(self, flagged: str, replacements: tuple[str, ...]) -> bool:
        """A lower-case word made of a productive prefix and a word: one LanguageTool
        offers ("defeathered" -> "feathered"), the article uses ("nonbank" ... "bank") or
        LanguageTool offers under another prefix ("debundling" -> "rebundling")."""
        if not flagged.isalpha() or not flagged.islower():
            return False
        offered = {r.casefold() for r in replacements}
        for prefix in self.policy.spelling.prefixes:
            stem = flagged[len(prefix):]
            if not flagged.startswith(prefix) or len(stem) < MIN_STEM_LETTERS:
                continue
            if stem in offered or any(self.lower_words[stem + end] for end in ("", "s", "es")):
                return True
            if len(stem) >= MIN_SWAPPED_STEM_LETTERS and any(
                r.startswith(other) and r[len(other):] == stem
                for r in offered for other in self.policy.spelling.prefixes if other != prefix
            ):
                return True
        return False

    @cached_property
    def lower_words(self) -> Counter[str]:
        return Counter(w.casefold() for w in self.word_counts.elements())

    def quotes_pair_up(self, start: int, end: int) -> bool:
        """Article span ``[start, end)`` holds only quotation marks that pair up."""
        return self.quotations.well_paired(start, end)

    def is_name(self, index: int, prose: ProseView, start: int, end: int) -> bool:
        if _ELISION.search(prose.text, 0, start):
            start -= 2  # "L'appel": the name starts at its article
        word = prose.text[start:end]
        if not any(c.isupper() for c in word):
            return False
        if any(c.isupper() for c in word[1:]) or index in self.parts.headlines:
            return True  # ONGC, TimeWarner, eDonkey, a headline's capitals
        if not is_sentence_start(prose.text, start):
            return True
        after = prose.text[end:].lstrip(" '’")
        if after[:1].isupper():
            return True  # "Giampaolo Vianello said"
        return self.word_counts[word] >= 2  # names recur; slips rarely do the same way

    def settle_names(self, findings: list[Finding]) -> list[Finding]:
        """Names, article-wide: a name spelt one way here and a letter apart elsewhere
        ("Peidmont" ... "Piedmont") is a warning, on the rarer form (not a word of another
        variety of English: "Alcan Aluminium" beside "Southwire Aluminum"); otherwise one "check
        this name" per name at its first use, and a name used more than once, spelt the
        same way each time, is left alone."""
        out: list[Finding] = []
        seen: set[str] = set()
        for f in findings:
            if f.category != NAME_CATEGORY:
                out.append(f)
                continue
            word = self.article.text[f.start : f.end]
            key = word.casefold()
            if key in seen:
                continue
            seen.add(key)
            other = None if key in self.variety_names else self.near_spelling(word)
            if other is not None and self.capitalised_counts[key] > self.capitalised_counts[
                other.casefold()
            ]:
                other = None  # the common form: the slip is the other one, flagged there
            if other is not None:
                message = NAME_TWO_WAYS.format(word=word, other=other)
                out.append(replace(f, severity=NAME_TWO_WAYS_SEVERITY, message=message,
                                   replacements=(other,)))
            elif self.capitalised_counts[key] < 2:
                out.append(f)
        return out

    def near_spelling(self, word: str) -> str | None:
        """Another capitalised word of the article one slip away from ``word`` (a letter
        added, dropped, changed or two swapped), not a plural or possessive of it."""
        if len(word) < MIN_NAME_LETTERS:
            return None
        folded = word.casefold()
        for other in self.capitalised:
            low = other.casefold()
            if low == folded or other[0].casefold() != folded[0]:
                continue
            if low in (folded + "s", folded + "es") or folded in (low + "s", low + "es"):
                continue
            if one_slip_apart(folded, low):
                return other
        return None

    @cached_property
    def capitalised(self) -> list[str]:
        found = Counter(m.group() for m in _CAPITALISED.finditer(self.article.text))
        return [w for w, _n in found.most_common()]

    @cached_property
    def capitalised_counts(self) -> Counter[str]:
        """Case-folded word -> how often it is written with a capital (a name's uses)."""
        words = (m.group() for m in _WORD.finditer(self.article.text))
        return Counter(w.casefold() for w in words if w[0].isupper())


def case_slip(flagged: str, replacements: tuple[str, ...]) -> bool:
    """LanguageTool's first suggestion is the same word with the capitals a word takes: a
    name in lower case ("italian" -> "Italian") or the shift key held a letter too long
    ("NIce" -> "Nice", "INc" -> "Inc"). A slip, not an unknown name. (Not the other way:
    "Uefa" -> "UEFA", "Worldcom" -> "WorldCom" are a house's way with names.)"""
    if not replacements or replacements[0] != flagged.capitalize():
        return False
    return flagged.islower() or _SHIFT_SLIP.fullmatch(flagged) is not None


def in_symbol(text: str, start: int, end: int) -> bool:
    """Prose span ``[start, end)`` lies inside a ticker symbol in angle brackets."""
    return any(m.start() < start and end < m.end()
               for m in _SYMBOL.finditer(text, max(0, start - 21), end + 21))


def plural_possessive(text: str, start: int, end: int) -> bool:
    """The flagged mark is the apostrophe of a plural possessive ("dollars' worth",
    "the workers' union"), not a quotation mark."""
    if text[start:end] not in ("'", "’") or start == 0:
        return False
    after = text[end : end + 1]
    return text[start - 1] == "s" and (not after or after.isspace() or after in ",.;:)")


def one_slip_apart(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped or changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def closed_compound(flagged: str, replacements: tuple[str, ...], glue: frozenset[str]) -> bool:
    """A lower-case word LanguageTool would split in two ("petcare" -> "pet care"), neither
    half a word that runs into its neighbour by a slip ("hesaid" -> "he said")."""
    if not replacements or not flagged.islower():
        return False
    parts = replacements[0].replace("-", " ").split()
    return (
        len(parts) == 2
        and "".join(parts).casefold() == flagged.replace("-", "").casefold()
        and not any(p.casefold() in glue for p in parts)
    )


def closed_up_hyphen(
    flagged: str, replacements: tuple[str, ...], prefixes: tuple[str, ...]
) -> bool:
    """A lower-case hyphenated word LanguageTool would close up ("legal-ese" -> "legalese"),
    or a prefix hyphenated onto a plural of the closed word ("non-competitives" ->
    "noncompetitive"): where the hyphen goes is a house-style choice."""
    if not replacements or "-" not in flagged or not flagged.islower():
        return False
    closed, offered = flagged.replace("-", ""), replacements[0].casefold()
    if closed == offered:
        return True
    return flagged.split("-", 1)[0] in prefixes and closed in (offered + "s", offered + "es")


def variant_spelling(
    flagged: str, replacements: tuple[str, ...], endings: tuple[tuple[str, str], ...]
) -> bool:
    """LanguageTool's first suggestion for a lower-case word differs only in an ending both
    varieties' dictionaries accept ("unshakeable" -> "unshakable", "sizeable" -> "sizable"),
    whether or not it calls the word another variety's: a variant spelling, not a slip."""
    if not replacements or not flagged.islower():
        return False
    offered = replacements[0]
    return any(
        flagged.endswith(ours) and offered == flagged[: -len(ours)] + theirs
        for ours, theirs in endings
    )


def only_names_near(flagged: str, replacements: tuple[str, ...]) -> bool:
    """LanguageTool offers only names for a lower-case word ("ribavirin" -> "Riboviria"): no
    common word is a slip away, so the word is a term the dictionary lacks, not a misspelt
    one (which would be offered in lower case). Not a name in the wrong case ("italian")."""
    if not replacements or not flagged.isalpha() or not flagged.islower():
        return False
    bare = {r.replace("-", "").replace(" ", "").casefold() for r in replacements}
    return flagged not in bare and all(r[:1].isupper() for r in replacements)


def missing_hyphen(flagged: str, replacements: tuple[str, ...]) -> bool:
    """An open compound whose first suggestion is the same words joined by hyphens."""
    return (
        " " in flagged.strip()
        and bool(replacements)
        and replacements[0].casefold() == "-".join(flagged.split()).casefold()
    )
