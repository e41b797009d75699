"""Benchmark the structure checks (CoreNLP) on this machine, in one run.

    .venv/bin/python bench/structure_speed.py [--files 25] [--sentences 30] [--rounds 3] [--jobs 2]
        [--warm-up 3] [--one-thread-too]

Prints
- the structure checks on a warm CoreNLP server (parse + rules, no cache): words/s, with
  the sentences the rules read parsed (as every surface does), every sentence parsed, and
  none (the tagging alone);
- the whole `editdesk check --no-cache` with all three checkers (house style, LanguageTool,
  structure) against raw LanguageTool alone (POST each file), same batch, same number of
  concurrent requests (``--jobs``), same servers: the ratio; and the same with every
  structure rule that reads the parse disabled (tagging alone: the least it can cost);
- the CoreNLP server's resident memory after the runs;
- with ``--one-thread-too``, the structure checks again with one thread per request (as
  before the tagger, recogniser and parser were asked to share a request's sentences
  among the cores: ``corenlp.thread_properties``), in the same rounds, and the load average.
Both servers are private ones started here; LanguageTool's sentence cache is off so that
every round does the real work. The order alternates between rounds; medians are shown.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import add_batch_options, make_articles  # noqa: E402
from timed_check import raw_languagetool, timed_check  # noqa: E402

from editdesk.core.checks.corenlp import (  # noqa: E402
    ANNOTATORS,
    CoreNLPClient,
    thread_properties,
)
from editdesk.core.config import load_config  # noqa: E402
from editdesk.core.readers import read_article  # noqa: E402
from editdesk.engine import CORENLP, CoreNLPServer, LanguageToolServer, install  # noqa: E402


def structure_only(
    client: CoreNLPClient, articles: list, jobs: int, parse: str = "needed"
) -> float:
    """The structure checks over ``articles``; ``parse``: which sentences get a dependency
    parse: "needed" (those the rules read, as every surface does), "all", or "none" (the
    tagging alone: the least any structure check can cost)."""
    from editdesk.core.checks.structure import StructureChecker

    checker = StructureChecker(load_config())
    needs = {"needed": checker.needs_parse, "all": None, "none": lambda tagged: ()}[parse]

    def one(article) -> None:
        checker.check(article, client.parse(article, needs), "en-GB")

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, articles))
    return time.perf_counter() - started


def editdesk_check(lt: str, nlp: str, folder: Path, cache: Path, jobs: int) -> tuple[float, dict]:
    return timed_check(
        [str(folder), "--server", lt, "--nlp-server", nlp, "--no-cache", "--jobs", str(jobs),
         "--require", "structure", "--lang", "en-GB"],
        cache, {"EDITDESK_STRUCTURE": None},
    )


def tagging_only_folder(folder: Path, paths: list[Path]) -> Path:
    """A copy of the batch whose editdesk.toml disables every structure rule that reads the
    dependency parse: `editdesk check` there parses no sentence (tagging only)."""
    from editdesk.core.checks.structure.doc import no_sentences
    from editdesk.core.checks.structure.kinds import NEEDS

    config = load_config()
    reading = [r.id for r in config.structure_rules
               if r.kind not in NEEDS or NEEDS[r.kind](r) is not no_sentences]
    folder.mkdir(parents=True)
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "editdesk.toml").write_text(f"disable = {json.dumps(reading)}\n", "utf-8")
    return folder


class CpuMeter:
    """CPU seconds a step costs: both servers' and this process's and its children's (the
    `editdesk check` subprocess). On a shared machine wall clock swings with the other
    load; the CPU a step needs swings far less, and on 2 busy cores it is what the wall
    clock of the whole check adds up from."""

    def __init__(self, pids: dict[str, int | None]) -> None:
        self.procs = {k: psutil.Process(p) for k, p in pids.items() if p}

    def read(self) -> dict[str, float]:
        out = {k: sum(p.cpu_times()[:2]) for k, p in self.procs.items()}
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        out["python"] = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
        return out

    def since(self, before: dict[str, float]) -> dict[str, float]:
        now = self.read()
        return {k: now[k] - before[k] for k in now}


def rss(pid: int) -> int:
    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_batch_options(ap)
    ap.add_argument("--one-thread-too", action="store_true",
                    help="also time the structure checks with one thread per request")
    args = ap.parse_args()

    install()
    install(spec=CORENLP)
    with tempfile.TemporaryDirectory(prefix="editdesk-bench-") as tmp:
        folder = Path(tmp) / "articles"
        paths = make_articles(folder, args.files, args.sentences)
        articles = [read_article(p) for p in paths]
        words = sum(a.words() for a in articles)
        lt = LanguageToolServer(settings={"cacheSize": "0"})
        nlp = CoreNLPServer()
        try:
            t0 = time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                started = [pool.submit(lt.start, warm_up=["en-GB"]),
                           pool.submit(nlp.start, warm_up=[ANNOTATORS])]
                for f in started:
                    f.result()
            startup = time.perf_counter() - t0
            user, password = nlp.credentials
            nlp_url = nlp.url.replace("http://", f"http://{user}:{password}@", 1)
            client = CoreNLPClient(nlp.url, auth=nlp.credentials, private=True)
            single = CoreNLPClient(nlp.url, auth=nlp.credentials, private=True, threads=1)
            # JIT warm-up for every side: both JVMs keep getting faster over the first
            # few batches (CoreNLP's tagging by half over five), so each side does the
            # whole batch --warm-up times before anything is timed.
            for _ in range(args.warm_up):
                structure_only(client, articles, args.jobs, "all")
                raw_languagetool(lt.url, paths, "en-GB", args.jobs)
            editdesk_check(lt.url, nlp_url, folder, Path(tmp) / "warm", args.jobs)
            tagging = tagging_only_folder(Path(tmp) / "tagging-only", paths)
            structure, raw, whole, one_thread, paired = [], [], [], [], []
            every, untouched, floor = [], [], []
            report: dict = {}
            loads = [os.getloadavg()[0]]
            meter = CpuMeter({"languagetool": lt.pid, "corenlp": nlp.pid})
            cpu: dict[int, list[dict[str, float]]] = {k: [] for k in range(6)}
            for n in range(args.rounds):
                cache = Path(tmp) / f"round-{n}"
                order = [0, 1, 2, 3, 4, 5] if n % 2 == 0 else [5, 4, 3, 2, 1, 0]
                for step in order:
                    before = meter.read()
                    if step == 0:
                        structure.append(structure_only(client, articles, args.jobs))
                    elif step == 1:
                        raw.append(raw_languagetool(lt.url, paths, "en-GB", args.jobs))
                    elif step == 2:
                        seconds, report = editdesk_check(lt.url, nlp_url, folder, cache,
                                                         args.jobs)
                        whole.append(seconds)
                    elif step == 3:
                        every.append(structure_only(client, articles, args.jobs, "all"))
                    elif step == 4:
                        untouched.append(structure_only(client, articles, args.jobs, "none"))
                    else:
                        floor.append(editdesk_check(lt.url, nlp_url, tagging,
                                                    Path(tmp) / f"floor-{n}", args.jobs)[0])
                    cpu[step].append(meter.since(before))
                loads.append(os.getloadavg()[0])
            nlp_rss = rss(nlp.pid) if nlp.pid else 0
            lt_rss = rss(lt.pid) if lt.pid else 0
            if args.one_thread_too:  # after the memory: its pipeline loads a second model set
                structure_only(single, articles[:3], args.jobs)
                for _ in range(args.rounds):
                    one_thread.append(structure_only(single, articles, args.jobs))
                    paired.append(structure_only(client, articles, args.jobs))
                loads.append(os.getloadavg()[0])
        finally:
            lt.stop()
            nlp.stop()

    s, r, w = (statistics.median(x) for x in (structure, raw, whole))
    e, u, f = (statistics.median(x) for x in (every, untouched, floor))
    structure_findings = sum(
        1 for f in report["files"] for x in f["findings"] if x["id"].startswith("structure:")
    )
    print(f"files: {args.files} x {args.sentences} sentences, {words} words; "
          f"{os.cpu_count()} cores; --jobs {args.jobs}; median of {args.rounds} rounds; "
          f"load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"CoreNLP request options:                 {thread_properties() or 'one thread'}")
    print(f"both servers started (in parallel):      {startup:6.1f} s")
    print(f"structure checks, warm server, no cache: {s:6.2f} s   {words / s:6.0f} words/s"
          "  (the sentences the rules read parsed)")
    print(f"  every sentence parsed:                 {e:6.2f} s   {words / e:6.0f} words/s")
    print(f"  no sentence parsed (tagging alone):    {u:6.2f} s   {words / u:6.0f} words/s")
    print(f"raw LanguageTool alone (POST each file): {r:6.2f} s")
    print(f"editdesk check, all three checkers:      {w:6.2f} s   {w / r:.2f}x raw LanguageTool"
          f"  ({report['summary']['findings']} findings, {structure_findings} structure:)")
    print(f"  rules reading the parse disabled:      {f:6.2f} s   {f / r:.2f}x raw LanguageTool"
          "  (tagging alone: the least a check with CoreNLP costs)")
    if one_thread:
        o, p = statistics.median(one_thread), statistics.median(paired)
        print(f"  one thread per request, paired rounds: {o:6.2f} s   {words / o:6.0f} words/s"
              f"  (against {p:.2f} s with threads: {o / p:.2f}x)")
    names = {0: "structure checks (rules' sentences)", 1: "raw LanguageTool",
             2: "editdesk check, all three", 3: "every sentence parsed",
             4: "tagging alone", 5: "check, parse-reading rules off"}
    print("CPU seconds per step (median; languagetool / corenlp / python = this process and"
          " the check's subprocess):")
    for step, name in names.items():
        parts = {k: statistics.median(c[k] for c in cpu[step]) for k in cpu[step][0]}
        total = sum(parts.values())
        print(f"  {name:36s} {total:6.2f} s = "
              + " + ".join(f"{k} {v:.2f}" for k, v in parts.items()))
    print(f"CoreNLP server resident memory:          {nlp_rss / 2**20:6.0f} MiB (heap "
          f"{CORENLP.default_heap})")
    print(f"LanguageTool server resident memory:     {lt_rss / 2**20:6.0f} MiB")


if __name__ == "__main__":
    main()
