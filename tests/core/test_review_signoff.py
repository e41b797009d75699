"""Sign-offs: refused with open errors, current until the text changes."""

from __future__ import annotations

import pytest
from review_helpers import finding_on, review_of

from editdesk.core.findings import Severity
from editdesk.core.review import ReviewError, SignOffRefused

TEXT = "The wrold is big. A very long sentence here.\n"


def with_findings():
    review = review_of(TEXT)
    review.sync_findings(
        [
            finding_on(TEXT, "wrold", replacements=("world",)),
            finding_on(TEXT, "very long", rule="house:sentence-length",
                       severity=Severity.WARNING),
        ],
        sources=("house",),
    )
    return review


def test_no_signoff_yet():
    status = review_of(TEXT).signoff_status()
    assert (status.state, status.latest) == ("none", None)
    assert not status.approved_and_current


def test_approving_with_open_error_is_refused_and_nothing_recorded():
    review = with_findings()
    with pytest.raises(SignOffRefused) as info:
        review.sign_off("Ana", "editor", "approved", "", "style1")
    assert "1 error finding is still open" in str(info.value)
    assert "\n" not in str(info.value)
    assert review.signoffs == []
    with pytest.raises(SignOffRefused):
        review.sign_off("Ana", "editor", "approved", "", "style1", force_reason="   ")


def test_approving_with_reason_is_recorded_with_counts():
    review = with_findings()
    record = review.sign_off("Ana", "chief sub", "approved", "Good.", "style1",
                             force_reason="name is spelled so on purpose")
    assert record.force_reason == "name is spelled so on purpose"
    assert record.open_findings == {"error": 1, "warning": 1, "suggestion": 0}
    assert (record.editor, record.role, record.note, record.style_hash) == (
        "Ana", "chief sub", "Good.", "style1")
    assert record.text_sha256 == review.text_sha256 and record.at
    assert record.findings_checked and record.checked_with == ["house"]
    assert review.signoff_status().approved_and_current


def test_changes_requested_needs_no_reason():
    review = with_findings()
    record = review.sign_off("Ana", "editor", "changes-requested", "Fix it.", "s")
    assert record.force_reason is None
    status = review.signoff_status()
    assert status.state == "current" and not status.approved_and_current


def test_after_fixing_errors_approval_passes():
    review = with_findings()
    review.accept(review.findings[0].fingerprint, "world", by="Ana")
    record = review.sign_off("Ana", "editor", "approved", "", "s")
    assert record.open_findings["error"] == 0


def test_signoff_goes_stale_after_an_edit_and_says_since_when():
    review = with_findings()
    review.sign_off("Ana", "editor", "changes-requested", "", "s")
    review.set_text(TEXT.replace("big", "huge"), by="Ben")
    review.set_text(TEXT.replace("big", "enormous"), by="Ben")
    status = review.signoff_status()
    assert status.state == "stale"
    assert status.changed_by == "Ben" and status.changed_at >= status.latest.at
    assert not review.findings_current
    review.set_text(TEXT, by="Ben")  # back to exactly the signed text
    assert review.signoff_status().state == "current"


def test_bad_decision_or_missing_editor():
    review = review_of(TEXT)
    with pytest.raises(ReviewError, match="must be one of"):
        review.sign_off("Ana", "editor", "maybe", "", "s")
    with pytest.raises(ReviewError, match="editor's name"):
        review.sign_off(" ", "editor", "approved", "", "s")
