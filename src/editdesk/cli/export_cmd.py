"""``editdesk export``: the article and its review as a marked-up DOCX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editdesk.cli.check import add_structure_options
from editdesk.cli.exit_codes import Exit
from editdesk.core.findings import Finding


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the review as a DOCX with tracked changes and Word comments",
        description=(
            "Write FILE with its review (the sidecar beside it, or a fresh check) as a DOCX: "
            "edits as tracked changes, comments and findings as Word comments, sign-offs "
            "in the document properties. FILE itself is never modified."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help=".txt, .md or .docx article")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.docx",
        help="output file (default: <name>.reviewed.docx beside FILE)",
    )
    p.add_argument(
        "--accept-all-suggestions",
        action="store_true",
        help=(
            "apply, as tracked changes, the first suggestion of every open finding that is "
            "safe to apply unseen (doubled words, stray spaces, house substitutions; never "
            "names, code or figures); the rest stay comments"
        ),
    )
    p.add_argument(
        "--findings",
        choices=["open", "all", "none"],
        default="open",
        help="which findings become comments (default: open)",
    )
    p.add_argument(
        "--author",
        default=None,
        help="the reviewer: signs changes made here (default: reviewer in editdesk.toml); "
        "findings are always signed EditDesk",
    )
    p.add_argument(
        "--initials",
        default=None,
        help="the reviewer's initials on Word comments (default: initials in editdesk.toml, "
        "else made from the name)",
    )
    p.add_argument(
        "--lang",
        choices=["en-GB", "en-US", "auto"],
        default=None,
        help="language variant for a fresh check",
    )
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server")
    add_structure_options(p)
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument(
        "--summary-page",
        action="store_true",
        help="append a review report section to the document body",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=run)


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.reviewed.docx")


def run(args: argparse.Namespace) -> int:
    from editdesk.cli.review_cmd import (
        check_config,
        config_file_missing,
        engines_for,
        error,
        note_structure_skipped,
        open_review,
    )
    from editdesk.service.checking import check_for_export
    from editdesk.service.exporting import export_review, is_the_article
    from editdesk.service.signoff_state import stale_signoff

    path: Path = args.file
    out: Path = args.output or default_output(path)
    if out.suffix.lower() != ".docx":
        error(f"{out}: the output must be a .docx file")
        return Exit.USAGE
    if is_the_article(out, path):
        error(f"{out}: refusing to write over the article itself")
        return Exit.USAGE
    if out.exists() and not args.force:
        error(f"{out}: already exists (use --force to overwrite)")
        return Exit.USAGE
    if config_file_missing(args):
        return Exit.USAGE
    opened = open_review(path)
    if isinstance(opened, int):
        return opened
    article, review = opened.article, opened.review
    for note in article.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    stale = stale_signoff(review)
    if stale:
        print(f"{path}: warning: {stale}", file=sys.stderr)

    config = check_config(path, args)
    if isinstance(config, int):
        return config
    findings: list[Finding] = []
    wanted = args.findings != "none" or args.accept_all_suggestions
    engines = engines_for(args)
    result = check_for_export(article, review, config, engines, wanted=wanted)
    if result is not None:
        if result.lt_error:
            print(f"editdesk: note: {result.lt_error}; house-style checks only", file=sys.stderr)
        findings = result.findings
    note_structure_skipped(result, engines)

    try:
        report = export_review(
            article,
            review,
            findings,
            out,
            findings_mode=args.findings,
            author=(args.author or "").strip() or config.reviewer or None,
            initials=(args.initials or "").strip() or config.initials or None,
            summary_page=args.summary_page,
            accept_all_suggestions=args.accept_all_suggestions,
            language=config.language,
        )
    except OSError as exc:
        error(f"{out}: cannot write ({exc.strerror or exc})")
        return Exit.INPUT
    except ValueError as exc:  # a part of the input DOCX we must extend is damaged
        error(f"{path}: cannot mark up: {exc}")
        return Exit.INPUT
    for note in report.notes:
        print(f"{out}: note: {note}", file=sys.stderr)
    print(
        f"wrote {report.out}: {report.insertions} insertion(s), {report.deletions} deletion(s), "
        f"{report.comments} comment(s) ({report.finding_comments} from findings), "
        f"sign-off {report.signoff_status}"
    )
    return Exit.OK
