"""`editdesk signoff` and `editdesk status`, in-process, on temporary articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editdesk.cli import main
from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review import editing, load_review, save_review, sidecar_path, syncing

TEXT = "The council met on Tuesday. It agreed the budgget after a short debate.\n"


pytestmark = pytest.mark.usefixtures("isolated")


def article(tmp_path: Path, text: str = TEXT) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir(exist_ok=True)
    path = folder / "story.txt"
    path.write_text(text, encoding="utf-8")
    return path


def checked(path: Path, severity: Severity = Severity.ERROR) -> None:
    """Save a review whose findings were synced on its text (so no check runs)."""
    text = path.read_text(encoding="utf-8")
    review = load_review(path, Article.from_plain_text(text, path))
    start = text.index("budgget")
    finding = Finding("lt:MORFOLOGIK_RULE_EN_GB", "languagetool", "TYPOS", severity,
                      "Possible spelling mistake found.", start, start + 7, ("budget",))
    syncing.sync_findings(review, [with_fingerprint(finding, text)])
    save_review(review, path)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_without_any_review_is_not_signed_off(tmp_path, capsys):
    path = article(tmp_path)
    code, out, _ = run(capsys, "status", str(path))
    assert code == 1
    assert "not signed off" in out
    assert not sidecar_path(path).exists()  # status never writes


def test_approval_with_open_error_is_refused_and_nothing_recorded(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    before = sidecar_path(path).read_bytes()
    code, out, err = run(capsys, "signoff", str(path), "--editor", "Ana",
                         "--decision", "approved")
    assert code == 1
    assert "1 error finding is still open" in err and "nothing recorded" in err
    assert len(err.strip().splitlines()) == 1
    assert sidecar_path(path).read_bytes() == before


def test_forced_approval_is_recorded_and_status_is_current(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    code, out, _ = run(capsys, "signoff", str(path), "--editor", "Ana", "--role", "chief sub",
                       "--decision", "approved", "--note", "Fine.",
                       "--force-reason", "budgget is the client's brand")
    assert code == 0 and "approved by Ana (chief sub)" in out
    review = load_review(path, Article.from_plain_text(TEXT, path))
    (record,) = review.signoffs
    assert record.force_reason == "budgget is the client's brand"
    assert record.open_findings["error"] == 1 and record.note == "Fine."
    assert record.style_hash  # from the house style in force

    code, out, _ = run(capsys, "status", str(path))
    assert code == 0
    assert out.startswith(f"{path}: current: approved by Ana") and record.text_sha256[:12] in out

    code, out, _ = run(capsys, "status", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["schema"] == "editdesk.status/1"
    assert (data["state"], data["ok"]) == ("current", True)
    assert data["latest"]["editor"] == "Ana" and data["latest"]["force_reason"]
    assert data["text_sha256"] == record.text_sha256
    assert len(data["history"]) == 1


def test_clean_review_approves_without_reason(tmp_path, capsys):
    path = article(tmp_path)
    checked(path, severity=Severity.WARNING)
    code, out, _ = run(capsys, "signoff", str(path), "--editor", "Ana", "--decision", "approved")
    assert code == 0 and "1 warning" in out


def test_changes_requested_is_recorded_but_status_is_not_ok(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    code, _, _ = run(capsys, "signoff", str(path), "--editor", "Ben",
                     "--decision", "changes-requested", "--note", "Fix the typo.")
    assert code == 0
    code, out, _ = run(capsys, "status", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["state"] == "current" and data["ok"] is False
    assert data["latest"]["decision"] == "changes-requested"


def test_status_is_stale_after_the_review_text_was_edited(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    run(capsys, "signoff", str(path), "--editor", "Ana", "--decision", "approved",
        "--force-reason", "ok")
    review = load_review(path, Article.from_plain_text(TEXT, path))
    editing.set_text(review, review.text.replace("Tuesday", "Wednesday"), by="Ben")
    save_review(review, path)
    code, out, _ = run(capsys, "status", str(path))
    assert code == 1
    assert ": stale: " in out and "the text has changed since" in out and "by Ben" in out
    code, out, _ = run(capsys, "status", str(path), "--format", "json")
    data = json.loads(out)
    assert (data["state"], data["ok"], data["changed_by"]) == ("stale", False, "Ben")


def test_status_is_stale_after_the_article_changed_on_disk(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    run(capsys, "signoff", str(path), "--editor", "Ana", "--decision", "approved",
        "--force-reason", "ok")
    path.write_text(TEXT.replace("short", "long"), encoding="utf-8")
    before = sidecar_path(path).read_bytes()
    code, out, err = run(capsys, "status", str(path))
    assert code == 1 and ": stale: " in out
    assert "changed on disk" in err
    assert sidecar_path(path).read_bytes() == before


def test_history_lists_earlier_signoffs(tmp_path, capsys):
    path = article(tmp_path)
    checked(path)
    run(capsys, "signoff", str(path), "--editor", "Ben", "--decision", "changes-requested")
    run(capsys, "signoff", str(path), "--editor", "Ana", "--decision", "approved",
        "--force-reason", "house name")
    code, out, _ = run(capsys, "status", str(path))
    assert code == 0
    assert "history:" in out and "changes-requested by Ben" in out


def test_unreadable_article_exits_3(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    code, _, err = run(capsys, "status", str(missing))
    assert code == 3 and str(missing) in err
    code, _, err = run(capsys, "signoff", str(missing), "--editor", "Ana",
                       "--decision", "approved")
    assert code == 3


def test_corrupt_sidecar_exits_3_and_is_kept(tmp_path, capsys):
    path = article(tmp_path)
    sidecar_path(path).write_text("{oops", encoding="utf-8")
    code, _, err = run(capsys, "signoff", str(path), "--editor", "Ana",
                       "--decision", "changes-requested")
    assert code == 3 and "not valid JSON" in err and str(sidecar_path(path)) in err
    assert sidecar_path(path).read_text(encoding="utf-8") == "{oops"
    code, _, _ = run(capsys, "status", str(path))
    assert code == 3


@pytest.mark.parametrize(
    "args",
    [
        ["signoff", "x.txt", "--decision", "approved"],  # no --editor
        ["signoff", "x.txt", "--editor", "Ana", "--decision", "maybe"],
        ["status", "x.txt", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2


def test_missing_config_file_is_a_usage_error(tmp_path, capsys):
    path = article(tmp_path)
    code, _, err = run(capsys, "signoff", str(path), "--editor", "Ana", "--decision",
                       "approved", "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "missing.toml" in err


def test_unreachable_engine_falls_back_to_house_style_and_says_so(tmp_path, capsys):
    path = article(tmp_path, "The the council met on Tuesday.\n")
    code, out, err = run(capsys, "signoff", str(path), "--editor", "Ana",
                         "--decision", "changes-requested", "--server", "http://127.0.0.1:9")
    assert code == 0
    assert "checked house style only" in err and "127.0.0.1:9" in err
    assert "(checked with house style only)" in out
    review = load_review(path, Article.from_plain_text(path.read_text(), path))
    assert review.checked_with == ["house"] and review.findings_current
    assert review.signoffs[0].checked_with == ["house"]
