"""`editdesk export`: the reviewer's initials on Word comments (--initials, or
editdesk.toml), and one warning line when the sign-off no longer covers the review."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editdesk.cli import main
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.readers import read_article
from editdesk.core.review import Review, comments, editing, save_review, signoff, syncing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "Harbour plan\n\nThe council met on Monday to discus the plan.\n"


@pytest.fixture
def article(tmp_path: Path, isolated: None) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _reviewed(article: Path) -> Review:
    review = Review.for_article(read_article(article))
    at = TEXT.index("discus")
    typo = Finding("lt:MORFOLOGIK_RULE_EN_GB", "languagetool", "TYPOS", Severity.ERROR,
                   "Possible spelling mistake.", at, at + 6, ("discuss",))
    syncing.sync_findings(review, [with_fingerprint(typo, TEXT)])
    comment = comments.add_comment(review, 0, 7, "Longer headline?", "Rita Reviewer")
    comment.at = "2026-11-30T08:00:00.000+00:00"
    record = signoff.sign_off(
        review, "Rita Reviewer", "copy editor", "changes-requested", "", "style"
    )
    record.at = "2026-11-30T09:00:00.000+00:00"  # what follows is later, whatever the clock
    return review


def _initials(out: Path) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(out).read("word/comments.xml"))
    return {c.get(f"{W}author"): c.get(f"{W}initials") for c in root.iter(f"{W}comment")}


def _export(article: Path, *extra: str) -> int:
    return main(["export", str(article), "--findings", "none", "--force", *extra])


def test_initials_from_the_option_and_from_editdesk_toml(article: Path) -> None:
    save_review(_reviewed(article), article)
    out = article.with_name("plan.reviewed.docx")
    assert _export(article) == 0
    assert _initials(out)["Rita Reviewer"] == "RR"  # made from the name
    toml = 'reviewer = "Rita Reviewer"\ninitials = "RiR"\n'
    article.with_name("editdesk.toml").write_text(toml, encoding="utf-8")
    assert _export(article) == 0
    assert _initials(out)["Rita Reviewer"] == "RiR"
    assert _export(article, "--author", "Rita Reviewer", "--initials", "R.") == 0
    assert _initials(out) == {"Rita Reviewer": "R.", "EditDesk": "E"}


def test_a_current_signoff_exports_without_a_warning(article: Path, capsys) -> None:
    save_review(_reviewed(article), article)
    assert _export(article) == 0
    assert "warning" not in capsys.readouterr().err


def test_an_edit_after_the_signoff_is_one_warning_line(article: Path, capsys) -> None:
    review = _reviewed(article)
    editing.set_text(review, review.text.replace("discus", "discuss"), by="Will Writer")
    save_review(review, article)
    assert _export(article) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{article}: warning: the sign-off by Rita Reviewer (")
    assert warnings[0].endswith(") is stale: the text changed since, first by Will Writer at "
                                + warnings[0].rsplit(" at ", 1)[1])


def test_a_decision_after_the_signoff_is_one_warning_line(article: Path, capsys) -> None:
    review = _reviewed(article)
    editing.reject(review, review.findings[0], by="Rita Reviewer")
    save_review(review, article)
    assert _export(article) == 0
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "is stale: 1 decision made since" in err
