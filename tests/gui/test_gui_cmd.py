"""``editdesk gui``: arguments, and Qt is only imported when the app runs."""

from __future__ import annotations

import subprocess
import sys

from editdesk.cli import build_parser, main
from editdesk.cli.exit_codes import Exit


def test_gui_command_takes_a_file_and_a_server(monkeypatch):
    monkeypatch.delenv("EDITDESK_LT_URL", raising=False)
    args = build_parser().parse_args(["gui", "article.md", "--server", "http://127.0.0.1:1"])
    assert str(args.file) == "article.md" and args.server == "http://127.0.0.1:1"


def test_gui_server_defaults_to_environment(monkeypatch):
    monkeypatch.setenv("EDITDESK_LT_URL", "http://127.0.0.1:2")
    assert build_parser().parse_args(["gui"]).server == "http://127.0.0.1:2"


def test_missing_file_is_one_line_error(tmp_path, capsys):
    missing = tmp_path / "nope.md"
    assert main(["gui", str(missing)]) == Exit.INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"editdesk gui: {missing}: no such file"


def test_cli_does_not_load_qt():
    code = "import sys, editdesk.cli; editdesk.cli.build_parser(); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
