"""The batch consistency rules as data (``resources/batch/rules.toml``), with the house
style's own word lists (British/American pairs, -ise words spelt one way, hyphenation
groups and exceptions) so that one list serves the article and the batch."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editdesk.core import paths
from editdesk.core.checks.house.spec import RuleSpec, SpecError, parse_rule

if TYPE_CHECKING:
    from editdesk.core.config import Config

BATCH_RULES = "batch/rules.toml"
KINDS = frozenset({"name_spelling", "hyphenation", "capitalisation", "spelling", "number_style"})


class BatchRuleError(ValueError):
    """The batch rules file cannot be used (one line: file and reason)."""


@dataclass(frozen=True)
class BatchExample:
    articles: tuple[str, ...]
    flags: tuple[str, ...] = ()  # the words a failing example must flag, and only those


BatchRule = RuleSpec[BatchExample]


@dataclass(frozen=True)
class BatchRules:
    """The batch rules by kind, plus the house style's word lists they share."""

    rules: Mapping[str, BatchRule]  # kind -> rule
    pairs: tuple[tuple[str, ...], ...] = ()  # British/American, as house:spelling-consistency
    only_ise: tuple[str, ...] = ()
    only_ize: tuple[str, ...] = ()
    hyphen_groups: tuple[tuple[str, ...], ...] = ()
    hyphen_exceptions: tuple[str, ...] = ()
    accepted_words: frozenset[str] = frozenset()
    variant: str = "en-GB"
    disabled: frozenset[str] = frozenset()

    def rule(self, kind: str) -> BatchRule | None:
        rule = self.rules.get(kind)
        return None if rule is None or rule.id in self.disabled else rule

    @classmethod
    def for_config(cls, config: Config | None = None) -> BatchRules:
        """The shipped batch rules with ``config``'s house word lists, accepted words,
        variant and disabled rules (the shipped house style without one)."""
        if config is None:
            from editdesk.core.config import load_config

            config = load_config()
        rules = load_batch_rules()
        house = {r.kind: r for r in config.rules}
        return cls(
            rules={r.kind: r for r in rules},
            pairs=_option(house.get("variant_spelling"), "pairs"),
            only_ise=_option(house.get("ise_ize"), "only_ise"),
            only_ize=_option(house.get("ise_ize"), "only_ize"),
            hyphen_groups=_option(house.get("hyphenation"), "groups"),
            hyphen_exceptions=_option(house.get("hyphenation"), "exceptions"),
            accepted_words=config.accepted_words,
            variant=config.language if config.language in ("en-GB", "en-US") else "en-GB",
            disabled=config.disabled_rules,
        )


def _option(rule: RuleSpec | None, name: str) -> tuple[Any, ...]:
    return tuple(rule.option(name, ())) if rule is not None else ()


def batch_rules_path() -> Path:
    return paths.resource(BATCH_RULES)


def load_batch_rules(path: Path | None = None) -> tuple[BatchRule, ...]:
    path = path or batch_rules_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise BatchRuleError(f"{path}: the batch rules are missing") from None
    return _load(str(path), mtime)


@lru_cache(maxsize=4)
def _load(path_text: str, mtime_ns: int) -> tuple[BatchRule, ...]:
    path = Path(path_text)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BatchRuleError(f"{path}: {exc}") from None
    out: list[BatchRule] = []
    for table in data.get("rules", []):
        out.append(_parse(path, table))
    kinds = [r.kind for r in out]
    if sorted(kinds) != sorted(set(kinds)):
        raise BatchRuleError(f"{path}: two rules of one kind")
    return tuple(out)


def batch_example(item: Any, failing: bool) -> BatchExample:
    """A batch of at least two articles; a failing one names the words it must flag."""
    articles = tuple(item.get("articles", ())) if isinstance(item, Mapping) else ()
    flags = tuple(item.get("flags", ())) if isinstance(item, Mapping) else ()
    if len(articles) < 2 or (failing and not flags) or (flags and not failing):
        raise SpecError(
            "an example is a batch of articles; failing ones name the words they flag"
        )
    return BatchExample(articles, flags)


def _parse(path: Path, table: Mapping[str, Any]) -> BatchRule:
    try:
        return parse_rule(
            table, KINDS, prefix="batch", example=batch_example, category="consistency"
        )
    except SpecError as exc:
        raise BatchRuleError(f"{path}: {exc}") from None
