"""`editdesk check` with the structure engine (CoreNLP): reported in every format, skipped
with one line where it cannot run, required on request, cached per file with the engine in
the key, and recovered (one restart shared by every lane) when a JVM dies mid-batch."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import psutil
import pytest

from editdesk.cli import main

pytestmark = pytest.mark.integration

# "Nair" is a name LanguageTool's speller does not know; CoreNLP tags it PERSON.
TEXT = (
    "Editors Review the Draft\n\n"
    "By Priya Nair\n\n"
    "Nair said the the council could of acted sooner. 😀 Their was no warning.\n"
)


def run_check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write_batch(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i}.txt"
        p.write_text(TEXT.replace("sooner", f"sooner on day {i}"), encoding="utf-8")
        paths.append(p)
    return paths


def shared_install_cache(tmp_path: Path) -> Path:
    """A private cache folder (its own results) sharing the user's installed engines."""
    from editdesk.core import paths

    cache = tmp_path / "cache"
    cache.mkdir()
    for engine in ("languagetool", "corenlp"):
        (cache / engine).symlink_to(paths.cache_dir() / engine)
    return cache


def our_jvms(marker: str) -> list[psutil.Process]:
    return [
        p for p in psutil.process_iter(["cmdline"])
        if marker in " ".join(p.info["cmdline"] or []) and p.pid != os.getpid()
    ]


def test_every_format_says_structure_ran(capsys, tmp_path, lt_url, nlp_url):
    art = write_batch(tmp_path / "in", 1)[0]
    code, out, err = run_check(capsys, str(art), "--server", lt_url, "--format", "json",
                               "--no-cache", "--require", "structure")
    assert code == 1, err
    assert "structure checks skipped" not in err
    doc = json.loads(out)
    (file,) = doc["files"]
    assert file["sources"] == ["house", "languagetool", "structure"]
    structure = doc["engine"]["structure"]
    assert structure["skipped"] is None and structure["id"].startswith("CoreNLP at http://")
    assert "@" not in structure["server"]  # the credential is never reported
    # A recognised name is not a misspelling: at most a suggestion to check it, never an error.
    nair = [f for f in file["findings"] if f["text"] == "Nair"]
    assert all(f["severity"] == "suggestion" for f in nair)

    code, out, _ = run_check(capsys, str(art), "--server", lt_url, "--format", "sarif",
                             "--no-cache")
    run = json.loads(out)["runs"][0]
    assert run["properties"]["engine"]["structure"]["skipped"] is None
    code, out, _ = run_check(capsys, str(art), "--server", lt_url, "--no-cache")
    assert "1 file checked" in out.splitlines()[-1]


def test_structure_engine_unavailable_is_one_line_and_exit_unchanged(
    capsys, tmp_path, lt_url, monkeypatch
):
    from editdesk.engine.server import free_port

    art = write_batch(tmp_path / "in", 1)[0]
    code_off, out_off, _ = run_check(capsys, str(art), "--server", lt_url, "--no-cache",
                                     "--format", "json")
    monkeypatch.delenv("EDITDESK_STRUCTURE")
    dead = f"http://u:p@127.0.0.1:{free_port()}"
    code, out, err = run_check(capsys, str(art), "--server", lt_url, "--nlp-server", dead,
                               "--no-cache", "--format", "json")
    assert code == code_off == 1
    lines = [ln for ln in err.splitlines() if "structure" in ln]
    assert len(lines) == 1 and lines[0].startswith("editdesk: structure checks skipped: ")
    assert "not reachable" in lines[0] and "u:p@" not in err
    doc = json.loads(out)
    assert doc["files"][0]["sources"] == ["house", "languagetool"]
    assert doc["engine"]["structure"]["skipped"]
    assert doc["files"][0]["findings"] == json.loads(out_off)["files"][0]["findings"]
    code, _, err = run_check(capsys, str(art), "--server", lt_url, "--nlp-server", dead,
                             "--no-cache", "--require", "structure")
    assert code == 4 and "--require structure" in err

    # Not installed (an empty cache but for LanguageTool's jars): the same, naming the fix.
    from editdesk.core import paths

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "languagetool").symlink_to(paths.cache_dir() / "languagetool")
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(cache))
    code, _, err = run_check(capsys, str(art), "--server", lt_url, "--no-cache")
    lines = [ln for ln in err.splitlines() if "structure" in ln]
    assert code == 1 and len(lines) == 1
    assert "CoreNLP 4.5.10 is not installed" in lines[0] and "editdesk engine install" in lines[0]


def test_report_cache_knows_the_structure_engine(capsys, tmp_path, lt_url, nlp_url, monkeypatch):
    """A report made without structure checks is not reused once they can run; an
    unchanged archive checked with them is answered from the cache, sending nothing."""
    import editdesk.core.checks.corenlp as corenlp

    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "archive"
    write_batch(folder, 3)
    monkeypatch.setenv("EDITDESK_STRUCTURE", "off")
    _, out, _ = run_check(capsys, str(folder), "--server", lt_url, "--format", "json")
    assert all(f["sources"] == ["house", "languagetool"] for f in json.loads(out)["files"])
    monkeypatch.delenv("EDITDESK_STRUCTURE")
    _, out, _ = run_check(capsys, str(folder), "--server", lt_url, "--format", "json")
    assert all("structure" in f["sources"] for f in json.loads(out)["files"])

    sent: list[str] = []
    real = corenlp.CoreNLPClient.annotate
    monkeypatch.setattr(corenlp.CoreNLPClient, "annotate",
                        lambda self, text: sent.append(text) or real(self, text))
    _, again, _ = run_check(capsys, str(folder), "--server", lt_url, "--format", "json")
    assert json.loads(again)["files"] == json.loads(out)["files"]
    assert sent == []  # every report from the cache: CoreNLP not even asked
    # One edited paragraph: one request, holding that paragraph only (the rest cached).
    edited = (folder / "a1.txt").read_text(encoding="utf-8") + "\nOne more paragraph here.\n"
    (folder / "a1.txt").write_text(edited, encoding="utf-8")
    _, _, _ = run_check(capsys, str(folder), "--server", lt_url, "--format", "json")
    # (After the one-word probe that proves a shared server takes our credential.)
    assert sent == ["Ready?", "One more paragraph here."]


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_languagetool_killed_mid_batch_one_restart_for_all_lanes(capsys, tmp_path, monkeypatch,
                                                                  jobs):
    from editdesk.core.checks.runner import CheckRunner
    from editdesk.engine.session import EngineSession

    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(shared_install_cache(tmp_path)))
    sessions, calls = _kill_at(monkeypatch, EngineSession, CheckRunner, "server")
    paths = write_batch(tmp_path / "in", 8)
    code, out, err = run_check(capsys, *map(str, paths), "--format", "json", "--no-cache",
                               "--jobs", str(jobs))
    doc = json.loads(out)
    assert code == 1, err
    assert len(calls) >= 8
    assert doc["engine"]["restarts"] == 1 and err.count("restarting it once") == 1
    assert [f["status"] for f in doc["files"]] == ["checked"] * 8
    assert all(any(x["id"].startswith("lt:") for x in f["findings"]) for f in doc["files"])
    assert our_jvms(str(tmp_path)) == []


# 1 and 4 lanes: each run starts CoreNLP twice (about half a minute each); the shared-restart
# logic is the one LanguageTool's test above runs with 1, 2 and 4.
@pytest.mark.parametrize("jobs", [1, 4])
def test_corenlp_killed_mid_batch_one_restart_for_all_lanes(capsys, tmp_path, monkeypatch,
                                                             lt_url, jobs):
    from editdesk.core.checks.runner import CheckRunner
    from editdesk.engine.session import EngineSession

    monkeypatch.delenv("EDITDESK_STRUCTURE")
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(shared_install_cache(tmp_path)))
    sessions, _ = _kill_at(monkeypatch, EngineSession, CheckRunner, "nlp_server")
    paths = write_batch(tmp_path / "in", 8)
    code, out, err = run_check(capsys, *map(str, paths), "--server", lt_url, "--format",
                               "json", "--no-cache", "--jobs", str(jobs),
                               "--require", "structure")
    doc = json.loads(out)
    assert code == 1, err
    assert doc["engine"]["structure"]["restarts"] == 1
    assert err.count("CoreNLP stopped") == 1 and "skipped" not in err
    assert [f["status"] for f in doc["files"]] == ["checked"] * 8
    assert all(f["sources"] == ["house", "languagetool", "structure"] for f in doc["files"])
    assert not sessions[0].nlp_server.alive()
    assert our_jvms(str(tmp_path)) == []


def _kill_at(monkeypatch, session_class, runner_class, attribute: str, at: int = 3):
    """SIGKILL the session's ``attribute`` server as the ``at``-th check starts, while
    other lanes may be in the middle of theirs."""
    import threading

    sessions: list = []
    calls: list[int] = []
    lock = threading.Lock()
    real_open, real_check = session_class.open, runner_class.check

    def recording_open(self):
        sessions.append(self)
        return real_open(self)

    def killing_check(self, article, lt=None, **engines):
        with lock:
            calls.append(1)
            kill = len(calls) == at
        if kill:
            process = getattr(sessions[0], attribute).process
            process.send_signal(signal.SIGKILL)
            process.wait()
        return real_check(self, article, lt, **engines)

    monkeypatch.setattr(session_class, "open", recording_open)
    monkeypatch.setattr(runner_class, "check", killing_check)
    return sessions, calls
