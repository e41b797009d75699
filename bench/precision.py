"""Precision of EditDesk's checks beside LanguageTool alone, on other people's writing.

    .venv/bin/python bench/precision.py [--corpora ../shared/corpora] [--server URL]
        [--nlp-server URL | --no-structure] [--checkers lt,house,structure] [--check-args ARGS]
        [--limit N] [--out docs/precision.md]
        [--baseline bench/precision-baseline.json] [--save-baseline] [--dump FILE.json]

Corpora (each skipped with a note where absent, see ../shared/corpora/README.md):

- edited-news/bbc (en-GB) and edited-news/reuters (en-US, with bench/wire-editdesk.toml,
  a wire desk's settings that accept "mln dlrs pct"): edited, published copy, so nearly
  every flag is a false alarm. Flags per 1,000 words, by rule and severity.
- jfleg-dev (en-US): learner sentences. The share of erroneous sentences (src.txt where
  erroneous.json is 1) flagged, against the share of corrected sentences (ref0.txt)
  flagged, at error+warning. Each sentence is its own file, so no article-wide rule
  (consistency, echo across sentences) links two learners' sentences.

EditDesk is run as a user runs it, `editdesk check --format json --server URL --no-cache`,
so every checker takes part, the structure checks included (`--require structure`: a run
where CoreNLP did not answer fails instead of measuring less); `--checkers` keeps only
some, by id prefix; `--check-args` passes more options on. LanguageTool alone is the same
server with its default rules, given the same files and the same language: every match it
returns is a flag (it has no severities). One private LanguageTool server serves both
sides (or `--server URL`), one private CoreNLP server every `editdesk check` (or
`--nlp-server URL`; `--no-structure` measures without it).

Names are counted per article and distinct name (case-folded): how many names got a
finding, and how many of those got more than one (LanguageTool's spelling flag, the
policy's "check this name", structure:check-name and structure:name-variants are several
mechanisms: one name problem should be one finding).

Writes the per-rule tables to docs/precision.md; with `--baseline` the summary shows
those figures as "before"; `--save-baseline` writes this run's figures there instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from editdesk.core.readers import read_article

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EDITDESK = Path(sys.executable).with_name("editdesk")
FLAGGING = ("error", "warning")
SEVERITIES = ("error", "warning", "suggestion")


@dataclass(frozen=True)
class NewsCorpus:
    name: str
    folder: str
    language: str
    config: Path | None = None


NEWS = (
    NewsCorpus("bbc", "edited-news/bbc", "en-GB"),
    NewsCorpus("reuters", "edited-news/reuters", "en-US", HERE / "wire-editdesk.toml"),
)
JFLEG = "jfleg-dev"
JFLEG_LANGUAGE = "en-US"


# -- running both sides -------------------------------------------------------------------


EXTRA_ARGS: list[str] = []  # --check-args: passed on to every `editdesk check`
REUSE: list[Path] = []  # --reuse-answers DIR: the cache folder kept between runs


def drop_cached_reports(cache: Path) -> None:
    """Keep the engines' answers (LanguageTool's matches, CoreNLP's parses: what the rules
    read) but not whole-file reports, so a changed rule or policy is measured."""
    db = cache / "results" / "languagetool.sqlite3"
    if db.is_file():
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM results WHERE matches LIKE '[{\"records\"%'")


def editdesk_check(
    url: str, paths: list[Path], language: str, config: Path | None, home: Path
) -> dict[str, dict[str, Any]]:
    """path -> the file's editdesk.check/1 entry, from one `editdesk check` run."""
    cache = REUSE[0] if REUSE else home / "cache"
    if REUSE:
        drop_cached_reports(cache)
    env = dict(
        os.environ,
        EDITDESK_CACHE_DIR=str(cache),
        EDITDESK_CONFIG_DIR=str(home / "config"),  # no user settings leak in
        EDITDESK_STATE_DIR=str(home / "state"),
    )
    files: dict[str, dict[str, Any]] = {}
    batch = 400  # paths go on the command line, in batches a command line can take
    for i in range(0, len(paths), batch):
        command = [
            str(EDITDESK), "check", *map(str, paths[i : i + batch]),
            "--server", url, *([] if REUSE else ["--no-cache"]),
            "--format", "json", "--fail-on", "never",
            "--lang", language, "--jobs", "2",
            *(["--config", str(config)] if config else []), *EXTRA_ARGS,
        ]
        out = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if out.returncode != 0:
            raise SystemExit(f"editdesk check failed ({out.returncode}): {out.stderr.strip()}")
        for entry in json.loads(out.stdout)["files"]:
            files[str(Path(entry["path"]).resolve())] = entry
    return files


def languagetool_alone(url: str, texts: list[str], language: str) -> list[list[dict[str, Any]]]:
    """The raw server's matches for each text (default rules)."""

    def post(text: str) -> list[dict[str, Any]]:
        r = requests.post(
            f"{url}/v2/check", data={"language": language, "text": text}, timeout=300
        )
        r.raise_for_status()
        return r.json()["matches"]

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(post, texts))


def keep(finding_id: str, checkers: frozenset[str] | None) -> bool:
    return checkers is None or finding_id.split(":", 1)[0] in checkers


def is_name_finding(f: dict[str, Any], text: str) -> bool:
    """A finding about a name: a "check this name" or name-variant finding, or a spelling
    flag on a capitalised word."""
    if f["category"] == "names" or f["id"].startswith("structure:name"):
        return True
    rule = f["id"].removeprefix("lt:")
    spelling = rule.startswith("MORFOLOGIK_") or "SPELLING_RULE" in rule
    return spelling and text[f["start"] : f["start"] + 1].isupper()


# -- measuring ----------------------------------------------------------------------------


@dataclass
class NewsResult:
    name: str
    language: str
    files: int = 0
    words: int = 0
    # rule id -> severity -> count (EditDesk); rule id -> count (LanguageTool alone)
    editdesk: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    alone: Counter[str] = field(default_factory=Counter)
    name_checks: int = 0  # suggestions of category "names" ("check this name")
    names: int = 0  # (article, distinct name) pairs with at least one finding on the name
    names_repeated: int = 0  # ... with more than one finding: one problem reported twice
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def per_k(self, n: float) -> float:
        return 1000 * n / self.words if self.words else 0.0

    def editdesk_total(self, severities: Iterable[str]) -> int:
        return sum(c[s] for c in self.editdesk.values() for s in severities)

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "words": self.words,
            "editdesk_error_warning_per_k": round(self.per_k(self.editdesk_total(FLAGGING)), 2),
            "editdesk_error_per_k": round(self.per_k(self.editdesk_total(["error"])), 2),
            "editdesk_warning_per_k": round(self.per_k(self.editdesk_total(["warning"])), 2),
            "editdesk_suggestion_per_k": round(self.per_k(self.editdesk_total(["suggestion"])), 2),
            "editdesk_name_checks_per_k": round(self.per_k(self.name_checks), 2),
            "languagetool_alone_per_k": round(self.per_k(sum(self.alone.values())), 2),
            "names_flagged": self.names,
            "names_with_several_findings": self.names_repeated,
        }


def context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def run_news(
    corpus: NewsCorpus, root: Path, url: str, home: Path, limit: int | None,
    checkers: frozenset[str] | None,
) -> NewsResult | None:
    folder = root / corpus.folder
    paths = sorted(folder.glob("*.txt"))[:limit] if folder.is_dir() else []
    if not paths:
        print(f"skip {corpus.name}: {folder} not found", file=sys.stderr)
        return None
    result = NewsResult(corpus.name, corpus.language, files=len(paths))
    articles = [read_article(p) for p in paths]
    result.words = sum(a.word_count for a in articles)
    checked = editdesk_check(url, paths, corpus.language, corpus.config, home / corpus.name)
    for path, article in zip(paths, articles, strict=True):
        on_names: dict[str, list[str]] = defaultdict(list)
        for f in checked[str(path.resolve())]["findings"]:
            if keep(f["id"], checkers):
                if is_name_finding(f, article.text):
                    on_names[article.text[f["start"] : f["end"]].casefold()].append(
                        f"{f['id']} {f['severity']}")
                result.editdesk[f["id"]][f["severity"]] += 1
                result.name_checks += f["category"] == "names"
                if len(result.examples[f["id"]]) < 400:
                    where = context(article.text, f["start"], f["end"])
                    result.examples[f["id"]].append(f"{path.name} {f['severity']}: {where}")
        result.names += len(on_names)
        for name, found in on_names.items():
            if len(found) > 1:
                result.names_repeated += 1
                result.examples["(a name with several findings)"].append(
                    f"{path.name}: {name}: {', '.join(found)}")
    for matches in languagetool_alone(url, [a.text for a in articles], corpus.language):
        result.alone.update(f"lt:{m['rule']['id']}" for m in matches)
    return result


@dataclass
class JflegResult:
    sentences: int = 0
    erroneous: int = 0
    # side -> which set -> number of sentences flagged
    flagged: dict[str, dict[str, int]] = field(default_factory=dict)
    # rule id -> (erroneous sources flagged, corrected sentences flagged), EditDesk at E+W
    rules: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    alone_rules: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # which set -> one row per sentence: the sentence, EditDesk's rules with their
    # severities, LanguageTool alone's rules (for --dump)
    sentences_seen: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def share(self, side: str, which: str) -> float:
        total = self.erroneous if which == "erroneous" else self.sentences
        return self.flagged[side][which] / total if total else 0.0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sentences": self.sentences, "erroneous": self.erroneous}
        for side in self.flagged:
            for which in ("erroneous", "corrected"):
                out[f"{side}_{which}_flagged"] = round(self.share(side, which), 4)
        return out


def run_jfleg(
    root: Path, url: str, home: Path, limit: int | None, checkers: frozenset[str] | None
) -> JflegResult | None:
    folder = root / JFLEG
    if not (folder / "src.txt").is_file():
        print(f"skip jfleg: {folder} not found", file=sys.stderr)
        return None
    src = (folder / "src.txt").read_text("utf-8").splitlines()[:limit]
    ref = (folder / "ref0.txt").read_text("utf-8").splitlines()[:limit]
    erroneous = json.loads((folder / "erroneous.json").read_text("utf-8"))[:limit]
    result = JflegResult(len(src), sum(1 for e in erroneous if e))
    sets = {"erroneous": [s for s, e in zip(src, erroneous, strict=True) if e], "corrected": ref}
    ed = {"erroneous": 0, "corrected": 0, "all": 0}
    alone = {"erroneous": 0, "corrected": 0}
    for which, sentences in sets.items():
        work = home / f"jfleg-{which}"
        work.mkdir(parents=True, exist_ok=True)
        paths = []
        for n, sentence in enumerate(sentences):
            p = work / f"{n:04d}.txt"
            p.write_text(sentence + "\n", encoding="utf-8")
            paths.append(p)
        checked = editdesk_check(url, paths, JFLEG_LANGUAGE, None, home / f"ed-{which}")
        column = 0 if which == "erroneous" else 1
        for p, sentence in zip(paths, sentences, strict=True):
            findings = [f for f in checked[str(p.resolve())]["findings"] if keep(f["id"], checkers)]
            flagging = [f for f in findings if f["severity"] in FLAGGING]
            ed[which] += bool(flagging)
            if which == "erroneous":
                ed["all"] += bool(findings)
            for rule in {f["id"] for f in flagging}:
                result.rules[rule][column] += 1
            if which == "corrected":
                for f in flagging:
                    if len(result.examples[f["id"]]) < 200:
                        result.examples[f["id"]].append(
                            f"{f['severity']}: {context(sentence, f['start'], f['end'])}"
                        )
        rows = [
            {"text": sentence, "editdesk": sorted(
                f"{f['id']} {f['severity']}" for f in checked[str(p.resolve())]["findings"]
                if keep(f["id"], checkers))}
            for p, sentence in zip(paths, sentences, strict=True)
        ]
        result.sentences_seen[which] = rows
        for row, matches in zip(rows, languagetool_alone(url, sentences, JFLEG_LANGUAGE),
                                strict=True):
            row["alone"] = sorted(f"lt:{m['rule']['id']}" for m in matches)
            alone[which] += bool(matches)
            for rule in {m["rule"]["id"] for m in matches}:
                result.alone_rules[f"lt:{rule}"][column] += 1
    result.flagged = {"editdesk": {k: ed[k] for k in ("erroneous", "corrected")},
                      "languagetool_alone": alone}
    return result


# -- the report ---------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def summary_lines(
    news: list[NewsResult], jfleg: JflegResult | None, before: dict[str, Any] | None
) -> list[str]:
    b_news = (before or {}).get("news", {})
    lines = [
        "| corpus | words | EditDesk error+warning /1k | EditDesk suggestions /1k "
        "| of which name checks | names flagged (with several findings) "
        "| LanguageTool alone /1k |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in news:
        s = r.summary()
        was = b_news.get(r.name)
        ew = _fmt(s["editdesk_error_warning_per_k"])
        sg = _fmt(s["editdesk_suggestion_per_k"])
        if was:
            ew = f"{_fmt(was['editdesk_error_warning_per_k'])} → **{ew}**"
            sg = f"{_fmt(was['editdesk_suggestion_per_k'])} → **{sg}**"
        lines.append(
            f"| {r.name} ({r.language}, {r.files} files) | {r.words:,} | {ew} | {sg} "
            f"| {_fmt(s['editdesk_name_checks_per_k'])} "
            f"| {s['names_flagged']} ({s['names_with_several_findings']}) "
            f"| {_fmt(s['languagetool_alone_per_k'])} |"
        )
    if jfleg is not None:
        was = (before or {}).get("jfleg")
        lines += [
            "",
            f"| jfleg-dev ({jfleg.sentences} sentences, {jfleg.erroneous} erroneous), "
            "error+warning | erroneous flagged | corrected (ref0) flagged |",
            "|---|---|---|",
        ]
        for side, label in (("editdesk", "EditDesk"), ("languagetool_alone", "LanguageTool alone")):
            cells = []
            for which in ("erroneous", "corrected"):
                now = _pct(jfleg.share(side, which))
                if was and side == "editdesk":
                    now = f"{_pct(was[f'{side}_{which}_flagged'])} → **{now}**"
                cells.append(now)
            lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    return lines


def news_table(r: NewsResult, top: int = 40) -> list[str]:
    ids = set(r.editdesk) | set(r.alone)
    rows = sorted(
        ids, key=lambda i: -(sum(r.editdesk[i].values()) if i in r.editdesk else 0) - r.alone[i]
    )
    lines = [
        f"### {r.name} ({r.language}): {r.files} files, {r.words:,} words, flags per 1,000 words",
        "",
        "| rule | EditDesk error | warning | suggestion | LanguageTool alone |",
        "|---|---|---|---|---|",
    ]
    shown = rows[:top]
    for i in shown:
        c = r.editdesk.get(i, Counter())
        cells = [_fmt(r.per_k(c[s])) if c[s] else "" for s in SEVERITIES]
        lt = _fmt(r.per_k(r.alone[i])) if r.alone[i] else ""
        lines.append(f"| `{i}` | {' | '.join(cells)} | {lt} |")
    rest = rows[top:]
    if rest:
        c = Counter()
        for i in rest:
            c.update(r.editdesk.get(i, Counter()))
        lt = sum(r.alone[i] for i in rest)
        cells = [_fmt(r.per_k(c[s])) for s in SEVERITIES]
        lines.append(f"| {len(rest)} other rules | {' | '.join(cells)} | {_fmt(r.per_k(lt))} |")
    tot = [_fmt(r.per_k(r.editdesk_total([s]))) for s in SEVERITIES]
    lines.append(f"| **all** | {' | '.join(tot)} | {_fmt(r.per_k(sum(r.alone.values())))} |")
    return lines


def jfleg_table(j: JflegResult, top: int = 25) -> list[str]:
    lines = [
        "### jfleg-dev: sentences flagged (error+warning) by rule",
        "",
        f"Erroneous: of {j.erroneous} erroneous source sentences; corrected: of "
        f"{j.sentences} ref0 sentences.",
        "",
        "| rule | EditDesk erroneous | EditDesk corrected | LanguageTool alone erroneous "
        "| LanguageTool alone corrected |",
        "|---|---|---|---|---|",
    ]
    ids = set(j.rules) | set(j.alone_rules)
    rows = sorted(ids, key=lambda i: -(j.rules[i][1] if i in j.rules else 0)
                  - (j.alone_rules[i][1] if i in j.alone_rules else 0))
    for i in rows[:top]:
        e = j.rules.get(i, [0, 0])
        a = j.alone_rules.get(i, [0, 0])
        lines.append(f"| `{i}` | {e[0] or ''} | {e[1] or ''} | {a[0] or ''} | {a[1] or ''} |")
    return lines


def write_report(
    out: Path, news: list[NewsResult], jfleg: JflegResult | None,
    before: dict[str, Any] | None, before_label: str, command: str,
) -> None:
    intro = (ROOT / "docs" / "precision-intro.md")
    lines = [intro.read_text("utf-8").rstrip(), ""] if intro.is_file() else ["# Precision", ""]
    lines += ["## Summary", ""]
    if before:
        lines += [f"Before → **after**; before is {before_label}.", ""]
    lines += summary_lines(news, jfleg, before)
    lines += ["", f"Command: `{command}`", "", "## By rule", ""]
    for r in news:
        lines += news_table(r) + [""]
    if jfleg is not None:
        lines += jfleg_table(jfleg) + [""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


# -- main ---------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--server", metavar="URL", help="a running LanguageTool server")
    ap.add_argument("--nlp-server", metavar="URL",
                    help="a running CoreNLP server (http://user:password@host:port)")
    ap.add_argument("--no-structure", action="store_true",
                    help="measure without the structure checks (no CoreNLP)")
    ap.add_argument("--checkers", help="keep findings of these checkers only (lt,house,...)")
    ap.add_argument("--check-args", default="", metavar="ARGS",
                    help="more arguments for every `editdesk check` (e.g. a structure engine's)")
    ap.add_argument("--limit", type=int, help="first N files / sentences of each corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "precision.md")
    ap.add_argument("--baseline", type=Path, default=HERE / "precision-baseline.json")
    ap.add_argument("--save-baseline", action="store_true",
                    help="write this run's figures to --baseline (and no 'before' column)")
    ap.add_argument("--reuse-answers", type=Path, metavar="DIR",
                    help="while tuning rules: keep the engines' answers in DIR between runs "
                    "(whole-file reports are dropped before each run)")
    ap.add_argument("--dump", type=Path, help="write every flag with its context here (JSON)")
    args = ap.parse_args()
    checkers = frozenset(args.checkers.split(",")) if args.checkers else None
    EXTRA_ARGS.extend(shlex.split(args.check_args))
    if args.reuse_answers:
        REUSE.append(args.reuse_answers.resolve())
    if not args.corpora.is_dir():
        print(f"skip: no corpora at {args.corpora}", file=sys.stderr)
        return 0

    servers: list[Any] = []
    try:
        url, nlp_url = start_engines(args, servers)
        if nlp_url:
            EXTRA_ARGS.extend(["--nlp-server", nlp_url, "--require", "structure"])
        with tempfile.TemporaryDirectory(prefix="editdesk-precision-") as tmp:
            home = Path(tmp)
            news = [
                r for c in NEWS
                if (r := run_news(c, args.corpora, url, home, args.limit, checkers)) is not None
            ]
            jfleg = run_jfleg(args.corpora, url, home, args.limit, checkers)
    finally:
        for server in servers:
            server.stop()

    figures = {
        "news": {r.name: r.summary() for r in news},
        "jfleg": jfleg.summary() if jfleg else None,
        "commit": _commit(),
    }
    before = None
    label = ""
    if args.save_baseline:
        args.baseline.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    elif args.baseline.is_file():
        before = json.loads(args.baseline.read_text("utf-8"))
        label = f"commit {before.get('commit', '?')} (`{args.baseline.relative_to(ROOT)}`)"
    command = "python bench/precision.py" + (f" --checkers {args.checkers}" if checkers else "")
    if args.no_structure:
        command += " --no-structure"
    if args.check_args:
        command += f" --check-args {shlex.quote(args.check_args)}"
    if args.limit is None:
        write_report(args.out, news, jfleg, before, label, command)
    print("\n".join(summary_lines(news, jfleg, before)))
    if args.dump:
        dump = {
            "news": {r.name: r.examples for r in news},
            "jfleg_corrected": jfleg.examples if jfleg else {},
            "jfleg_sentences": jfleg.sentences_seen if jfleg else {},
        }
        args.dump.write_text(json.dumps(dump, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def start_engines(args: argparse.Namespace, servers: list[Any]) -> tuple[str, str | None]:
    """LanguageTool's URL and CoreNLP's (None with --no-structure), starting private
    servers, both at once, for those not given; each started one is added to ``servers``."""
    from editdesk.engine import CORENLP, CoreNLPServer, LanguageToolServer, install

    jobs: list[tuple[Any, list[str]]] = []
    if args.server is None:
        install()
        jobs.append((LanguageToolServer(), ["en-GB", "en-US"]))
    if args.nlp_server is None and not args.no_structure:
        from editdesk.core.checks.corenlp import ANNOTATORS

        install(spec=CORENLP)
        jobs.append((CoreNLPServer(), [ANNOTATORS]))
    servers.extend(server for server, _warm in jobs)
    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(server.start, 300, None, warm) for server, warm in jobs]
        for future in started:
            future.result()
    url = args.server
    nlp_url = None if args.no_structure else args.nlp_server
    for server, _warm in jobs:
        if isinstance(server, LanguageToolServer):
            url = server.url
        else:
            user, password = server.credentials
            nlp_url = server.url.replace("http://", f"http://{user}:{password}@", 1)
    return url, nlp_url


def _commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True, check=False)
    return out.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
