"""``editdesk check``: the batch check for many files and for CI."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

FAIL_ON = ["error", "warning", "suggestion", "never"]
# A private LanguageTool runs as many check threads as there are cores; a shared
# server's capacity cannot be asked, so the default never floods one either.
MAX_DEFAULT_JOBS = 8


def default_jobs() -> int:
    """Lanes to LanguageTool: the cores this process may run on, bounded. Files are
    checked this many at once (or as many as there are); one long article sends
    its requests on every lane."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check articles (files or folders) headless",
        description="Check .txt, .md and .docx articles with LanguageTool, house style and "
        "the sentence-structure checks (CoreNLP).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursed)")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    p.add_argument("--lang", choices=["en-GB", "en-US", "auto"], default=None,
                   help="language variant (default: from the house style, en-GB)")
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server (no Java needed)")
    add_structure_options(p)
    p.add_argument("--require", action="append", choices=["structure"], default=[],
                   help="exit 4 unless these checks ran on every file (structure: CoreNLP)")
    p.add_argument("--nlp-heap", metavar="SIZE", default=None,
                   help="Java heap of the private CoreNLP server (default: $EDITDESK_NLP_HEAP, "
                   "else [engines] corenlp_heap in the user's editdesk.toml, else 2g)")
    p.add_argument("--fail-on", choices=FAIL_ON, default="error",
                   help="exit 1 when a finding is at least this severe (default: error)")
    p.add_argument("--no-cache", action="store_true", help="bypass the result cache")
    p.add_argument("--jobs", type=_positive, default=None, metavar="N",
                   help="requests in flight to LanguageTool: files checked at once, and a "
                        "long article's requests sent side by side (default: the usable "
                        f"CPU cores, at most {MAX_DEFAULT_JOBS})")
    p.add_argument("--across", action="store_true",
                   help="also check the batch as a whole: names, hyphenation, capitalisation, "
                   "spellings and number style written differently in different articles")
    p.add_argument("--style-sheet", action="append", type=Path, default=[], metavar="OUT",
                   dest="style_sheet",
                   help="with --across: write the batch style sheet to OUT (.md for Markdown, "
                   ".json for JSON that editdesk.toml's style_sheet can load); repeatable")
    p.set_defaults(func=run)


def add_structure_options(p: argparse.ArgumentParser) -> None:
    """--nlp-server, for every command that checks."""
    p.add_argument("--nlp-server", metavar="URL", default=None,
                   help="use this CoreNLP server for the structure checks, credentials in "
                   "the URL if it has them (default: $EDITDESK_NLP_SERVER, else a private one)")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def run(args: argparse.Namespace) -> int:
    from editdesk.cli.batch import run_check

    return run_check(args)
