"""Sign-offs: refused with open errors, current until the text changes."""

from __future__ import annotations

import pytest
from review_helpers import finding_on, review_of

from editdesk.core.findings import Severity
from editdesk.core.review import ReviewError, SignOffRefused, editing, signoff, syncing

TEXT = "The wrold is big. A very long sentence here.\n"


def with_findings():
    review = review_of(TEXT)
    syncing.sync_findings(review,
        [
            finding_on(TEXT, "wrold", replacements=("world",)),
            finding_on(TEXT, "very long", rule="house:sentence-length",
                       severity=Severity.WARNING),
        ],
        sources=("house",),
    )
    return review


def test_no_signoff_yet():
    status = signoff.signoff_status(review_of(TEXT))
    assert (status.state, status.latest) == ("none", None)
    assert not status.approved_and_current


def test_approving_with_open_error_is_refused_and_nothing_recorded():
    review = with_findings()
    with pytest.raises(SignOffRefused) as info:
        signoff.sign_off(review, "Ana", "editor", "approved", "", "style1")
    assert "1 error finding is still open" in str(info.value)
    assert "\n" not in str(info.value)
    assert review.signoffs == []
    with pytest.raises(SignOffRefused):
        signoff.sign_off(review, "Ana", "editor", "approved", "", "style1", force_reason="   ")


def test_approving_with_reason_is_recorded_with_counts():
    review = with_findings()
    record = signoff.sign_off(review, "Ana", "chief sub", "approved", "Good.", "style1",
                             force_reason="name is spelled so on purpose")
    assert record.force_reason == "name is spelled so on purpose"
    assert record.open_findings == {"error": 1, "warning": 1, "suggestion": 0}
    assert (record.editor, record.role, record.note, record.style_hash) == (
        "Ana", "chief sub", "Good.", "style1")
    assert record.text_sha256 == review.text_sha256 and record.at
    assert record.findings_checked and record.checked_with == ["house"]
    assert signoff.signoff_status(review).approved_and_current


def test_changes_requested_needs_no_reason():
    review = with_findings()
    record = signoff.sign_off(review, "Ana", "editor", "changes-requested", "Fix it.", "s")
    assert record.force_reason is None
    status = signoff.signoff_status(review)
    assert status.state == "current" and not status.approved_and_current


def test_after_fixing_errors_approval_passes():
    review = with_findings()
    editing.accept(review, review.findings[0].fingerprint, "world", by="Ana")
    record = signoff.sign_off(review, "Ana", "editor", "approved", "", "s")
    assert record.open_findings["error"] == 0


def test_signoff_goes_stale_after_an_edit_and_says_since_when():
    review = with_findings()
    signoff.sign_off(review, "Ana", "editor", "changes-requested", "", "s")
    editing.set_text(review, TEXT.replace("big", "huge"), by="Ben")
    editing.set_text(review, TEXT.replace("big", "enormous"), by="Ben")
    status = signoff.signoff_status(review)
    assert status.state == "stale"
    assert status.changed_by == "Ben" and status.changed_at >= status.latest.at
    assert not review.findings_current
    editing.set_text(review, TEXT, by="Ben")  # back to exactly the signed text
    assert signoff.signoff_status(review).state == "current"


def test_bad_decision_or_missing_editor():
    review = review_of(TEXT)
    with pytest.raises(ReviewError, match="must be one of"):
        signoff.sign_off(review, "Ana", "editor", "maybe", "", "s")
    with pytest.raises(ReviewError, match="editor's name"):
        signoff.sign_off(review, " ", "editor", "approved", "", "s")
