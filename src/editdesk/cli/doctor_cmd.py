"""``editdesk doctor``: is everything EditDesk needs here, and if not, how to get it."""

from __future__ import annotations

import argparse
import json

from editdesk.cli.exit_codes import Exit

_MARK = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "doctor",
        help="check Python, Java, the engines, config and cache; say how to fix what is missing",
        description="Check everything EditDesk needs (Python, Java 17+, each engine: installed, "
        "version, cache size, whether it can start, the memory it will take against what "
        "the machine has; config files; the cache). Exit 0 when all that is needed is there, "
        "1 when something needed is missing (each FAIL line says how to fix it).",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--start", action="store_true",
                   help="also start each installed engine once and stop it (takes seconds)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editdesk import doctor

    checks = doctor.run(start=args.start)
    report = doctor.as_json(checks)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        for check in checks:
            print(f"{_MARK[check.status]}  {check.name:<20} {check.summary}")
            if check.fix and check.status != "ok":
                print(f"      {'':<20} fix: {check.fix}")
    return Exit.OK if report["ok"] else Exit.FINDINGS
