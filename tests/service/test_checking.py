"""service.checking: the one place a review is checked, through the engine session,
with the checkers it has up; their sources go into the review."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.core.article import Article
from editdesk.core.config import Config
from editdesk.core.review import syncing
from editdesk.engine.session import EngineSession
from editdesk.service.checking import (
    SnapshotChecker,
    check_for_export,
    check_review,
    needs_check,
    sync,
)
from editdesk.service.engine_address import EngineAddress
from editdesk.service.house_style import house_style_for, review_config
from editdesk.service.opening import open_review

TEXT = "The council said it could of acted sooner. Mr Zorblat was not asked.\n"
NOBODY = "http://127.0.0.1:9"  # the discard port: nothing listens on loopback


pytestmark = pytest.mark.usefixtures("isolated")


def write(folder: Path, text: str = TEXT) -> Path:
    path = folder / "story.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_review_config_adds_what_the_editor_switched_off_in_this_review(tmp_path) -> None:
    opened = open_review(write(tmp_path))
    syncing.ignore_rule(opened.review, "house:redundancies")
    syncing.accept_word(opened.review, "Zorblat")
    config = review_config(Config(disabled_rules={"lt:EN_QUOTES"}), opened.review)
    assert config.disabled_rules == {"lt:EN_QUOTES", "house:redundancies"}
    assert "Zorblat" in config.accepted_words


@pytest.mark.integration
def test_a_review_is_checked_with_the_checkers_up_and_records_them(tmp_path, lt_url) -> None:
    path = write(tmp_path)
    opened = open_review(path)
    config = house_style_for(path, language="en-GB")
    result = check_review(opened.article, opened.review, config, EngineSession(lt_url))
    assert result.lt_error is None
    assert result.sources == ("house", "languagetool")
    assert any(f.id.startswith("lt:") for f in result.findings)
    assert needs_check(opened.review)
    sync(opened.review, result)
    assert opened.review.checked_with == ["house", "languagetool"]
    assert not needs_check(opened.review)
    assert (
        check_for_export(opened.article, opened.review, config, EngineSession(lt_url), wanted=True)
        is None
    )  # current: the export uses the review's own findings


@pytest.mark.integration
def test_words_accepted_in_the_review_are_not_flagged_again(tmp_path, lt_url) -> None:
    path = write(tmp_path)
    opened = open_review(path)
    config = house_style_for(path, language="en-GB")

    def flagged_words() -> set[str]:
        result = check_review(opened.article, opened.review, config, EngineSession(lt_url))
        return {opened.review.text[f.start : f.end] for f in result.findings}

    assert "Zorblat" in flagged_words()
    syncing.accept_word(opened.review, "Zorblat")
    assert "Zorblat" not in flagged_words()


def test_without_an_engine_house_style_runs_alone_and_says_why(tmp_path) -> None:
    path = write(tmp_path, "The plan was very unique.\n")
    opened = open_review(path)
    config = house_style_for(path, language="en-GB")
    result = check_review(opened.article, opened.review, config, EngineSession(NOBODY))
    assert result.sources == ("house",)
    assert result.lt_error and "127.0.0.1:9" in result.lt_error
    assert result.findings and all(f.id.startswith("house:") for f in result.findings)
    sync(opened.review, result)
    assert opened.review.checked_with == ["house"]
    assert needs_check(opened.review)  # a sign-off checks again, with LanguageTool


def test_an_export_checks_only_when_findings_are_wanted_and_not_current(tmp_path) -> None:
    path = write(tmp_path, "The plan was very unique.\n")
    opened = open_review(path)
    config = house_style_for(path, language="en-GB")
    engines = EngineSession(NOBODY)
    assert check_for_export(opened.article, opened.review, config, engines, wanted=False) is None
    result = check_for_export(opened.article, opened.review, config, engines, wanted=True)
    assert result is not None and result.findings
    assert opened.review.findings == []  # the export's check leaves the review as it was


@pytest.mark.integration
def test_the_app_worker_checks_snapshots_through_the_same_place(tmp_path, lt_url) -> None:
    article = Article.from_plain_text(TEXT, write(tmp_path))
    config = house_style_for(tmp_path / "story.txt", language="en-GB")
    checker = SnapshotChecker()
    with_lt = checker.check(article, config, EngineAddress(languagetool=lt_url))
    assert with_lt.sources == ("house", "languagetool") and with_lt.lt_error is None
    house_only = checker.check(article, config, EngineAddress())  # the engine is not up yet
    assert house_only.sources == ("house",) and house_only.lt_error is None
    assert {f.id for f in house_only.findings} < {f.id for f in with_lt.findings}
    down = checker.check(article, config, EngineAddress(languagetool=NOBODY))
    assert down.sources == ("house",) and "127.0.0.1:9" in (down.lt_error or "")
