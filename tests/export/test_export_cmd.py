"""``editdesk export`` end to end: sidecar reviews, fresh checks, output rules."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from ooxml_checks import body_text, check_structure, q

from editdesk.cli import main
from editdesk.core.readers import read_article
from editdesk.core.review import (
    Review,
    comments,
    editing,
    load_review,
    save_review,
    signoff,
    syncing,
)
from editdesk.export import import_review

TEXT = (
    "Harbour Report\n\n"
    "The committee met on Monday to discus the colour of the new harbour wall.\n\n"
    "Members agreed that the budget was adequate."
)


@pytest.fixture
def article(tmp_path: Path, isolated: None) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sidecar_review_becomes_changes_comments_and_signoff(article: Path, capsys) -> None:
    review = Review.for_article(read_article(article))
    editing.set_text(review, review.text.replace("discus", "discuss"), by="Jane Editor")
    at = review.text.index("harbour wall")
    end = at + len("harbour wall")
    comment = comments.add_comment(review, at, end, "Which wall?", "Jane Editor")
    comments.reply(review, comment.id, "The east one.", "Will Writer")
    comments.resolve(review, comment.id)
    signoff.sign_off(
        review, "Jane Editor", "copy editor", "changes-requested", "See comments", "style"
    )
    save_review(review, article)
    before = _digest(article)

    code = main(["export", str(article), "--findings", "none", "--author", "Ed Itor"])
    assert code == 0
    out = article.with_name("report.reviewed.docx")
    assert out.is_file() and _digest(article) == before
    assert "report.reviewed.docx" in capsys.readouterr().out
    xml = check_structure(out)
    assert "discuss the colour" in body_text(xml["word/document.xml"], accepted=True)
    back = import_review(out)
    wall = next(c for c in back.comments if c.text == "Which wall?")
    assert back.text[wall.anchor.start : wall.anchor.end] == "harbour wall"
    assert wall.resolved and [r.text for r in wall.replies] == ["The east one."]
    assert [(s.editor, s.decision) for s in back.signoffs] == [("Jane Editor", "changes-requested")]
    # the sidecar was only read
    assert load_review(article, read_article(article)).text == review.text


def test_existing_output_needs_force(article: Path, capsys) -> None:
    out = article.with_name("given.docx")
    out.write_bytes(b"not ours")
    assert main(["export", str(article), "-o", str(out), "--findings", "none"]) == 2  # usage
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "already exists" in err and "--force" in err
    assert out.read_bytes() == b"not ours"
    assert main(["export", str(article), "-o", str(out), "--findings", "none", "--force"]) == 0
    assert zipfile.is_zipfile(out)


def test_bad_input_is_one_line(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["export", str(missing), "--findings", "none"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(missing) in err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["export", str(broken), "--findings", "none"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(broken) in err
    assert not list(tmp_path.glob("*.reviewed.docx"))


def test_output_must_be_docx(article: Path, capsys) -> None:
    assert main(["export", str(article), "-o", str(article.with_suffix(".odt"))]) == 2
    assert ".docx" in capsys.readouterr().err


def test_unreachable_engine_falls_back_to_house_style(article: Path, capsys) -> None:
    out = article.with_name("out.docx")
    code = main(["export", str(article), "--server", "http://127.0.0.1:1", "-o", str(out)])
    assert code == 0
    err = capsys.readouterr().err
    assert "house-style checks only" in err
    check_structure(out)


@pytest.mark.integration
def test_fresh_check_with_languagetool(tmp_path: Path, lt_url: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "grammar.txt"
    original = "He go to school every every day. She have a car."
    path.write_text(original, encoding="utf-8")
    out = tmp_path / "grammar.docx"
    argv = ["export", str(path), "--server", lt_url, "-o", str(out), "--accept-all-suggestions"]
    assert main(argv) == 0
    xml = check_structure(out)
    body = xml["word/document.xml"]
    assert body_text(body, accepted=False) == original
    accepted = body_text(body, accepted=True)
    # The doubled word is applied; grammar fixes are not safe unseen: they stay comments.
    assert accepted == "He go to school every day. She have a car."
    comments = " ".join(t.text or "" for t in xml["word/comments.xml"].iter(q("t")))
    assert "goes" in comments and "has" in comments
    authors = {e.get(q("author")) for e in body.iter(q("ins"), q("del"))}
    assert authors == {"EditDesk"}


def test_fresh_house_findings_anchor_on_the_edited_text(article: Path) -> None:
    review = Review.for_article(read_article(article))
    edited = review.text.replace("Harbour Report", "The Harbour Report For Members")
    edited = edited.replace("budget was", "budget was very unique and")
    editing.set_text(review, edited, by="Jane Editor")
    save_review(review, article)
    out = article.with_name("out.docx")
    argv = [
        "export",
        str(article),
        "--server",
        "http://127.0.0.1:1",
        "-o",
        str(out),
        "--accept-all-suggestions",
    ]
    assert main(argv) == 0
    xml = check_structure(out)
    body = xml["word/document.xml"]
    assert "budget was unique and adequate" in body_text(body, accepted=True)
    assert "budget was adequate" in body_text(body, accepted=False)
    assert {e.get(q("author")) for e in body.iter(q("ins"), q("del"))} == {
        "Jane Editor",
        "EditDesk",
    }


def test_output_mode_follows_umask_and_an_overwritten_file(article: Path) -> None:
    out = article.with_name("mode.docx")
    umask = os.umask(0o022)
    try:
        assert main(["export", str(article), "-o", str(out), "--findings", "none"]) == 0
        assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        out.chmod(0o640)
        argv = ["export", str(article), "-o", str(out), "--findings", "none", "--force"]
        assert main(argv) == 0
        assert out.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_fresh_check_keeps_the_rules_ignored_in_the_review(article: Path) -> None:
    review = Review.for_article(read_article(article))
    edited = review.text.replace("budget was", "budget was very unique and")
    editing.set_text(review, edited, by="Jane")
    syncing.ignore_rule(review, "house:redundancies")
    save_review(review, article)  # edited since any check: the export checks afresh
    out = article.with_name("out.docx")
    argv = ["export", str(article), "--server", "http://127.0.0.1:1", "-o", str(out)]
    assert main(argv) == 0
    assert "house:redundancies" not in zipfile.ZipFile(out).read("word/comments.xml").decode()
    syncing.unignore_rule(review, "house:redundancies")
    save_review(review, article)
    assert main([*argv, "--force"]) == 0
    assert "house:redundancies" in zipfile.ZipFile(out).read("word/comments.xml").decode()


def test_a_damaged_comments_part_is_one_line_not_a_crash(article: Path, capsys) -> None:
    review = Review.for_article(read_article(article))
    at = review.text.index("budget")
    comments.add_comment(review, at, at + len("budget"), "Which budget?", "Jane Editor")
    save_review(review, article)
    assert main(["export", str(article), "--findings", "none"]) == 0
    exported = article.with_name("report.reviewed.docx")
    damaged = article.with_name("damaged.docx")
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:comments><unclosed>" if item.filename == "word/comments.xml"
                         else data)
    before = _digest(damaged)
    capsys.readouterr()
    with pytest.raises(ValueError, match="damaged.docx"):
        import_review(damaged)
    assert main(["export", str(damaged), "--findings", "none"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "damaged.docx" in err
    assert _digest(damaged) == before
    assert not damaged.with_name("damaged.reviewed.docx").exists()


def test_reviewer_from_editdesk_toml_signs_the_changes(article: Path) -> None:
    article.with_name("editdesk.toml").write_text('reviewer = "Rita Reviewer"\n', encoding="utf-8")
    review = Review.for_article(read_article(article))
    review.text = review.text.replace("discus", "discuss")  # an edit nobody was named for
    save_review(review, article)
    assert main(["export", str(article), "--findings", "none"]) == 0
    out = article.with_name("report.reviewed.docx")
    body = check_structure(out)["word/document.xml"]
    assert {e.get(q("author")) for e in body.iter(q("ins"), q("del"))} == {"Rita Reviewer"}
    assert main(["export", str(article), "--findings", "none", "--author", "Al", "--force"]) == 0
    body = check_structure(out)["word/document.xml"]
    assert {e.get(q("author")) for e in body.iter(q("ins"), q("del"))} == {"Al"}
