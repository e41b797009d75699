"""A DOCX with pending tracked changes opened as a review, saved and reopened: the
file did not change, so the review is not moved onto it, and its edits are still
edits (the file reads with them accepted; the review's original is the text
before them)."""

from __future__ import annotations

import json
from pathlib import Path

from docx_corpus import existing_review
from export_samples import review_with_edits, rich_docx

from editdesk.core.readers import read_article
from editdesk.core.review import sidecar_path
from editdesk.export import export_docx
from editdesk.service.review_session import ReviewSession


def sent_back(tmp_path: Path) -> Path:
    """An export with the editor's edit still a tracked change, as the writer gets it."""
    src = rich_docx(tmp_path / "in.docx")
    article = read_article(src)
    review = review_with_edits(article.text, {"unbelievably": "incredibly", "Twelve": "12"})
    out = tmp_path / "sent.docx"
    export_docx(article, review, [], out, author="Jane Editor")
    return out


def open_comment_save(path: Path) -> ReviewSession:
    session, warning = ReviewSession.open(path)
    assert warning == "" and session.review.rebased_on_load is None
    session.add_comment(0, 7, "Check the headline.", "Ana")
    assert session.save() and sidecar_path(path).is_file()
    return session


def test_an_exported_docx_keeps_its_edits_after_save_and_reopen(tmp_path: Path) -> None:
    path = sent_back(tmp_path)
    first = open_comment_save(path)
    assert first.review.edited and "unbelievably" in first.review.original
    again, warning = ReviewSession.open(path)
    assert warning == "" and again.review.rebased_on_load is None and not again.dirty
    assert again.review.original == first.review.original
    assert again.review.text == first.review.text == read_article(path).text
    assert "incredibly" in again.review.text and "unbelievably" in again.review.original
    assert again.review.rebases == [] and again.review.edited
    assert [c.text for c in again.review.comments if c.author == "Ana"] == [
        "Check the headline."
    ]


def test_someone_elses_pending_changes_stay_edits_too(tmp_path: Path) -> None:
    path = existing_review(tmp_path / "other.docx")
    first = open_comment_save(path)
    assert "The wall was very old" in first.review.original
    assert "The wall was quite old" in first.review.text
    again, warning = ReviewSession.open(path)
    assert warning == "" and again.review.rebased_on_load is None
    assert (again.review.original, again.review.text) == (first.review.original, first.review.text)


def test_a_docx_that_did_change_is_still_moved_onto_its_new_text(tmp_path: Path) -> None:
    path = sent_back(tmp_path)
    open_comment_save(path)
    # the writer sends a new version (its own edit, no tracked changes of ours)
    article = read_article(rich_docx(tmp_path / "new.docx"))
    edited = review_with_edits(article.text, {"final sentence": "last sentence"})
    export_docx(article, edited, [], path, author="Will Writer")
    again, warning = ReviewSession.open(path)
    assert again.review.rebased_on_load is not None and "changed on disk" in warning
    assert again.review.article_sha256 == ""  # the new file's text is its original now
    assert again.review.original == read_article(path).text


def test_a_sidecar_saved_before_it_kept_the_text_read_is_still_read(tmp_path: Path) -> None:
    """Without ``article_sha256`` (an older EditDesk's sidecar) the review is moved
    onto the file as before: nothing is lost, the edits are only no longer edits."""
    path = sent_back(tmp_path)
    open_comment_save(path)
    side = sidecar_path(path)
    data = json.loads(side.read_text(encoding="utf-8"))
    assert data.pop("article_sha256") == read_article(path).sha256
    side.write_text(json.dumps(data), encoding="utf-8")
    again, _ = ReviewSession.open(path)
    assert again.review.rebased_on_load is not None
    assert again.review.text == read_article(path).text
    assert "Check the headline." in [c.text for c in again.review.comments]
