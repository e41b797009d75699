"""``editdesk signoff`` and ``editdesk status``: sign a review off, and ask whether
an article's sign-off still holds (for CI and publishing scripts)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editdesk.cli.check import add_structure_options
from editdesk.cli.exit_codes import Exit
from editdesk.core.review import ReviewError, SidecarError, SignOff, SignOffRefused, sidecar_path

if TYPE_CHECKING:
    from editdesk.core.config import Config
    from editdesk.engine.session import EngineSession
    from editdesk.service.opening import OpenedReview

STATUS_SCHEMA = "editdesk.status/1"
HASH_PREFIX = 12


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "signoff",
        help="record a sign-off on an article's review",
        description=(
            "Record who approved (or asked for changes to) the article's current text. "
            "Approving is refused while error findings are open, unless --force-reason "
            "says why. The article is checked first if its review was never checked "
            "or its text changed since."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the article (.txt, .md, .docx)")
    p.add_argument("--editor", required=True, help="who signs off")
    p.add_argument("--role", default="editor", help="as what (default: editor)")
    p.add_argument("--decision", required=True, choices=["approved", "changes-requested"])
    p.add_argument("--note", default="", help="a note kept with the sign-off")
    p.add_argument("--force-reason", metavar="TEXT",
                   help="approve despite open errors, for this recorded reason")
    p.add_argument("--config", type=Path, help="house-style file instead of editdesk.toml lookup")
    p.add_argument("--server", metavar="URL", help="use this LanguageTool server (no Java needed)")
    add_structure_options(p)
    p.add_argument("--lang", choices=["en-GB", "en-US", "auto"], default=None,
                   help="language variant for the check (default: from the house style)")
    p.set_defaults(func=run_signoff)

    s = sub.add_parser(
        "status",
        help="show an article's sign-off; exit 0 only if approved and still current",
        description=(
            "Who signed the article off, as what, when, on which text. Exit 0 only if the "
            "latest sign-off is an approval of exactly the current text."
        ),
    )
    s.add_argument("file", type=Path, metavar="FILE", help="the article (.txt, .md, .docx)")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=run_status)


# ---- shared with ``editdesk export`` ---------------------------------------------


def error(message: str) -> None:
    print(f"editdesk: error: {message}", file=sys.stderr)


def config_file_missing(args: argparse.Namespace) -> bool:
    """``--config FILE`` names no file (said on stderr): a usage error."""
    if args.config is not None and not args.config.is_file():
        error(f"{args.config}: no such config file")
        return True
    return False


def open_review(path: Path) -> OpenedReview | int:
    """The article and its review (service.opening), or print why not and return the
    exit code; a review carried over to a changed article is said on stderr."""
    from editdesk.service.opening import OpenError
    from editdesk.service.opening import open_review as open_with_review

    try:
        opened = open_with_review(path)
    except OpenError as exc:
        error(str(exc))
        return Exit.INPUT
    info = opened.review.rebased_on_load
    if info is not None:
        print(
            f"{path}: note: the article changed on disk since it was reviewed; "
            f"{info.edits_applied} edit(s) carried over, {len(info.edits_detached)} could not be, "
            f"{info.comments_detached} comment(s) detached",
            file=sys.stderr,
        )
    return opened


def check_config(path: Path, args: argparse.Namespace) -> Config | int:
    """The house style for ``path`` (``--config``, ``--lang`` applied), or print
    why not and return the exit code."""
    from editdesk.core.config import ConfigError
    from editdesk.service.house_style import house_style_for

    try:
        return house_style_for(path, args.config, args.lang)
    except ConfigError as exc:
        error(str(exc))
        return Exit.USAGE


def engines_for(args: argparse.Namespace) -> EngineSession:
    """The engine session the options ask for (service.checking opens and closes it)."""
    from editdesk.engine.session import EngineSession

    return EngineSession(args.server, nlp_server_url=getattr(args, "nlp_server", None))


def note_structure_skipped(result, engines: EngineSession) -> None:
    """The one line ``check`` prints too, when a check made here ran without CoreNLP."""
    from editdesk.service.checking import structure_skipped

    skipped = structure_skipped(result, engines)
    if skipped:
        print(f"editdesk: structure checks skipped: {skipped}", file=sys.stderr)


# ---- signoff -------------------------------------------------------------------


def run_signoff(args: argparse.Namespace) -> int:
    from editdesk.service.signing import refresh_findings, sign_off_and_save

    path: Path = args.file
    if config_file_missing(args):
        return Exit.USAGE
    if not args.editor.strip():
        error("--editor must name someone")
        return Exit.USAGE
    opened = open_review(path)
    if isinstance(opened, int):
        return opened
    config = check_config(path, args)
    if isinstance(config, int):
        return config

    engines = engines_for(args)
    result = refresh_findings(opened, config, engines)
    if result is not None and result.lt_error:
        reason = f"{result.lt_error}; checked house style only"
        print(f"editdesk: warning: {reason}", file=sys.stderr)
    note_structure_skipped(result, engines)

    try:
        record, saved = sign_off_and_save(
            opened, config, editor=args.editor, role=args.role, decision=args.decision,
            note=args.note, force_reason=args.force_reason,
        )
    except SignOffRefused as exc:
        error(f"{path}: {exc} (--force-reason TEXT); nothing recorded")
        return Exit.FINDINGS
    except ReviewError as exc:
        error(f"{path}: {exc}")
        return Exit.USAGE
    except (SidecarError, OSError) as exc:
        error(str(exc) if isinstance(exc, SidecarError) else f"{sidecar_path(path)}: {exc}")
        return Exit.INPUT
    print(f"{path}: {_describe(record)}")
    print(f"{path}: recorded in {saved}")
    return Exit.OK


def _describe(s: SignOff) -> str:
    counts = ", ".join(f"{n} {sev}" for sev, n in s.open_findings.items())
    line = (
        f"{s.decision} by {s.editor} ({s.role}) at {s.at} on text "
        f"{s.text_sha256[:HASH_PREFIX]}; open findings: {counts}"
    )
    if s.checked_with and "languagetool" not in s.checked_with:
        line += " (checked with house style only)"
    elif not s.findings_checked:
        line += " (findings not re-checked after the last edit)"
    if s.force_reason:
        line += f"; approved despite open errors because: {s.force_reason}"
    return line


# ---- status --------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    path: Path = args.file
    opened = open_review(path)
    if isinstance(opened, int):
        return opened
    from editdesk.service.signing import status

    review = opened.review
    st = status(opened)
    ok = st.approved_and_current
    if args.format == "json":
        payload = {
            "schema": STATUS_SCHEMA,
            "file": str(path),
            "state": st.state,
            "ok": ok,
            "text_sha256": review.text_sha256,
            "changed_at": st.changed_at,
            "changed_by": st.changed_by,
            "latest": _signoff_json(st.latest) if st.latest else None,
            "history": [_signoff_json(s) for s in review.signoffs],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return Exit.OK if ok else Exit.FINDINGS

    if st.latest is None:
        print(f"{path}: not signed off")
        return Exit.FINDINGS
    line = f"{path}: {st.state}: {_describe(st.latest)}"
    if st.state == "stale":
        since = f" since {st.changed_at}" if st.changed_at else ""
        by = f" by {st.changed_by}" if st.changed_by else ""
        line += f"; the text has changed{since}{by} (now {review.text_sha256[:HASH_PREFIX]})"
    print(line)
    if st.latest.note:
        print(f"  note: {st.latest.note}")
    if len(review.signoffs) > 1:
        print("  history:")
        for s in reversed(review.signoffs[:-1]):
            print(f"    {_describe(s)}")
    return Exit.OK if ok else Exit.FINDINGS


def _signoff_json(s: SignOff) -> dict[str, Any]:
    return {
        "editor": s.editor,
        "role": s.role,
        "decision": s.decision,
        "note": s.note,
        "at": s.at,
        "text_sha256": s.text_sha256,
        "style_hash": s.style_hash,
        "open_findings": s.open_findings,
        "force_reason": s.force_reason,
        "findings_checked": s.findings_checked,
        "checked_with": s.checked_with,
    }
