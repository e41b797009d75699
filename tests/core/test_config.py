"""Configuration: the shipped style as base, editdesk.toml discovery, overrides, errors."""

from __future__ import annotations

import dataclasses
import pickle
import re
from pathlib import Path

import pytest

from editdesk.core import paths
from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.config import ConfigError, find_config, load_config
from editdesk.core.findings import Finding, Severity


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-config"
    folder.mkdir()
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(folder))
    return folder


def _project(tmp_path: Path, toml: str | None, *, git: bool = True) -> Path:
    """A project folder (a repository when ``git``) with an article two folders down."""
    root = tmp_path / "project"
    article = root / "desk" / "monday" / "story.md"
    article.parent.mkdir(parents=True)
    article.write_text("# Story\n\nText.\n", encoding="utf-8")
    if git:
        (root / ".git").mkdir()
    if toml is not None:
        (root / "editdesk.toml").write_text(toml, encoding="utf-8")
    return article


def _ids(config, text: str) -> set[str]:
    return {f.id for f in HouseStyleChecker(config).check(Article.from_plain_text(text))}


def test_defaults_come_from_the_shipped_style() -> None:
    config = load_config()
    assert config.language == "en-GB"
    assert config.min_severity is Severity.SUGGESTION
    assert config.source_files == (paths.resource("house-style/default.toml"),)
    assert re.fullmatch(r"[0-9a-f]{64}", config.style_hash)
    assert config.rule("house:sentence-length").option("max_words") == 35
    assert load_config().style_hash == config.style_hash  # stable
    # The house spells -ise, so LanguageTool's Oxford -ize rule is off by default.
    assert "lt:OXFORD_SPELLING_Z_NOT_S" in config.disabled_rules


def test_config_is_found_upward_from_the_article(tmp_path: Path) -> None:
    article = _project(tmp_path, 'language = "en-US"\n')
    assert find_config(article) == tmp_path / "project" / "editdesk.toml"
    config = load_config(article)
    assert config.language == "en-US"
    assert config.source_files[-1] == tmp_path / "project" / "editdesk.toml"
    assert config.style_hash != load_config().style_hash


def test_the_nearest_config_wins(tmp_path: Path) -> None:
    article = _project(tmp_path, 'language = "en-US"\n')
    (article.parent / "editdesk.toml").write_text('language = "auto"\n', encoding="utf-8")
    assert load_config(article).language == "auto"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    article = _project(tmp_path, None)
    (tmp_path / "editdesk.toml").write_text('language = "en-US"\n', encoding="utf-8")
    assert find_config(article) is None
    assert load_config(article).language == "en-GB"


def test_search_continues_above_a_folder_without_git(tmp_path: Path) -> None:
    article = _project(tmp_path, None, git=False)
    (tmp_path / "editdesk.toml").write_text('language = "en-US"\n', encoding="utf-8")
    assert find_config(article) == tmp_path / "editdesk.toml"


def test_config_file_option_replaces_discovery(tmp_path: Path) -> None:
    article = _project(tmp_path, 'language = "en-US"\n')
    other = tmp_path / "other.toml"
    other.write_text('language = "auto"\n', encoding="utf-8")
    config = load_config(article, config_file=other)
    assert config.language == "auto"
    assert tmp_path / "project" / "editdesk.toml" not in config.source_files


def test_user_config_folder_is_a_layer_below_the_project(
    tmp_path: Path, _no_user_config: Path
) -> None:
    (_no_user_config / "editdesk.toml").write_text(
        'disable = ["house:cliches"]\naccepted_words = ["Patrushev"]\n', encoding="utf-8"
    )
    article = _project(tmp_path, 'accepted_words = ["Lavrov"]\nenable = ["house:cliches"]\n')
    config = load_config(article)
    assert config.accepted_words >= {"Patrushev", "Lavrov"}
    assert "house:cliches" not in config.disabled_rules
    assert "house:cliches" in load_config().disabled_rules


def test_disabling_rules_of_both_engines(tmp_path: Path) -> None:
    article = _project(tmp_path, 'disable = ["lt:EN_QUOTES", "house:cliches"]\n')
    config = load_config(article)
    assert config.disabled_rules - load_config().disabled_rules == {"lt:EN_QUOTES", "house:cliches"}
    text = "At the end of the day it was a game changer."
    assert "house:cliches" in _ids(load_config(), text)
    assert "house:cliches" not in _ids(config, text)


def test_accepted_words_inline_and_from_a_file(tmp_path: Path) -> None:
    article = _project(
        tmp_path, 'accepted_words = ["deVries"]\naccepted_words_file = "names.txt"\n'
    )
    (tmp_path / "project" / "names.txt").write_text(
        "# newsroom names\nbell hooks\nmcGregor  # the coach\n\n", encoding="utf-8"
    )
    config = load_config(article)
    assert {"deVries", "bell hooks", "mcGregor"} <= config.accepted_words


def test_accepted_words_keep_a_name_in_a_byline(tmp_path: Path) -> None:
    article = _project(tmp_path, 'accepted_words = ["danah", "boyd"]\n')
    text = "A Story About Networks\n\nBy danah boyd\n\nText follows here."
    assert "house:byline-case" in _ids(load_config(), text)
    assert "house:byline-case" not in _ids(load_config(article), text)


def test_rule_options_and_severity_overrides(tmp_path: Path) -> None:
    toml = """
min_severity = "warning"
[rules."house:sentence-length"]
max_words = 10
[severity]
"house:sentence-length" = "error"
"lt:MORFOLOGIK_RULE_EN_GB" = "warning"
"""
    config = load_config(_project(tmp_path, toml))
    text = "The council met on Tuesday and agreed to raise the budget for all the roads."
    found = HouseStyleChecker(config).check(Article.from_plain_text(text))
    assert [(f.id, f.severity) for f in found] == [("house:sentence-length", Severity.ERROR)]
    assert config.min_severity is Severity.WARNING
    lt = Finding("lt:MORFOLOGIK_RULE_EN_GB", "languagetool", "typos", Severity.ERROR, "x", 0, 1)
    assert config.adjust(lt).severity is Severity.WARNING
    hint = dataclasses.replace(lt, id="lt:SOME_STYLE", severity=Severity.SUGGESTION)
    assert config.adjust(hint) is None  # below min_severity


def test_runner_keeps_a_house_hit_s_own_severity(tmp_path: Path) -> None:
    """A sentence-length notice is a suggestion from the checker and after the runner."""
    from editdesk.core.checks.runner import CheckRunner

    toml = '[rules."house:sentence-length"]\nmax_words = 12\nnotice_words = 8\n'
    config = load_config(_project(tmp_path, toml))
    article = Article.from_plain_text("The council met on Tuesday to agree the budget.")
    found = [f for f in CheckRunner(config).check_house_only(article).findings
             if f.id == "house:sentence-length"]
    assert [f.severity for f in found] == [Severity.SUGGESTION]


def test_preferred_terms_and_phrases_to_avoid_are_added(tmp_path: Path) -> None:
    toml = '[preferred_terms]\n"kick off" = "start"\n[avoid]\n"boots on the ground" = ""\n'
    config = load_config(_project(tmp_path, toml))
    found = HouseStyleChecker(config).check(
        Article.from_plain_text("Talks kick off today with boots on the ground.")
    )
    by_id = {f.id: f for f in found}
    assert by_id["house:preferred-terms"].replacements == ("start",)
    assert by_id["house:cliches"].replacements == ()
    # The shipped terms are still there.
    assert "house:preferred-terms" in _ids(config, "They will utilise it.")


def test_config_is_frozen_and_picklable(tmp_path: Path) -> None:
    config = load_config(_project(tmp_path, '[rules."house:sentence-length"]\nmax_words = 20\n'))
    again = pickle.loads(pickle.dumps(config))
    assert again == config and hash(again.rules) == hash(config.rules)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.language = "en-US"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ("language = ", "not valid TOML"),
        ('langauge = "en-US"', "unknown key 'langauge' (did you mean 'language'?)"),
        ('language = "fr"', "language 'fr' is not one of en-GB, en-US, auto"),
        ('min_severity = "fatal"', "min_severity: 'fatal' is not a severity"),
        (
            'disable = ["house:cliche"]',
            "unknown rule 'house:cliche' (did you mean 'house:cliches'?)",
        ),
        ('disable = ["EN_QUOTES"]', "'EN_QUOTES' is not a rule id"),
        ('disable = "house:cliches"', "disable must be a list of strings"),
        ('[rules."house:sentence-length"]\nmax_word = 3', "has no option 'max_word'"),
        ('[rules."house:sentence-length"]\nmax_words = "3"', "option 'max_words' must be a int"),
        ('[rules."lt:EN_QUOTES"]\nx = 1', "is not a rule id"),
        ('[severity]\n"house:cliches" = "loud"', "is not a severity"),
        ('accepted_words_file = "missing.txt"', "accepted_words_file 'missing.txt' not found"),
    ],
)
def test_bad_config_is_one_line_naming_the_file(tmp_path: Path, toml: str, reason: str) -> None:
    article = _project(tmp_path, toml)
    with pytest.raises(ConfigError) as info:
        load_config(article)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'project' / 'editdesk.toml'}: ")
    assert reason in message


def test_missing_config_file_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file$"):
        load_config(config_file=tmp_path / "nope.toml")


def test_not_utf8_config(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'language = "en-GB"\n# caf\xe9\n')
    with pytest.raises(ConfigError, match="bad.toml: "):
        load_config(config_file=bad)


def test_the_shipped_example_config_is_valid() -> None:
    example = paths.resource("house-style/example-editdesk.toml")
    config = load_config(config_file=example)
    assert config.source_files[-1] == example
    assert config.rule("house:sentence-length").option("max_words") == 30
    assert "lt:EN_QUOTES" in config.disabled_rules
    assert config.severity_overrides["lt:COMMA_COMPOUND_SENTENCE"] == "suggestion"


def test_the_reviewers_initials_come_from_editdesk_toml(tmp_path: Path) -> None:
    article = _project(tmp_path, 'reviewer = "Rita Reviewer"\ninitials = "RiR"\n')
    config = load_config(article)
    assert (config.reviewer, config.initials) == ("Rita Reviewer", "RiR")
    assert load_config().initials == ""
    for n, bad in enumerate(('initials = ""', "initials = 3", 'initials = "ABCDEFGHIJK"')):
        with pytest.raises(ConfigError, match=r"initials must be 1 to 9 characters"):
            load_config(_project(tmp_path / f"bad{n}", bad))
