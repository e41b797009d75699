"""Text differences and offset mapping used by the review model."""

from __future__ import annotations

import random

import pytest

from editdesk.core.review.textdiff import Edit, edits_between, map_span, map_through, single_edit


def apply(old: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in edits:
        assert pos <= e.start <= e.end
        out += [old[pos : e.start], e.new]
        pos = e.end
    return "".join(out) + old[pos:]


@pytest.mark.parametrize("seed", range(40))
def test_edits_between_rebuilds_the_new_text(seed):
    rng = random.Random(seed)
    alphabet = ["a", "b", " ", "\n", "🎉", "𝑥", "é", ".", "word", "teh "]
    old = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
    new = list(old)
    for _ in range(rng.randrange(1, 6)):
        i = rng.randrange(0, len(new) + 1)
        new[i : i + rng.randrange(0, 4)] = rng.choice(alphabet)
    new_text = "".join(new)
    assert apply(old, edits_between(old, new_text)) == new_text


def test_long_texts_diff_by_lines_first():
    lines = [f"Line {i} of a long article with some words.\n" for i in range(3000)]
    old = "".join(lines)
    lines[10] = "A changed opening line.\n"
    lines[2990] = "A changed closing line.\n"
    new = "".join(lines)
    edits = edits_between(old, new)
    assert apply(old, edits) == new
    first = (old.index("Line 10 "), old.index("Line 11 "))
    last = (old.index("Line 2990 "), old.index("Line 2991 "))
    assert all(first[0] <= e.start <= e.end <= first[1] or last[0] <= e.start <= e.end <= last[1]
               for e in edits)


def test_single_edit_trims_prefix_and_suffix():
    assert single_edit("abcdef", "abXYef") == Edit(2, 4, "XY")
    assert single_edit("same", "same") is None
    long = "x" * 5000
    assert single_edit(long + "a" + long, long + long) == Edit(5000, 5001, "")


def test_map_span_and_map_through():
    ins = Edit(3, 3, "XYZ")
    assert map_span(0, 3, ins) == (0, 3)  # insertion at the end stays out
    assert map_span(3, 5, ins) == (6, 8)  # insertion at the start stays out
    assert map_span(2, 5, ins) == (2, 8)  # inside: stretches
    dele = Edit(2, 6, "")
    assert map_span(3, 5, dele) == (2, 2)
    assert map_through(10, [Edit(0, 2, "abcd"), Edit(5, 8, "")]) == 9
    assert map_through(6, [Edit(5, 8, "")]) == 5
