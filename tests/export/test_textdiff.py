import random

import pytest

from editdesk.export.ooxml import clean_xml_text
from editdesk.export.textdiff import diff_words, tokenize


def apply(old: str, changes) -> str:
    out, pos = [], 0
    for c in changes:
        out.append(old[pos : c.start])
        out.append(c.new_text)
        pos = c.end
    out.append(old[pos:])
    return "".join(out)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The cat sat on the mat.", "The dog sat on a mat!"),
        ("colour it", "color it"),
        ("", "new text"),
        ("all gone", ""),
        ("same", "same"),
        ("ab cd", "ab xcd"),
        ("one.\n\ntwo.", "one. two."),
        ("émigré naïve 𝑥 + 😀", "émigrée naive 𝑥 − 😀"),
    ],
)
def test_changes_rebuild_the_new_text(old: str, new: str) -> None:
    assert apply(old, diff_words(old, new)) == new


def test_changes_never_split_a_word() -> None:
    old, new = "The colour of the harbour", "The color of the harbor"
    changes = diff_words(old, new)
    assert [(old[c.start : c.end], c.new_text) for c in changes] == [
        ("colour", "color"),
        ("harbour", "harbor"),
    ]


def test_random_texts_round_trip() -> None:
    rnd = random.Random(7)
    vocab = ["a", "bb", "ccc", " ", "  ", ".", ",", "\n", "dé", "x'y", "😀"]
    for _ in range(2000):
        old = "".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 15)))
        new = "".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 15)))
        changes = diff_words(old, new)
        assert apply(old, changes) == new
        assert all(c.start <= c.end for c in changes)
        assert [c.start for c in changes] == sorted(c.start for c in changes)


def test_tokens_are_words_spaces_and_punctuation() -> None:
    assert tokenize("Don't stop—now!  Ok") == ["Don't", " ", "stop", "—", "now", "!", "  ", "Ok"]


def test_clean_xml_text_keeps_length_and_allowed_whitespace() -> None:
    dirty = "a\x00b\x07c\td\ne\rf\ufffeg\uffff\ud800h😀"
    clean = clean_xml_text(dirty)
    assert len(clean) == len(dirty)
    assert clean == "a\ufffdb\ufffdc\td\ne\rf\ufffdg\ufffd\ufffdh😀"
