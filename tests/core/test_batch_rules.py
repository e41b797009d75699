"""The batch consistency rules against their own example batches, and the batch pass."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.structure.parse import Mention, Sentence, Token
from editdesk.core.consistency import (
    ArticleTerms,
    BatchRules,
    SheetChecker,
    StyleSheet,
    StyleSheetCheck,
    StyleSheetError,
    TermExtractor,
    build_style_sheet,
    load_batch_rules,
    load_style_sheet,
)
from editdesk.core.consistency.rules import BatchRuleError

RULES = BatchRules.for_config()
EXTRACTOR = TermExtractor(RULES)
CASES = [
    pytest.param(rule.id, example, expect, id=f"{rule.id.split(':')[1]}-{expect}-{n}")
    for rule in load_batch_rules()
    for expect, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for n, example in enumerate(examples)
]


def run_batch(texts, rules=RULES, seed=None):
    """(label, article, findings) for each text, checked as one batch."""
    extractor = TermExtractor(rules)
    articles = [(f"desk/{n}.txt", Article.from_plain_text(t)) for n, t in enumerate(texts)]
    terms = [extractor.terms(a, label) for label, a in articles]
    # Through JSON, as the CLI's cache keeps them.
    terms = [ArticleTerms.from_json(json.loads(json.dumps(t.to_json()))) for t in terms]
    sheet = build_style_sheet(terms, rules, seed)
    checker = SheetChecker(sheet, rules, extractor)
    return sheet, [(label, a, checker.check(a, label)) for label, a in articles]


@pytest.mark.parametrize(("rule_id", "example", "expect"), CASES)
def test_rule_examples(rule_id: str, example, expect: str) -> None:
    _sheet, checked = run_batch(example.articles)
    flagged = []
    for _label, article, findings in checked:
        for f in findings:
            assert 0 <= f.start < f.end <= len(article.text)
            assert f.source == "batch" and f.fingerprint
            assert "{" not in f.message, f.message
            flagged.append((f.id, article.text[f.start : f.end]))
    if expect == "fail":
        assert sorted(flagged) == sorted((rule_id, w) for w in example.flags), flagged
    else:
        assert flagged == []


def test_every_kind_has_three_example_batches_each_way() -> None:
    rules = load_batch_rules()
    assert {r.kind for r in rules} == {
        "name_spelling", "hyphenation", "capitalisation", "spelling", "number_style"
    }
    for rule in rules:
        assert re.fullmatch(r"batch:[a-z]+(-[a-z]+)*", rule.id)
        assert len(rule.fail_examples) >= 3, rule.id
        assert len(rule.pass_examples) >= 3, rule.id


def test_a_finding_names_each_form_its_count_and_its_articles() -> None:
    sheet, checked = run_batch([
        "Send an email to the desk. Readers email us daily.",
        "Readers can email the editor.",
        "The e-mail address is on the website.",
    ])
    (entry,) = [e for e in sheet.contested() if e.kind == "hyphenation"]
    assert entry.preferred == "email"
    assert [(f.form, f.count, f.articles) for f in entry.forms] == [
        ("email", 3, ("desk/0.txt", "desk/1.txt")), ("e-mail", 1, ("desk/2.txt",))
    ]
    (finding,) = checked[2][2]
    assert finding.replacements == ("email",)
    assert "1× in 1 article: this one" in finding.message
    assert "3× in 2 articles: 0.txt, 1.txt" in finding.message
    assert checked[0][2] == [] and checked[1][2] == []


def test_the_majority_is_the_form_most_articles_use() -> None:
    # One article writes e-mail four times; three articles write email once each.
    sheet, checked = run_batch([
        "An e-mail came. Another e-mail came. A third e-mail. The last e-mail.",
        "Send an email.", "The email bounced.", "No email today.",
    ])
    assert sheet.entry("hyphenation", "email").preferred == "email"
    _label, article, findings = checked[0]
    assert [article.text[f.start : f.end] for f in findings] == ["e-mail"] * 4


def test_a_variant_inside_one_article_only_is_left_to_the_article_check() -> None:
    sheet, checked = run_batch(["An e-mail and an email.", "Nothing to see here."])
    assert sheet.contested() == []
    assert all(not findings for _l, _a, findings in checked)


def test_spelling_conventions_count_across_words() -> None:
    sheet, checked = run_batch([
        "They realised it and apologised.", "The council organised a review.",
        "The minister recognized the problem.",
    ])
    entry = sheet.entry("spelling", "ise-ize")
    assert entry.preferred == "-ise" and entry.contested
    (finding,) = checked[2][2]
    assert finding.replacements == ("recognised",)
    assert "-ize spelling" in finding.message and "-ise spelling" in finding.message


def test_style_sheet_json_round_trip_and_markdown(tmp_path) -> None:
    sheet, _ = run_batch([
        "Nikolai Patrushev wrote an email.", "Nikolai Patrushev read the email.",
        "Nikolai Patrushov sent an e-mail.",
    ])
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(sheet.to_json()), encoding="utf-8")
    again = load_style_sheet(path)
    assert again.to_json() == sheet.to_json()
    md = sheet.to_markdown()
    assert "| Names | **Patrushev** (2× in 2 articles) | Patrushov (1× in 1 article) |" in md
    assert "| Hyphenation | **email** (2× in 2 articles) | e-mail (1× in 1 article) |" in md
    assert "2.txt" in md  # where the odd form is


def test_a_loaded_style_sheet_overrides_the_majority_and_flags_one_article() -> None:
    seed, _ = run_batch(["An e-mail to the organisation.", "The e-mail bounced.",
                         "The organisation met."])
    assert seed.entry("hyphenation", "email").preferred == "e-mail"
    # The next batch mostly writes email, but the desk's sheet says e-mail.
    sheet, checked = run_batch(["Send an email.", "The email bounced.", "An e-mail."], seed=seed)
    entry = sheet.entry("hyphenation", "email")
    assert entry.preferred == "e-mail" and entry.reason == "style sheet"
    assert [len(f) for _l, _a, f in checked] == [1, 1, 0]
    # One article alone, as editdesk.toml's style_sheet checks it.
    single = StyleSheetCheck(seed, RULES)
    article = Article.from_plain_text("Please email the desk; the organization replied.")
    found = single.check(article, "next/one.txt")
    assert [article.text[f.start : f.end] for f in found] == ["email", "organization"]
    assert "style sheet of an earlier batch" in found[0].message


def test_a_name_in_a_loaded_style_sheet_flags_a_near_spelling() -> None:
    seed, _ = run_batch(["Nikolai Patrushev spoke.", "Officials met Nikolai Patrushev."])
    assert seed.entry("name_spelling", "patrushev") is not None  # listed as settled
    article = Article.from_plain_text("The envoy met Patrushov on Monday.")
    found = StyleSheetCheck(seed, RULES).check(article)
    assert [(article.text[f.start : f.end], f.replacements) for f in found] == [
        ("Patrushov", ("Patrushev",))
    ]


def test_bad_style_sheets_are_one_line_errors(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(StyleSheetError, match="bad.json: not a JSON style sheet"):
        load_style_sheet(bad)
    other = tmp_path / "other.json"
    other.write_text('{"schema": "something/1"}', encoding="utf-8")
    with pytest.raises(StyleSheetError, match="other.json: not an EditDesk style sheet"):
        load_style_sheet(other)
    with pytest.raises(StyleSheetError, match="no such style sheet"):
        load_style_sheet(tmp_path / "missing.json")
    with pytest.raises(StyleSheetError, match="malformed"):
        StyleSheet.from_json({"schema": "editdesk.style-sheet/1", "entries": [{"kind": "x"}]})


def test_a_disabled_rule_flags_nothing() -> None:
    rules = replace(RULES, disabled=frozenset({"batch:hyphenation"}))
    sheet, checked = run_batch(
        ["Send an email.", "The email bounced.", "An e-mail."], rules=rules
    )
    assert sheet.entry("hyphenation", "email") is None
    assert all(not f for _l, _a, f in checked)


def _parsed(text: str, ner: dict[str, str]) -> list[Sentence]:
    """A one-sentence parse of ``text`` with the given words tagged (the rest O)."""
    tokens, mentions = [], []
    for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text), 1):
        tag = ner.get(m.group(), "O")
        tokens.append(Token(n, m.group(), m.group(), "NNP" if tag != "O" else "NN", tag,
                            m.start(), m.end()))
        if tag != "O":
            mentions.append(Mention(m.group(), tag, m.start(), m.end(), n - 1, n))
    return [Sentence(0, tuple(tokens), (), (), tuple(mentions), 0, len(text))]


def test_entity_types_from_the_parse_keep_a_person_and_a_place_apart() -> None:
    texts = ["Reporters met Lorenzo in Milan.", "Reporters visited Lorenza with Pietro and Giulia.",
             "Reporters met Lorenzo with Pietro and Giulia."]
    people = {"Pietro": "PERSON", "Giulia": "PERSON"}

    def sheet_for(lorenza: str):
        tags = [{"Lorenzo": "PERSON", "Milan": "CITY"}, {"Lorenza": lorenza, **people},
                {"Lorenzo": "PERSON", **people}]
        terms = [EXTRACTOR.terms(Article.from_plain_text(t), f"{n}.txt", _parsed(t, k))
                 for n, (t, k) in enumerate(zip(texts, tags, strict=True))]
        assert all(t.parsed for t in terms)
        assert terms[1].names["lorenza"]["ner"] == {lorenza: 1}
        return build_style_sheet(terms, RULES)

    # Tagged a place, Lorenza is not a misspelt Lorenzo, though one letter apart...
    assert [e.key for e in sheet_for("CITY").contested()] == []
    # ... tagged a person, in an article sharing Pietro and Giulia with Lorenzo's, it is.
    (entry,) = sheet_for("PERSON").contested()
    assert (entry.preferred, [f.form for f in entry.forms]) == ("Lorenzo", ["Lorenzo", "Lorenza"])


def test_near_names_in_unrelated_articles_stay_apart_and_a_misspelling_is_found() -> None:
    # 3,000 distinct names one letter apart, each in one article with nothing to tie them
    # together: none is paired; the one misspelling with a shared first name is.
    names = [f"Zan{chr(97 + a)}{chr(97 + b)}{chr(97 + c)}ski" for a in range(15)
             for b in range(10) for c in range(20)]
    texts = [f"Reporters met {' and '.join(names[i:i + 30])} today." for i in range(0, 3000, 30)]
    texts += ["Officials met Nikolai Patrushev.", "Officials met Nikolai Patrushev again.",
              "Officials met Nikolai Patrushov."]
    sheet, _ = run_batch(texts)
    contested = [e for e in sheet.contested() if e.kind == "name_spelling"]
    assert [e.preferred for e in contested] == ["Patrushev"]


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ('id = "house:x"\nkind = "spelling"\nmessage = "m"', "not of the form batch:"),
        ('id = "batch:x"\nkind = "rhyme"\nmessage = "m"', "unknown kind 'rhyme'"),
        (
            'id = "batch:x"\nkind = "spelling"\nmessage = "m"\n'
            'examples.fail = [{articles = ["one", "two"]}]',
            "failing ones name the words they flag",
        ),
        (
            'id = "batch:x"\nkind = "spelling"\nmessage = "m"\n'
            'examples.pass = [{articles = ["only one"]}]',
            "a batch of articles",
        ),
    ],
)
def test_a_malformed_batch_rule_is_one_line_naming_the_file(tmp_path, table, reason) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[[rules]]\n" + table + "\n", encoding="utf-8")
    with pytest.raises(BatchRuleError) as caught:
        load_batch_rules(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message
