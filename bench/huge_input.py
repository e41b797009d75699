"""How large an article `editdesk check` handles, and how fast the over-budget
inputs are refused, on this machine against a private LanguageTool.

    .venv/bin/python bench/huge_input.py [--words 5000,20000,50000,95000] [--jobs N]

For each size: one generated news article of that many words, checked with
`editdesk check --server URL --no-cache` (the whole command: start-up, reading,
house style, LanguageTool, report), its wall time and peak resident memory, and
raw LanguageTool posting the same text in the same 50,000-character requests
on as many threads as EditDesk has lanes. Then the largest article checked within a minute, and the
refusal time and memory of a 10 MB .txt of a million paragraphs, the same as
DOCX, and a 19 MB prose .txt.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SENTENCES, _vary  # noqa: E402

from editdesk.core.checks.languagetool import MAX_REQUEST_CHARS  # noqa: E402
from editdesk.engine import LanguageToolServer, install  # noqa: E402

EDITDESK = Path(sys.executable).with_name("editdesk")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def editdesk_default_jobs() -> int:
    """The lanes `editdesk check` uses without --jobs (one before it had a default)."""
    try:
        from editdesk.cli.check import default_jobs
    except ImportError:
        return 1
    return default_jobs()


def article(path: Path, words: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        para = " ".join(_vary(rng.choice(SENTENCES), rng) for _ in range(3))
        paragraphs.append(para)
        count += len(para.split())
    path.write_text("Town News, Long Edition\n\n" + "\n\n".join(paragraphs) + "\n",
                    encoding="utf-8")
    return path


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (bytes, polled), exit code and stderr of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, ps.memory_info().rss)
        time.sleep(0.05)
    err = proc.stderr.read() if proc.stderr else ""
    return time.perf_counter() - started, peak, proc.returncode, err


def raw_languagetool(url: str, text: str, lanes: int) -> float:
    paragraphs = text.split("\n\n")
    chunks, current = [], ""
    for p in paragraphs:
        if current and len(current) + len(p) + 2 > MAX_REQUEST_CHARS:
            chunks.append(current)
            current = p
        else:
            current = f"{current}\n\n{p}" if current else p
    chunks.append(current)
    local = threading.local()

    def post(c: str) -> None:
        http = getattr(local, "http", None) or requests.Session()
        local.http = http
        http.post(f"{url}/v2/check", data={"language": "en-GB", "text": c},
                  timeout=600).raise_for_status()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=lanes) as pool:
        list(pool.map(post, chunks))
    return time.perf_counter() - started


def million_files(folder: Path) -> list[Path]:
    txt = folder / "million.txt"
    txt.write_text("Go on.\n\n" * 1_000_000, encoding="utf-8")
    body = "<w:p><w:r><w:t>Go on.</w:t></w:r></w:p>" * 1_000_000
    docx = folder / "million.docx"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}'
                   "</w:body></w:document>")
    prose = article(folder / "prose19.txt", 2_850_000)  # about 19 MB, under the byte limit
    return [txt, docx, prose]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", default="5000,20000,50000,95000")
    ap.add_argument("--jobs", default=None, help="--jobs for editdesk (default: its own)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.words.split(",")]
    lanes = int(args.jobs) if args.jobs else editdesk_default_jobs()
    install()
    with tempfile.TemporaryDirectory(prefix="editdesk-huge-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, EDITDESK_CACHE_DIR=str(folder / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        server = LanguageToolServer(settings={"cacheSize": "0"})
        server.start()
        rows = []
        try:
            url = server.url
            warm = article(folder / "warm.txt", 2000, seed=1)
            raw_languagetool(url, warm.read_text("utf-8"), lanes)
            for words in sizes:
                path = article(folder / f"a{words}.txt", words)
                raw = raw_languagetool(url, path.read_text("utf-8"), lanes)
                cmd = [str(EDITDESK), "check", str(path), "--server", url, "--no-cache",
                       "--format", "json", "--fail-on", "never",
                       *(["--jobs", args.jobs] if args.jobs else [])]
                seconds, peak, code, err = run_measured(cmd, env)
                if code != 0:
                    raise SystemExit(f"editdesk check failed ({code}): {err.strip()}")
                rows.append((words, path.stat().st_size, seconds, raw, peak))
                print(f"... {words:,} words: editdesk {seconds:.1f} s, raw {raw:.1f} s, "
                      f"peak {peak / 2**20:.0f} MB", flush=True)
            refusals = []
            for path in million_files(folder):
                cmd = [str(EDITDESK), "check", str(path), "--server", url, "--no-cache",
                       "--fail-on", "never"]
                seconds, peak, code, err = run_measured(cmd, env)
                refusals.append((path.name, path.stat().st_size, seconds, peak, code,
                                 err.strip().splitlines()[-1] if err.strip() else ""))
        finally:
            server.stop()

    print(f"{os.cpu_count()} cores; {lanes} lane(s) on both sides; LanguageTool cache off; "
          "editdesk = the whole command")
    print(f"{'words':>8} {'bytes':>10} {'editdesk':>9} {'raw LT':>8} {'ratio':>6} {'peak RSS':>9}")
    for words, size, seconds, raw, peak in rows:
        print(f"{words:>8,} {size:>10,} {seconds:>8.1f}s {raw:>7.1f}s {seconds / raw:>5.2f}x "
              f"{peak / 2**20:>7.0f}MB")
    within = [r for r in rows if r[2] <= 60]
    if within:
        best = max(within, key=lambda r: r[0])
        print(f"largest article checked within 60 s: {best[0]:,} words "
              f"({best[0] / best[2] * 60:,.0f} words per minute at that size)")
    for name, size, seconds, peak, code, line in refusals:
        print(f"{name} ({size / 2**20:.0f} MB): exit {code} in {seconds:.2f} s, "
              f"peak {peak / 2**20:.0f} MB: {line}")


if __name__ == "__main__":
    main()
