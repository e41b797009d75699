"""Plain-text reader: encodings, line endings, paragraphs, title, offsets."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from readers_helpers import prose_maps_back, untouched

from editdesk.core.readers import ReadError, read_article

SHARED_SAMPLE = (
    Path(__file__).resolve().parents[3] / "shared" / "samples" / "no-limit-partnership.txt"
)
CURLY = "He said \u2018hello\u2019 at the caf\u00e9 \u2013 twice.\n\nIt was \u201cfine\u201d.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read(path: Path):
    with untouched(path):
        return read_article(path)


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_unicode_encodings(tmp_path: Path, prefix: bytes, codec: str) -> None:
    text = "Emoji 😀 and 𝑥 here.\n\nSecond paragraph, caf\u00e9.\n"
    article = _read(_write(tmp_path, "a.txt", prefix + text.encode(codec)))
    assert article.text == text  # BOM gone, nothing else changed
    assert article.notes == ()
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "Emoji 😀 and 𝑥 here.",
        "Second paragraph, caf\u00e9.",
    ]


def test_cp1252_curly_quotes_decoded_with_note(tmp_path: Path) -> None:
    article = _read(_write(tmp_path, "legacy.txt", CURLY.encode("cp1252")))
    assert article.text == CURLY
    assert article.notes == ("decoded as cp1252",)


def test_latin1_accents_decoded(tmp_path: Path) -> None:
    text = "Gr\u00fc\u00dfe aus M\u00fcnchen. Die Stra\u00dfe ist sch\u00f6n, na\u00efve.\n"
    article = _read(_write(tmp_path, "latin1.txt", text.encode("latin-1")))
    assert article.text == text
    assert article.notes and "decoded as" in article.notes[0]


def test_short_cp1252_line_decoded(tmp_path: Path) -> None:
    text = "He said \u2018hello\u2019 at the caf\u00e9.\n"
    assert _read(_write(tmp_path, "short.txt", text.encode("cp1252"))).text == text


def test_cyrillic_cp1251_detected_not_read_as_western(tmp_path: Path) -> None:
    text = (
        "Москва и Пекин "
        "продолжают "
        "укреплять "
        "стратегическое "
        "партнёрство. "
        "Министр иностра"
        "нных дел посетил "
        "столицу впервые "
        "за год.\n"
    )
    article = _read(_write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert article.text == text
    assert article.notes == ("decoded as cp1251",)


def test_short_text_in_unknown_code_page_refused(tmp_path: Path) -> None:
    text = "Привет, как дела?\n"
    path = _write(tmp_path, "ru-short.txt", text.encode("cp1251"))
    with pytest.raises(ReadError, match="cannot tell the text encoding; save it as UTF-8"):
        _read(path)


def test_mostly_utf8_with_a_stray_byte_refused(tmp_path: Path) -> None:
    data = "Caf\u00e9 \u2018one\u2019.\nLine two \u2014 fine.\n".encode() + b"bad \xe9 byte\n"
    path = _write(tmp_path, "mixed.txt", data)
    with pytest.raises(ReadError, match=r"mostly UTF-8 but with invalid bytes \(first on line 3\)"):
        _read(path)


def test_undecodable_bytes_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "odd.txt", bytes(range(0x80, 0x100)) * 4)
    with pytest.raises(ReadError) as info:
        _read(path)
    assert str(info.value) == f"{path}: cannot tell the text encoding; save it as UTF-8"


def test_bad_utf16_after_bom_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad16.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # lone surrogate
    with pytest.raises(ReadError, match="not valid UTF-16 despite its byte-order mark"):
        _read(path)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_normalised(tmp_path: Path, newline: str) -> None:
    text = "Headline here\n\nBody one\ncontinues.\n\nBody two.\n"
    article = _read(_write(tmp_path, "eol.txt", text.replace("\n", newline).encode()))
    assert article.text == text
    assert "\r" not in article.text
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "Headline here",
        "Body one\ncontinues.",
        "Body two.",
    ]


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    text = "A headline without a full stop\nFirst sentence.\nSecond one.\n"
    article = _read(_write(tmp_path, "lines.txt", text.encode()))
    assert [(article.text[p.start : p.end], p.kind) for p in article.paragraphs] == [
        ("A headline without a full stop", "title"),
        ("First sentence.", "body"),
        ("Second one.", "body"),
    ]


@pytest.mark.parametrize(
    "first",
    [
        "This first line ends with a full stop.",
        "A very long first line " + "that goes on and on " * 10 + "without a stop",
    ],
)
def test_first_paragraph_not_a_title(tmp_path: Path, first: str) -> None:
    article = _read(_write(tmp_path, "t.txt", f"{first}\n\nBody.\n".encode()))
    assert article.paragraphs[0].kind == "body"


def test_single_paragraph_is_not_a_title(tmp_path: Path) -> None:
    article = _read(_write(tmp_path, "one.txt", b"Just a fragment"))
    assert [p.kind for p in article.paragraphs] == ["body"]


def test_astral_offsets(tmp_path: Path) -> None:
    text = "Title 😀\n\n𝑥 😀 The erorr sits here 𝑥 and 😀 after.\n"
    article = _read(_write(tmp_path, "astral.txt", text.encode()))
    i = article.text.index("erorr")
    assert article.text[i : i + 5] == "erorr"
    assert article.line_col(i) == (3, len("𝑥 😀 The ") + 1)
    view = article.prose(1)
    j = view.text.index("erorr")
    assert view.to_article(j, j + 5) == (i, i + 5)
    assert prose_maps_back(article) == []


def test_bare_urls_masked(tmp_path: Path) -> None:
    text = "See https://example.org/a_(b) and www.test.com/x, then (http://x.io/y).\n"
    article = _read(_write(tmp_path, "u.txt", text.encode()))
    assert article.prose(0).text == "See example.com and example.com, then (example.com)."
    assert prose_maps_back(article) == []


def test_shared_sample_reads_as_one_paragraph_per_line() -> None:
    if not SHARED_SAMPLE.is_file():
        pytest.skip("shared sample not present")
    article = _read(SHARED_SAMPLE)
    lines = [ln for ln in SHARED_SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert 35 <= len(article.paragraphs) <= 50
    assert len(article.paragraphs) == len(lines)
    texts = [article.text[p.start : p.end] for p in article.paragraphs]
    assert texts == [ln.strip() for ln in lines]
    assert texts[0] == texts[2]  # the duplicated headline
    assert article.paragraphs[0].kind == "title"
    assert article.notes == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_refused_with_a_hint(tmp_path: Path, codec: str) -> None:
    path = _write(tmp_path, "w.txt", "Plain words in UTF-16.\n".encode(codec))
    with pytest.raises(ReadError, match="looks like UTF-16 without a byte-order mark"):
        _read(path)
