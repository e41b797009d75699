"""Failure paths of the review commands: one line on stderr, the documented exit
code, no traceback, and the files involved left as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.cli import main
from editdesk.core.review import sidecar_path

TEXT = "The council met on Tuesday. It agreed the budget after a short debate.\n"
DEEP = 100_000


pytestmark = pytest.mark.usefixtures("isolated")


def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


ODD_SIDECARS = {
    "deep-array": b"[" * DEEP + b"]" * DEEP,
    "deep-object": b'{"schema": "editdesk.review/1", "x": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP
    + b"}",
    "deep-in-field": b'{"schema": "editdesk.review/1", "original": ' + b"[" * DEEP + b"]" * DEEP
    + b"}",
    "nul": b"\x00" * 64,
    "lone-surrogate-escape": b'{"schema": "editdesk.review/1", "original": "\\ud800", "text": 1}',
    "huge-number": b'{"schema": "editdesk.review/1", "original": ' + b"9" * 5000 + b"}",
    "signoffs-not-a-list": b'{"schema": "editdesk.review/1", "original": "", "text": "", '
    b'"original_sha256": "", "signoffs": 5}',
    "schema-number": b'{"schema": 7}',
    "bom": b"\xef\xbb\xbf{}",
}


@pytest.mark.parametrize("content", ODD_SIDECARS.values(), ids=ODD_SIDECARS.keys())
@pytest.mark.parametrize("command", ["status", "signoff", "export"])
def test_odd_sidecar_exits_3_in_one_line_and_is_kept(tmp_path, capsys, content, command):
    path = story(tmp_path)
    sidecar = sidecar_path(path)
    sidecar.write_bytes(content)
    args = {
        "status": ["status", str(path)],
        "signoff": ["signoff", str(path), "--editor", "Ana", "--decision", "changes-requested"],
        "export": ["export", str(path), "--findings", "none"],
    }[command]
    assert main(args) == 3
    line = one_line(capsys.readouterr().err)
    assert str(sidecar) in line
    assert sidecar.read_bytes() == content and path.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("config", "cache")) == [
        "story.txt", sidecar.name,
    ]


def test_deeply_nested_house_style_is_a_usage_error(tmp_path, capsys):
    path = story(tmp_path)
    config = tmp_path / "deep.toml"
    config.write_text("a = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    code = main(["signoff", str(path), "--editor", "Ana", "--decision", "changes-requested",
                 "--config", str(config)])
    assert code == 2
    assert "nested too deeply" in one_line(capsys.readouterr().err)
    assert not sidecar_path(path).exists()
