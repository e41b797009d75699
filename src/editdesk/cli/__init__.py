"""The ``editdesk`` command. Each subcommand lives in its own module with a
``register(subparsers)`` that sets ``func``; the GUI is imported only by the
``gui`` subcommand, so headless use never loads Qt."""

from __future__ import annotations

import argparse
import importlib
import sys

from editdesk import __version__
from editdesk.cli.exit_codes import Exit

# command name -> the module that registers it (review_cmd registers two)
_COMMANDS = {
    "check": "check",
    "engine": "engine_cmd",
    "signoff": "review_cmd",
    "status": "review_cmd",
    "export": "export_cmd",
    "gui": "gui_cmd",
    "desktop": "desktop_cmd",
    "doctor": "doctor_cmd",
    "stats": "stats_cmd",
    "review": "decide_cmd",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 already; keep it one line
        self.print_usage(sys.stderr)
        self.exit(Exit.USAGE, f"{self.prog}: error: {message}\n")


def _version_line() -> str:
    import platform

    from editdesk.engine.specs import ENGINES

    engines = ", ".join(f"{spec.name} {spec.version}" for spec in ENGINES.values())
    return f"editdesk {__version__} (Python {platform.python_version()}; engines: {engines})"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (given the command being run) only that command's part,
    so that ``editdesk check`` does not import what ``export`` or ``gui`` need."""
    parser = _Parser(prog="editdesk", description="Editorial review for articles.")
    parser.add_argument("--version", action="version", version=_version_line())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    every = list(dict.fromkeys(_COMMANDS.values()))
    wanted = [_COMMANDS[command]] if command in _COMMANDS else every
    for name in wanted:
        try:
            module = importlib.import_module(f"editdesk.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"editdesk.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return Exit.USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("editdesk: interrupted", file=sys.stderr)
        return 130


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
