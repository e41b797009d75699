"""``editdesk engine``: install LanguageTool, report its status, serve it in the foreground."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from editdesk.cli.exit_codes import Exit
from editdesk.engine import EngineUnavailable, LanguageToolServer, StartProgress, install, status


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "engine",
        help="install, inspect or run the LanguageTool engine",
        description="Manage the local LanguageTool server EditDesk checks grammar with.",
    )
    engine_sub = p.add_subparsers(dest="engine_command", metavar="ACTION", required=True,
                                  parser_class=type(p))
    inst = engine_sub.add_parser("install", help="fetch LanguageTool from Maven Central (once)")
    inst.set_defaults(func=run_install)
    st = engine_sub.add_parser("status", help="show what is installed and whether it can run")
    st.add_argument("--format", choices=["text", "json"], default="text")
    st.set_defaults(func=run_status)
    serve = engine_sub.add_parser("serve", help="run the server in the foreground on 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    serve.add_argument("--heap", default="1g", help="Java heap size (default: 1g)")
    serve.add_argument("--warm-up", action="append", default=[], metavar="LANG",
                       help="load this language's rules before printing the URL (repeatable)")
    serve.set_defaults(func=run_serve)


def _say(message: object) -> None:
    print(f"editdesk: {message}", file=sys.stderr, flush=True)


def run_install(args: argparse.Namespace) -> int:
    try:
        info = install(progress=_say)
    except EngineUnavailable as exc:
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return Exit.ENGINE
    print(f"LanguageTool {info.version} installed in {info.path}")
    return Exit.OK


def run_status(args: argparse.Namespace) -> int:
    info = status()
    if args.format == "json":
        print(json.dumps(info.as_dict(), indent=2))
    else:
        state = "installed" if info.installed else "not installed"
        print(f"LanguageTool {info.version}: {state}")
        print(f"jars: {info.path}")
        java = f"{info.java} ({info.java_path})" if info.java else "not found"
        print(f"java: {java}")
        if info.problem:
            print(f"problem: {info.problem}")
    return Exit.OK if info.problem is None else Exit.ENGINE


def run_serve(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Our own handlers: the server is stopped by the code below, not by the default action.
    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    server = LanguageToolServer(port=args.port, heap=args.heap)
    last_report = [-10.0]

    def progress(p: StartProgress) -> None:
        if p.elapsed - last_report[0] >= 5:
            last_report[0] = p.elapsed
            _say(p)

    try:
        try:
            url = server.start(progress=progress, warm_up=args.warm_up)
        except EngineUnavailable as exc:
            print(f"editdesk: error: {exc}", file=sys.stderr)
            return Exit.ENGINE
        print(url, flush=True)
        _say(f"serving LanguageTool at {url} (log: {server.log_path}); Ctrl-C stops it")
        while not stop.wait(1.0):
            if not server.alive():
                print(f"editdesk: error: LanguageTool server stopped; see {server.log_path}",
                      file=sys.stderr)
                return Exit.ENGINE
        return Exit.OK
    except KeyboardInterrupt:
        return Exit.OK
    finally:
        server.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
