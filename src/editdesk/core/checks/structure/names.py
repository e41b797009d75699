"""Proper names: LanguageTool's spelling flags on them, and one name spelled two ways.

On edited copy most of LanguageTool's spelling flags are names it does not know ("Nair ->
air"). Where CoreNLP's recogniser tags the flagged word as a person, organisation, place or
other name, the flag becomes a suggestion to check the name, offering no dictionary word in
its place: only a name the article spells a letter differently elsewhere. A name spelled
two ways in one article ("Patrushev" three times, "Patrushov" once) is a real error: it
shows both forms and how often each occurs, so the editor can see which is the odd one out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.lt_context import case_slip
from editdesk.core.checks.structure.doc import ParsedArticle, RuleFn
from editdesk.core.checks.structure.parse import Sentence, Token
from editdesk.core.findings import Finding

NAME_CLASSES = frozenset(
    {"PERSON", "ORGANIZATION", "LOCATION", "MISC", "CITY", "COUNTRY", "STATE_OR_PROVINCE",
     "NATIONALITY", "TITLE"}
)


def is_spelling_finding(f: Finding) -> bool:
    """A LanguageTool spelling flag (its MORFOLOGIK_* and *SPELLING_RULE rules)."""
    if not f.id.startswith("lt:"):
        return False
    rule = f.id[3:]
    return rule.startswith("MORFOLOGIK_") or "SPELLING_RULE" in rule


def _name_at(
    sentences: Sequence[Sentence], start: int, end: int, classes: frozenset[str]
) -> tuple[str, str, tuple[int, int]] | None:
    """The entity class, the words and the span of a recognised name covering
    ``[start, end)`` (the whole mention: "Giampaolo Vianello" for either word)."""
    for s in sentences:
        if s.end < start or s.start > end:
            continue
        for m in s.mentions:
            if m.start <= start and end <= m.end and m.ner in classes and not _pronoun(m.text):
                return m.ner, m.text, (m.start, m.end)
        for t in s.tokens:
            if t.start < end and start < t.end and t.ner in classes:
                words = " ".join(t.word for t in s.tokens if t.start < end and start < t.end)
                return t.ner, words, (start, end)
    return None


def _to_adjust(f: Finding, rule: RuleSpec) -> bool:
    """A spelling flag this rule may make a name check: not one that already says more
    about a name (the severity policy's "spelt one way here, a letter apart elsewhere"
    warning), which would otherwise be turned back into a plain suggestion."""
    if not is_spelling_finding(f):
        return False
    return not (f.category == rule.category and f.severity.rank > rule.severity.rank)


def _flagged(sentences: Sequence[Sentence], start: int, end: int) -> str:
    return "".join(t.word for s in sentences if s.start <= end and start <= s.end
                   for t in s.tokens if t.start < end and start < t.end)


def _recurs(sentences: Sequence[Sentence], mention: tuple[int, int], f: Finding,
            uses: Counter[str]) -> bool:
    """Another word of the name (not the flagged one) is used again in the article."""
    start, end = mention
    return any(
        uses[t.word] >= 2 and len(t.word) >= 3 and t.word[:1].isupper()
        and not (t.start < f.end and f.start < t.end)
        for s in sentences if s.start <= end and start <= s.end
        for t in s.tokens if start <= t.start and t.end <= end
    )


def _names_outside(
    sentences: Sequence[Sentence], start: int, end: int, classes: frozenset[str]
) -> set[str]:
    """The words of recognised names anywhere but ``[start, end)``, case-folded."""
    return {
        t.word.casefold()
        for s in sentences
        for t in s.tokens
        if t.ner in classes and (t.end <= start or t.start >= end) and t.word[:1].isupper()
    }


def _pronoun(text: str) -> bool:
    return text.lower() in {"he", "she", "him", "her", "his", "they", "them", "it", "its",
                            "i", "we", "you", "me", "us"}


def adjust_spelling_on_names(
    rule: RuleSpec, findings: Sequence[Finding], sentences: Sequence[Sentence]
) -> list[Finding]:
    classes = frozenset(rule.option("classes", sorted(NAME_CLASSES)))
    recurring = frozenset(rule.option("recurring_classes", []))
    # How often each word of a recognised name is used: a person whose surname comes back
    # spelt the same way ("Giampaolo Vianello ... Vianello said") needs no check.
    uses = Counter(t.word for s in sentences for t in s.tokens if t.ner in recurring)
    max_distance = int(rule.option("replacement_max_distance", 2))
    out: list[Finding] = []
    checked: set[tuple[int, int]] = set()  # one check per name: "Giampaolo Vianello" is one
    for f in findings:
        name = _name_at(sentences, f.start, f.end, classes) if _to_adjust(f, rule) else None
        if name is None:
            out.append(f)
            continue
        ner, word, mention = name
        flagged = _flagged(sentences, f.start, f.end)
        if case_slip(flagged, f.replacements):
            out.append(f)  # "italian" -> "Italian": a name in the wrong case is a slip
            continue
        if mention in checked:
            continue
        checked.add(mention)
        if ner in recurring and _recurs(sentences, mention, f, uses):
            continue
        fields = {"word": word, "entity": _ENTITY_WORDS.get(ner, "name"), "lt_message": f.message}
        message = rule.message.format_map(_Missing(fields))
        # The dictionary's nearest word for a name is another word ("Nair -> air", "Okafor
        # -> Orator"), not the name spelled right: only a name the article itself uses
        # elsewhere, spelled nearly the same (as name-variants judges it), can be what was meant.
        others = _names_outside(sentences, f.start, f.end, classes)
        keep = tuple(
            r for r in f.replacements
            if r.casefold() in others and _variants(flagged, r, max_distance)
        )
        out.append(
            replace(
                f,
                id=rule.id,
                source="structure",
                category=rule.category,
                severity=rule.severity,
                message=message,
                replacements=keep,
            )
        )
    return out


_ENTITY_WORDS = {
    "PERSON": "person's name",
    "ORGANIZATION": "organisation's name",
    "LOCATION": "place name",
    "CITY": "place name",
    "COUNTRY": "place name",
    "STATE_OR_PROVINCE": "place name",
}


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# -- one name, two spellings ----------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` once it is certainly above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _name_tokens(doc: ParsedArticle, classes: frozenset[str], min_length: int
                 ) -> Iterator[tuple[Token, str]]:
    for s in doc.sentences:
        for t in s.tokens:
            if t.ner in classes and len(t.word) >= min_length and t.word[:1].isupper() \
                    and t.word.isalpha():
                yield t, t.ner


def build_name_variants(rule: RuleSpec) -> RuleFn:
    classes = frozenset(rule.option("classes", ["PERSON", "ORGANIZATION", "LOCATION", "MISC"]))
    min_length = int(rule.option("min_length", 5))
    max_distance = int(rule.option("max_distance", 2))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        # Forms are compared case-folded: a headline's REAGAN is the body's Reagan.
        occurrences: dict[str, list[Token]] = {}
        kind: dict[str, str] = {}
        shown: dict[str, Counter[str]] = {}
        together: set[frozenset[str]] = set()  # forms in one mention: David Davis
        for token, ner in _name_tokens(doc, classes, min_length):
            form = token.word.casefold()
            occurrences.setdefault(form, []).append(token)
            kind.setdefault(form, ner)
            shown.setdefault(form, Counter())[token.word] += 1
        for s in doc.sentences:
            for m in s.mentions:
                words = {t.word.casefold() for t in s.tokens[m.token_begin - 1 : m.token_end - 1]}
                if len(words) > 1:
                    together.update(frozenset({a, b}) for a in words for b in words if a != b)
        counts = Counter({w: len(ts) for w, ts in occurrences.items()})
        forms = sorted(counts, key=lambda w: (-counts[w], w))
        for i, major in enumerate(forms):
            for minor in forms[i + 1 :]:
                if counts[minor] >= counts[major] or not _variants(major, minor, max_distance):
                    continue
                if kind[major] != kind[minor] or frozenset({major, minor}) in together:
                    continue
                major_shown = shown[major].most_common(1)[0][0]
                for token in occurrences[minor]:
                    yield Hit(
                        token.start,
                        token.end,
                        (major_shown,),
                        {
                            "form": token.word,
                            "form_count": str(counts[minor]),
                            "other": major_shown,
                            "other_count": str(counts[major]),
                        },
                    )

    return run


# Endings that make another word of a name: Russia/Russian, Iraq/Iraqi, Blair/Blairite.
_DERIVED = ("n", "an", "ian", "ns", "ans", "s", "es", "i", "is", "ese", "ish", "ite", "ites",
            "ism", "ist", "ists")


def _variants(a: str, b: str, limit: int) -> bool:
    """Two spellings of one name, not two names or two forms of one (Russia, Russian)."""
    la, lb = a.lower(), b.lower()
    if la == lb or la[0] != lb[0]:
        return False
    short, long = sorted((la, lb), key=len)
    if long.startswith(short) and long[len(short) :] in _DERIVED:
        return False
    distance = edit_distance(la, lb, limit)
    # Short names differ by a letter and are still different people (Mason, Mayon).
    allowed = 1 if min(len(a), len(b)) < 7 else limit
    return distance <= allowed
