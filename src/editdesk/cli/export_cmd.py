"""``editdesk export``: the article and its review as a marked-up DOCX."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from editdesk.cli.exit_codes import Exit
from editdesk.core.article import Article
from editdesk.core.findings import Finding
from editdesk.core.readers import article_for_text
from editdesk.core.review.model import Review


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
        help="apply the first suggestion of every open finding as a tracked change",
    )
    p.add_argument(
        "--findings",
        choices=["open", "all", "none"],
        default="open",
        help="which findings become comments (default: open)",
    )
    p.add_argument("--author", default="EditDesk", help="author of the comments and changes")
    p.add_argument(
        "--lang",
        choices=["en-GB", "en-US", "auto"],
        default=None,
        help="language variant for a fresh check",
    )
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server")
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument(
        "--summary-page",
        action="store_true",
        help="append a review report section to the document body",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=run)


def _error(message: str) -> None:
    print(f"editdesk: error: {message}", file=sys.stderr)


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.reviewed.docx")


def run(args: argparse.Namespace) -> int:
    from editdesk.core.readers import ReadError, read_article
    from editdesk.core.review import SidecarError, load_review, sidecar_path
    from editdesk.export import export_docx

    path: Path = args.file
    out: Path = args.output or default_output(path)
    if out.suffix.lower() != ".docx":
        _error(f"{out}: the output must be a .docx file")
        return Exit.USAGE
    if path.exists() and out.exists() and out.resolve() == path.resolve():
        _error(f"{out}: refusing to write over the article itself")
        return Exit.USAGE
    if out.exists() and not args.force:
        _error(f"{out}: already exists (use --force to overwrite)")
        return Exit.FINDINGS
    if args.config is not None and not args.config.is_file():
        _error(f"{args.config}: no such config file")
        return Exit.USAGE
    try:
        article = read_article(path)
    except ReadError as exc:
        _error(str(exc))
        return Exit.INPUT
    for note in article.notes:
        print(f"{path}: note: {note}", file=sys.stderr)

    review: Review | None = None
    if sidecar_path(path).exists():
        try:
            review = load_review(path, article)
        except SidecarError as exc:
            _error(str(exc))
            return Exit.INPUT
        if review.rebased_on_load is not None:
            print(
                f"{path}: note: the article changed since it was reviewed; "
                "comments and edits were re-anchored",
                file=sys.stderr,
            )

    findings: list[Finding] = []
    needs_check = args.findings != "none" or args.accept_all_suggestions
    if needs_check and not _review_is_checked(review):
        try:
            text = review.text if review else article.text
            findings = _check(article_for_text(article, text), args)
        except _ConfigProblem as exc:
            _error(str(exc))
            return Exit.USAGE

    try:
        report = export_docx(
            article,
            review,
            findings,
            out,
            findings_mode=args.findings,
            author=args.author,
            summary_page=args.summary_page,
            accept_all_suggestions=args.accept_all_suggestions,
        )
    except OSError as exc:
        _error(f"{out}: cannot write ({exc.strerror or exc})")
        return Exit.INPUT
    for note in report.notes:
        print(f"{out}: note: {note}", file=sys.stderr)
    print(
        f"wrote {report.out}: {report.insertions} insertion(s), {report.deletions} deletion(s), "
        f"{report.comments} comment(s) ({report.finding_comments} from findings), "
        f"sign-off {report.signoff_status}"
    )
    return Exit.OK


def _review_is_checked(review: Review | None) -> bool:
    """A sidecar whose findings were synced on exactly its current text."""
    return review is not None and bool(review.checked_sha256) and review.findings_current


class _ConfigProblem(Exception):
    pass


def _check(article: Article, args: argparse.Namespace) -> list[Finding]:
    """Findings from LanguageTool and house style; house style alone (with a
    note) when LanguageTool cannot be had."""
    from editdesk.core.config import ConfigError, load_config
    from editdesk.engine.session import check_article

    try:
        config = load_config(article.path, args.config)
    except ConfigError as exc:
        raise _ConfigProblem(str(exc)) from exc
    if args.lang:
        config = dataclasses.replace(config, language=args.lang)
    result = check_article(article, config, args.server)
    if result.lt_error:
        print(f"editdesk: note: {result.lt_error}; house-style checks only", file=sys.stderr)
    return result.findings
