"""Every rule of the shipped house style against its own examples (proselint-style)."""

from __future__ import annotations

import dataclasses

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.checks.house.spec import RULE_ID
from editdesk.core.config import load_config

# Every rule against its examples, those the shipped style turns off (house:word-echo) too.
CONFIG = dataclasses.replace(load_config(), disabled_rules=frozenset())
RULES = CONFIG.rules
CASES = [
    pytest.param(rule.id, text, expect, id=f"{rule.name}-{expect}-{n}")
    for rule in RULES
    for expect, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for n, text in enumerate(examples)
]


def _findings(rule_id: str, text: str):
    checker = HouseStyleChecker(CONFIG, only=frozenset({rule_id}))
    article = Article.from_plain_text(text)
    return article, [f for f in checker.check(article) if f.id == rule_id]


@pytest.mark.parametrize(("rule_id", "text", "expect"), CASES)
def test_rule_examples(rule_id: str, text: str, expect: str) -> None:
    article, found = _findings(rule_id, text)
    if expect == "fail":
        assert found, f"{rule_id} should flag: {text!r}"
        for f in found:
            assert 0 <= f.start <= f.end <= len(article.text)
            assert f.source == "house" and f.fingerprint
            assert "{" not in f.message, f.message
    else:
        assert not found, [(article.text[f.start : f.end], f.message) for f in found]


def test_every_rule_has_examples_and_a_stable_id() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    assert len(RULES) >= 15
    for rule in RULES:
        assert RULE_ID.match(rule.id), rule.id
        assert len(rule.fail_examples) >= 2, f"{rule.id} needs two failing examples"
        assert len(rule.pass_examples) >= 2, f"{rule.id} needs two passing examples"
