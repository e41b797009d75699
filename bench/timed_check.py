"""What the speed benchmarks share: raw LanguageTool (each file POSTed whole) and one timed
`editdesk check --format json` run, so that every ratio compares the same two things."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

EDITDESK = Path(sys.executable).with_name("editdesk")


def raw_languagetool(url: str, paths: Sequence[Path], language: str, lanes: int = 1) -> float:
    """Seconds to POST each file whole, ``lanes`` at a time (one requests session per thread)."""
    local = threading.local()

    def post(p: Path) -> None:
        http = getattr(local, "http", None) or requests.Session()
        local.http = http
        r = http.post(
            f"{url}/v2/check", data={"language": language, "text": p.read_text("utf-8")},
            timeout=300,
        )
        r.raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=lanes) as pool:
        list(pool.map(post, paths))
    return time.perf_counter() - started


def timed_check(
    args: Sequence[str], cache: Path, env: Mapping[str, str | None] | None = None
) -> tuple[float, dict]:
    """Seconds and the JSON report of `editdesk check ARGS --format json --fail-on never`,
    with its own cache folder; ``env`` adds variables (None removes one)."""
    run_env = dict(os.environ, EDITDESK_CACHE_DIR=str(cache))
    # As on a user's machine: Python keeps compiled bytecode (this sandbox turns it off).
    run_env.pop("PYTHONDONTWRITEBYTECODE", None)
    for key, value in (env or {}).items():
        if value is None:
            run_env.pop(key, None)
        else:
            run_env[key] = value
    started = time.perf_counter()
    out = subprocess.run(
        [str(EDITDESK), "check", *args, "--format", "json", "--fail-on", "never"],
        capture_output=True, text=True, env=run_env, check=False,
    )
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"editdesk check failed ({out.returncode}): {out.stderr.strip()}")
    return seconds, json.loads(out.stdout)
