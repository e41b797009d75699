"""``editdesk engine``: install the engines (LanguageTool, CoreNLP), report their status,
serve them in the foreground."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from types import FrameType

from editdesk.cli.exit_codes import Exit
from editdesk.engine import (
    CORENLP,
    ENGINES,
    LANGUAGETOOL,
    EngineSpec,
    EngineUnavailable,
    StartProgress,
    install,
    status,
)
from editdesk.engine.heap import corenlp_heap

CHOICES = ["languagetool", "corenlp", "all"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "engine",
        help="install, inspect or run the local engines (LanguageTool, CoreNLP)",
        description="Manage the local LanguageTool (grammar) and CoreNLP (sentence structure) "
        "servers EditDesk checks with.",
    )
    engine_sub = p.add_subparsers(dest="engine_command", metavar="ACTION", required=True,
                                  parser_class=type(p))
    inst = engine_sub.add_parser(
        "install", help="download the engines' locked jars from Maven Central (once)",
        description="Download each engine's jars listed in its lock file, verified against "
        "their SHA-256, into the per-user cache; an interrupted install resumes. Needs Java "
        "17+ and nothing else. Proxies come from HTTPS_PROXY/HTTP_PROXY/NO_PROXY.")
    inst.add_argument("--engine", choices=CHOICES, default="all",
                      help="which engine (default: all)")
    inst.add_argument("--repository", metavar="URL", default=None,
                      help="Maven repository to download from (default: $EDITDESK_MAVEN_MIRROR, "
                      "then [install] maven_mirror in the user's editdesk.toml, then "
                      "Maven Central)")
    inst.set_defaults(func=run_install)
    st = engine_sub.add_parser("status", help="show what is installed and whether it can run")
    st.add_argument("--format", choices=["text", "json"], default="text")
    st.set_defaults(func=run_status)
    serve = engine_sub.add_parser("serve", help="run servers in the foreground on 127.0.0.1")
    serve.add_argument("--engine", choices=CHOICES, default="languagetool",
                       help="which engine to serve (default: languagetool)")
    serve.add_argument("--port", type=int, default=None,
                       help="LanguageTool's port (default: a free one)")
    serve.add_argument("--heap", default=LANGUAGETOOL.default_heap,
                       help=f"LanguageTool's Java heap (default: {LANGUAGETOOL.default_heap})")
    serve.add_argument("--nlp-port", type=int, default=None,
                       help="CoreNLP's port (default: a free one)")
    serve.add_argument("--nlp-heap", default=None,
                       help="CoreNLP's Java heap (default: $EDITDESK_NLP_HEAP, else [engines] "
                       f"corenlp_heap in the user's editdesk.toml, else {CORENLP.default_heap})")
    serve.add_argument("--warm-up", action="append", default=[], metavar="LANG",
                       help="load this language's rules before printing the URL (repeatable)")
    serve.set_defaults(func=run_serve)


def _say(message: object) -> None:
    print(f"editdesk: {message}", file=sys.stderr, flush=True)


def _chosen(choice: str) -> list[EngineSpec]:
    return list(ENGINES.values()) if choice == "all" else [ENGINES[choice]]


def run_install(args: argparse.Namespace) -> int:
    code = Exit.OK
    for spec in _chosen(args.engine):
        try:
            info = install(progress=_say, spec=spec, repository=args.repository,
                           progress_file=sys.stderr)
        except EngineUnavailable as exc:
            print(f"editdesk: error: {exc}", file=sys.stderr)
            code = Exit.ENGINE
            if status(spec).java is None:
                break  # no Java: one line says so, not one per engine
            continue
        print(f"{info.name} {info.version} installed in {info.path}")
    return code


def run_status(args: argparse.Namespace) -> int:
    infos = [status(spec, _heap(spec)) for spec in ENGINES.values()]
    if args.format == "json":
        print(json.dumps({"engines": [info.as_dict() for info in infos]}, indent=2))
    else:
        for info in infos:
            state = "installed" if info.installed else "not installed"
            print(f"{info.name} {info.version}: {state}")
            print(f"  jars: {info.path}")
            java = f"{info.java} ({info.java_path})" if info.java else "not found"
            print(f"  java: {java}")
            print(f"  heap: {info.heap}")
            if info.problem:
                print(f"  problem: {info.problem}")
    # LanguageTool is what every check needs; CoreNLP's absence only skips structure checks.
    return Exit.OK if infos[0].problem is None else Exit.ENGINE


def _heap(spec: EngineSpec) -> str | None:
    """The heap the engine would be started with (None: its default)."""
    if spec is not CORENLP:
        return None
    try:
        return corenlp_heap()[0]
    except EngineUnavailable:
        return None  # said when it is started


def run_serve(args: argparse.Namespace) -> int:
    from editdesk.engine.corenlp_server import CoreNLPServer
    from editdesk.engine.server import LanguageToolServer

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Our own handlers: the servers are stopped by the code below, not by the default action.
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    servers = []
    for spec in _chosen(args.engine):
        if spec is LANGUAGETOOL:
            servers.append((LanguageToolServer(port=args.port, heap=args.heap), args.warm_up))
        else:
            try:
                heap = corenlp_heap(args.nlp_heap)[0]
            except EngineUnavailable as exc:
                print(f"editdesk: error: {exc}", file=sys.stderr)
                return Exit.USAGE
            servers.append((CoreNLPServer(port=args.nlp_port, heap=heap), []))
    last_report: dict[str, float] = {}

    def progress(p: StartProgress) -> None:
        key = p.message.split()[1] if " " in p.message else p.message
        if p.elapsed - last_report.get(key, -10.0) >= 5:
            last_report[key] = p.elapsed
            _say(p)

    def start(item: tuple) -> str:
        server, warm = item
        return server.start(progress=progress, warm_up=warm or server_warm_up(server))

    try:
        # Both at once: the second JVM does not wait for the first to be ready.
        with ThreadPoolExecutor(len(servers)) as pool:
            futures = [pool.submit(start, item) for item in servers]
            failures = []
            for future in futures:
                try:
                    future.result()
                except EngineUnavailable as exc:
                    failures.append(exc)
        if failures:
            for exc in failures:
                print(f"editdesk: error: {exc}", file=sys.stderr)
            return Exit.ENGINE
        for server, _warm in servers:
            print(_public_url(server), flush=True)
            _say(f"serving {server.name} at {server.url} (log: {server.log_path})")
        _say("Ctrl-C stops " + ("it" if len(servers) == 1 else "them"))
        while not stop.wait(1.0):
            for server, _warm in servers:
                if not server.alive():
                    print(f"editdesk: error: {server.name} server stopped; "
                          f"see {server.log_path}", file=sys.stderr)
                    return Exit.ENGINE
        return Exit.OK
    except KeyboardInterrupt:
        return Exit.OK
    finally:
        for server, _warm in servers:
            server.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def server_warm_up(server: object) -> list[str]:
    """CoreNLP loads its models on the first request: make that happen before the URL."""
    from editdesk.core.checks.corenlp import ANNOTATORS

    return [ANNOTATORS] if getattr(server, "spec", None) is CORENLP else []


def _public_url(server: object) -> str:
    """What another EditDesk takes as --server / --nlp-server: CoreNLP's with its
    per-run credentials (printed to the one who started it, never logged)."""
    url = server.url  # type: ignore[attr-defined]
    credentials = getattr(server, "credentials", None)
    if credentials:
        user, password = credentials
        return url.replace("http://", f"http://{user}:{password}@", 1)
    return url
