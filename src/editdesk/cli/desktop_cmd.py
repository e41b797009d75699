"""``editdesk desktop install|uninstall``: the application-menu entry, icons and metainfo."""

from __future__ import annotations

import argparse
import sys

from editdesk.cli.exit_codes import Exit


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "desktop",
        help="add EditDesk to (or remove it from) the desktop's application menu",
        description="Install the .desktop entry, hicolor icons and AppStream metainfo into "
        "the user's XDG data folder ($XDG_DATA_HOME, default ~/.local/share), so EditDesk "
        "is in the menu and in a file manager's \"Open with\" for .txt, .md and .docx. "
        "Exit 1 when something could not be installed.",
    )
    sub = p.add_subparsers(dest="desktop_command", metavar="ACTION", required=True,
                           parser_class=type(p))
    sub.add_parser("install", help="install the menu entry for this installation") \
        .set_defaults(func=run_install)
    sub.add_parser("uninstall", help="remove what `desktop install` installed") \
        .set_defaults(func=run_uninstall)


def run_install(args: argparse.Namespace) -> int:
    from editdesk import xdg_install

    try:
        outcome = xdg_install.install()
    except (xdg_install.DesktopInstallError, OSError, ValueError) as exc:
        print(f"editdesk: error: {exc}", file=sys.stderr)
        return 1
    for path in outcome.files:
        print(path)
    checked = ", ".join(outcome.validation) or "no validator installed"
    print(f"editdesk: desktop entry installed in {outcome.data_home} (validated: {checked})",
          file=sys.stderr)
    return Exit.OK


def run_uninstall(args: argparse.Namespace) -> int:
    from editdesk import xdg_install

    outcome = xdg_install.uninstall()
    for path in outcome.files:
        print(path)
    print(f"editdesk: removed {len(outcome.files)} files from {outcome.data_home}",
          file=sys.stderr)
    return Exit.OK
