"""The LanguageTool severity policy (resources/languagetool-severity.toml) and what a match
means in its place: quotations, headlines, datelines, names."""

from __future__ import annotations

import fnmatch
import tomllib

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.article_parts import ArticleParts, dateline_length, is_caps
from editdesk.core.checks.languagetool import LanguageToolChecker
from editdesk.core.checks.lt_context import (
    MatchContext,
    case_slip,
    closed_up_hyphen,
    in_symbol,
    is_sentence_start,
    missing_hyphen,
    only_names_near,
    plural_possessive,
    variant_spelling,
)
from editdesk.core.checks.lt_policy import PolicyError, SeverityPolicy, load_policy
from editdesk.core.checks.quotations import Quotations
from editdesk.core.findings import Severity

POLICY = load_policy()
EXAMPLES = [
    pytest.param(entry.name.removeprefix("rule "), text, expect,
                 id=f"{entry.name.removeprefix('rule ')}-{expect}-{n}")
    for entry in POLICY.all_entries()
    for expect, texts in (("fail", entry.fail_examples), ("pass", entry.pass_examples))
    for n, text in enumerate(texts)
]


# -- the policy as data ---------------------------------------------------------------------


def test_every_level_and_reason_is_written_down() -> None:
    assert POLICY.default.severity is Severity.WARNING
    for entry in POLICY.all_entries():
        assert entry.reason.strip(), entry.name
    # The three levels are all in use, and the policy is more than a few categories.
    used = {e.severity for e in POLICY.all_entries() if e.severity}
    assert used == set(Severity)
    assert len(POLICY.rules) >= 20


@pytest.mark.parametrize(
    ("rule", "issue", "category", "severity", "skip"),
    [
        ("MORFOLOGIK_RULE_EN_GB", "misspelling", "TYPOS", Severity.ERROR, {"dateline"}),
        ("SOME_NEW_GRAMMAR_RULE", "grammar", "GRAMMAR", Severity.ERROR,
         {"caps-headline", "dateline"}),
        ("COMMA_COMPOUND_SENTENCE", "uncategorized", "PUNCTUATION", Severity.SUGGESTION,
         {"quotation", "caps-headline", "dateline"}),
        ("EN_COMPOUNDS_SKY_HIGH", "misspelling", "MISC", Severity.SUGGESTION,
         {"caps-headline", "dateline"}),
        ("WHITESPACE_RULE", "whitespace", "TYPOGRAPHY", Severity.WARNING, set()),
        ("UNKNOWN", "uncategorized", "UNKNOWN", Severity.WARNING, {"caps-headline", "dateline"}),
    ],
)
def test_the_most_specific_entry_decides(
    rule: str, issue: str, category: str, severity: Severity, skip: set[str]
) -> None:
    verdict = POLICY.verdict(rule, issue, category)
    assert verdict.severity is severity
    assert verdict.skip_in == frozenset(skip)


def test_a_compound_rule_knows_the_missing_hyphen() -> None:
    assert POLICY.verdict("EN_COMPOUNDS_COST_CUTTING", "misspelling", "MISC").missing_hyphen \
        is Severity.WARNING
    assert POLICY.verdict("CYBER_COMPOUNDS", "grammar", "GRAMMAR").missing_hyphen \
        is Severity.WARNING
    assert missing_hyphen("cost cutting", ("cost-cutting",))
    assert not missing_hyphen("anti-virus", ("antivirus",))
    assert not missing_hyphen("cost cutting", ("costcutting",))


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ('[rules]\nX = { severity = "error" }', "reason"),
        ('[rules]\nX = { severity = "fatal", reason = "r" }', "severity must be"),
        ('[rules]\nX = { skip_in = ["footnote"], reason = "r" }', "skip_in takes"),
        ('[rules]\nX = { colour = "red", reason = "r" }', "unknown key 'colour'"),
        ('[extra]\nX = 1', "unknown key 'extra'"),
    ],
)
def test_a_malformed_policy_says_which_entry_and_why(toml: str, reason: str) -> None:
    data = tomllib.loads('default = { severity = "warning", reason = "r" }\n' + toml)
    with pytest.raises(PolicyError, match=reason):
        SeverityPolicy(data)


# -- quotations -----------------------------------------------------------------------------


def _quotes(text: str) -> tuple[Article, Quotations]:
    article = Article.from_plain_text(text)
    return article, Quotations.of(article)


def test_a_quotation_continued_into_the_next_paragraph_pairs_up() -> None:
    article, q = _quotes('He said: "We played well.\n\n"Next week will be harder."')
    assert [article.text[a:b] for a, b in q.article_spans] == [
        '"We played well.', '"Next week will be harder."'
    ]
    assert not any(p.stray for p in q.paragraphs)
    first = article.text.index('"')
    assert q.well_paired(first, first + 1)


def test_a_quotation_continued_inside_a_merged_paragraph_pairs_up() -> None:
    article, q = _quotes('"I was tired," he said. "It was a step. "I am on the way."')
    assert not q.paragraphs[0].stray
    assert len(q.article_spans) == 3


@pytest.mark.parametrize(
    "text",
    [
        'She said: "We will win the cup.\n\nThe match is on Sunday.',  # never closed
        'The plan" was a good one.',  # closes nothing
        'The "plan was a good one.',  # opens mid-sentence, never closed
    ],
)
def test_a_mark_that_pairs_with_nothing_is_stray(text: str) -> None:
    article, q = _quotes(text)
    stray = [p for pq in q.paragraphs for p in pq.stray]
    assert len(stray) == 1
    pos = article.text.index('"')
    assert not q.well_paired(pos, pos + 1)


def test_curly_single_quotes_are_quotations_and_apostrophes_are_not() -> None:
    article, q = _quotes("The so-called ‘experts’ said the file-sharers’ case was weak.")
    assert [article.text[a:b] for a, b in q.article_spans] == ["‘experts’"]


def test_inside_a_quotation() -> None:
    article, q = _quotes('"It was hard and we were tired," he said, and left.')
    text = article.text
    assert q.inside(0, text.index(" and we"), text.index(" and we") + 4)
    assert not q.inside(0, text.index(" and left"), text.index(" and left") + 4)
    assert q.article_inside(text.index("hard"), text.index("hard") + 4)


# -- headlines and datelines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("WASHINGTON, June 2 - Prices rose.", "WASHINGTON, June 2 - "),
        ("SADDLE BROOK, N.J., April 7 - Prices rose.", "SADDLE BROOK, N.J., April 7 - "),
        ("ST. LOUIS, Mo., March 25 - Prices rose.", "ST. LOUIS, Mo., March 25 - "),
        ("LONDON (Reuters) - Prices rose.", "LONDON (Reuters) - "),
        ("The US - and Canada - agreed.", ""),
        ("Washington, June 2 - Prices rose.", ""),
    ],
)
def test_datelines(text: str, dateline: str) -> None:
    assert text[: dateline_length(text)] == dateline


def test_headlines_and_caps_headlines() -> None:
    assert is_caps("U.S. PRICE DATA SUGGEST MODERATE INFLATION")
    assert not is_caps("Ad sales boost Time Warner profit")
    assert not is_caps("NATO")  # one word is an acronym, not a headline
    caps = ArticleParts(Article.from_plain_text("U.S. PRICE DATA RISE\n\nPrices rose. Fast."))
    assert caps.headlines == {0} and caps.caps_headlines == {0}
    plain = ArticleParts(Article.from_plain_text("Ad sales boost profit\n\nPrices rose."))
    assert plain.headlines == {0} and not plain.caps_headlines
    prose = ArticleParts(Article.from_plain_text("Prices rose.\n\nThey fell."))
    assert not prose.headlines


def test_sentence_start() -> None:
    text = 'It rose. "Yukos fell," said Kapranos: Ebbers'
    assert is_sentence_start(text, 0)
    assert is_sentence_start(text, text.index("Yukos"))
    assert not is_sentence_start(text, text.index("Kapranos"))
    assert is_sentence_start(text, text.index("Ebbers"))
    after_initial = "said David Jones of Aubrey G. Lanston and Mr. Nair."
    assert not is_sentence_start(after_initial, after_initial.index("Lanston"))
    assert not is_sentence_start(after_initial, after_initial.index("Nair"))


def test_plural_possessives_and_ticker_symbols() -> None:
    text = "forty dollars' worth; the 'plan' it's"
    assert plural_possessive(text, text.index("'"), text.index("'") + 1)
    assert not plural_possessive(text, text.index("'p"), text.index("'p") + 1)
    assert not plural_possessive(text, text.index("n'") + 1, text.index("n'") + 2)
    ticker = "sold to Harbour Inc <HFGT.O>. Then U.S.A"
    dot = ticker.index(".O") + 1
    assert in_symbol(ticker, dot, dot + 1)
    assert not in_symbol(ticker, ticker.index("Then"), ticker.index("Then") + 4)


def test_a_word_in_the_wrong_case_is_a_slip_and_a_house_style_acronym_is_not() -> None:
    assert case_slip("italian", ("Italian", "Italians"))
    assert case_slip("NIce", ("Nice", "Nine"))
    assert case_slip("INc", ("Inc",))
    assert not case_slip("Uefa", ("UEFA",))
    assert not case_slip("Worldcom", ("WorldCom",))
    assert not case_slip("GoldenEye", ("Goldeneye",))
    assert not case_slip("recieve", ("receive",))


def test_a_prefix_on_a_word_of_the_article_is_a_derived_word() -> None:
    article = Article.from_plain_text("Banks and nonbank lenders. The unkown risk. Feathers.")
    context = MatchContext(article, POLICY)
    assert context.prefixed("nonbank", ())
    assert context.prefixed("defeathered", ("feathered",))
    assert not context.prefixed("unkown", ("unknown",))  # "kown" is no word
    assert not context.prefixed("recieve", ("receive",))
    assert not context.prefixed("Nonbank", ())  # a capitalised word is read as a name
    # The stem under another prefix: the dictionary has it; a short one may be a slip.
    assert context.prefixed("mischarging", ("discharging",))
    assert not context.prefixed("desolve", ("resolve", "devolve"))


def test_a_hyphen_the_dictionary_closes_up_is_a_house_choice() -> None:
    prefixes = POLICY.spelling.prefixes
    assert closed_up_hyphen("journal-ese", ("journalese",), prefixes)
    assert closed_up_hyphen("non-competitives", ("noncompetitive",), prefixes)
    assert not closed_up_hyphen("goverment-run", ("government-run",), prefixes)
    assert not closed_up_hyphen("journal-eses", ("journalese",), prefixes)  # no prefix
    assert not closed_up_hyphen("Legal-ese", ("Legalese",), prefixes)


def test_a_word_with_only_names_near_it_is_a_term() -> None:
    assert only_names_near("ribavirin", ("Riboviria",))
    assert not only_names_near("italian", ("Italian", "Italians"))  # the wrong case
    assert not only_names_near("latinamerican", ("Latin-American",))
    assert not only_names_near("possetion", ())  # nothing offered: a learner's slip
    assert not only_names_near("imatinib", ("imaging", "Imagine"))


def test_an_ending_both_varieties_accept_is_a_variant_spelling() -> None:
    endings = POLICY.spelling.variant_endings
    assert variant_spelling("unshakeable", ("unshakable",), endings)
    assert variant_spelling("sizeable", ("sizable", "seizable"), endings)
    assert not variant_spelling("noticable", ("noticeable",), endings)  # the "e" left out
    assert not variant_spelling("judgement", ("judgment",), endings)  # American keeps one form
    assert not variant_spelling("colour", ("color",), endings)
    assert not variant_spelling("Likeable", ("Likable",), endings)  # a name: the name checks'


# -- the examples, against the real server --------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize(("rule", "text", "expect"), EXAMPLES)
def test_policy_examples(lt_url: str, rule: str, text: str, expect: str) -> None:
    language = "en-US" if rule.endswith("_EN_US") else "en-GB"
    article = Article.from_plain_text(text)
    found = LanguageToolChecker(lt_url).check(article, language)
    flagged = [
        (f.id, article.text[f.start : f.end], f.severity.value)
        for f in found
        if fnmatch.fnmatchcase(f.id.removeprefix("lt:"), rule)
        and f.at_least(Severity.WARNING)
    ]
    if expect == "fail":
        assert flagged, f"lt:{rule} should flag at error or warning: {text!r}"
    else:
        assert not flagged, flagged


@pytest.mark.integration
def test_names_are_checked_once_and_a_misspelt_word_stays_an_error(lt_url: str) -> None:
    article = Article.from_plain_text(
        "Mr Kapranos said the band was targetting America, said Anand Nair.\n\n"
        "Kapranos and his band left. KAPRANOS said no more.\n\n"
        "The bid for Piedmont Aviation failed; USAir wanted Peidmont too."
    )
    found = [f for f in LanguageToolChecker(lt_url).check(article, "en-GB")
             if f.id == "lt:MORFOLOGIK_RULE_EN_GB"]
    got = {article.text[f.start : f.end]: (f.severity, f.category) for f in found}
    # Used three times, spelt the same way each time: left alone.
    assert "Kapranos" not in got and "KAPRANOS" not in got
    assert got["Nair"] == (Severity.SUGGESTION, "names")
    assert got["targetting"] == (Severity.ERROR, "typos")
    # One slip away from another name in the article: that is how names go wrong.
    assert got["Peidmont"] == (Severity.WARNING, "names")
    peidmont = next(f for f in found if article.text[f.start : f.end] == "Peidmont")
    assert "Piedmont" in peidmont.message and peidmont.replacements == ("Piedmont",)
    nair = next(f for f in found if article.text[f.start : f.end] == "Nair")
    assert "check its spelling" in nair.message


@pytest.mark.integration
def test_a_name_spelt_two_ways_is_a_warning_on_the_rarer_form_only(lt_url: str) -> None:
    article = Article.from_plain_text(
        "BRAMWELLTON AND VOSK TO MERGE\n\n"
        "Bramwellton Holdings said it would merge with Vosk. Bramwellton said the deal "
        "would close in May, and Bramwelton shareholders would get cash."
    )
    found = [f for f in LanguageToolChecker(lt_url).check(article, "en-US")
             if f.id == "lt:MORFOLOGIK_RULE_EN_US" and f.severity is Severity.WARNING]
    assert [article.text[f.start : f.end] for f in found] == ["Bramwelton"]
