"""The structure rule kinds: each kind name maps to a function that compiles a rule once.

``KINDS`` make findings of their own from the parse; ``ADJUSTERS`` rework LanguageTool's
findings in the light of the parse (a spelling flag on a recognised name).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.structure import (
    agreement,
    complements,
    mentions,
    names,
    objects,
    openers,
    pronouns,
)
from editdesk.core.checks.structure.doc import RuleFn
from editdesk.core.checks.structure.parse import Sentence
from editdesk.core.findings import Finding

# (rule, LanguageTool's findings, the sentences) -> findings
AdjustFn = Callable[[RuleSpec, Sequence[Finding], Sequence[Sentence]], list[Finding]]

KINDS: dict[str, Callable[[RuleSpec], RuleFn]] = {
    "missing_object": objects.build_missing_object,
    "missing_complement": complements.build_missing_complement,
    "reciprocal": complements.build_reciprocal,
    "unclear_pronoun": pronouns.build_unclear_pronoun,
    "repeated_across_comma": mentions.build_repeated_across_comma,
    "title_surname_first": mentions.build_title_surname_first,
    "name_variants": names.build_name_variants,
    "long_subject_agreement": agreement.build_long_subject_agreement,
    "dangling_opener": openers.build_dangling_opener,
}
ADJUSTERS: dict[str, AdjustFn] = {
    "spelling_on_names": names.adjust_spelling_on_names,
}
STRUCTURE_KIND_NAMES = frozenset(KINDS) | frozenset(ADJUSTERS)
