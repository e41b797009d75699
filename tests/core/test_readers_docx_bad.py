"""DOCX inputs that must be refused with one line: corrupt, hostile or not DOCX at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from readers_helpers import build_docx, untouched

from editdesk.core.readers import ReadError, limits, read_article

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _refused(path: Path) -> str:
    with untouched(path), pytest.raises(ReadError) as info:
        read_article(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def _replace_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """Copy a DOCX with one member's content replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, data if item.filename == name else zin.read(item))
    return dst


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "good.docx")


def test_truncated_zip(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "corrupt DOCX" in _refused(bad)


def test_text_file_named_docx(tmp_path: Path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("just some text\n", encoding="utf-8")
    assert "not a DOCX file (not a zip archive)" in _refused(bad)


def test_legacy_or_encrypted_word_file(tmp_path: Path) -> None:
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "password-protected or old-format" in _refused(bad)


def test_zip_without_document_xml(tmp_path: Path) -> None:
    bad = tmp_path / "empty.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "no word/document.xml" in _refused(bad)


def test_zip_bomb_refused_from_declared_sizes(tmp_path: Path, monkeypatch) -> None:
    bomb = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/media/padding.bin", "w", force_zip64=True) as fh:
            for _ in range(300):  # 300 MiB of zeros: deflates to well under 1 MiB
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    expanded: list[int] = []
    real_read = zipfile.ZipExtFile.read

    def spying_read(self, *args, **kwargs):
        data = real_read(self, *args, **kwargs)
        expanded.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spying_read)
    message = _refused(bomb)
    assert "possible zip bomb" in message
    assert sum(expanded) < 1024 * 1024  # judged from the directory, nothing expanded


def test_single_member_high_ratio_refused(tmp_path: Path, monkeypatch) -> None:
    # Under the total limit but compressed far better than any real document part.
    monkeypatch.setattr(limits, "ZIP_RATIO_CHECK_FROM", 1024 * 1024)
    bomb = tmp_path / "ratio.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * (4 * 1024 * 1024))
    assert "possible zip bomb" in _refused(bomb)


def test_document_xml_over_part_limit(good: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_XML_PART", 1000)
    with zipfile.ZipFile(good) as zf:
        size = zf.getinfo("word/document.xml").file_size
    assert size > 1000
    message = _refused(good)
    assert "word/document.xml is too large" in message


def test_deeply_nested_xml_refused(good: Path, tmp_path: Path) -> None:
    depth = 100_000
    xml = (
        f'<w:document xmlns:w="{W}"><w:body>'
        + "<w:p>" * depth
        + "</w:p>" * depth
        + "</w:body></w:document>"
    ).encode()
    bad = _replace_member(good, tmp_path / "deep.docx", "word/document.xml", xml)
    assert "word/document.xml is malformed or too large to parse safely" in _refused(bad)


def test_huge_text_node_refused(good: Path, tmp_path: Path) -> None:
    text = "a" * (11 * 1024 * 1024)  # libxml2 refuses text nodes over 10 MB without huge_tree
    xml = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    bad = _replace_member(good, tmp_path / "huge.docx", "word/document.xml", xml)
    assert "too large to parse safely" in _refused(bad)


def test_entity_expansion_refused(good: Path, tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    bad = _replace_member(good, tmp_path / "lol.docx", "word/document.xml", xml)
    message = _refused(bad)
    assert "declares a DTD" in message or "parse" in message


def test_external_entity_not_resolved(good: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>a &x; b</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    bad = _replace_member(good, tmp_path / "xxe.docx", "word/document.xml", xml)
    message = _refused(bad)
    assert "TOP SECRET" not in message


def test_not_a_word_document_root(good: Path, tmp_path: Path) -> None:
    bad = _replace_member(good, tmp_path / "other.docx", "word/document.xml", b"<html/>")
    assert "is not a Word document" in _refused(bad)


def test_malformed_xml(good: Path, tmp_path: Path) -> None:
    bad = _replace_member(good, tmp_path / "broken.docx", "word/document.xml", b"<w:document")
    assert "malformed" in _refused(bad)


def test_document_without_text(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "blank.docx", lambda doc: doc.add_paragraph("   "))
    assert "empty document" in _refused(path)


def test_corrupt_member_crc(good: Path, tmp_path: Path) -> None:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    # Flip a byte inside document.xml's compressed data (after its local header).
    header = 30 + len(info.filename.encode()) + len(info.extra)
    pos = info.header_offset + header + info.compress_size // 2
    data[pos] ^= 0xFF
    bad = tmp_path / "crc.docx"
    bad.write_bytes(bytes(data))
    assert "corrupt DOCX" in _refused(bad)
