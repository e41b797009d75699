"""One article's findings from a style sheet: each form the sheet did not settle on.

Used after the batch pass (``editdesk check --across``: the batch's own sheet) and in a
single article's check when ``editdesk.toml`` loads a style sheet from an earlier batch.
"""

from __future__ import annotations

from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.checks.house.checker import _Fields
from editdesk.core.checks.house.consistency import expand_pairs
from editdesk.core.checks.house.ise_ize import _WORD as ISE_IZE_WORD
from editdesk.core.checks.house.text import match_case
from editdesk.core.consistency.rules import BatchRule, BatchRules
from editdesk.core.consistency.sheet import Entry, FormUse, StyleSheet
from editdesk.core.consistency.terms import (
    BRITISH_AMERICAN,
    ISE_IZE,
    NUMBER_LABELS,
    Occurrence,
    TermExtractor,
    hyphen_style,
)
from editdesk.core.findings import Finding, with_fingerprint

SOURCE = "batch"
MAX_NAMED = 3  # articles named in a message; the rest are counted


def uses_text(use: FormUse | None, here: str | None = None) -> str:
    """'3× in 2 articles: a.txt, b.txt' (this article shown as 'this one')."""
    if use is None or not use.count:
        return "the style sheet of an earlier batch"
    names = [("this one" if a == here else Path(a).name) for a in use.articles]
    shown = ", ".join(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        shown += f" and {len(names) - MAX_NAMED} more"
    n = len(use.articles)
    return f"{use.count}× in {n} article{'s' if n != 1 else ''}: {shown}"


class SheetChecker:
    """Flags, in one article, the forms a style sheet did not settle on."""

    def __init__(self, sheet: StyleSheet, rules: BatchRules,
                 extractor: TermExtractor | None = None) -> None:
        self.sheet = sheet
        self.rules = rules
        self.extractor = extractor or TermExtractor(rules)
        self.pairs = expand_pairs(rules.pairs)
        contested = sheet.contested()
        self.joined_keys = frozenset(
            e.key for e in contested
            if e.kind == "hyphenation" and hyphen_style(e.preferred) != "joined"
        )
        self.name_forms = frozenset(
            f.form.casefold() for e in contested if e.kind == "name_spelling"
            for f in e.forms if f.form != e.preferred
        )

    def check(self, article: Article, label: str | None = None) -> list[Finding]:
        """``label``: the article's name in the sheet (its path as given to the batch)."""
        here = label if label is not None else str(article.path or "")
        hits: list[tuple[BatchRule, Entry, Occurrence]] = []
        decided: set[tuple[int, int]] = set()  # spans a word-level spelling entry decides
        seen: set[tuple[int, int]] = set()  # hyphenation spans (a house group lists "email")
        for occ in self.extractor.occurrences(article):
            if occ.kind == "hyphenation":
                seen.add((occ.start, occ.end))
            rule = self.rules.rule(occ.kind)
            entry = self.sheet.entry(occ.kind, occ.key)
            if rule is None:
                continue
            convention = occ.kind == "spelling" and occ.key in (BRITISH_AMERICAN, ISE_IZE)
            if convention and (occ.start, occ.end) in decided:
                continue
            if entry is None or not entry.contested:
                continue
            if occ.kind == "spelling" and not convention:
                decided.add((occ.start, occ.end))
            if occ.form != entry.preferred:
                hits.append((rule, entry, occ))
        rule = self.rules.rule("hyphenation")
        if rule is not None and self.joined_keys:
            for occ in self.extractor.joined(article, self.joined_keys):
                entry = self.sheet.entry("hyphenation", occ.key)
                if (occ.start, occ.end) in seen:
                    continue
                if entry is not None and entry.use(occ.form) is not None:
                    hits.append((rule, entry, occ))
        rule = self.rules.rule("name_spelling")
        if rule is not None and self.name_forms:
            for t in self.extractor.name_places(article, self.name_forms):
                entry = self.sheet.name_entry(t.form)
                if entry is not None and entry.contested:
                    folded = t.form.casefold()
                    form = next(f.form for f in entry.forms if f.form.casefold() == folded)
                    hits.append((rule, entry, Occurrence("name_spelling", entry.key, form,
                                                         t.start, t.end)))
        findings = [self._finding(article, here, r, e, o) for r, e, o in hits]
        findings.sort(key=lambda f: (f.start, f.end, f.id))
        return findings

    def _finding(
        self, article: Article, here: str, rule: BatchRule, entry: Entry, occ: Occurrence
    ) -> Finding:
        matched = article.text[occ.start : occ.end]
        fields = {
            "match": matched,
            "form": occ.form,
            "preferred": entry.preferred,
            "form_use": uses_text(entry.use(occ.form), here),
            "preferred_use": uses_text(entry.use(entry.preferred), here),
            "what": NUMBER_LABELS.get(entry.key, entry.key),
        }
        replacement: str | None = match_case(entry.preferred, matched)
        if occ.kind == "hyphenation":
            fields["form"] = hyphen_style(occ.form)
        elif occ.kind == "spelling":
            replacement = self._spelling(entry, occ, matched, fields)
        elif occ.kind == "number_style":
            swappable = {"per cent", "percent", "million", "billion"}
            clean = occ.form in swappable and entry.preferred in swappable
            replacement = entry.preferred if clean else None
        elif occ.kind == "capitalisation":
            replacement = entry.preferred
        message = rule.message.format_map(_Fields(fields))
        finding = Finding(
            id=rule.id, source=SOURCE, category=rule.category, severity=rule.severity,
            message=message, start=occ.start, end=occ.end,
            replacements=(replacement,) if replacement and replacement != matched else (),
        )
        return with_fingerprint(finding, article.text)

    def _spelling(self, entry: Entry, occ: Occurrence, matched: str,
                  fields: dict[str, str]) -> str | None:
        if entry.key == BRITISH_AMERICAN:
            fields["form"] = f"{occ.form} spelling"
            fields["preferred"] = f"{entry.preferred} spelling"
            pair = self.pairs.get(matched.casefold())
            return match_case(pair[1], matched) if pair else None
        if entry.key == ISE_IZE:
            fields["form"] = f"{occ.form} spelling"
            fields["preferred"] = f"{entry.preferred} spelling"
            m = ISE_IZE_WORD.fullmatch(matched)
            if m is None:
                return None
            letter = "s" if entry.preferred == "-ise" else "z"
            letter = letter.upper() if m.group(2).isupper() else letter
            return f"{m.group(1)}i{letter}{m.group(3)}"
        british = occ.form == entry.key  # a word's key is its British (-ise) spelling
        if self.pairs.get(occ.form):
            label = "British" if british else "American"
        else:
            label = "-ise" if british else "-ize"
        fields["form"] = f"{label} spelling"
        fields["preferred"] = f"'{entry.preferred}'"
        return match_case(entry.preferred, matched)


class StyleSheetCheck:
    """One article checked against a style sheet from an earlier batch (editdesk.toml's
    ``style_sheet``): the article is a batch of one whose preferred forms are the sheet's."""

    def __init__(self, seed: StyleSheet, rules: BatchRules) -> None:
        self.seed = seed
        self.rules = rules
        self.extractor = TermExtractor(rules)

    def check(self, article: Article, label: str | None = None) -> list[Finding]:
        from editdesk.core.consistency.sheet import build_style_sheet

        here = label if label is not None else str(article.path or "")
        sheet = build_style_sheet([self.extractor.terms(article, here)], self.rules, self.seed)
        if not sheet.contested():
            return []
        return SheetChecker(sheet, self.rules, self.extractor).check(article, here)
