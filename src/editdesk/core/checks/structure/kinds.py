"""The structure rule kinds: each kind name maps to a function that compiles a rule once.

``KINDS`` make findings of their own from the parse; ``ADJUSTERS`` rework LanguageTool's
findings in the light of the parse (a spelling flag on a recognised name). ``NEEDS`` says,
per kind, which sentences' dependency parse a rule reads (the parser is most of CoreNLP's
cost, so only those are parsed); a kind missing from it has every sentence parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.structure import (
    agreement,
    comparatives,
    complements,
    determiners,
    mentions,
    misreadings,
    names,
    objects,
    openers,
    prepositions,
    pronouns,
    subject_verb,
    verb_forms,
)
from editdesk.core.checks.structure.doc import NeedFn, RuleFn, no_sentences
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
    "verb_after_auxiliary": verb_forms.build_verb_after_auxiliary,
    "subject_verb_agreement": subject_verb.build_subject_verb_agreement,
    "article_before_determiner": determiners.build_article_before_determiner,
    "double_comparative": comparatives.build_double_comparative,
    "because_noun": prepositions.build_because_noun,
    "determiner_number": determiners.build_determiner_number,
    "repeated_auxiliary": verb_forms.build_repeated_auxiliary,
}
ADJUSTERS: dict[str, AdjustFn] = {
    "spelling_on_names": names.adjust_spelling_on_names,
    "misread_grammar": misreadings.adjust_misread_grammar,
}
# Which of LanguageTool's findings each adjuster may rework (its examples must carry one).
ADJUSTED: dict[str, Callable[[RuleSpec, Finding], bool]] = {
    "spelling_on_names": lambda rule, f: names.is_spelling_finding(f),
    "misread_grammar": misreadings.reworks,
}
NEEDS: dict[str, Callable[[RuleSpec], NeedFn]] = {
    "missing_object": objects.needs_verbs,
    "missing_complement": objects.needs_verbs,
    "reciprocal": complements.needs_reciprocal,
    "unclear_pronoun": pronouns.needs_unclear_pronoun,
    "repeated_across_comma": mentions.needs_repeated_across_comma,
    "title_surname_first": lambda rule: no_sentences,  # entities and tags only
    "name_variants": lambda rule: no_sentences,
    "long_subject_agreement": agreement.needs_long_subject_agreement,
    "dangling_opener": openers.needs_dangling_opener,
    "spelling_on_names": lambda rule: no_sentences,
    "verb_after_auxiliary": lambda rule: no_sentences,  # tags and lemmas only
    "misread_grammar": lambda rule: no_sentences,
    "subject_verb_agreement": subject_verb.needs_subject_verb_agreement,
    "article_before_determiner": lambda rule: no_sentences,  # words only
    "double_comparative": lambda rule: no_sentences,  # tags only
    "because_noun": lambda rule: no_sentences,  # tags only
    "determiner_number": determiners.needs_determiner_number,
    "repeated_auxiliary": lambda rule: no_sentences,  # words and tags only
}
STRUCTURE_KIND_NAMES = frozenset(KINDS) | frozenset(ADJUSTERS)
