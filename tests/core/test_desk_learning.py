"""core.desk: tallies, the demotion threshold, the desk's words, and a demoted finding
as the checks give it (pure logic: no store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.runner import CheckRunner
from editdesk.core.config import ConfigError, load_config
from editdesk.core.desk import (
    Demotion,
    DeskSettings,
    DeskView,
    RuleTally,
    WordTally,
    demote,
    desk_view,
    history_line,
    lower_severity,
)
from editdesk.core.desk.history import DEMOTED_NOTE, tallies_from_counts
from editdesk.core.findings import Finding, Severity


def tally(accepted: int, rejected: int, ignored: int = 0, rule: str = "lt:X") -> RuleTally:
    return RuleTally(rule, "languagetool", accepted, rejected, ignored)


@pytest.mark.parametrize(
    ("accepted", "rejected", "ignored", "demoted"),
    [
        (4, 16, 0, True),  # 20 decisions, 80% exactly
        (4, 10, 6, True),  # ignores count against the rule too
        (5, 15, 0, False),  # 75%
        (3, 16, 0, False),  # 84% but only 19 decisions
        (0, 19, 0, False),  # 100% of 19
        (0, 20, 0, True),
        (20, 80, 0, True),  # 100 decisions at 80%
        (21, 79, 0, False),  # 79%
    ],
)
def test_default_threshold_is_80_percent_over_at_least_20(accepted, rejected, ignored, demoted):
    assert tally(accepted, rejected, ignored).demoted_by(DeskSettings()) is demoted


def test_thresholds_come_from_the_settings() -> None:
    t = tally(3, 7)  # 10 decisions, 70%
    assert not t.demoted_by(DeskSettings())
    assert t.demoted_by(DeskSettings(demote_after=10, demote_rate=0.7))
    assert not t.demoted_by(DeskSettings(demote_after=11, demote_rate=0.7))
    assert not t.demoted_by(DeskSettings(demote_after=10, demote_rate=0.71))
    assert not t.demoted_by(DeskSettings(demote_after=10, demote_rate=0.7, never_demote={"lt:X"}))


def test_view_demotes_only_rules_over_the_threshold_and_takes_words_seen_often() -> None:
    tallies = [tally(2, 18, rule="lt:A"), tally(10, 10, rule="lt:B"), tally(0, 5, rule="lt:C")]
    words = [WordTally("Nair", 3), WordTally("Zorblat", 1)]
    view = desk_view(tallies, words, DeskSettings())
    assert [d.rule for d in view.demotions] == ["lt:A"]
    assert view.words == {"Nair"}
    assert view.key
    assert desk_view(tallies, words, DeskSettings(accept_words_after=1)).words == {
        "Nair", "Zorblat"}
    assert desk_view(tallies, words, DeskSettings(learn=False)) == DeskView()
    assert DeskView().key == ""


def test_tallies_from_counts_sum_per_rule() -> None:
    rows = [("lt:A", "languagetool", "accepted", 2), ("lt:A", "languagetool", "ignored", 3),
            ("house:b", "house", "rejected", 1), ("lt:A", "languagetool", "open", 9)]
    by_rule = {t.rule: t for t in tallies_from_counts(rows)}
    assert by_rule["lt:A"] == RuleTally("lt:A", "languagetool", 2, 0, 3)
    assert by_rule["house:b"].rejection_rate == 1.0
    assert by_rule["lt:A"].total == 5


def test_demotion_lowers_one_severity_and_says_so() -> None:
    assert lower_severity(Severity.ERROR) is Severity.WARNING
    assert lower_severity(Severity.WARNING) is Severity.SUGGESTION
    assert lower_severity(Severity.SUGGESTION) is Severity.SUGGESTION
    f = Finding("lt:X", "languagetool", "grammar", Severity.ERROR, "Possible typo.", 0, 3,
                fingerprint="abc")
    d = demote(f, Demotion("lt:X", 17, 20))
    assert d.severity is Severity.WARNING and d.demoted_from is Severity.ERROR
    assert d.message.startswith("Possible typo. [")
    assert DEMOTED_NOTE in d.message and "17 of 20" in d.message
    assert d.fingerprint == f.fingerprint  # decisions on it still match
    suggestion = Finding("lt:X", "languagetool", "style", Severity.SUGGESTION, "m", 0, 1)
    assert demote(suggestion, Demotion("lt:X", 20, 20)) is suggestion


def test_card_line() -> None:
    assert history_line(None) == ""
    assert history_line(tally(3, 17)) == "desk history: editors rejected this rule 17 of 20 times"
    assert history_line(tally(1, 0)) == "desk history: editors accepted this rule 1 of 1 time"


def test_the_runner_applies_a_demotion_then_the_threshold(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    config = load_config(None)
    article = Article.from_plain_text("He saw the the dog.\n")
    plain = CheckRunner(config).check_house_only(article).findings
    repeated = [f for f in plain if f.id == "house:repeated-word"]
    assert repeated and repeated[0].severity is Severity.ERROR

    from dataclasses import replace

    demoted = replace(config, desk_view=DeskView((Demotion("house:repeated-word", 18, 20),)))
    found = [f for f in CheckRunner(demoted).check_house_only(article).findings
             if f.id == "house:repeated-word"]
    assert found[0].severity is Severity.WARNING
    assert found[0].demoted_from is Severity.ERROR
    assert DEMOTED_NOTE in found[0].message

    above = replace(demoted, min_severity=Severity.ERROR)
    assert not [f for f in CheckRunner(above).check_house_only(article).findings
                if f.id == "house:repeated-word"]


def test_desk_settings_from_editdesk_toml(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "editdesk.toml").write_text(
        'desk_folder = "shared/desk"\n'
        "[desk]\nlearn = true\ndemote_after = 5\ndemote_rate = 0.6\n"
        'accept_words_after = 3\nnever_demote = ["lt:EN_QUOTES"]\n',
        encoding="utf-8",
    )
    desk = load_config(tmp_path / "a.txt").desk
    assert desk.folder == (tmp_path / "shared" / "desk").resolve()
    assert (desk.demote_after, desk.demote_rate, desk.accept_words_after) == (5, 0.6, 3)
    assert desk.never_demote == {"lt:EN_QUOTES"}


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ("[desk]\ndemote_after = 0\n", "demote_after must be a whole number"),
        ("[desk]\ndemote_rate = 1.5\n", "demote_rate must be a number above 0"),
        ("[desk]\nlearn = 1\n", "learn must be true or false"),
        ("[desk]\ndemote_afterr = 3\n", "no setting 'demote_afterr'"),
        ("desk_folder = 3\n", "desk_folder must be a folder name"),
        ('[desk]\nnever_demote = "lt:X"\n', "never_demote must be a list"),
    ],
)
def test_bad_desk_settings_are_one_line_errors(tmp_path: Path, monkeypatch, toml, reason) -> None:
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    config = tmp_path / "editdesk.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "a.txt")
    assert str(info.value).startswith(f"{config}: ") and reason in str(info.value)
    assert "\n" not in str(info.value)
