"""``editdesk doctor`` and ``editdesk --version``."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from editdesk import __version__, doctor
from editdesk.cli import main
from editdesk.engine.specs import CORENLP, LANGUAGETOOL

NAMES = ["python", "java", "engine:languagetool", "engine:corenlp", "config", "cache",
         "repository", "desktop"]


def _doctor_json(capsys, *extra: str) -> tuple[int, dict]:
    code = main(["doctor", "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def _by_name(report: dict) -> dict[str, dict]:
    return {c["name"]: c for c in report["checks"]}


def test_version_is_the_package_metadata_version(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"editdesk {importlib.metadata.version('editdesk')} ")
    assert __version__ == importlib.metadata.version("editdesk")
    assert "LanguageTool 6.8" in out and "CoreNLP 4.5.10" in out


def test_doctor_on_this_machine_finds_everything_installed(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    code, report = _doctor_json(capsys)
    checks = _by_name(report)
    assert list(checks) == NAMES
    assert code == 0 and report["ok"] is True, report
    lt = checks["engine:languagetool"]
    assert lt["status"] in ("ok", "warn") and lt["details"]["installed"] is True
    assert lt["details"]["cache_size"] > 50_000_000  # the 101 MB of LanguageTool jars
    assert 0 < lt["details"]["memory_needed"] < lt["details"]["memory_total"]
    assert checks["java"]["details"]["version"]
    assert checks["cache"]["details"]["size"] >= lt["details"]["cache_size"]
    assert checks["desktop"]["status"] == "warn"  # nothing in this temporary XDG folder


def test_an_empty_cache_fails_for_languagetool_and_warns_for_corenlp(capsys, tmp_path,
                                                                     monkeypatch) -> None:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    code, report = _doctor_json(capsys)
    checks = _by_name(report)
    assert code == 1 and report["ok"] is False
    assert checks["engine:languagetool"]["status"] == "fail"
    assert checks["engine:languagetool"]["fix"] == "editdesk engine install --engine languagetool"
    assert checks["engine:corenlp"]["status"] == "warn"
    assert "skipped" in checks["engine:corenlp"]["summary"]
    main(["doctor"])
    text = capsys.readouterr().out
    assert "FAIL  engine:languagetool" in text
    assert "fix: editdesk engine install --engine languagetool" in text


def test_no_java_says_how_to_get_it_here_and_elsewhere(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    code, report = _doctor_json(capsys)
    java = _by_name(report)["java"]
    assert code == 1 and java["status"] == "fail"
    assert java["fix"].startswith("install Java 17+: ")
    assert set(java["details"]["install"]) == {"debian", "fedora", "macos", "windows"}
    if doctor.os_family() == "debian":
        assert "apt install default-jre-headless" in java["fix"]
    # An engine that is installed still cannot start without Java.
    assert "cannot start without Java" in _by_name(report)["engine:languagetool"]["summary"]


@pytest.mark.parametrize(
    ("platform_name", "release", "family"),
    [
        ("linux", {"ID": "ubuntu", "ID_LIKE": "debian"}, "debian"),
        ("linux", {"ID": "fedora"}, "fedora"),
        ("linux", {"ID": "rocky", "ID_LIKE": "rhel centos fedora"}, "fedora"),
        ("darwin", {}, "macos"),
        ("win32", {}, "windows"),
    ],
)
def test_os_family_picks_the_java_instructions(monkeypatch, platform_name, release, family):
    monkeypatch.setattr(doctor.sys, "platform", platform_name)
    monkeypatch.setattr(doctor.platform, "freedesktop_os_release", lambda: release)
    assert doctor.os_family() == family
    assert family in doctor.JAVA_INSTALL


def test_a_broken_user_config_is_named(capsys, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "editdesk.toml").write_text('langauge = "en-US"\n')
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(config))
    code, report = _doctor_json(capsys)
    check = _by_name(report)["config"]
    assert code == 1 and check["status"] == "fail"
    assert str(config / "editdesk.toml") in check["summary"] and "langauge" in check["summary"]


def test_a_machine_too_small_for_an_engine_fails_it(monkeypatch) -> None:
    small = SimpleNamespace(total=1 << 30, available=1 << 29)
    monkeypatch.setattr(doctor.psutil, "virtual_memory", lambda: small)
    check = doctor.check_engine(CORENLP, needed=False, java_ok=True, start=False)
    if not check.details["installed"]:
        pytest.skip("CoreNLP is not installed here")
    assert check.status == "warn" and "too small" in check.summary
    check = doctor.check_engine(LANGUAGETOOL, needed=True, java_ok=True, start=False)
    assert check.status == "fail" and "needs ~1.5 GiB of 0.5 GiB available" in check.summary


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("java") is None, reason="no java")
def test_doctor_start_really_starts_languagetool_and_stops_it() -> None:
    check = doctor.check_engine(LANGUAGETOOL, needed=True, java_ok=True, start=True)
    assert check.status in ("ok", "warn"), check.summary
    started = check.details["start"]
    assert started["seconds"] > 0 and Path(started["log"]).is_file()
    assert "started in" in check.summary
