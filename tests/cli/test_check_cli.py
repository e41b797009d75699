"""`editdesk check` end to end, in-process, against the real LanguageTool server."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from editdesk.cli import main

pytestmark = pytest.mark.integration

GOOD = "The council met on Tuesday. It agreed the budget after a short debate.\n"
BAD = (
    "Storm Clears Coast Road\n\n"
    "by sam jones\n\n"
    "The the council said it could of acted sooner. 😀 Their was no warning.\n"
)


def run_check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.md").write_text(BAD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    bomb = folder / "broken.docx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("not-word.xml", "<x/>")
    (folder / "ignored.png").write_bytes(b"\x89PNG")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


def test_json_batch_reports_every_file_and_never_writes_inputs(capsys, batch, lt_url):
    before = snapshot(batch)
    code, out, err = run_check(capsys, str(batch), "--server", lt_url, "--format", "json")
    assert code == 3  # some input could not be read; the rest still checked
    assert snapshot(batch) == before  # nothing written to or beside the inputs
    doc = json.loads(out)
    assert doc["schema"] == "editdesk.check/1"
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert set(by_name) == {"good.txt", "bad.md", "empty.txt", "binary.txt", "broken.docx"}
    for name in ("empty.txt", "binary.txt", "broken.docx"):
        assert by_name[name]["status"] == "failed"
        assert by_name[name]["error"] and "\n" not in by_name[name]["error"]
        assert name in err  # one stderr line names the file
    bad = by_name["bad.md"]
    assert bad["status"] == "checked" and bad["words"] > 10
    text = (batch / "bad.md").read_text(encoding="utf-8")
    for f in bad["findings"]:
        assert f["text"] == text[f["start"] : f["end"]]
        assert f["severity"] in {"error", "warning", "suggestion"}
        assert f["id"].split(":")[0] in {"lt", "house"}
    ids = {f["id"] for f in bad["findings"]}
    assert any(i.startswith("lt:") for i in ids)
    assert any(i.startswith("house:") for i in ids)
    assert doc["summary"]["failed"] == 3


def test_text_format_and_fail_on(capsys, tmp_path, lt_url):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, _ = run_check(capsys, str(good), "--server", lt_url)
    assert code == 0, out
    assert "1 file checked" in out

    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    code, out, _ = run_check(capsys, str(bad), "--server", lt_url, "--fail-on", "error")
    assert code == 1
    first = out.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path == str(bad) and int(line) >= 1 and int(col) >= 1
    assert rest.split()[0] in {"error", "warning", "suggestion"}
    code, _, _ = run_check(capsys, str(bad), "--server", lt_url, "--fail-on", "never")
    assert code == 0


def test_sarif_has_stable_fingerprints(capsys, tmp_path, lt_url):
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    _, out1, _ = run_check(capsys, str(bad), "--server", lt_url, "--format", "sarif",
                           "--fail-on", "never")
    bad.write_text("An unrelated new opening line.\n\n" + BAD, encoding="utf-8")
    _, out2, _ = run_check(capsys, str(bad), "--server", lt_url, "--format", "sarif",
                           "--fail-on", "never")
    runs1, runs2 = json.loads(out1)["runs"][0], json.loads(out2)["runs"][0]
    assert json.loads(out1)["version"] == "2.1.0"
    prints1 = {r["partialFingerprints"]["editdesk/v1"] for r in runs1["results"]}
    prints2 = {r["partialFingerprints"]["editdesk/v1"] for r in runs2["results"]}
    assert prints1 and prints1 <= prints2
    rule_ids = {r["id"] for r in runs1["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in runs1["results"]} <= rule_ids


def test_cache_makes_no_languagetool_calls_the_second_time(capsys, tmp_path, lt_url, monkeypatch):
    import requests

    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    art = tmp_path / "a.txt"
    art.write_text(BAD, encoding="utf-8")
    checks: list[str] = []
    real_post = requests.post

    def counting_post(url, *a, **k):
        text = (k.get("data") or {}).get("text", "")
        # The one tiny version probe per run ("Hello.") is not an article check.
        if "/check" in str(url) and text != "Hello.":
            checks.append(text)
        return real_post(url, *a, **k)

    monkeypatch.setattr(requests, "post", counting_post)
    code1, out1, _ = run_check(capsys, str(art), "--server", lt_url, "--format", "json")
    assert len(checks) >= 1
    checks.clear()
    code2, out2, _ = run_check(capsys, str(art), "--server", lt_url, "--format", "json")
    assert checks == []
    assert json.loads(out1)["files"][0]["findings"] == json.loads(out2)["files"][0]["findings"]
    assert code1 == code2
    # Reported from the cache, the server's version is still its version, not its build date.
    assert json.loads(out1)["engine"]["version"] == json.loads(out2)["engine"]["version"]
    checks.clear()
    run_check(capsys, str(art), "--server", lt_url, "--format", "json", "--no-cache")
    assert len(checks) >= 1


def test_usage_and_missing_files(capsys, tmp_path, lt_url):
    code, _, err = run_check(capsys, str(tmp_path / "nope.txt"), "--server", lt_url)
    assert code == 3 and "nope.txt" in err
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", "x.txt"])
    assert exc.value.code == 2


def test_unreachable_server_exits_4_with_one_line(capsys, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    code, out, err = run_check(capsys, str(art), "--server", "http://127.0.0.1:9")
    assert code == 4
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "127.0.0.1:9" in lines[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(capsys, tmp_path, lt_url):
    art = tmp_path / "locked.txt"
    art.write_text(GOOD, encoding="utf-8")
    art.chmod(0)
    code, _, err = run_check(capsys, str(art), "--server", lt_url)
    assert code == 3 and "locked.txt" in err


def test_unchanged_batch_is_reported_from_cache_without_starting_java(
    capsys, tmp_path, lt_url, monkeypatch
):
    """The default (private server) path: a second run over unchanged files answers
    from the cache before any engine is started; a changed file is checked again."""
    import editdesk.cli.batch as batch
    from editdesk.engine.session import EngineSession

    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(batch, "installed_engine_id", lambda: "LanguageTool test-install")
    real_open = EngineSession.open
    opened: list[int] = []

    def open_shared_server(self):  # stands in for starting a private JVM
        opened.append(1)
        self.server_url = lt_url
        return real_open(self)

    monkeypatch.setattr(EngineSession, "open", open_shared_server)
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(BAD.replace("sooner", f"sooner {n}"), "utf-8")
    code1, out1, _ = run_check(capsys, str(folder), "--format", "json")
    assert opened == [1]
    opened.clear()
    code2, out2, _ = run_check(capsys, str(folder), "--format", "json")
    assert opened == []  # nothing to check: no engine started
    files1, files2 = json.loads(out1)["files"], json.loads(out2)["files"]
    assert files1 == files2 and code1 == code2 == 1
    (folder / "a1.txt").write_text(BAD + "\nOne more paragraph.\n", "utf-8")
    _, out3, _ = run_check(capsys, str(folder), "--format", "json")
    assert opened == [1]
    assert json.loads(out3)["files"][1]["words"] > files1[1]["words"]


def test_private_server_killed_mid_run_is_restarted_once(capsys, tmp_path, monkeypatch):
    """No --server: check starts its own JVM. Kill it between two files; the run
    restarts it once, re-checks, reports every file and leaves no JVM behind."""
    import signal

    import psutil

    from editdesk.core.checks.runner import CheckRunner
    from editdesk.engine.session import EngineSession

    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(_shared_install_cache(tmp_path)))
    sessions: list[EngineSession] = []
    real_open, real_check = EngineSession.open, CheckRunner.check

    def recording_open(self):
        sessions.append(self)
        return real_open(self)

    calls: list[int] = []

    def killing_check(self, article, lt=None, **engines):
        calls.append(1)
        if len(calls) == 2:  # the JVM dies just before the second file
            sessions[0].server.process.send_signal(signal.SIGKILL)
            sessions[0].server.process.wait()
        return real_check(self, article, lt, **engines)

    monkeypatch.setattr(EngineSession, "open", recording_open)
    monkeypatch.setattr(CheckRunner, "check", killing_check)
    for n in range(3):
        (tmp_path / f"f{n}.txt").write_text(BAD, encoding="utf-8")
    code, out, err = run_check(capsys, *(str(tmp_path / f"f{n}.txt") for n in range(3)),
                               "--format", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 1, err
    assert doc["engine"]["restarts"] == 1 and "restarting it once" in err
    assert [f["status"] for f in doc["files"]] == ["checked"] * 3
    assert all(any(x["id"].startswith("lt:") for x in f["findings"]) for f in doc["files"])
    ours = [
        p for p in psutil.process_iter(["cmdline"])
        if str(tmp_path) in " ".join(p.info["cmdline"] or []) and p.pid != os.getpid()
    ]
    assert ours == []  # neither the killed JVM nor its replacement is left running


def _shared_install_cache(tmp_path: Path) -> Path:
    """A private cache folder that shares the user's installed LanguageTool jars."""
    from editdesk.core import paths

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "languagetool").symlink_to(paths.cache_dir() / "languagetool")
    return cache
