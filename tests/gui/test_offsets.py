"""Offsets between the core (code points) and Qt (UTF-16), checked against Qt itself."""

from __future__ import annotations

import pytest

from editdesk.gui.offsets import OffsetMap, utf16_len

SAMPLES = [
    "plain ascii text",
    "Résumé with accents, café",
    "Emoji 🎉 then an eror here",
    "Math 𝑥 + 𝑦 = teh answer 😀😀",
    "🎉",
    "",
    "mixed\nlines 🎉\n\n𝑥 after blank",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_round_trip_every_offset(text: str) -> None:
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == utf16_len(text[:i])
        assert m.to_py(q) == i


def test_position_inside_surrogate_pair_rounds_to_character_start() -> None:
    text = "a🎉b"
    m = OffsetMap(text)
    assert m.to_qt(1) == 1 and m.to_qt(2) == 3
    assert m.to_py(2) == 1  # between the halves of 🎉


def test_finding_after_emoji_selects_the_same_words_in_qt(qtbot) -> None:
    from PySide6.QtGui import QTextCursor, QTextDocument

    text = "Party 🎉 with 𝑥 and teh cake 😀."
    start = text.index("teh")
    end = start + 3
    doc = QTextDocument()
    doc.setPlainText(text)
    m = OffsetMap(text)
    cursor = QTextCursor(doc)
    qs, qe = m.span_to_qt(start, end)
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "teh"
    assert m.span_to_py(cursor.selectionStart(), cursor.selectionEnd()) == (start, end)
    assert doc.characterCount() - 1 == utf16_len(text)
