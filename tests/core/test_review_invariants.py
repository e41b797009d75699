"""Random edits: anchors always describe the text they sit on; nothing is dropped."""

from __future__ import annotations

import random

import pytest
from review_helpers import review_of

from editdesk.core.article import Article
from editdesk.core.review import comments, editing, load_review, save_review

PIECES = ["The ", "council ", "met ", "🎉 ", "𝑥 ", "on ", "Tuesday", ". ", "\n\n", "budget ", "é"]


def random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(n))


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(0, len(text) + 1)
        j = min(len(text), i + rng.randrange(0, 12))
        text = text[:i] + rng.choice(["", "x", " new words ", "🎉", "\n"]) + text[j:]
    return text


def check_anchors(review) -> None:
    for c in review.comments:
        a = c.anchor
        assert 0 <= a.start <= a.end <= len(review.text)
        if not a.detached:
            assert review.text[a.start : a.end] == a.quote


@pytest.mark.parametrize("seed", range(25))
def test_anchors_follow_random_edits(seed):
    rng = random.Random(seed)
    review = review_of(random_text(rng, 60))
    for _ in range(6):
        s = rng.randrange(0, len(review.text))
        comments.add_comment(review, s, min(len(review.text), s + rng.randrange(1, 15)), "c", "Ana")
    for _ in range(20):
        editing.set_text(review, mutate(rng, review.text), by="Ana")
        check_anchors(review)
    assert len(review.comments) == 6


@pytest.mark.parametrize("seed", range(15))
def test_rebase_after_random_outside_changes_keeps_everything(seed, tmp_path):
    rng = random.Random(seed)
    path = tmp_path / "story.txt"
    original = random_text(rng, 80)
    path.write_text(original, encoding="utf-8")
    review = load_review(path, Article.from_plain_text(original, path))
    for _ in range(5):
        s = rng.randrange(0, len(review.text))
        comments.add_comment(review, s, min(len(review.text), s + rng.randrange(1, 15)), "c", "Ana")
    editing.set_text(review, mutate(rng, review.text), by="Ana")
    save_review(review, path)
    changed = mutate(rng, original)
    path.write_text(changed, encoding="utf-8")
    loaded = load_review(path, Article.from_plain_text(changed, path))
    assert loaded.original == changed
    assert len(loaded.comments) == 5
    check_anchors(loaded)
    info = loaded.rebased_on_load
    assert info.edits_applied + len(info.edits_detached) >= 1 or review.text == original
    # saved and read back, the review is the same (the rebase record included)
    save_review(loaded, path)
    assert load_review(path, Article.from_plain_text(changed, path)) == loaded
