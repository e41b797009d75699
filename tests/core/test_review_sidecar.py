"""The sidecar: round trip, atomic save, corrupt and newer sidecars."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from review_helpers import finding_on

from editdesk.core.article import Article
from editdesk.core.findings import Severity
from editdesk.core.review import (
    SCHEMA,
    Decision,
    Review,
    SidecarError,
    comments,
    editing,
    load_review,
    save_review,
    sidecar_path,
    signoff,
    syncing,
)

TEXT = "The wrold is big. Ther are many peple here. Emoji 🎉 and 𝑥.\n"


def write_article(tmp_path: Path, text: str = TEXT, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rich_review(path: Path) -> Review:
    """A review touching every field."""
    review = load_review(path, Article.from_plain_text(TEXT, path))
    text = review.text
    syncing.sync_findings(
        review,
        [
            finding_on(text, "wrold", replacements=("world", "word")),
            finding_on(text, "Ther", replacements=("There",)),
            finding_on(text, "peple", rule="house:spelling", severity=Severity.WARNING),
        ],
        sources=("house", "languagetool"),
    )
    editing.ignore(review, review.findings[2].fingerprint, by="Cy")
    signoff.sign_off(review, "Cy", "proof", "changes-requested", "", "style123")
    editing.accept(review, review.findings[0].fingerprint, "world", by="Ana")
    editing.reject(review, review.findings[1].fingerprint, by="Ben")
    c = comments.add_comment(
        review, review.text.index("🎉"), review.text.index("🎉") + 1, "Party?", "Ana"
    )
    comments.reply(review, c.id, "Yes.", "Ben")
    comments.resolve(review, c.id)
    syncing.ignore_rule(review, "lt:EN_QUOTES")
    syncing.accept_word(review, "Zork")
    signoff.sign_off(
        review, "Ana", "copy editor", "changes-requested", "Fix the names.", "style123"
    )
    signoff.sign_off(review, "Ben", "desk", "approved", "", "style123", force_reason="deadline")
    editing.set_text(review, review.text + "More.\n", by="Cy")
    syncing.sync_findings(review, [])  # the rejected/ignored decisions go dormant
    return review


def test_sidecar_path_is_beside_the_article():
    assert sidecar_path(Path("/a/b/story.txt")) == Path("/a/b/story.txt.editdesk.json")


def test_round_trip_keeps_every_field(tmp_path):
    path = write_article(tmp_path)
    review = rich_review(path)
    saved = save_review(review, path)
    assert saved == tmp_path / "story.txt.editdesk.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA == "editdesk.review/1"
    assert data["article"] == "story.txt"
    loaded = load_review(path, Article.from_plain_text(TEXT, path))
    assert loaded == review
    assert loaded.rebased_on_load is None
    assert loaded.dormant and loaded.signoffs[2].force_reason == "deadline"
    assert loaded.signoffs[0].checked_with == ["house", "languagetool"]
    assert loaded.checked_with == []  # the last sync did not say
    assert loaded.comments[0].replies[0].text == "Yes."
    assert isinstance(loaded.findings[0].decision, Decision)
    assert isinstance(loaded.findings[0].finding.severity, Severity)


def test_article_is_never_written(tmp_path):
    path = write_article(tmp_path)
    before = path.read_bytes(), path.stat().st_mtime_ns
    save_review(rich_review(path), path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_crash_during_replace_keeps_old_sidecar_and_leaves_no_temp(tmp_path, monkeypatch):
    path = write_article(tmp_path)
    review = load_review(path, Article.from_plain_text(TEXT, path))
    save_review(review, path)
    old = sidecar_path(path).read_bytes()
    comments.add_comment(review, 0, 3, "New comment", "Ana")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="No space"):
        save_review(review, path)
    monkeypatch.undo()
    assert sidecar_path(path).read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.editdesk.json"]


def test_crash_while_writing_leaves_no_temp_and_no_sidecar(tmp_path, monkeypatch):
    path = write_article(tmp_path)
    review = load_review(path, Article.from_plain_text(TEXT, path))

    def crash(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        save_review(review, path)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_sidecar_keeps_file_mode(tmp_path):
    path = write_article(tmp_path)
    review = load_review(path, Article.from_plain_text(TEXT, path))
    sidecar = save_review(review, path)
    sidecar.chmod(0o640)
    save_review(review, path)
    assert sidecar.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2]", "no JSON object"),
        (b'{"schema": "something-else/1"}', "not an EditDesk review"),
        (b'{"schema": "editdesk.review/1", "text": "x"}', "missing field 'original'"),
    ],
)
def test_corrupt_sidecar_is_reported_and_never_overwritten(tmp_path, content, reason):
    path = write_article(tmp_path)
    sidecar = sidecar_path(path)
    sidecar.write_bytes(content)
    article = Article.from_plain_text(TEXT, path)
    with pytest.raises(SidecarError) as info:
        load_review(path, article)
    message = str(info.value)
    assert reason in message and str(sidecar) in message and "\n" not in message
    fresh = Review.for_article(article, str(path))
    with pytest.raises(SidecarError, match="refusing to overwrite"):
        save_review(fresh, path)
    assert sidecar.read_bytes() == content


def test_replace_unreadable_keeps_a_copy_then_writes_fresh(tmp_path):
    path = write_article(tmp_path)
    sidecar = sidecar_path(path)
    sidecar.write_bytes(b"{broken")
    article = Article.from_plain_text(TEXT, path)
    save_review(Review.for_article(article, str(path)), path, replace_unreadable=True)
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].name.startswith("story.txt.editdesk.json.corrupt-")
    assert kept[0].read_bytes() == b"{broken"
    assert load_review(path, article).text == TEXT


def test_newer_schema_is_refused_and_kept(tmp_path):
    path = write_article(tmp_path)
    sidecar = sidecar_path(path)
    content = json.dumps({"schema": "editdesk.review/2", "future": True})
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(SidecarError, match="newer EditDesk"):
        load_review(path, Article.from_plain_text(TEXT, path))
    with pytest.raises(SidecarError, match="refusing to overwrite"):
        save_review(Review.for_article(Article.from_plain_text(TEXT), str(path)), path)
    assert sidecar.read_text(encoding="utf-8") == content


def test_tampered_original_text_is_detected(tmp_path):
    path = write_article(tmp_path)
    save_review(load_review(path, Article.from_plain_text(TEXT, path)), path)
    sidecar = sidecar_path(path)
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["original"] = "something else"
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SidecarError, match="does not match its stored hash"):
        load_review(path, Article.from_plain_text(TEXT, path))


def test_sidecar_changed_by_someone_else_is_merged_not_overwritten(tmp_path):
    path = write_article(tmp_path)
    article = Article.from_plain_text(TEXT, path)
    save_review(load_review(path, article), path)
    gui = load_review(path, article)
    cli = load_review(path, article)
    signoff.sign_off(cli, "Ana", "editor", "changes-requested", "", "s")
    save_review(cli, path)
    comments.add_comment(gui, 0, 3, "Stronger start?", "Ben")
    save_review(gui, path)
    on_disk = load_review(path, article)
    assert [s.editor for s in on_disk.signoffs] == ["Ana"]
    assert [c.text for c in on_disk.comments] == ["Stronger start?"]
    assert gui == on_disk  # the window now holds the merged review


def test_conflicting_change_on_disk_is_not_overwritten(tmp_path):
    path = write_article(tmp_path)
    article = Article.from_plain_text(TEXT, path)
    save_review(load_review(path, article), path)
    gui = load_review(path, article)
    cli = load_review(path, article)
    editing.set_text(cli, TEXT.replace("big", "large"), by="Ana")
    signoff.sign_off(cli, "Ana", "editor", "changes-requested", "", "s")
    save_review(cli, path)
    editing.set_text(gui, TEXT.replace("big", "huge"), by="Ben")
    with pytest.raises(SidecarError, match="changed on disk since this review was loaded"):
        save_review(gui, path)
    assert len(load_review(path, article).signoffs) == 1
    save_review(gui, path, overwrite_changed=True)  # the caller's explicit choice
    again = load_review(path, article)
    assert "huge" in again.text and not again.signoffs


def test_saving_twice_and_a_new_review_over_an_existing_sidecar(tmp_path):
    path = write_article(tmp_path)
    article = Article.from_plain_text(TEXT, path)
    review = load_review(path, article)
    save_review(review, path)
    comments.add_comment(review, 0, 3, "x", "Ana")
    save_review(review, path)  # our own last write is not a conflict
    with pytest.raises(SidecarError, match="changed on disk"):
        save_review(Review.for_article(article, str(path)), path)


def test_lone_surrogates_still_give_a_readable_sidecar(tmp_path):
    path = write_article(tmp_path)
    review = load_review(path, Article.from_plain_text(TEXT, path))
    comments.add_comment(review, 0, 3, "broken paste \ud83d here", "Ana")
    sidecar = save_review(review, path)
    sidecar.read_bytes().decode("utf-8")  # strict UTF-8
    again = load_review(path, Article.from_plain_text(TEXT, path))
    assert again.comments[0].text == "broken paste \ud83d here"
