"""service.opening: an article with its review, from the sidecar, a DOCX's own
markup, or fresh; what cannot be read is one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.core.review import comments, save_review, sidecar_path
from editdesk.service.exporting import export_review
from editdesk.service.opening import OpenError, open_review

TEXT = "The council met on Tuesday. Its report was late.\n"


def write(folder: Path, name: str = "story.txt", text: str = TEXT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_without_a_sidecar_opens_with_a_fresh_review(tmp_path: Path) -> None:
    opened = open_review(write(tmp_path))
    assert opened.review.text == TEXT and opened.review.original == TEXT
    assert opened.review.findings == [] and opened.review.comments == []
    assert opened.read_only == "" and not opened.imported


def test_the_sidecar_beside_the_article_is_read(tmp_path: Path) -> None:
    path = write(tmp_path)
    opened = open_review(path)
    comments.add_comment(opened.review, 4, 11, "Which council?", "Ana")
    save_review(opened.review, path)
    again = open_review(path)
    assert [(c.anchor.quote, c.text) for c in again.review.comments] == [
        ("council", "Which council?")
    ]


def test_a_missing_article_is_one_line_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OpenError) as caught:
        open_review(tmp_path / "gone.txt")
    message = str(caught.value)
    assert "gone.txt" in message and "\n" not in message


def test_an_unreadable_sidecar_refuses_or_gives_a_fresh_review_that_is_not_saved(
    tmp_path: Path,
) -> None:
    path = write(tmp_path)
    sidecar_path(path).write_text("{not json", encoding="utf-8")
    with pytest.raises(OpenError) as caught:
        open_review(path)
    assert sidecar_path(path).name in str(caught.value)

    opened = open_review(path, fresh_if_unreadable=True)
    assert opened.read_only and sidecar_path(path).name in opened.warning
    assert opened.review.text == TEXT and opened.review.comments == []
    assert sidecar_path(path).read_text(encoding="utf-8") == "{not json"  # kept as it is


def test_a_docx_without_a_sidecar_brings_its_own_comments_when_asked(tmp_path: Path) -> None:
    source = write(tmp_path)
    opened = open_review(source)
    comments.add_comment(opened.review, 4, 11, "Which council?", "Ana")
    docx = tmp_path / "story.docx"
    export_review(opened.article, opened.review, [], docx, findings_mode="none")

    imported = open_review(docx, import_docx=True)
    assert imported.imported
    assert [c.text for c in imported.review.comments] == ["Which council?"]
    assert imported.review.article_path == str(docx)

    plain = open_review(docx)  # the command line reads the sidecar only
    assert not plain.imported and plain.review.comments == []
