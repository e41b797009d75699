"""The LanguageTool adapter without a server: offsets, splitting, severities, a recorded reply."""

from __future__ import annotations

import pytest

from editdesk.core.checks.languagetool import (
    SEPARATOR,
    Utf16Index,
    category_for,
    is_spelling,
    severity_for,
    simplify_match,
    split_matches,
)
from editdesk.core.findings import Severity

# Recorded from LanguageTool 6.8 (en-GB) for TEXT; trimmed to the fields the adapter reads.
TEXT = "I saw 😀 a eror. 𝑥 is  fine."
RECORDED = [
    {"message": "Use “an” instead of ‘a’ if the following word starts with a vowel sound, "
                "e.g. ‘an article’, ‘an hour’.",
     "replacements": [{"value": "an"}], "offset": 9, "length": 1,
     "rule": {"id": "EN_A_VS_AN", "issueType": "misspelling",
              "urls": [{"value": "https://languagetool.org/insights/post/indefinite-articles/"}],
              "category": {"id": "MISC", "name": "Miscellaneous"}}},
    {"message": "Possible spelling mistake found.",
     "replacements": [{"value": "error"}, {"value": "Eros"}, {"value": "err"}],
     "offset": 11, "length": 4,
     "rule": {"id": "MORFOLOGIK_RULE_EN_GB", "issueType": "misspelling",
              "category": {"id": "TYPOS", "name": "Possible Typo"}}},
    {"message": "It seems like there are too many consecutive spaces here.",
     "replacements": [{"value": " "}], "offset": 22, "length": 2,
     "rule": {"id": "CONSECUTIVE_SPACES", "issueType": "typographical",
              "category": {"id": "TYPOGRAPHY", "name": "Typography"}}},
]


def test_recorded_reply_maps_utf16_offsets_to_code_points() -> None:
    index = Utf16Index(TEXT)
    simplified = [simplify_match(m, index) for m in RECORDED]
    flagged = [TEXT[m["offset"] : m["offset"] + m["length"]] for m in simplified]
    assert flagged == ["a", "eror", "  "]
    assert simplified[0]["url"] == "https://languagetool.org/insights/post/indefinite-articles/"
    assert simplified[1]["url"] is None
    assert simplified[1]["replacements"] == ["error", "Eros", "err"]
    assert simplified[1]["category_name"] == "Possible Typo"


def test_utf16_index_counts_each_astral_character_once() -> None:
    text = "𝑥😀a"  # code points 0,1,2; UTF-16 units 0-1, 2-3, 4
    index = Utf16Index(text)
    assert [index.to_code_points(u) for u in (0, 2, 4, 5)] == [0, 1, 2, 3]
    assert Utf16Index("plain").to_code_points(3) == 3


def test_split_matches_returns_paragraph_relative_offsets() -> None:
    paragraphs = ["First one.", "Second has eror."]
    joined = SEPARATOR.join(paragraphs)
    start = joined.index("eror")
    matches = [
        {"offset": 0, "length": 5, "rule_id": "A"},
        {"offset": start, "length": 4, "rule_id": "B"},
        {"offset": len(paragraphs[0]) + 1, "length": 1, "rule_id": "ON_SEPARATOR"},
    ]
    first, second = split_matches(matches, [len(p) for p in paragraphs])
    assert [(m["rule_id"], m["offset"], m["length"]) for m in first] == [("A", 0, 5)]
    assert [(m["rule_id"], m["offset"], m["length"]) for m in second] == [("B", 11, 4)]
    assert second[0]["offset"] == paragraphs[1].index("eror")


def test_split_matches_clips_a_match_running_past_its_paragraph() -> None:
    (only,) = split_matches([{"offset": 2, "length": 50, "rule_id": "X"}], [6])
    assert only == [{"offset": 2, "length": 4, "rule_id": "X"}]


@pytest.mark.parametrize(
    ("rule", "issue", "category", "expected"),
    [
        ("MORFOLOGIK_RULE_EN_GB", "misspelling", "TYPOS", Severity.ERROR),
        ("PLURAL_VERB_AFTER_THIS", "grammar", "GRAMMAR", Severity.ERROR),
        # 'a' or 'an' is a guess at how "$11bn" or "ntl" is read: likely, not certainly, wrong.
        ("EN_A_VS_AN", "misspelling", "MISC", Severity.WARNING),
        ("CONSECUTIVE_SPACES", "typographical", "TYPOGRAPHY", Severity.WARNING),
        ("ENGLISH_WORD_REPEAT_RULE", "duplication", "MISC", Severity.ERROR),  # 'the the'
        ("COMMA_COMPOUND_SENTENCE", "uncategorized", "PUNCTUATION", Severity.SUGGESTION),
        ("EN_COMPOUNDS_ANTI_VIRUS", "misspelling", "MISC", Severity.SUGGESTION),
        ("CYBER_COMPOUNDS", "grammar", "GRAMMAR", Severity.SUGGESTION),
        ("UPPERCASE_SENTENCE_START", "typographical", "CASING", Severity.WARNING),
        ("SI_UNITS_OF_MEASUREMENT_ADJECTIVES_AME", "locale-violation", "AMERICAN_ENGLISH",
         Severity.WARNING),
        ("EN_QUOTES", "typographical", "TYPOGRAPHY", Severity.SUGGESTION),
        ("OXFORD_SPELLING_Z_NOT_S", "style", "BRE_STYLE_OXFORD_SPELLING", Severity.SUGGESTION),
        ("PHRASE_REPETITION", "style", "REDUNDANCY", Severity.SUGGESTION),
        ("SOME_RULE", "uncategorized", "GRAMMAR", Severity.ERROR),
        ("OTHER_RULE", "uncategorized", "MISC", Severity.WARNING),
    ],
)
def test_severity_for_thinks_like_an_editor(
    rule: str, issue: str, category: str, expected: Severity
) -> None:
    assert severity_for(rule, issue, category) is expected


def test_category_names_are_lowercase_words() -> None:
    assert category_for("CONFUSED_WORDS") == "confused words"
    assert category_for("TYPOS") == "typos"
    assert category_for("") == "misc"


def test_only_spelling_rules_count_as_spelling() -> None:
    assert is_spelling({"rule_id": "MORFOLOGIK_RULE_EN_US", "issue_type": "misspelling",
                        "category_id": "TYPOS"})
    assert not is_spelling({"rule_id": "EN_A_VS_AN", "issue_type": "misspelling",
                            "category_id": "MISC"})
