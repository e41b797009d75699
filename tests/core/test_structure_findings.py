"""What structure findings say and suggest, beyond flag / no flag (recorded parses)."""

from __future__ import annotations

import dataclasses

from structure_helpers import languagetool_findings, parsed

from editdesk.core.checks.structure import StructureChecker
from editdesk.core.config import load_config
from editdesk.core.findings import Finding, Severity

CONFIG = load_config()


def _one(rule_id: str, text: str):
    article, sentences = parsed(text)
    found = StructureChecker(CONFIG, only=frozenset({rule_id})).check(article, sentences, "en-GB")
    assert len(found) == 1, found
    return article, found[0]


def test_missing_object_suggests_the_passive_in_place() -> None:
    article, f = _one("structure:missing-object", "Pollution is a problem that cannot ignore.")
    assert article.text[f.start : f.end] == "cannot ignore"
    assert f.replacements == ("cannot be ignored",)
    assert f.severity is Severity.WARNING and f.category == "grammar"


def test_missing_object_without_a_modal_names_the_passive_only() -> None:
    text = "The new tax condemned widely by shopkeepers last spring."
    article, f = _one("structure:missing-object", text)
    assert article.text[f.start : f.end] == "condemned"
    assert f.replacements == () and "be condemned" in f.message


def test_name_variants_show_both_forms_and_counts() -> None:
    text = ("Maria Kowalczyk chairs the board. Kowalczyk said sales rose. "
            "Later Kowalcyzk declined to comment.")
    article, f = _one("structure:name-variants", text)
    assert article.text[f.start : f.end] == "Kowalcyzk"
    assert "'Kowalcyzk' (1×)" in f.message and "'Kowalczyk' (2×)" in f.message
    assert f.replacements == ("Kowalczyk",) and f.severity is Severity.ERROR


def test_unclear_pronoun_names_the_nearest_candidate() -> None:
    text = ("The coach watched from the stand. Rain fell all afternoon. The pitch flooded. "
            "On Sunday he will pick the squad.")
    article, f = _one("structure:unclear-pronoun", text)
    assert article.text[f.start : f.end] == "he"
    assert "'coach', is 3 sentences back" in f.message


def test_missing_complement_spans_the_verb_and_its_object() -> None:
    article, f = _one("structure:missing-complement", "The minister assured the union.")
    assert article.text[f.start : f.end] == "assured the union"


def test_a_spelling_flag_on_a_name_becomes_a_suggestion_and_keeps_its_fingerprint() -> None:
    text = "The report was written by Adaeze Okonkwo, a historian."
    _, sentences = parsed(text)
    lt = languagetool_findings(text)
    spelling = next(f for f in lt if f.id.startswith("lt:MORFOLOGIK"))
    spelling = dataclasses.replace(spelling, replacements=("Adele", "adage"))
    adjusted = StructureChecker(CONFIG).adjust_languagetool([spelling], sentences)
    (f,) = adjusted
    assert f.id == "structure:check-name" and f.source == "structure"
    assert f.severity is Severity.SUGGESTION
    assert "Adaeze" in f.message and "person's name" in f.message
    # neither a dictionary word nor another name the article does not use: a note, no swap
    assert f.replacements == ()
    assert f.fingerprint == spelling.fingerprint
    assert (f.start, f.end) == (spelling.start, spelling.end)


def test_a_name_of_two_unknown_words_is_one_check_naming_both() -> None:
    text = "The talks were led by Tiberiu Vranceanu, the envoy."
    article, sentences = parsed(text)
    lt = languagetool_findings(text)
    assert {article.text[f.start : f.end] for f in lt} >= {"Tiberiu", "Vranceanu"}
    adjusted = StructureChecker(CONFIG).adjust_languagetool(lt, sentences)
    checks = [f for f in adjusted if f.id == "structure:check-name"]
    assert len(checks) == 1
    assert "'Tiberiu Vranceanu'" in checks[0].message
    assert article.text[checks[0].start : checks[0].end] == "Tiberiu"


def test_a_person_whose_surname_comes_back_needs_no_check() -> None:
    text = "Tiberiu Vranceanu led the talks. Vranceanu said they went well."
    article, sentences = parsed(text)
    first = Finding(id="lt:MORFOLOGIK_RULE_EN_GB", source="languagetool", category="names",
                    severity=Severity.SUGGESTION, message="not in the dictionary", start=0,
                    end=len("Tiberiu"), replacements=())
    assert StructureChecker(CONFIG).adjust_languagetool([first], sentences) == []
    # Alone, the same name is checked.
    alone = "The talks were led by Tiberiu Vranceanu, the envoy."
    _, sentences = parsed(alone)
    start = alone.index("Tiberiu")
    one = dataclasses.replace(first, start=start, end=start + len("Tiberiu"))
    (f,) = StructureChecker(CONFIG).adjust_languagetool([one], sentences)
    assert f.id == "structure:check-name"


def test_check_name_leaves_a_name_spelt_two_ways_a_warning() -> None:
    # The severity policy's "here one way, a letter apart elsewhere" says more than
    # "check this name": the recogniser must not turn it back into a suggestion.
    text = "The report was written by Adaeze Okonkwo, a historian."
    _, sentences = parsed(text)
    spelling = next(f for f in languagetool_findings(text) if f.id.startswith("lt:MORFOLOGIK"))
    two_ways = dataclasses.replace(spelling, severity=Severity.WARNING, category="names",
                                   message="'Adaeze' here, 'Adeaze' elsewhere")
    (f,) = StructureChecker(CONFIG).adjust_languagetool([two_ways], sentences)
    assert f == two_ways


def _spelling_on(text: str, word: str, replacements: tuple[str, ...]):
    from editdesk.core.findings import Finding, with_fingerprint

    start = text.index(word)
    f = Finding("lt:MORFOLOGIK_RULE_EN_GB", "languagetool", "Spelling", Severity.ERROR,
                "Possible spelling mistake found.", start, start + len(word), replacements)
    return with_fingerprint(f, text)


def _check_name(text: str, word: str, replacements: tuple[str, ...]):
    _, sentences = parsed(text)
    (f,) = StructureChecker(CONFIG).adjust_languagetool(
        [_spelling_on(text, word, replacements)], sentences
    )
    assert f.id == "structure:check-name" and f.severity is Severity.SUGGESTION
    return f


def test_a_recognised_name_is_never_swapped_for_a_dictionary_word() -> None:
    f = _check_name("The report was written by Grace Okafor, a historian.", "Okafor",
                    ("Orator", "Okay", "okra"))
    assert f.replacements == ()
    assert "Okafor" in f.message and "person's name" in f.message


def test_the_name_spelled_a_letter_differently_elsewhere_is_offered() -> None:
    text = "Adaeze Okonkwo wrote the report. Okonkow said it had taken a year."
    f = _check_name(text, "Okonkow", ("Okonkwo", "Oakwood", "Okonkwa"))
    # Okonkwo: a name in the article, two letters swapped; Oakwood: a word; Okonkwa: not used
    assert f.replacements == ("Okonkwo",)
    # The same name flagged where it is spelled right offers nothing: no other form is near.
    f = _check_name(text, "Okonkwo", ("Okonkow", "Adaeze"))
    assert f.replacements == ("Okonkow",)  # a letter away and used: still the editor's call
    f = _check_name(text, "Adaeze", ("Okonkwo",))
    assert f.replacements == ()  # a name in the article, but another one


def test_with_check_name_disabled_languagetool_findings_pass_unchanged() -> None:
    text = "The report was written by Adaeze Okonkwo, a historian."
    _, sentences = parsed(text)
    lt = languagetool_findings(text)
    config = dataclasses.replace(CONFIG, disabled_rules=frozenset({"structure:check-name"}))
    assert StructureChecker(config).adjust_languagetool(lt, sentences) == lt


def test_agreement_names_the_subject_and_the_nearer_noun() -> None:
    text = "The cost of the repairs were higher than expected."
    article, f = _one("structure:long-subject-agreement", text)
    assert article.text[f.start : f.end] == "cost of the repairs were"
    assert "'were'" in f.message and "'repairs'" in f.message and "'cost'" in f.message
