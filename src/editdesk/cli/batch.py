"""The work behind ``editdesk check``: read, check and report a batch of articles.

Kept apart from the argument parser so that ``editdesk --help`` and the other
commands do not pay for importing the checkers.

A whole file's report is cached too, keyed by the file's bytes, the effective
house style and the engine: re-checking an unchanged archive reads each file
once, sends nothing to LanguageTool and does not even start Java.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from editdesk import __version__
from editdesk.cli.exit_codes import Exit
from editdesk.cli.inputs import collect
from editdesk.core import report
from editdesk.core.checks.cache import ResultCache
from editdesk.core.checks.lt_policy import load_policy
from editdesk.core.config import Config, ConfigError, load_config
from editdesk.core.findings import Severity
from editdesk.core.readers.errors import ReadError
from editdesk.core.readers.limits import DEFAULT_MAX_BYTES
from editdesk.core.report import FileResult
from editdesk.engine import EngineUnavailable
from editdesk.engine.install import installed_engine_id, server_engine_id
from editdesk.service.desk_history import with_desk_history

REPORT_FORMAT = 2  # bump when FileResult records change: old cached reports then miss


class _Configs:
    """One Config (and, once needed, one CheckRunner) per folder: editdesk.toml is
    looked up from each article's folder, and a house style is compiled once."""

    def __init__(self, config_file: Path | None, lang: str | None) -> None:
        self.config_file = config_file
        self.lang = lang
        self._configs: dict[Path, Config] = {}
        self._runners: dict[Path, object] = {}
        self._extractors: dict[Path, object] = {}
        self._lock = threading.Lock()
        self.desk_problems: list[str] = []  # desk histories that could not be read

    def _folder(self, path: Path) -> Path:
        return Path("/") if self.config_file is not None else path.parent.resolve()

    def for_article(self, path: Path) -> Config:
        folder = self._folder(path)
        with self._lock:
            if folder not in self._configs:
                config, problem = with_desk_history(load_config(path, self.config_file))
                if problem and problem not in self.desk_problems:
                    self.desk_problems.append(problem)
                if self.lang:
                    config = dataclasses.replace(config, language=self.lang)
                self._configs[folder] = config
            return self._configs[folder]

    def runner(self, path: Path):  # -> CheckRunner (imported on first use)
        from editdesk.core.checks.runner import CheckRunner

        config = self.for_article(path)
        folder = self._folder(path)
        with self._lock:
            if folder not in self._runners:
                self._runners[folder] = CheckRunner(config)
            return self._runners[folder]

    def extractor(self, path: Path):  # -> TermExtractor, for check --across
        from editdesk.core.consistency import BatchRules, TermExtractor

        config = self.for_article(path)
        folder = self._folder(path)
        with self._lock:
            if folder not in self._extractors:
                self._extractors[folder] = TermExtractor(BatchRules.for_config(config))
            return self._extractors[folder]


def run_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.config is not None and not args.config.is_file():
        print(f"editdesk: error: {args.config}: no such config file", file=sys.stderr)
        return Exit.USAGE
    configs = _Configs(args.config, args.lang)
    try:
        if args.config is not None:
            configs.for_article(args.config)
    except ConfigError as exc:
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return Exit.USAGE

    across = bool(getattr(args, "across", False))
    sheet_outputs: list[Path] = list(getattr(args, "style_sheet", None) or [])
    if sheet_outputs and not across:
        print("editdesk: error: --style-sheet needs --across", file=sys.stderr)
        return Exit.USAGE
    for out in sheet_outputs:
        if out.suffix.lower() not in (".md", ".json"):
            print(f"editdesk: error: {out}: a style sheet is written as .md or .json",
                  file=sys.stderr)
            return Exit.USAGE

    paths = collect(args.paths)
    if not paths:
        print("editdesk: error: no .txt, .md or .docx files found", file=sys.stderr)
        return Exit.USAGE

    from editdesk.cli.check import default_jobs
    from editdesk.engine.session import EngineSession

    if args.jobs is None:
        args.jobs = default_jobs()

    warm_up = (args.lang,) if args.lang in ("en-GB", "en-US") else ("en-GB",)
    session = EngineSession(
        args.server, lanes=args.jobs, use_cache=not args.no_cache, warm_up=warm_up,
        nlp_server_url=getattr(args, "nlp_server", None),
        nlp_heap=getattr(args, "nlp_heap", None),
    )
    require_structure = "structure" in (getattr(args, "require", None) or [])
    try:
        try:
            # The structure engine is part of the key: a report made without it is not
            # the report of a run that has it.
            structure_id = session.expected_structure_id()
            engine_id = _engine_id(session)
            report_id = f"{engine_id}\x1fstructure:{structure_id}"
            cache = session.cache
            # "is not None", never plain truth: an empty ResultCache is falsy (it has a length).
            keys = [
                _report_key(p, configs, report_id) if cache is not None else None for p in paths
            ]
            results: list[FileResult | None] = [
                _cached(p, key, cache) if cache is not None and key else None
                for p, key in zip(paths, keys, strict=True)
            ]
            if across:  # a report cached without its terms is checked again to get them
                results = [r if r is None or r.terms is not None else None for r in results]
            todo = [i for i, r in enumerate(results) if r is None]
            if todo and session.checker is None:
                session.open()
        except EngineUnavailable as exc:
            print(f"editdesk: error: {exc}", file=sys.stderr)
            return Exit.ENGINE
        checked, engine_error = ([], None)
        if todo:
            pending = [paths[i] for i in todo]
            checked, engine_error = _check_all(pending, configs, session, args.jobs, across)
        for i, result in zip(todo, checked, strict=True):
            results[i] = result
            key = keys[i]
            # Cached only when it is what the key promises (structure run if expected).
            complete = structure_id is None or "structure" in result.sources
            if cache is not None and key and not result.error and complete:
                cache.put(key, [result.to_cache()])
        engine = _engine_info(session, engine_id, structure_id)
    finally:
        session.close()

    done = [r for r in results if r is not None]
    sheet = _across(done, configs) if across else None
    seconds = time.perf_counter() - started
    for r in done:
        if r.error:
            print(f"{r.path}: error: {r.error}", file=sys.stderr)
        for note in r.notes:
            print(f"{r.path}: note: {note}", file=sys.stderr)
    for problem in configs.desk_problems:
        print(f"editdesk: warning: desk history not used: {problem}", file=sys.stderr)
    skipped = _structure_skipped(session, done, structure_id)
    if skipped:
        print(f"editdesk: structure checks skipped: {skipped}", file=sys.stderr)
    _emit(args.format, done, engine, seconds, sheet)
    for out in sheet_outputs:
        if sheet is not None:
            try:
                _write_sheet(out, sheet)
            except OSError as exc:
                print(f"editdesk: error: {out}: {exc.strerror or exc}", file=sys.stderr)
                return Exit.USAGE
    if engine_error:
        print(f"editdesk: error: {engine_error}", file=sys.stderr)
        return Exit.ENGINE
    if any(r.error for r in done):
        return Exit.INPUT
    if require_structure and skipped:
        print("editdesk: error: --require structure: the structure checks did not run",
              file=sys.stderr)
        return Exit.ENGINE
    if args.fail_on != "never":
        minimum = Severity(args.fail_on)
        if any(s.rank >= minimum.rank for r in done for s in r.severities()):
            return Exit.FINDINGS
    return Exit.OK


def _engine_id(session) -> str:
    """What identifies the engine's results: asked of a shared server (which must
    answer), read from the install for a private one (which is not started yet)."""
    if session.server_url:
        return server_engine_id(session.server_url)
    engine_id = installed_engine_id()
    if engine_id is None:
        from editdesk.engine import status

        raise EngineUnavailable(status().problem or "LanguageTool is not installed")
    return engine_id


def _file_key(path: Path, configs: _Configs, engine_id: str) -> str:
    config = configs.for_article(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    parts = [
        f"report/{REPORT_FORMAT}", __version__, engine_id, config.style_hash, config.language,
        load_policy().digest,  # LanguageTool severities and contexts are data too
        ",".join(sorted(config.disabled_rules)), ",".join(sorted(config.accepted_words)),
        *([config.desk_view.key] if config.desk_view.key else []),  # what desk history changed
        path.suffix.lower(), digest,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _report_key(path: Path, configs: _Configs, engine_id: str) -> str | None:
    """The cache key of the file's report (reading the file once per run), or None when
    it is not to be cached (missing, too large, a broken config: the normal path will
    read it and report what is wrong)."""
    try:
        if not path.is_file() or path.stat().st_size > DEFAULT_MAX_BYTES:
            return None
        return _file_key(path, configs, engine_id)
    except (OSError, ConfigError):
        return None


def _cached(path: Path, key: str, cache: ResultCache) -> FileResult | None:
    """The file's cached report, or None (not cached, or an odd entry)."""
    try:
        value = cache.get(key)
        return FileResult.from_cache(path, value[0]) if value else None
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def _check_all(
    paths: list[Path], configs: _Configs, session, jobs: int, across: bool = False
) -> tuple[list[FileResult], str | None]:
    from editdesk.core.checks.languagetool import LanguageToolError
    from editdesk.core.readers import read_article

    engine_error: list[str] = []

    def one(path: Path) -> FileResult:
        result = FileResult(path)
        try:
            runner = configs.runner(path)
            article = read_article(path)
        except (ReadError, ConfigError) as exc:
            result.error = str(exc).removeprefix(f"{path}: ")
            return result
        result.notes.extend(article.notes)
        if engine_error:
            result.error = "not checked: LanguageTool unavailable"
            return result
        try:
            checked = session.check(runner, article)
        except LanguageToolError as exc:
            engine_error.append(f"LanguageTool failed on {path}: {exc}")
            result.error = f"not checked: {exc}"
            return result
        result.records = [report.finding_record(article, f) for f in checked.findings]
        result.words = article.words()
        result.language = checked.language
        result.sources = list(checked.sources)
        if across:
            terms = configs.extractor(path).terms(article, str(path), checked.sentences)
            result.terms = terms.to_json()
        return result

    if len(paths) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="file", file=sys.stderr)
    else:
        bar = None

    def tracked(path: Path) -> FileResult:
        try:
            return one(path)
        finally:
            if bar is not None:
                bar.update(1)

    try:
        if jobs == 1:
            results = [tracked(p) for p in paths]
        else:
            with ThreadPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
                results = list(pool.map(tracked, paths))
    finally:
        if bar is not None:
            bar.close()
    return results, (engine_error[0] if engine_error else None)


def _structure_skipped(session, results: list[FileResult], structure_id: str | None) -> str | None:
    """Why structure checks did not run on some checked file (one line), else None."""
    missed = [r for r in results if not r.error and "structure" not in r.sources]
    if not missed or not session.structure:  # none missed, or turned off on purpose
        return None
    if session.structure_error:
        return session.structure_error
    if structure_id is None:
        from editdesk.engine import CORENLP, status

        return status(CORENLP).problem or "CoreNLP is not available"
    return "CoreNLP did not answer for every file"


def _engine_info(session, engine_id: str, structure_id: str | None) -> dict[str, object]:
    # A private server refused before it got a port (too little memory) never started.
    started = session.nlp_server is not None and session.nlp_server.port is not None
    structure = {
        "name": "CoreNLP",
        "id": structure_id,
        "server": (
            session.nlp_server.url if started
            else session.nlp_server_url and session.nlp_server_url.split("@")[-1]
        ),
        "private": session.nlp_server_url is None,
        "started": started,
        "restarts": session.nlp_restarts,
        "skipped": session.structure_error if session.nlp is None else None,
    }
    return {
        "name": "LanguageTool",
        # Both kinds of engine id read "LanguageTool VERSION ...": no need to ask again.
        "version": engine_id.split()[1],
        "id": engine_id,
        "server": session.server.url if session.server else session.server_url,
        "private": session.server_url is None,
        "started": session.server is not None,
        "cache": session.cache is not None,
        "restarts": session.restarts,
        "structure": structure,
    }


# Rules of one article that say what a batch rule says (a name spelled two ways).
_SAME_ACROSS = frozenset({"structure:name-variants"})


def _across(results: list[FileResult], configs: _Configs):  # -> StyleSheet | None
    """The batch pass over the checked files' terms, then each file's findings against the
    batch's style sheet (only the files that use a form the batch did not settle on are
    read again). The first file's editdesk.toml gives the rules and any style sheet."""
    from editdesk.core.consistency import (
        ArticleTerms,
        BatchRules,
        SheetChecker,
        build_style_sheet,
    )
    from editdesk.core.readers import read_article

    checked = [r for r in results if r.terms is not None and not r.error]
    if not checked:
        return None
    config = configs.for_article(checked[0].path)
    rules = BatchRules.for_config(config)
    sheet = build_style_sheet(
        [ArticleTerms.from_json(r.terms) for r in checked], rules, config.style_sheet
    )
    odd = {a for e in sheet.contested() for f in e.forms if f.form != e.preferred
           for a in f.articles}
    checker = SheetChecker(sheet, rules)
    for r in checked:
        if str(r.path) not in odd:
            continue
        try:
            article = read_article(r.path)
        except ReadError as exc:
            r.notes.append(f"not checked across the batch: {exc}")
            continue
        # The article's own consistency checks may flag the same words already.
        own = {(rec["start"], rec["end"]) for rec in r.records
               if rec["category"] == "consistency" or rec["id"] in _SAME_ACROSS
               or rec["id"].startswith("batch:")}
        for finding in checker.check(article, str(r.path)):
            adjusted = config.adjust(finding)
            if adjusted is None:
                continue
            rec = report.finding_record(article, adjusted)
            if (rec["start"], rec["end"]) not in own:
                r.records.append(rec)
        r.records.sort(key=lambda rec: (rec["start"], rec["end"], rec["id"]))
    return sheet


def _write_sheet(out: Path, sheet) -> None:
    """The style sheet as Markdown or JSON, written to a temporary file and renamed."""
    import os
    import tempfile

    text = (sheet.to_markdown() if out.suffix.lower() == ".md"
            else json.dumps(sheet.to_json(), indent=2, ensure_ascii=False) + "\n")
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(
    fmt: str, results: list[FileResult], engine: dict[str, object], seconds: float, sheet=None
) -> None:
    out = sys.stdout
    # Indented for a person at a terminal; compact (and several times faster) for a pipe.
    indent = 2 if out.isatty() else None
    sheet_json = sheet.to_json() if sheet is not None else None
    if fmt in ("json", "sarif"):
        doc = (report.to_json(results, engine, seconds, sheet_json) if fmt == "json"
               else report.to_sarif(results, engine, Path.cwd(), sheet_json))
        # json.dumps, not json.dump: only the former uses the C encoder.
        out.write(json.dumps(doc, indent=indent, ensure_ascii=False) + "\n")
    else:
        for r in results:
            for line in report.text_lines(r):
                print(line, file=out)
        if sheet is not None:
            for line in _sheet_lines(sheet):
                print(line, file=out)
        print(report.text_summary(results, seconds), file=out)


def _sheet_lines(sheet) -> list[str]:
    """The batch's forms written more than one way, one line each, for the text report."""
    contested = sheet.contested()
    n = len(sheet.articles)
    lines = [f"across {n} article{'s' if n != 1 else ''}: {len(contested)} "
             f"form{'s' if len(contested) != 1 else ''} written more than one way"]
    for e in contested:
        forms = "; ".join(
            f"{f.form} {f.count}× ({', '.join(Path(a).name for a in f.articles[:3])}"
            f"{f' +{len(f.articles) - 3}' if len(f.articles) > 3 else ''})"
            for f in e.forms if f.count
        )
        lines.append(f"  {e.kind}: {forms} -> {e.preferred}"
                     + (" (style sheet)" if e.reason == "style sheet" else ""))
    return lines
