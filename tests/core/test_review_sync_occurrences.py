"""A sentence that occurs twice gives two findings with one fingerprint: each
decision stays with its own occurrence through checks and edits elsewhere."""

from __future__ import annotations

from review_helpers import finding_on, review_of

from editdesk.core.review import Decision, editing, rebase, syncing

BYLINE = "By Ana Ruiz, teh reporter.\n"
TEXT = BYLINE + "Prices rose again.\n" + BYLINE + "Markets closed.\n"


def check(review):
    """What a checker finds on the review's text now: every "teh"."""
    text = review.text
    return [
        finding_on(text, "teh", replacements=("the",), occurrence=n)
        for n in range(text.count("teh"))
    ]


def decisions(review):
    return [(s.decision, s.finding.start) for s in review.findings]


def teh_at(review, n):
    start = -1
    for _ in range(n + 1):
        start = review.text.index("teh", start + 1)
    return start


def synced():
    review = review_of(TEXT)
    syncing.sync_findings(review, check(review))
    first, second = review.findings
    assert first.fingerprint == second.fingerprint  # one print, two places
    return review


def test_accepting_one_copy_keeps_the_other_copy_open():
    review = synced()
    editing.accept(review, review.findings[0], "the", by="Ana")
    syncing.sync_findings(review, check(review))
    open_ = review.open_findings()
    assert [s.finding.start for s in open_] == [teh_at(review, 0)]
    assert review.text.count("teh") == 1 and review.text.index("teh") > len(BYLINE)
    assert [s.decision for s in review.findings] == [Decision.ACCEPTED, Decision.OPEN]


def test_a_rejection_stays_on_the_copy_it_was_made_on():
    review = synced()
    editing.reject(review, review.findings[1], by="Ana")
    syncing.sync_findings(review, check(review))
    assert [s.decision for s in review.findings] == [Decision.OPEN, Decision.REJECTED]
    assert review.findings[1].by == "Ana"


def test_decisions_follow_their_copy_through_edits_elsewhere():
    review = synced()
    editing.ignore(review, review.findings[1], by="Ana")
    editing.set_text(review, "Headline here\n\n" + review.text + "Tail.\n", by="Ana")
    editing.set_text(review, review.text.replace("Prices rose", "Prices rose sharply"), by="Ana")
    syncing.sync_findings(review, check(review))
    assert decisions(review) == [
        (Decision.OPEN, teh_at(review, 0)),
        (Decision.IGNORED, teh_at(review, 1)),
    ]


def test_deleting_the_rejected_copy_does_not_pass_its_rejection_to_the_other():
    review = synced()
    editing.reject(review, review.findings[0], by="Ana")
    editing.set_text(review, review.text.replace(BYLINE, "", 1), by="Ana")
    syncing.sync_findings(review, check(review))
    assert decisions(review) == [(Decision.OPEN, teh_at(review, 0))]
    assert [s.decision for s in review.dormant] == [Decision.REJECTED]


def test_a_dormant_decision_follows_its_copy_while_absent():
    review = synced()
    editing.reject(review, review.findings[1], by="Ana")
    syncing.sync_findings(review, [])  # a check without the spelling checker
    editing.set_text(review, "New first line.\n" + review.text, by="Ana")
    syncing.sync_findings(review, check(review))
    assert [s.decision for s in review.findings] == [Decision.OPEN, Decision.REJECTED]
    assert review.dormant == []


def test_a_paragraph_moved_on_disk_keeps_its_only_decision():
    text = "Prices rose.\nWe saw teh end.\nMarkets closed.\n"
    review = review_of(text)
    syncing.sync_findings(review, check(review))
    editing.reject(review, review.findings[0], by="Ana")
    rebase.rebase(review, "We saw teh end.\nPrices rose.\nMarkets closed.\n")
    syncing.sync_findings(review, check(review))
    assert decisions(review) == [(Decision.REJECTED, teh_at(review, 0))]
