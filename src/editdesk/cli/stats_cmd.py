"""``editdesk stats``: what the desk's editors decided, rule by rule, and what the checks
learnt from it (demoted rules, the desk's accepted words); ``--reset RULE`` forgets a
rule's history."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from editdesk.cli.exit_codes import Exit

STATS_SCHEMA = "editdesk.stats/1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="show the desk's decisions per rule and what the checks learnt from them",
        description=(
            "Per rule: how often editors accepted, rejected and ignored its findings, the "
            "rejection rate (rejected + ignored over all decisions) and whether desk history "
            "demoted it; then the words editors accepted as correct. The desk is the one the "
            "editdesk.toml found from FOLDER upward names (desk_folder), else the user's own."
        ),
    )
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="FOLDER",
                   help="where to look for editdesk.toml (default: the current folder)")
    p.add_argument("--config", type=Path, help="this editdesk.toml instead of the lookup")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--reset", action="append", default=[], metavar="RULE",
                   help="forget every decision on RULE (undoes its demotion); repeatable")
    p.set_defaults(func=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from editdesk.core.config import ConfigError, load_config
    from editdesk.service.desk_history import DeskHistoryError, DeskStore

    if args.config is not None and not args.config.is_file():
        print(f"editdesk: error: {args.config}: no such config file", file=sys.stderr)
        return Exit.USAGE
    try:
        config = load_config(args.folder.expanduser().absolute(), args.config)
    except ConfigError as exc:
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return Exit.USAGE
    settings = config.desk
    store = DeskStore.for_settings(settings)
    try:
        for rule in args.reset:
            n = store.reset(rule)
            print(f"{rule}: forgot {n} decision{'s' if n != 1 else ''}", file=sys.stderr)
        tallies = store.tallies()
        words = store.words()
        view = store.view(settings)
    except DeskHistoryError as exc:
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return Exit.INPUT
    demoted = {d.rule for d in view.demotions}
    doc = {
        "schema": STATS_SCHEMA,
        "store": str(store.path),
        "exists": store.path.exists(),
        "settings": {
            "learn": settings.learn,
            "demote_after": settings.demote_after,
            "demote_rate": settings.demote_rate,
            "accept_words_after": settings.accept_words_after,
            "never_demote": sorted(settings.never_demote),
        },
        "rules": [
            {
                "rule": t.rule,
                "checker": t.checker,
                "accepted": t.accepted,
                "rejected": t.rejected,
                "ignored": t.ignored,
                "decisions": t.total,
                "rejection_rate": round(t.rejection_rate, 4),
                "demoted": t.rule in demoted,
            }
            for t in sorted(tallies, key=lambda t: (-t.total, t.rule))
        ],
        "words": [
            {"word": w.word, "articles": w.articles, "accepted_for_desk": w.word in view.words}
            for w in words
        ],
    }
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        for line in _text(doc):
            print(line)
    return Exit.OK


def _text(doc: dict[str, Any]) -> list[str]:
    s = doc["settings"]
    total = sum(r["decisions"] for r in doc["rules"])
    lines = [
        f"desk history: {doc['store']}"
        + ("" if doc["exists"] else " (nothing recorded yet)"),
        f"{total} decision{'s' if total != 1 else ''} on {len(doc['rules'])} rule"
        f"{'s' if len(doc['rules']) != 1 else ''}; a rule is demoted one severity at "
        f"{s['demote_rate']:.0%} rejected or ignored over at least {s['demote_after']} decisions"
        + ("" if s["learn"] else " (learning is off: [desk] learn = false)"),
    ]
    if doc["rules"]:
        width = max(len(r["rule"]) for r in doc["rules"])
        lines.append(
            f"{'rule':<{width}}  {'checker':<12} {'accepted':>8} {'rejected':>8} "
            f"{'ignored':>7} {'rejection':>9}"
        )
        for r in doc["rules"]:
            mark = "  demoted by desk history" if r["demoted"] else ""
            lines.append(
                f"{r['rule']:<{width}}  {r['checker']:<12} {r['accepted']:>8} "
                f"{r['rejected']:>8} {r['ignored']:>7} {r['rejection_rate']:>9.0%}{mark}"
            )
    if doc["words"]:
        lines.append(
            f"words editors accepted as correct (articles; a desk word from "
            f"{s['accept_words_after']}):"
        )
        for w in doc["words"]:
            tag = "  accepted for the desk" if w["accepted_for_desk"] else ""
            lines.append(f"  {w['word']} ({w['articles']}){tag}")
    return lines
