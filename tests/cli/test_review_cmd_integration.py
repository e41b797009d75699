"""`editdesk signoff` on a never-checked article runs the real checks first."""

from __future__ import annotations

import pytest

from editdesk.cli import main
from editdesk.core.article import Article
from editdesk.core.findings import Severity
from editdesk.core.review import load_review

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

TEXT = "The council said it could of acted sooner. Their was no warning given.\n"




def test_signoff_checks_an_unchecked_article_and_refuses_then_records(tmp_path, lt_url, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = main(["signoff", str(path), "--editor", "Ana", "--decision", "approved",
                 "--server", lt_url, "--lang", "en-GB"])
    _, err = capsys.readouterr()
    assert code == 1 and "still open" in err, err
    assert not (tmp_path / "story.txt.editdesk.json").exists()

    code = main(["signoff", str(path), "--editor", "Ana", "--decision", "approved",
                 "--server", lt_url, "--lang", "en-GB", "--force-reason", "quoting a source"])
    out, err = capsys.readouterr()
    assert code == 0 and "approved by Ana" in out, err
    review = load_review(path, Article.from_plain_text(TEXT, path))
    assert review.findings_current
    errors = [s for s in review.open_findings() if s.finding.severity is Severity.ERROR]
    assert any(s.finding.id.startswith("lt:") for s in errors)
    assert review.signoffs[0].open_findings["error"] == len(errors)
    assert path.read_text(encoding="utf-8") == TEXT


def test_a_house_only_check_is_redone_with_languagetool(tmp_path, lt_url, capsys):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = main(["signoff", str(path), "--editor", "Ana", "--decision", "changes-requested",
                 "--server", "http://127.0.0.1:9"])
    assert code == 0
    code = main(["signoff", str(path), "--editor", "Ana", "--decision", "changes-requested",
                 "--server", lt_url])
    out, err = capsys.readouterr()
    assert code == 0, err
    review = load_review(path, Article.from_plain_text(TEXT, path))
    assert "languagetool" in review.checked_with, err
    assert [s.checked_with for s in review.signoffs][0] == ["house"]
    assert "languagetool" in review.signoffs[1].checked_with
    assert any(s.finding.id.startswith("lt:") for s in review.open_findings())
