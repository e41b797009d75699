"""Benchmark `editdesk check` against posting the same files straight to the
same LanguageTool server, on this machine, in the same run.

    .venv/bin/python bench/check_overhead.py [--files 25] [--sentences 30] [--rounds 3]

Prints the batch overhead ratio (EditDesk / raw LanguageTool, cache off) for one
lane (``--jobs 1`` against a raw client posting one file at a time) and for
EditDesk's default ``--jobs`` (against a raw client with as many threads), the
cached re-check speed-up, words per second and the server's resident memory.
The server's sentence cache is off and the order alternates between rounds,
so neither side gains from the other's work; medians are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_articles  # noqa: E402
from timed_check import raw_languagetool, timed_check  # noqa: E402

from editdesk.cli.check import default_jobs  # noqa: E402
from editdesk.engine import LanguageToolServer, install  # noqa: E402


def editdesk_check(url: str | None, folder: Path, cache: Path, *extra: str) -> tuple[float, dict]:
    """One `editdesk check` run; ``url`` None means its own private server."""
    # LanguageTool's overhead alone: the structure checks are measured by structure_speed.py.
    return timed_check(
        [str(folder), *(["--server", url] if url else []), *extra], cache,
        {"EDITDESK_STRUCTURE": "off"},
    )


def link_install(cache: Path) -> None:
    """Point a fresh cache folder at the installed LanguageTool (results stay apart)."""
    from editdesk.core import paths

    source = paths.cache_dir() / "languagetool"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "languagetool").symlink_to(source, target_is_directory=True)


def server_rss(server: LanguageToolServer) -> int:
    proc = psutil.Process(server.pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=25)
    ap.add_argument("--sentences", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--language", default="en-GB")
    args = ap.parse_args()

    install()
    with tempfile.TemporaryDirectory(prefix="editdesk-bench-") as tmp:
        folder = Path(tmp) / "articles"
        paths = make_articles(folder, args.files, args.sentences)
        # The server's own sentence cache off: every round makes it do the real work,
        # as a first check of new copy does, whichever side goes first.
        server = LanguageToolServer(settings={"cacheSize": "0"})
        t0 = time.perf_counter()
        server.start()
        startup = time.perf_counter() - t0
        try:
            url = server.url
            raw_languagetool(url, paths[:2], args.language)  # JIT warm-up for both sides
            editdesk_check(url, folder, Path(tmp) / "warm", "--no-cache")  # and bytecode
            lanes_default = default_jobs()
            times: dict[tuple[str, int], list[float]] = {}
            report: dict = {}
            for n in range(args.rounds):
                for lanes in dict.fromkeys((1, lanes_default)):
                    cache = Path(tmp) / f"nocache-{n}-{lanes}"
                    jobs = ("--jobs", str(lanes))
                    sides = ["raw", "editdesk"] if n % 2 == 0 else ["editdesk", "raw"]
                    for side in sides:
                        if side == "raw":
                            seconds = raw_languagetool(url, paths, args.language, lanes)
                        else:
                            seconds, report = editdesk_check(url, folder, cache, "--no-cache",
                                                             "--lang", args.language, *jobs)
                        times.setdefault((side, lanes), []).append(seconds)
            cache = Path(tmp) / "cache"
            fill, _ = editdesk_check(url, folder, cache, "--lang", args.language)
            cached = [editdesk_check(url, folder, cache, "--lang", args.language)[0]
                      for _ in range(args.rounds)]
            rss = server_rss(server)
        finally:
            server.stop()
        # The default path: no --server, so each run starts its own JVM when it has work.
        # The jars are shared, so the install is the one already in the user's cache.
        private_cache = Path(tmp) / "private"
        link_install(private_cache)
        private_cold, _ = editdesk_check(None, folder, private_cache, "--lang", args.language)
        private_hot = statistics.median(
            editdesk_check(None, folder, private_cache, "--lang", args.language)[0]
            for _ in range(args.rounds)
        )

    med = {k: statistics.median(v) for k, v in times.items()}
    ed = med[("editdesk", lanes_default)]
    hot = statistics.median(cached)
    words = report["summary"]["words"]
    findings = report["summary"]["findings"]
    print(f"files: {args.files} x {args.sentences} sentences, {words} words, "
          f"{findings} findings; {os.cpu_count()} cores; median of {args.rounds} rounds")
    print(f"server start-up:                     {startup:6.1f} s")
    for lanes in dict.fromkeys((1, lanes_default)):
        r, e = med[("raw", lanes)], med[("editdesk", lanes)]
        what = "--jobs 1" if lanes == 1 else f"default jobs={lanes}"
        print(f"raw LanguageTool, {lanes} thread(s):        {r:6.2f} s")
        print(f"editdesk check --no-cache {what:<10} {e:6.2f} s   overhead {e / r:.2f}x")
    print(f"editdesk check, cache filled:        {fill:6.2f} s")
    print(f"editdesk check, unchanged re-check:  {hot:6.2f} s   speed-up {ed / hot:.1f}x")
    print(f"private server, first run:           {private_cold:6.2f} s   (JVM start included)")
    print(f"private server, unchanged re-check:  {private_hot:6.2f} s   speed-up "
          f"{private_cold / private_hot:.1f}x (no JVM started)")
    print(f"throughput (no cache):               {words / ed:6.0f} words/s")
    print(f"server resident memory:              {rss / 2**20:6.0f} MiB")


if __name__ == "__main__":
    main()
