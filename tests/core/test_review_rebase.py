"""Re-anchoring when the article file changed on disk since the review."""

from __future__ import annotations

from pathlib import Path

from review_helpers import finding_on

from editdesk.core.article import Article
from editdesk.core.review import (
    CHANGED_ON_DISK,
    comments,
    editing,
    load_review,
    save_review,
    signoff,
    syncing,
)

P1 = "First paragraph talks about the harbour and its boats.\n\n"
P2 = "Second paragraph is about the quiet market square at dawn.\n\n"
P3 = "Third paragraph ends the piece with a long walk home.\n"
TEXT = P1 + P2 + P3


def load(path: Path):
    text = path.read_text(encoding="utf-8")
    return load_review(path, Article.from_plain_text(text, path))


def reviewed(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    review = load(path)
    return path, review


def test_unchanged_article_loads_without_rebase(tmp_path):
    path, review = reviewed(tmp_path)
    save_review(review, path)
    assert load(path).rebased_on_load is None


def test_moved_passage_comment_reanchors_by_quote(tmp_path):
    path, review = reviewed(tmp_path)
    start = TEXT.index("quiet market square")
    c = comments.add_comment(review, start, start + len("quiet market square"), "Name it.", "Ana")
    save_review(review, path)
    path.write_text(P3.rstrip("\n") + "\n\n" + P1 + P2.rstrip("\n") + "\n", encoding="utf-8")
    loaded = load(path)
    (moved,) = loaded.comments
    assert moved.id == c.id and not moved.anchor.detached
    assert loaded.text[moved.anchor.start : moved.anchor.end] == "quiet market square"
    assert loaded.rebased_on_load is not None
    assert loaded.rebased_on_load.comments_detached == 0


def test_deleted_passage_detaches_comment_but_keeps_it(tmp_path):
    path, review = reviewed(tmp_path)
    start = TEXT.index("long walk home")
    comments.add_comment(review, start, start + len("long walk home"), "Too slow.", "Ana")
    comments.add_comment(review, 0, 5, "Good opener.", "Ben")
    save_review(review, path)
    path.write_text(P1 + P2, encoding="utf-8")
    loaded = load(path)
    assert len(loaded.comments) == 2
    gone = next(c for c in loaded.comments if c.text == "Too slow.")
    kept = next(c for c in loaded.comments if c.text == "Good opener.")
    assert gone.anchor.detached and gone.anchor.quote == "long walk home"
    assert 0 <= gone.anchor.start <= len(loaded.text)
    assert not kept.anchor.detached and loaded.text[kept.anchor.start : kept.anchor.end] == "First"
    assert loaded.rebased_on_load.comments_detached == 1


def test_slightly_reworded_passage_reanchors_fuzzily(tmp_path):
    path, review = reviewed(tmp_path)
    quote = "the quiet market square at dawn"
    start = TEXT.index(quote)
    c = comments.add_comment(review, start, start + len(quote), "Lovely.", "Ana")
    save_review(review, path)
    path.write_text(TEXT.replace("quiet market square at dawn", "quiet market squares at dawn"),
                    encoding="utf-8")
    loaded = load(path)
    anchor = loaded.comment(c.id).anchor
    assert not anchor.detached
    assert "market square" in loaded.text[anchor.start : anchor.end]


def test_editor_edits_are_reapplied_where_the_outside_change_did_not_touch(tmp_path):
    path, review = reviewed(tmp_path)
    editing.set_text(review, TEXT.replace("harbour", "old harbour"), by="Ana")
    save_review(review, path)
    new_file = TEXT.replace("long walk home", "short walk home")
    path.write_text(new_file, encoding="utf-8")
    loaded = load(path)
    assert loaded.original == new_file
    assert loaded.text == new_file.replace("harbour", "old harbour")
    info = loaded.rebased_on_load
    assert info.edits_applied >= 1 and info.edits_detached == []
    assert loaded.edit_authors[-1][0] == CHANGED_ON_DISK


def test_colliding_edit_is_recorded_as_detached_not_lost(tmp_path):
    path, review = reviewed(tmp_path)
    edited = TEXT.replace("harbour and its boats", "harbour and its ships")
    editing.set_text(review, edited, by="Ana")
    save_review(review, path)
    new_file = TEXT.replace("harbour and its boats", "harbour and its yachts")
    path.write_text(new_file, encoding="utf-8")
    loaded = load(path)
    assert loaded.text == new_file  # the file wins where both changed
    detached = loaded.rebased_on_load.edits_detached
    assert detached
    assert any("ship" in d.new for d in detached)
    # the record survives saving: nothing is lost
    save_review(loaded, path)
    again = load(path)
    assert again.rebases[-1].edits_detached == detached
    assert again.rebased_on_load is None


def test_findings_follow_or_go_stale_and_signoff_becomes_stale(tmp_path):
    path, review = reviewed(tmp_path)
    syncing.sync_findings(review, [finding_on(TEXT, "harbour"), finding_on(TEXT, "market")])
    signoff.sign_off(review, "Ana", "editor", "changes-requested", "", "s")
    save_review(review, path)
    new_file = "New opening line.\n\n" + TEXT.replace("market", "bazaar")
    path.write_text(new_file, encoding="utf-8")
    loaded = load(path)
    harbour, market = loaded.findings
    assert loaded.text[harbour.finding.start : harbour.finding.end] == "harbour"
    assert not harbour.stale and market.stale
    assert not loaded.findings_current
    status = signoff.signoff_status(loaded)
    assert status.state == "stale" and status.changed_by == CHANGED_ON_DISK


def test_repeated_quote_reanchors_to_the_occurrence_near_its_old_place(tmp_path):
    text = "Rain. The mayor spoke. Wind. The mayor spoke. Snow.\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    review = load(path)
    second = text.index("The mayor spoke", 10)
    c = comments.add_comment(review, second, second + len("The mayor spoke"), "Which one?", "Ana")
    save_review(review, path)
    path.write_text("Breaking: 🎉 𝑥 news. " + text, encoding="utf-8")
    loaded = load(path)
    anchor = loaded.comment(c.id).anchor
    assert loaded.text[anchor.start : anchor.end] == "The mayor spoke"
    assert anchor.start == loaded.text.index("The mayor spoke", loaded.text.index("Wind"))


def test_comment_on_text_the_editor_changed_survives_an_outside_change(tmp_path):
    path, review = reviewed(tmp_path)
    editing.set_text(review, TEXT.replace("its boats", "its many 🎉 boats"), by="Ana")
    start = review.text.index("many 🎉 boats")
    c = comments.add_comment(review, start, start + len("many 🎉 boats"), "Count them.", "Ana")
    save_review(review, path)
    path.write_text("Intro 𝑥.\n\n" + TEXT, encoding="utf-8")
    loaded = load(path)
    anchor = loaded.comment(c.id).anchor
    assert loaded.text.startswith("Intro 𝑥.\n\n") and "its many 🎉 boats" in loaded.text
    assert loaded.text[anchor.start : anchor.end] == "many 🎉 boats" and not anchor.detached


def test_file_now_holding_the_editors_own_edits_detaches_nothing(tmp_path):
    path, review = reviewed(tmp_path)
    edited = TEXT.replace("harbour", "port").replace("long walk", "stroll")
    editing.set_text(review, edited, by="Ana")
    start = edited.index("stroll")
    c = comments.add_comment(review, start, start + 6, "Nice.", "Ana")
    save_review(review, path)
    path.write_text(edited, encoding="utf-8")  # the writer applied the same changes
    loaded = load(path)
    assert loaded.text == loaded.original == edited
    assert loaded.rebased_on_load.edits_detached == []
    assert loaded.text[loaded.comment(c.id).anchor.start :].startswith("stroll")
    assert not loaded.edited
