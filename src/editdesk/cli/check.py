"""``editdesk check``: the batch check for many files and for CI."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tqdm import tqdm

from editdesk.cli.exit_codes import Exit
from editdesk.cli.inputs import collect
from editdesk.core import report
from editdesk.core.checks.languagetool import LanguageToolError
from editdesk.core.checks.runner import CheckRunner
from editdesk.core.config import Config, ConfigError, load_config
from editdesk.core.findings import Severity
from editdesk.core.readers import ReadError, read_article
from editdesk.core.report import FileResult
from editdesk.engine import EngineUnavailable
from editdesk.engine.session import EngineSession

FAIL_ON = ["error", "warning", "suggestion", "never"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check articles (files or folders) headless",
        description="Check .txt, .md and .docx articles with LanguageTool and house style.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursed)")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    p.add_argument("--lang", choices=["en-GB", "en-US", "auto"], default=None,
                   help="language variant (default: from the house style, en-GB)")
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server (no Java needed)")
    p.add_argument("--fail-on", choices=FAIL_ON, default="error",
                   help="exit 1 when a finding is at least this severe (default: error)")
    p.add_argument("--no-cache", action="store_true", help="bypass the result cache")
    p.add_argument("--jobs", type=_positive, default=1, metavar="N",
                   help="files checked at once (default: 1)")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


class _Configs:
    """One Config per folder (editdesk.toml is looked up from each article's folder)."""

    def __init__(self, config_file: Path | None, lang: str | None) -> None:
        self.config_file = config_file
        self.lang = lang
        self._by_folder: dict[Path, Config] = {}
        self._lock = threading.Lock()

    def for_article(self, path: Path) -> Config:
        folder = path.parent.resolve()
        with self._lock:
            if self.config_file is not None:
                folder = Path("/")
            if folder not in self._by_folder:
                config = load_config(path, self.config_file)
                if self.lang:
                    config = dataclasses.replace(config, language=self.lang)
                self._by_folder[folder] = config
            return self._by_folder[folder]


def run(args: argparse.Namespace) -> int:
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

    paths = collect(args.paths)
    if not paths:
        print("editdesk: error: no .txt, .md or .docx files found", file=sys.stderr)
        return Exit.USAGE

    warm_up = (args.lang,) if args.lang in ("en-GB", "en-US") else ("en-GB",)
    session = EngineSession(
        args.server, lanes=args.jobs, use_cache=not args.no_cache, warm_up=warm_up
    )
    try:
        session.open()
    except EngineUnavailable as exc:
        session.close()
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return Exit.ENGINE
    try:
        results, engine_error = _check_all(paths, configs, session, args.jobs)
        engine = _engine_info(session)
    finally:
        session.close()

    seconds = time.perf_counter() - started
    for r in results:
        if r.error:
            print(f"{r.path}: error: {r.error}", file=sys.stderr)
        for note in r.notes:
            print(f"{r.path}: note: {note}", file=sys.stderr)
    _emit(args.format, results, engine, seconds)
    if engine_error:
        print(f"editdesk: error: {engine_error}", file=sys.stderr)
        return Exit.ENGINE
    if any(r.error for r in results):
        return Exit.INPUT
    if args.fail_on != "never":
        minimum = Severity(args.fail_on)
        if any(f.at_least(minimum) for r in results for f in r.findings):
            return Exit.FINDINGS
    return Exit.OK


def _check_all(
    paths: list[Path], configs: _Configs, session: EngineSession, jobs: int
) -> tuple[list[FileResult], str | None]:
    engine_error: list[str] = []

    def one(path: Path) -> FileResult:
        result = FileResult(path)
        try:
            config = configs.for_article(path)
            article = read_article(path)
        except (ReadError, ConfigError) as exc:
            result.error = str(exc).removeprefix(f"{path}: ")
            return result
        result.article = article
        result.notes.extend(article.notes)
        if engine_error:
            result.error = "not checked: LanguageTool unavailable"
            return result
        for attempt in (1, 2):
            assert session.checker is not None
            runner = CheckRunner(config, session.checker)
            try:
                checked = runner.check(article)
            except LanguageToolError as exc:
                if attempt == 1 and session.recover(exc):
                    continue
                engine_error.append(f"LanguageTool failed on {path}: {exc}")
                result.error = f"not checked: {exc}"
                return result
            result.findings = checked.findings
            result.language = checked.language
            return result
        return result

    show_bar = len(paths) > 1 and sys.stderr.isatty()
    with tqdm(total=len(paths), unit="file", disable=not show_bar, file=sys.stderr) as bar:
        def tracked(path: Path) -> FileResult:
            try:
                return one(path)
            finally:
                bar.update(1)

        if jobs == 1:
            results = [tracked(p) for p in paths]
        else:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(tracked, paths))
    return results, (engine_error[0] if engine_error else None)


def _engine_info(session: EngineSession) -> dict[str, object]:
    version = None
    if session.checker is not None:
        try:
            version = session.checker.version
        except LanguageToolError:
            version = None
    return {
        "name": "LanguageTool",
        "version": version,
        "server": session.server.url if session.server else session.server_url,
        "private": session.server is not None,
        "cache": session.cache is not None,
        "restarts": session.restarts,
    }


def _emit(fmt: str, results: list[FileResult], engine: dict[str, object], seconds: float) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(report.to_json(results, engine, seconds), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "sarif":
        json.dump(report.to_sarif(results, engine, Path.cwd()), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for r in results:
            for line in report.text_lines(r):
                print(line, file=out)
        print(report.text_summary(results, seconds), file=out)
