"""``editdesk check``: the batch check for many files and for CI."""

from __future__ import annotations

import argparse
from pathlib import Path

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


def run(args: argparse.Namespace) -> int:
    from editdesk.cli.batch import run_check

    return run_check(args)
