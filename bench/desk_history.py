"""What desk history costs: recording a decision (as the app and the CLI do, one
connection, lock and commit per decision), two processes recording at once, and
applying the history to a 1,000-finding report.

    .venv/bin/python bench/desk_history.py [--decisions 500] [--history 20000] [--rounds 5]

Everything runs in a temporary data folder (EDITDESK_DATA_DIR); nothing else is
touched. The report part: a store of ``--history`` decisions over 200 rules (a
quarter of them demoted) and 500 accepted words; the time to read it into a
check's config (``with_desk_history``), and the time ``Config.adjust`` takes over
1,000 findings with and without the demotions, beside the house-style check of the
article those findings came from (the cheapest checker: the ratio is an upper bound
on what history adds to a real check, which also waits for LanguageTool).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RULES = 200


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def recording(n: int) -> dict[str, float]:
    from editdesk.core.desk import DeskSettings
    from editdesk.service.desk_history import DecisionRecord, DeskStore

    store = DeskStore.for_settings(DeskSettings())
    times = []
    for i in range(n):
        started = time.perf_counter()
        store.record(DecisionRecord("bench-article", f"k{i}", f"lt:RULE_{i % RULES}",
                                    "languagetool", "rejected"))
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(n):
        store.forget("bench-article", f"k{i}")
    forget = (time.perf_counter() - started) / n
    return {"record_ms_median": _median_ms(times), "record_ms_p95": sorted(times)[int(n * .95)]
            * 1000, "reopen_ms_mean": forget * 1000}


WRITER = """
import sys, time
from editdesk.service.desk_history import DecisionRecord, DeskStore
from editdesk.core.desk import DeskSettings
name, n = sys.argv[1], int(sys.argv[2])
store = DeskStore.for_settings(DeskSettings())
sys.stdout.write("ready\\n"); sys.stdout.flush(); sys.stdin.readline()
t = time.perf_counter()
for i in range(n):
    store.record(DecisionRecord(name, f"k{i}", "lt:X", "languagetool", "rejected"))
print(time.perf_counter() - t)
"""


def two_writers(n: int) -> dict[str, float]:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, name, str(n)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for name in ("w1", "w2")]
    for p in procs:
        p.stdout.readline()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    seconds = [float(p.communicate(timeout=600)[0].strip()) for p in procs]
    from editdesk.core.desk import DeskSettings
    from editdesk.service.desk_history import DeskStore

    tally = next(t for t in DeskStore.for_settings(DeskSettings()).tallies() if t.rule == "lt:X")
    return {"two_writers_ms_per_decision": max(seconds) / n * 1000,
            "two_writers_recorded": tally.total, "two_writers_expected": 2 * n}


def fill_history(total: int) -> None:
    from editdesk.core.desk import DeskSettings
    from editdesk.service.desk_history import DecisionRecord, DeskStore

    store = DeskStore.for_settings(DeskSettings())
    records = []
    for i in range(total):
        rule = f"lt:RULE_{i % RULES}" if i % 5 else "house:repeated-word"
        demoted = (i % RULES) < RULES // 4 or rule.startswith("house:")
        decision = "rejected" if demoted or i % 3 == 0 else "accepted"
        records.append(DecisionRecord(f"a{i // 50}", f"k{i}", rule, "languagetool", decision))
    for w in range(500):
        records.append(DecisionRecord("w1", f"w{w}", "lt:MORFOLOGIK_RULE_EN_GB", "languagetool",
                                      "ignored", f"Name{w}"))
        records.append(DecisionRecord("w2", f"w{w}", "lt:MORFOLOGIK_RULE_EN_GB", "languagetool",
                                      "ignored", f"Name{w}"))
    store.record(*records)


def applying(rounds: int) -> dict[str, float]:
    from editdesk.core.article import Article
    from editdesk.core.checks.runner import CheckRunner
    from editdesk.core.config import load_config
    from editdesk.service.desk_history import with_desk_history

    config = load_config(None)
    text = "\n\n".join(f"Paragraph {i}: he saw the the dog near the park." for i in range(1000))
    article = Article.from_plain_text(text + "\n")
    runner = CheckRunner(config)
    house_times, findings = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        findings = runner.house.check(article, config.language)
        house_times.append(time.perf_counter() - started)
    findings = findings[:1000]
    assert len(findings) == 1000, len(findings)

    read_times = []
    for _ in range(rounds):
        started = time.perf_counter()
        learnt, problem = with_desk_history(config)
        read_times.append(time.perf_counter() - started)
    assert not problem and learnt.desk_view.demotions

    def adjust_all(cfg) -> float:
        started = time.perf_counter()
        out = [cfg.adjust(f) for f in findings]
        assert len(out) == 1000
        return time.perf_counter() - started

    plain = [adjust_all(config) for _ in range(rounds)]
    demoting = [adjust_all(learnt) for _ in range(rounds)]
    demoted = sum(1 for f in findings if (g := learnt.adjust(f)) and g.demoted_from)
    house_ms = _median_ms(house_times)
    history_ms = _median_ms(read_times) + _median_ms(demoting) - _median_ms(plain)
    return {
        "read_history_ms": _median_ms(read_times),
        "adjust_1000_plain_ms": _median_ms(plain),
        "adjust_1000_with_history_ms": _median_ms(demoting),
        "demoted_of_1000": demoted,
        "desk_words": len(learnt.desk_view.words),
        "demoted_rules": len(learnt.desk_view.demotions),
        "house_check_ms": house_ms,
        "history_over_house_check": history_ms / house_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=500)
    parser.add_argument("--history", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as folder:
        os.environ["EDITDESK_DATA_DIR"] = folder
        os.environ["EDITDESK_CONFIG_DIR"] = str(Path(folder) / "config")
        results: dict[str, float] = {}
        results.update(recording(args.decisions))
        results.update(two_writers(args.decisions))
        fill_history(args.history)
        results.update(applying(args.rounds))
    load = os.getloadavg()[0]
    print(f"desk history bench (load average {load:.1f}, {os.cpu_count()} cores)")
    for key, value in results.items():
        print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    ok = results["two_writers_recorded"] == results["two_writers_expected"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
