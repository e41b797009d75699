"""CoreNLP's heap: --nlp-heap, then EDITDESK_NLP_HEAP, then [engines] corenlp_heap in the
user's editdesk.toml, then the default; a bad value is one line naming where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.cli import main
from editdesk.core.config import ConfigError, load_config
from editdesk.engine import CORENLP, EngineUnavailable
from editdesk.engine.heap import corenlp_heap


@pytest.fixture
def user_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(folder))
    monkeypatch.delenv("EDITDESK_NLP_HEAP", raising=False)
    return folder / "editdesk.toml"


def test_command_line_then_variable_then_file_then_default(user_toml, monkeypatch) -> None:
    assert corenlp_heap() == (CORENLP.default_heap, "default")
    user_toml.write_text('[engines]\ncorenlp_heap = "3g"\n', encoding="utf-8")
    assert corenlp_heap() == ("3g", str(user_toml))
    monkeypatch.setenv("EDITDESK_NLP_HEAP", "2560m")
    assert corenlp_heap() == ("2560m", "EDITDESK_NLP_HEAP")
    assert corenlp_heap("4g") == ("4g", "--nlp-heap")


@pytest.mark.parametrize("value", ['"lots"', '"3 g"', "3", '"0g"', '"-1g"'])
def test_a_bad_heap_in_the_file_is_one_line_naming_it(user_toml, value) -> None:
    user_toml.write_text(f"[engines]\ncorenlp_heap = {value}\n", encoding="utf-8")
    with pytest.raises(EngineUnavailable) as info:
        corenlp_heap()
    message = str(info.value)
    assert str(user_toml) in message and "corenlp_heap" in message and "\n" not in message


def test_a_bad_heap_on_the_command_line_names_the_option(user_toml) -> None:
    with pytest.raises(EngineUnavailable, match="--nlp-heap: '2 gigs'"):
        corenlp_heap("2 gigs")


def test_the_config_loader_accepts_the_table_and_nothing_else_in_it(user_toml) -> None:
    user_toml.write_text('[engines]\ncorenlp_heap = "3g"\n', encoding="utf-8")
    load_config()  # no error: the key belongs to the user file
    user_toml.write_text('[engines]\nlanguagetool_heap = "3g"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[engines\] may hold only corenlp_heap"):
        load_config()


def test_engine_status_reports_the_heap_from_the_file(user_toml, capsys) -> None:
    user_toml.write_text('[engines]\ncorenlp_heap = "3g"\n', encoding="utf-8")
    main(["engine", "status", "--format", "json"])
    import json

    engines = {e["name"]: e for e in json.loads(capsys.readouterr().out)["engines"]}
    assert engines["CoreNLP"]["heap"] == "3g"


@pytest.mark.integration
def test_check_starts_corenlp_with_the_heap_from_the_file(user_toml, tmp_path, lt_url,
                                                           capsys, monkeypatch) -> None:
    # More than any machine has: the memory check refuses it before a JVM starts, naming it.
    monkeypatch.delenv("EDITDESK_STRUCTURE")
    user_toml.write_text('[engines]\ncorenlp_heap = "9000g"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n", encoding="utf-8")
    assert main(["check", str(article), "--server", lt_url, "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "structure checks skipped: too little memory for CoreNLP" in err
    assert "its heap of 9000g" in err
    main(["check", str(article), "--server", lt_url, "--no-cache", "--nlp-heap", "9001g"])
    assert "its heap of 9001g" in capsys.readouterr().err
