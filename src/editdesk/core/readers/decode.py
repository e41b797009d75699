"""Bytes to text for .txt and .md: Unicode with or without a BOM, or a legacy
encoding only when it can be told reliably; never silent mojibake."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from editdesk.core.readers.errors import ReadError

# Longest BOM first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_UTF8_SEQUENCE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)
# C0 controls other than tab, newlines, vertical tab and form feed.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
MAX_CHAOS_WESTERN = 0.1
MAX_CHAOS_OTHER = 0.05
MIN_COHERENCE_OTHER = 0.3
# In Western-language prose most letters are ASCII; a "cp1252" text made mostly of
# accented letters is really another script in the wrong code page.
MAX_NON_ASCII_LETTER_SHARE = 0.3

CANNOT_TELL = "cannot tell the text encoding; save it as UTF-8"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def newline_positions(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the CRLFs and the lone CRs of ``text`` stand once newlines are
    normalised: the offsets of the ``\\n`` that replaced each."""
    crlf: list[int] = []
    lone_cr: list[int] = []
    at = text.find("\r")
    while at != -1:
        if text.startswith("\n", at + 1):
            crlf.append(at - len(crlf))
            at = text.find("\r", at + 2)
        else:
            lone_cr.append(at - len(crlf))
            at = text.find("\r", at + 1)
    return tuple(crlf), tuple(lone_cr)


def decode_source(
    data: bytes, path: Path
) -> tuple[str, tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]]:
    """``decode_text`` and the ``newline_positions`` of the text as read."""
    raw, notes = _decode(data, path)
    return normalise_newlines(raw), notes, newline_positions(raw)


def decode_text(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """Decoded text (newlines normalised to \\n) and notes for the user."""
    raw, notes = _decode(data, path)
    return normalise_newlines(raw), notes


def _decode(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path, f"not valid {label} despite its byte-order mark (byte {exc.start})"
                ) from None
            _refuse_binary_text(text, path)
            return text, ()
    if b"\x00" in data:
        if _looks_like_bomless_utf16(data):
            raise ReadError(path, "looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise ReadError(path, "binary file (contains NUL bytes), not text")
    notes: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8")
        utf8_error = None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error is not None:
        text, notes = _decode_legacy(data, path, utf8_error)
    _refuse_binary_text(text, path)
    return text, notes


def _decode_legacy(
    data: bytes, path: Path, utf8_error: UnicodeDecodeError
) -> tuple[str, tuple[str, ...]]:
    non_ascii = sum(1 for b in data if b >= 0x80)
    in_utf8 = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(data))
    if non_ascii and in_utf8 * 2 >= non_ascii:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise ReadError(
            path, f"mostly UTF-8 but with invalid bytes (first on line {line}); save it as UTF-8"
        )
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and western.chaos <= MAX_CHAOS_WESTERN:
        text = str(western)
        if _looks_western(text):
            return text, ("decoded as cp1252",)
    best = charset_normalizer.from_bytes(data).best()
    if (
        best is not None
        and best.chaos <= MAX_CHAOS_OTHER
        and best.coherence >= MIN_COHERENCE_OTHER
        and not best.encoding.startswith("utf")
    ):
        return str(best), (f"decoded as {best.encoding}",)
    raise ReadError(path, CANNOT_TELL)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Mostly ASCII text in UTF-16: every other byte is NUL, the others are not."""
    even, odd = data[0::2], data[1::2]
    if len(data) < 8 or len(data) % 2:
        return False
    for zeros, other in ((odd, even), (even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            return True
    return False


def _looks_western(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for ch in letters if ord(ch) >= 0x80)
    return foreign / len(letters) <= MAX_NON_ASCII_LETTER_SHARE


def _refuse_binary_text(text: str, path: Path) -> None:
    if "\x00" in text:
        raise ReadError(path, "binary file (contains NUL characters), not text")
    controls = len(_CONTROL.findall(text))
    # A stray control character is survivable; many mean this is not text.
    if controls > max(8, len(text) // 1000):
        raise ReadError(path, "binary file (many control characters), not text")
