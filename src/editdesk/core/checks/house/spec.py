"""Rules as data: one ``RuleSpec`` per ``[[rules]]`` table of a rule file.

House style, the structure rules over CoreNLP's parse and the batch consistency rules share
this one spec; they differ in their id prefix, their kinds and what an example is (a text
for the first two, a batch of articles for the last)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from editdesk.core.findings import Severity

_RULE_NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
RULE_ID = re.compile(rf"^house:{_RULE_NAME}$")
STRUCTURE_RULE_ID = re.compile(rf"^structure:{_RULE_NAME}$")
LT_RULE_ID = re.compile(r"^lt:[A-Za-z0-9_]+$")
RULE_KEYS = frozenset(
    {"id", "kind", "severity", "category", "message", "description", "options", "examples"}
)


class SpecError(ValueError):
    """A rule table is malformed; the message names the rule and the reason."""


class FrozenOptions(Mapping[str, Any]):
    """A read-only, hashable, picklable mapping; nested tables and lists are frozen too."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items = {k: freeze(v) for k, v in (items or {}).items()}

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, _hashable(v)) for k, v in self._items.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __repr__(self) -> str:
        return f"FrozenOptions({self._items!r})"

    def __getstate__(self) -> dict[str, Any]:
        return self._items

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._items = state


def freeze(value: Any) -> Any:
    if isinstance(value, Mapping) and not isinstance(value, FrozenOptions):
        return FrozenOptions(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Plain JSON-able data (dicts and lists) from frozen values."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


def _hashable(value: Any) -> Any:
    if isinstance(value, FrozenOptions):
        return hash(value)
    if isinstance(value, tuple):
        return tuple(_hashable(v) for v in value)
    return value


E = TypeVar("E")


@dataclass(frozen=True)
class RuleSpec(Generic[E]):
    id: str
    kind: str
    severity: Severity
    category: str
    message: str
    options: FrozenOptions = field(default_factory=FrozenOptions)
    description: str = ""
    fail_examples: tuple[E, ...] = ()
    pass_examples: tuple[E, ...] = ()

    @property
    def name(self) -> str:
        return self.id.split(":", 1)[1]

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def to_json(self) -> dict[str, Any]:
        """What the rule does (not its examples): the part that goes into the style hash."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity.value,
            "category": self.category,
            "message": self.message,
            "options": thaw(self.options),
        }


def text_example(item: Any, failing: bool) -> str:
    """A house or structure example: a text that the rule must flag (failing) or leave alone."""
    if not isinstance(item, str):
        raise SpecError("examples must be strings")
    return item


def parse_rule(
    table: Mapping[str, Any],
    kinds: frozenset[str],
    prefix: str = "house",
    example: Callable[[Any, bool], Any] = text_example,
    category: str = "style",
) -> RuleSpec[Any]:
    """``prefix``: the id's family ("house", "structure", "batch"); ``example`` turns one
    item of ``examples.fail``/``examples.pass`` into the rule's example type, raising
    ``SpecError`` on a malformed one; ``category``: the default when the table names none."""
    rid = table.get("id")
    if not isinstance(rid, str) or not re.fullmatch(rf"{re.escape(prefix)}:{_RULE_NAME}", rid):
        raise SpecError(f"rule id {rid!r} is not of the form {prefix}:lower-case-name")
    unknown = sorted(set(table) - RULE_KEYS)
    if unknown:
        raise SpecError(f"{rid}: unknown key {unknown[0]!r}")
    kind = table.get("kind")
    if kind not in kinds:
        raise SpecError(f"{rid}: unknown kind {kind!r} (known: {', '.join(sorted(kinds))})")
    try:
        severity = Severity.parse(table.get("severity", "warning"))
    except ValueError:
        raise SpecError(f"{rid}: severity must be error, warning or suggestion") from None
    message = table.get("message")
    if not isinstance(message, str) or not message:
        raise SpecError(f"{rid}: a message is required")
    options = table.get("options", {})
    if not isinstance(options, Mapping):
        raise SpecError(f"{rid}: options must be a table")
    examples = table.get("examples", {})
    if not isinstance(examples, Mapping) or set(examples) - {"fail", "pass"}:
        raise SpecError(f"{rid}: examples must be a table with 'fail' and 'pass' lists")

    def parsed(items: Any, failing: bool) -> tuple[Any, ...]:
        if not isinstance(items, list):
            raise SpecError(f"{rid}: examples must be lists")
        try:
            return tuple(example(item, failing) for item in items)
        except SpecError as exc:
            raise SpecError(f"{rid}: {exc}") from None

    return RuleSpec(
        id=rid,
        kind=kind,
        severity=severity,
        category=str(table.get("category", category)),
        message=message,
        options=FrozenOptions(options),
        description=str(table.get("description", "")),
        fail_examples=parsed(examples.get("fail", []), True),
        pass_examples=parsed(examples.get("pass", []), False),
    )
