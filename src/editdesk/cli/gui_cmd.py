"""``editdesk gui [FILE]``: open the desktop app (Qt is imported only here, on use)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from editdesk.cli.exit_codes import Exit


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="open the desktop app", description=__doc__)
    p.add_argument("file", nargs="?", type=Path, help="article to open (.txt, .md, .docx)")
    p.add_argument(
        "--server",
        metavar="URL",
        default=os.environ.get("EDITDESK_LT_URL") or None,
        help="use this LanguageTool server instead of starting a private one "
        "(default: $EDITDESK_LT_URL)",
    )
    p.add_argument(
        "--nlp-server",
        metavar="URL",
        default=None,
        help="use this CoreNLP server for the structure checks (default: $EDITDESK_NLP_SERVER, "
        "else a private one)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.file is not None and not args.file.is_file():
        print(f"editdesk gui: {args.file}: no such file", file=sys.stderr)
        return Exit.INPUT
    try:
        from editdesk.gui import run as run_gui
    except ImportError as exc:
        print(f"editdesk gui: the desktop app cannot start: {exc}", file=sys.stderr)
        return Exit.USAGE
    return run_gui(args.file, args.server, args.nlp_server)
