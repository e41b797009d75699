"""The sidecar's lock, the clean-up of temp files, the merge of concurrent saves,
and a sidecar that belongs to another article."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from editdesk.core.article import Article
from editdesk.core.review import (
    SidecarError,
    load_review,
    locking,
    save_review,
    sidecar_path,
    signoff,
    syncing,
)
from editdesk.core.review.merge import MergeConflict, merge_reviews

TEXT = "The council met on Tuesday. It agreed the budget after a short debate.\n"


def article(tmp_path, text=TEXT, name="story.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, Article.from_plain_text(text, path)


HOLD = (
    "import sys, time; from pathlib import Path; from editdesk.core.review.locking import "
    "sidecar_lock\nwith sidecar_lock(Path(sys.argv[1])):\n print('held', flush=True); "
    "time.sleep(30)"
)


def test_a_save_waits_for_the_lock_and_says_so_in_one_line_when_it_cannot(tmp_path, monkeypatch):
    path, art = article(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(sidecar_path(path))],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(locking, "LOCK_TIMEOUT_S", 0.5)
        with pytest.raises(SidecarError) as info:
            save_review(load_review(path, art), path)
        message = str(info.value)
        assert "lock" in message and "nothing written" in message and "\n" not in message
        assert not sidecar_path(path).exists()
    finally:
        holder.kill()
        holder.wait()
    save_review(load_review(path, art), path)  # the dead holder's lock is gone
    assert sidecar_path(path).exists()
    assert not locking.lock_path(sidecar_path(path)).exists()


def test_only_our_own_temp_files_are_removed_and_only_when_safe(tmp_path):
    path, art = article(tmp_path)
    sidecar = sidecar_path(path)
    ours = tmp_path / ".story.txt.editdesk.json.k2j3_x9a.tmp"
    other_article = tmp_path / ".other.txt.editdesk.json.abcdefgh.tmp"
    not_a_temp = tmp_path / ".story.txt.editdesk.json.notes.txt.tmp"
    user_file = tmp_path / "story.txt.editdesk.json.tmp"
    for p in (ours, other_article, not_a_temp, user_file):
        p.write_text("x")
    # without the lock, a fresh temp file may be a save in progress: kept
    assert locking.remove_stale_temps(sidecar, locked=False) == []
    old = time.time() - 2 * locking.STALE_TEMP_S
    os.utime(ours, (old, old))
    assert locking.remove_stale_temps(sidecar, locked=False) == [ours]
    ours.write_text("x")
    save_review(load_review(path, art), path)  # under the lock: removed at once
    assert not ours.exists()
    assert other_article.exists() and not_a_temp.exists() and user_file.exists()


def test_a_symlink_named_like_our_temp_is_not_followed_or_removed(tmp_path):
    path, art = article(tmp_path)
    target = tmp_path / "precious.txt"
    target.write_text("keep")
    link = tmp_path / ".story.txt.editdesk.json.abcd1234.tmp"
    link.symlink_to(target)
    save_review(load_review(path, art), path)
    assert link.is_symlink() and target.read_text() == "keep"


def test_concurrent_signoffs_from_new_reviews_merge(tmp_path):
    path, art = article(tmp_path)
    a, b = load_review(path, art), load_review(path, art)  # no sidecar yet
    signoff.sign_off(a, "Ana", "editor", "changes-requested", "", "s")
    signoff.sign_off(b, "Ben", "editor", "approved", "", "s")
    syncing.accept_word(b, "Tuesday")
    save_review(a, path)
    save_review(b, path)
    on_disk = load_review(path, art)
    assert [s.editor for s in on_disk.signoffs] == ["Ana", "Ben"]
    assert on_disk.accepted_words == ["Tuesday"]
    assert signoff.signoff_status(on_disk).latest.editor == "Ben"


def test_merge_rules():
    base = {"text": "t", "signoffs": [{"e": 1}], "comments": [{"id": "c1", "text": "x"}],
            "accepted_words": ["a", "b"], "updated": "1"}
    ours = {**base, "signoffs": [{"e": 1}, {"e": 2}], "accepted_words": ["a"], "updated": "3",
            "comments": [{"id": "c1", "text": "x"}, {"id": "c2", "text": "ours"}]}
    theirs = {**base, "signoffs": [{"e": 1}, {"e": 3}], "accepted_words": ["a", "b", "c"],
              "updated": "2", "comments": [{"id": "c1", "text": "edited"}]}
    merged = merge_reviews(base, ours, theirs)
    assert merged["signoffs"] == [{"e": 1}, {"e": 3}, {"e": 2}]
    assert merged["accepted_words"] == ["a", "c"]  # ours removed b, theirs added c
    assert merged["comments"] == [{"id": "c1", "text": "edited"}, {"id": "c2", "text": "ours"}]
    assert merged["updated"] == "3"
    with pytest.raises(MergeConflict, match="text"):
        merge_reviews(base, {**base, "text": "u"}, {**base, "text": "v"})
    # theirs changed the text; a comment of ours is anchored in the old one
    with pytest.raises(MergeConflict, match="comments"):
        merge_reviews(base, ours, {**base, "text": "v"})
    with pytest.raises(MergeConflict, match="signoffs"):  # a record removed is no append
        merge_reviews(base, {**base, "signoffs": []}, theirs)


def test_a_sidecar_copied_from_another_article_is_refused(tmp_path):
    path, art = article(tmp_path)
    review = load_review(path, art)
    signoff.sign_off(review, "Ana", "editor", "approved", "", "s")
    save_review(review, path)
    other, other_art = article(tmp_path, "A different story altogether.\n", "other.txt")
    sidecar_path(other).write_bytes(sidecar_path(path).read_bytes())
    with pytest.raises(SidecarError) as info:
        load_review(other, other_art)
    message = str(info.value)
    assert "belongs to another article ('story.txt'" in message and "\n" not in message
    # the same text under a new name (renamed together with its review) is adopted
    renamed, renamed_art = article(tmp_path, TEXT, "renamed.txt")
    sidecar_path(renamed).write_bytes(sidecar_path(path).read_bytes())
    assert [s.editor for s in load_review(renamed, renamed_art).signoffs] == ["Ana"]
