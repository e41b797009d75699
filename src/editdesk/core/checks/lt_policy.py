"""The severity policy for LanguageTool's rules, kept as data.

``resources/languagetool-severity.toml`` maps rule ids (or ``*`` patterns), categories and
issue types to a severity, the parts of an article where a rule is not applied
(``skip_in``) and the reason; docs/severity-policy.md explains the three levels. A match
takes each setting from the most specific entry that has it: rule, pattern, category,
issue type, default. ``editdesk.toml``'s ``[severity]`` table still overrides the result
(``Config.adjust``).
"""

from __future__ import annotations

import fnmatch
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from editdesk.core import paths
from editdesk.core.findings import Severity

POLICY_FILE = "languagetool-severity.toml"
CONTEXTS = frozenset({"quotation", "caps-headline", "dateline", "name", "symbol"})
_ENTRY_KEYS = frozenset({"severity", "skip_in", "reason", "missing_hyphen", "examples"})


class PolicyError(ValueError):
    """The policy file is malformed: ``str()`` names the entry and the reason."""


@dataclass(frozen=True)
class Entry:
    name: str
    reason: str
    severity: Severity | None = None
    skip_in: frozenset[str] | None = None
    # An open compound ("cost cutting measures") for which the rule suggests the hyphen.
    missing_hyphen: Severity | None = None
    fail_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What the policy says about one match."""

    severity: Severity
    skip_in: frozenset[str]
    missing_hyphen: Severity | None


def _entry(name: str, value: Any) -> Entry:
    if not isinstance(value, Mapping):
        raise PolicyError(f"{name}: must be a table")
    unknown = sorted(set(value) - _ENTRY_KEYS)
    if unknown:
        raise PolicyError(f"{name}: unknown key {unknown[0]!r}")
    reason = value.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise PolicyError(f"{name}: every entry says why (reason)")
    try:
        severity = Severity.parse(value["severity"]) if "severity" in value else None
        hyphen = Severity.parse(value["missing_hyphen"]) if "missing_hyphen" in value else None
    except ValueError:
        raise PolicyError(f"{name}: severity must be error, warning or suggestion") from None
    skip = value.get("skip_in")
    if skip is not None:
        if not isinstance(skip, list) or not set(skip) <= CONTEXTS:
            raise PolicyError(f"{name}: skip_in takes {', '.join(sorted(CONTEXTS))}")
        skip = frozenset(skip)
    examples = value.get("examples", {})
    if not isinstance(examples, Mapping) or set(examples) - {"fail", "pass"}:
        raise PolicyError(f"{name}: examples must be a table with 'fail' and 'pass' lists")
    return Entry(
        name, reason, severity, skip, hyphen,
        tuple(examples.get("fail", ())), tuple(examples.get("pass", ())),
    )


@dataclass(frozen=True)
class SpellingPolicy:
    """How spelling flags on closed compounds are read (see the policy file)."""

    closed_compound: Severity | None = None
    glue_words: frozenset[str] = frozenset()
    # A productive prefix on a word of the article ("nonbank" beside "bank").
    prefixed_word: Severity | None = None
    prefixes: tuple[str, ...] = ()
    # A lower-case word for which LanguageTool offers only names ("ribavirin").
    unknown_term: Severity | None = None
    # A spelling LanguageTool gives to another variety that this variety's dictionaries
    # also list ("unshakeable" beside "unshakable"): (its ending, the offered word's ending).
    both_varieties: Severity | None = None
    variant_endings: tuple[tuple[str, str], ...] = ()


def _spelling(value: Any) -> SpellingPolicy:
    if not isinstance(value, Mapping):
        raise PolicyError("spelling: must be a table")
    known = {"closed_compound", "glue_words", "reason", "prefixed_word", "prefixes",
             "prefixed_reason", "unknown_term", "unknown_term_reason", "both_varieties",
             "both_varieties_reason", "variant_endings"}
    unknown = sorted(set(value) - known)
    if unknown:
        raise PolicyError(f"spelling: unknown key {unknown[0]!r}")
    if "closed_compound" in value and not str(value.get("reason", "")).strip():
        raise PolicyError("spelling: says why (reason)")
    if "prefixed_word" in value and not str(value.get("prefixed_reason", "")).strip():
        raise PolicyError("spelling: says why prefixed words are read so (prefixed_reason)")
    if "unknown_term" in value and not str(value.get("unknown_term_reason", "")).strip():
        raise PolicyError("spelling: says why unknown terms are read so (unknown_term_reason)")
    if "both_varieties" in value and not str(value.get("both_varieties_reason", "")).strip():
        raise PolicyError("spelling: says why both spellings are accepted (both_varieties_reason)")
    try:
        both = Severity.parse(value["both_varieties"]) if "both_varieties" in value else None
        closed = Severity.parse(value["closed_compound"]) if "closed_compound" in value else None
        prefixed = Severity.parse(value["prefixed_word"]) if "prefixed_word" in value else None
        term = Severity.parse(value["unknown_term"]) if "unknown_term" in value else None
    except ValueError:
        raise PolicyError(
            "spelling: closed_compound, prefixed_word, unknown_term and both_varieties are "
            "severities"
        ) from None
    words = value.get("glue_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise PolicyError("spelling: glue_words must be a list of words")
    prefixes = value.get("prefixes", [])
    if not isinstance(prefixes, list) or not all(isinstance(w, str) and w for w in prefixes):
        raise PolicyError("spelling: prefixes must be a list of word beginnings")
    # The longest first: "counter" before "co".
    ordered = tuple(sorted({w.casefold() for w in prefixes}, key=lambda w: (-len(w), w)))
    endings = value.get("variant_endings", [])
    if not isinstance(endings, list) or not all(
        isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) and x for x in e)
        for e in endings
    ):
        raise PolicyError("spelling: variant_endings must be pairs of word endings")
    return SpellingPolicy(closed, frozenset(w.casefold() for w in words), prefixed, ordered, term,
                          both, tuple((a.casefold(), b.casefold()) for a, b in endings))


class SeverityPolicy:
    def __init__(self, data: Mapping[str, Any], digest: str = "") -> None:
        self.digest = digest
        self.spelling = _spelling(data.get("spelling", {}))
        self.default = _entry("default", data.get("default", {"reason": "-"}))
        if self.default.severity is None:
            raise PolicyError("default: needs a severity")
        self.issue_types = {k: _entry(f"issue type {k}", v)
                            for k, v in data.get("issue_types", {}).items()}
        self.categories = {k: _entry(f"category {k}", v)
                           for k, v in data.get("categories", {}).items()}
        self.rules: dict[str, Entry] = {}
        self.patterns: list[tuple[str, Entry]] = []
        for key, value in data.get("rules", {}).items():
            entry = _entry(f"rule {key}", value)
            if "*" in key:
                self.patterns.append((key, entry))
            else:
                self.rules[key] = entry
        # The longest pattern is the most specific.
        self.patterns.sort(key=lambda p: -len(p[0]))
        unknown = sorted(
            set(data) - {"default", "issue_types", "categories", "rules", "spelling"}
        )
        if unknown:
            raise PolicyError(f"unknown key {unknown[0]!r}")

    def entries(self, rule_id: str, issue_type: str, category_id: str) -> list[Entry]:
        """The entries that apply to a match, most specific first."""
        chain: list[Entry] = []
        if rule_id in self.rules:
            chain.append(self.rules[rule_id])
        chain.extend(e for p, e in self.patterns if fnmatch.fnmatchcase(rule_id, p))
        if category_id.upper() in self.categories:
            chain.append(self.categories[category_id.upper()])
        if issue_type.lower() in self.issue_types:
            chain.append(self.issue_types[issue_type.lower()])
        chain.append(self.default)
        return chain

    def verdict(self, rule_id: str, issue_type: str, category_id: str) -> Verdict:
        chain = self.entries(rule_id, issue_type, category_id)
        severity = next(e.severity for e in chain if e.severity is not None)
        skip = next(e.skip_in for e in chain if e.skip_in is not None)
        hyphen = next((e.missing_hyphen for e in chain if e.missing_hyphen is not None), None)
        return Verdict(severity, skip, hyphen)

    def all_entries(self) -> list[Entry]:
        return [self.default, *self.issue_types.values(), *self.categories.values(),
                *self.rules.values(), *(e for _p, e in self.patterns)]


def policy_path() -> Path:
    return paths.resource(POLICY_FILE)


@lru_cache(maxsize=2)
def _load(path_text: str, mtime_ns: int) -> SeverityPolicy:
    raw = Path(path_text).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{path_text}: not valid TOML: {exc}") from None
    try:
        return SeverityPolicy(data, hashlib.sha256(raw).hexdigest()[:16])
    except PolicyError as exc:
        raise PolicyError(f"{path_text}: {exc}") from None


def load_policy(path: Path | None = None) -> SeverityPolicy:
    """The shipped policy (re-read when the file changes)."""
    target = path or policy_path()
    return _load(str(target), target.stat().st_mtime_ns)
