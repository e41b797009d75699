"""``editdesk review``: list an article's findings and decide them from the command
line (accept, reject, ignore, reopen, accept a word), through the same review
session as the app, so each decision is saved in the review file and recorded once
in the desk's history."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from editdesk.cli.check import add_structure_options
from editdesk.cli.exit_codes import Exit
from editdesk.cli.review_cmd import (
    check_config,
    config_file_missing,
    engines_for,
    error,
    open_review,
)

if TYPE_CHECKING:
    from editdesk.service.review_session import ReviewSession

REVIEW_SCHEMA = "editdesk.review-findings/1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="list an article's findings and accept, reject, ignore or reopen them",
        description=(
            "Without an action, list the findings with their keys. Actions are applied in "
            "the order given, saved in the review file beside the article and recorded in "
            "the desk's history (editdesk stats). The article is checked first if its "
            "review was never checked or its text changed since."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the article (.txt, .md, .docx)")
    p.add_argument("--editor", help="who decides (required with an action)")
    p.add_argument("--accept", action=_InOrder, metavar="KEY",
                   help="accept the finding's first suggestion (or --with TEXT)")
    p.add_argument("--with", dest="replacement", metavar="TEXT",
                   help="the replacement for --accept (one --accept only)")
    p.add_argument("--reject", action=_InOrder, metavar="KEY")
    p.add_argument("--ignore", action=_InOrder, metavar="KEY")
    p.add_argument("--reopen", action=_InOrder, metavar="KEY",
                   help="take a decision back (an accepted change is undone)")
    p.add_argument("--accept-word", dest="accept_word", action=_InOrder, metavar="WORD",
                   help="add WORD to the article's accepted words")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server (no Java needed)")
    add_structure_options(p)
    p.add_argument("--lang", choices=["en-GB", "en-US", "auto"], default=None)
    p.set_defaults(func=run_review, actions=())


class _InOrder(argparse.Action):
    """Collects (action, value) in the order given on the command line."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        namespace.actions = (*namespace.actions, (self.dest, values))


def run_review(args: argparse.Namespace) -> int:
    from editdesk.core.review import ReviewError, SidecarError
    from editdesk.service.checking import needs_check
    from editdesk.service.review_session import ReviewSession
    from editdesk.service.signing import refresh_findings

    path: Path = args.file
    if config_file_missing(args):
        return Exit.USAGE
    actions = list(args.actions)
    if actions and not (args.editor or "").strip():
        error("--editor must name who decides")
        return Exit.USAGE
    if args.replacement is not None and [a for a, _ in actions].count("accept") != 1:
        error("--with goes with exactly one --accept")
        return Exit.USAGE
    opened = open_review(path)
    if isinstance(opened, int):
        return opened
    if opened.read_only:
        error(f"{path}: {opened.read_only}")
        return Exit.INPUT
    config = check_config(path, args)
    if isinstance(config, int):
        return config
    checked = needs_check(opened.review)
    if checked:
        result = refresh_findings(opened, config, engines_for(args))
        if result is not None and result.lt_error:
            print(f"editdesk: warning: {result.lt_error}; checked house style only",
                  file=sys.stderr)
    session = ReviewSession.of(opened)
    session.dirty = checked
    failed = None
    for action, value in actions:
        try:
            _apply(session, action, value, args)
        except ReviewError as exc:
            failed = f"{path}: --{action.replace('_', '-')} {value}: {exc}"
            break
        print(f"{path}: {action.replace('_', ' ')} {value}", file=sys.stderr)
    try:
        session.save()
    except (SidecarError, OSError) as exc:
        error(str(exc))
        return Exit.INPUT
    if session.desk is not None and session.desk.problem:
        print(f"editdesk: warning: desk history not recorded: {session.desk.problem}",
              file=sys.stderr)
    if failed:
        error(failed)
        return Exit.USAGE
    if not actions:
        _list(session, args.format)
    return Exit.OK


def _apply(session: ReviewSession, action: str, value: str, args: argparse.Namespace) -> None:
    from editdesk.core.review import ReviewError
    from editdesk.service.finding_keys import state_for_key

    if action == "accept_word":
        session.accept_word(value)
        return
    state = state_for_key(session.review, value)
    if state is None:
        raise ReviewError("no such finding (editdesk review FILE lists the keys)")
    if action == "accept":
        replacement = args.replacement
        if replacement is None:
            if not state.finding.replacements:
                raise ReviewError("this finding has no suggestion: give one with --with TEXT")
            replacement = state.finding.replacements[0]
        session.accept(value, replacement, args.editor)
    else:
        getattr(session, action)(value, args.editor)


def _list(session: ReviewSession, fmt: str) -> None:
    from editdesk.service.finding_keys import finding_keys

    review = session.review
    article = session.snapshot(review.text)
    rows = []
    for key, state in zip(finding_keys(review), review.findings, strict=True):
        f = state.finding
        line, column = article.line_col(f.start)
        rows.append({
            "key": key, "id": f.id, "severity": f.severity.value, "state": str(state.decision),
            "line": line, "column": column, "text": review.text[f.start : f.end],
            "message": f.message, "replacements": list(f.replacements),
        })
    if fmt == "json":
        doc = {"schema": REVIEW_SCHEMA, "file": str(session.path), "findings": rows}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    for r in rows:
        print(f"{r['key']}  {session.path}:{r['line']}:{r['column']}: {r['state']} "
              f"{r['severity']} {r['id']} “{r['text']}” {r['message']}")
