"""Every way reading can fail is a ReadError with one line: ``PATH: reason``."""

from __future__ import annotations

import builtins
import os
import random
from pathlib import Path

import pytest
from readers_helpers import untouched

from editdesk.core.readers import ReadError, read_article


def _reason(path: Path, **kwargs) -> str:
    with pytest.raises(ReadError) as info:
        read_article(path, **kwargs)
    err = info.value
    message = str(err)
    assert "\n" not in message
    assert message == f"{path}: {err.reason}"
    assert err.path == path
    return err.reason


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert _reason(folder) == "is a directory, not a file"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with untouched(path):
        assert _reason(path) == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_whitespace_only(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"blank{suffix}"
    path.write_bytes(b"  \n\n\t\r\n")
    assert "empty file" in _reason(path)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_random_binary_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(random.Random(7).randbytes(4096))
    with untouched(path):
        assert _reason(path).startswith("binary file")


def test_random_bytes_without_nul_refused(tmp_path: Path) -> None:
    data = bytes(b or 1 for b in random.Random(11).randbytes(4096))
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    reason = _reason(path)
    assert reason.startswith("binary file") or reason.startswith("cannot tell the text encoding")


def test_control_characters_refused(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10 more" * 3)
    assert _reason(path) == "binary file (many control characters), not text"


@pytest.mark.parametrize(("name", "shown"), [("report.pdf", ".pdf"), ("Notes.RTF", ".rtf")])
def test_unsupported_type(tmp_path: Path, name: str, shown: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    assert _reason(path) == f"unsupported file type {shown}; EditDesk reads .txt, .md and .docx"


def test_no_suffix(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("hello\n", encoding="utf-8")
    assert _reason(path).startswith("unsupported file type (no suffix)")


def test_upper_case_suffix_accepted(tmp_path: Path) -> None:
    path = tmp_path / "SHOUT.TXT"
    path.write_text("Hello there.\n", encoding="utf-8")
    assert read_article(path).text == "Hello there.\n"


def test_oversize_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    assert _reason(path, max_bytes=1000) == "file too large (5 KB; limit 1000 bytes)"
    assert read_article(path, max_bytes=5000).text.startswith("word")


def test_default_limit_is_20_mib(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with open(path, "wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is written but the size
    assert _reason(path) == "file too large (20.0 MB; limit 20 MB)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    try:
        assert _reason(path) == "permission denied"
    finally:
        path.chmod(0o600)


def test_permission_denied_on_open(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"PK\x03\x04")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert _reason(path) == "permission denied"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert _reason(path) == "not a regular file"  # and it did not block


def test_read_error_is_one_line_even_for_multiline_reasons(tmp_path: Path) -> None:
    err = ReadError(tmp_path / "a.txt", "first line\nsecond line")
    assert str(err) == f"{tmp_path / 'a.txt'}: first line second line"


def test_string_paths_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("Hello.\n", encoding="utf-8")
    assert read_article(str(path)).path == path


def test_newline_in_file_name_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    message = str(ReadError(path, "no such file"))
    assert "\n" not in message
    assert message.endswith("two\\nlines.txt: no such file")
