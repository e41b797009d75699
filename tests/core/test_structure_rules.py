"""Every structure: rule against its own examples, over recorded CoreNLP answers."""

from __future__ import annotations

import pytest
from structure_helpers import languagetool_findings, parsed

from editdesk.core.checks.house.spec import STRUCTURE_RULE_ID
from editdesk.core.checks.structure import StructureChecker
from editdesk.core.checks.structure.kinds import ADJUSTED, ADJUSTERS
from editdesk.core.config import load_config

CONFIG = load_config()
RULES = CONFIG.structure_rules
CASES = [
    pytest.param(rule.id, text, expect, id=f"{rule.name}-{expect}-{n}")
    for rule in RULES
    for expect, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for n, text in enumerate(examples)
]


@pytest.mark.parametrize(("rule_id", "text", "expect"), CASES)
def test_rule_examples(rule_id: str, text: str, expect: str) -> None:
    article, sentences = parsed(text)
    checker = StructureChecker(CONFIG, only=frozenset({rule_id}))
    rule = CONFIG.rule(rule_id)
    if rule.kind in ADJUSTERS:
        lt = languagetool_findings(text)
        # Each example must carry a flag the rule reworks, or passing it would prove nothing.
        reworked = [f for f in lt if ADJUSTED[rule.kind](rule, f)]
        assert reworked, f"no flag for {rule_id} to rework on {text!r}"
        adjusted = checker.adjust_languagetool(lt, sentences)
        # Each flag stays, or is folded into the one check of the whole name it is part of.
        checks = [a for a in adjusted if a.id == rule_id]
        for f in lt:
            assert f in adjusted or any(f.fingerprint == a.fingerprint for a in adjusted) or any(
                article.text[f.start : f.end] in a.message for a in checks
            ), f"{article.text[f.start : f.end]!r} was dropped"
        found = [f for f in adjusted if f.id == rule_id]
        if expect == "pass":
            assert any(f in adjusted for f in reworked), "LanguageTool's flag must stay"
    else:
        found = [f for f in checker.check(article, sentences, "en-GB") if f.id == rule_id]
    if expect == "fail":
        assert found, f"{rule_id} should flag: {text!r}"
        for f in found:
            assert 0 <= f.start < f.end <= len(article.text)
            assert f.source == "structure" and f.fingerprint
            assert "{" not in f.message, f.message
    else:
        assert not found, [(article.text[f.start : f.end], f.message) for f in found]


def test_every_rule_has_three_examples_each_way_and_a_stable_id() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    assert RULES, "no structure rules loaded"
    for rule in RULES:
        assert STRUCTURE_RULE_ID.match(rule.id), rule.id
        assert len(rule.fail_examples) >= 3, f"{rule.id} needs three failing examples"
        assert len(rule.pass_examples) >= 3, f"{rule.id} needs three passing examples"


def test_a_structure_rule_can_be_disabled_and_reweighted(tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "editdesk.toml").write_text(
        'disable = ["structure:missing-object"]\n', encoding="utf-8"
    )
    config = load_config(tmp_path / "a.txt")
    article, sentences = parsed(RULES[0].fail_examples[0])
    assert "structure:missing-object" in config.disabled_rules
    assert not StructureChecker(config).check(article, sentences, "en-GB")
    (tmp_path / "editdesk.toml").write_text(
        '[severity]\n"structure:missing-object" = "suggestion"\n', encoding="utf-8"
    )
    config = load_config(tmp_path / "a.txt")
    found = StructureChecker(config).check(article, sentences, "en-GB")
    assert found and {f.severity.value for f in found} == {"suggestion"}


def test_an_unknown_structure_rule_is_a_config_error(tmp_path) -> None:
    from editdesk.core.config import ConfigError

    (tmp_path / ".git").mkdir()
    (tmp_path / "editdesk.toml").write_text(
        'disable = ["structure:missing-objekt"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="did you mean 'structure:missing-object'"):
        load_config(tmp_path / "a.txt")
