"""The structure rule kinds: each kind name maps to a function that compiles a rule once."""

from __future__ import annotations

from collections.abc import Callable

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.structure import objects
from editdesk.core.checks.structure.doc import RuleFn

KINDS: dict[str, Callable[[RuleSpec], RuleFn]] = {
    "missing_object": objects.build_missing_object,
}
STRUCTURE_KIND_NAMES = frozenset(KINDS)
