"""Concurrent ``editdesk signoff`` runs on one article, and saves killed with SIGKILL:
no run told "recorded" is missing from the sidecar, and nothing is left behind."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review import comments, load_review, save_review, sidecar_path, syncing
from editdesk.core.review.locking import lock_path

TEXT = "The council met on Tuesday. It agreed the budgget after a short debate.\n"
CLI = "import sys; from editdesk.cli import main; sys.exit(main())"
RUNS = 10


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EDITDESK_CONFIG_DIR": str(tmp_path / "config"),
        "EDITDESK_CACHE_DIR": str(tmp_path / "cache"),
    }


def checked_article(tmp_path: Path) -> Path:
    """An article whose review is already checked, so signoff starts no engine."""
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    review = load_review(path, Article.from_plain_text(TEXT, path))
    start = TEXT.index("budgget")
    finding = Finding("lt:MORFOLOGIK_RULE_EN_GB", "languagetool", "TYPOS", Severity.WARNING,
                      "Possible spelling mistake found.", start, start + 7, ("budget",))
    syncing.sync_findings(review, [with_fingerprint(finding, TEXT)])
    save_review(review, path)
    return path


def signoff(path: Path, editor: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "signoff", str(path), "--editor", editor,
         "--decision", "changes-requested", "--note", f"note of {editor}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def editors_on_disk(path: Path) -> list[str]:
    data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    return [s["editor"] for s in data["signoffs"]]


def leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name not in (path.name, sidecar_path(path).name))


def test_ten_concurrent_signoffs_are_all_recorded(tmp_path, env):
    path = checked_article(tmp_path)
    expected: list[str] = []
    for round_ in range(3):
        procs = {f"ed{round_}-{i}": signoff(path, f"ed{round_}-{i}", env) for i in range(RUNS)}
        for editor, proc in procs.items():
            out, err = proc.communicate(timeout=120)
            if proc.returncode == 0:
                assert "recorded in" in out, (out, err)
                expected.append(editor)
            else:  # a run that could not record must say so, in one line, non-zero
                assert "recorded in" not in out
                assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        on_disk = editors_on_disk(path)
        assert sorted(on_disk) == sorted(expected)  # every "recorded" is there, once
    assert len(expected) == 3 * RUNS  # none had to give up: the merge combined them
    assert leftovers(path) == []


def test_kill_9_during_signoffs_loses_no_recorded_one_and_leaves_no_temp(tmp_path, env):
    path = checked_article(tmp_path)
    rng = random.Random(10)
    recorded: list[str] = []
    started: set[str] = set()
    for round_ in range(4):
        procs = {f"k{round_}-{i}": signoff(path, f"k{round_}-{i}", env) for i in range(RUNS)}
        started |= set(procs)
        time.sleep(rng.uniform(0.2, 0.8))
        victims = rng.sample(sorted(procs), 4)
        for editor in victims:
            procs[editor].send_signal(signal.SIGKILL)
        for editor, proc in procs.items():
            out, _ = proc.communicate(timeout=120)
            if proc.returncode == 0 and "recorded in" in out:
                recorded.append(editor)
        on_disk = editors_on_disk(path)  # always a whole, readable sidecar
        assert set(recorded) <= set(on_disk) <= started
        assert len(on_disk) == len(set(on_disk))
    # a killed save may have left its temp file; the next save removes it
    review = load_review(path, Article.from_plain_text(TEXT, path))
    comments.add_comment(review, 0, 3, "after the storm", "Ana")
    save_review(review, path)
    assert leftovers(path) == []


KILLED_SAVE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from editdesk.core.article import Article
    from editdesk.core.review import comments, load_review, save_review
    path = Path(sys.argv[1])
    text = path.read_text(encoding="utf-8")
    review = load_review(path, Article.from_plain_text(text, path))
    comments.add_comment(review, 0, 3, "never saved", "Killed")
    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(60)
    os.fsync = slow_fsync
    save_review(review, path)
""")


def test_save_killed_while_writing_keeps_the_old_sidecar_and_frees_the_lock(tmp_path, env):
    path = checked_article(tmp_path)
    before = sidecar_path(path).read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(path)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    temps = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and lock_path(sidecar_path(path)).exists()
    proc.kill()
    proc.wait()
    assert sidecar_path(path).read_bytes() == before
    assert temps[0].exists()  # what SIGKILL leaves behind ...
    out = subprocess.run(
        [sys.executable, "-c", CLI, "signoff", str(path), "--editor", "Ben",
         "--decision", "changes-requested"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert out.returncode == 0, out.stderr  # the dead writer's lock went with it
    assert not temps[0].exists() and leftovers(path) == []  # ... the next save removes
    assert editors_on_disk(path) == ["Ben"]
    assert "never saved" not in sidecar_path(path).read_text(encoding="utf-8")
