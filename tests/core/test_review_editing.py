"""Decisions, edits and anchors on the review model."""

from __future__ import annotations

from dataclasses import replace

import pytest
from review_helpers import finding_on, review_of

from editdesk.core.findings import Severity
from editdesk.core.review import Decision, ReviewError, comments, editing, syncing

TEXT = "The wrold is big. Ther are many peple here.\n"


def synced(text: str = TEXT):
    review = review_of(text)
    syncing.sync_findings(review,
        [
            finding_on(text, "wrold", replacements=("world",)),
            finding_on(text, "Ther", replacements=("There",)),
            finding_on(text, "peple", replacements=("people",)),
        ]
    )
    return review


def test_accept_replaces_span_and_shifts_later_findings_and_comments():
    review = synced()
    at = TEXT.index("many")
    comment = comments.add_comment(review, at, at + 4, "Vague.", "Ana")
    wrold = review.findings[0]
    state = editing.accept(review, wrold.fingerprint, "world", by="Ana")
    assert review.text == TEXT.replace("wrold", "world")
    assert state.decision is Decision.ACCEPTED
    assert (state.replacement, state.by, state.original_text) == ("world", "Ana", "wrold")
    assert state.at
    assert review.text[state.finding.start : state.finding.end] == "world"
    peple = next(s for s in review.findings if s.finding.id and "peple" in s.finding.message)
    assert review.text[peple.finding.start : peple.finding.end] == "peple"
    assert review.text[comment.anchor.start : comment.anchor.end] == "many"
    assert review.original == TEXT  # the original text is kept for tracked changes


def test_accept_with_longer_replacement_shifts_by_the_difference():
    review = synced()
    ther = next(s for s in review.findings if "Ther" in s.finding.message)
    editing.accept(review, ther.fingerprint, "There truly", by="Ana")
    peple = next(s for s in review.findings if "peple" in s.finding.message)
    assert review.text[peple.finding.start : peple.finding.end] == "peple"
    assert review.edit_authors[-1][0] == "Ana"


def test_reject_and_ignore_record_who_and_when_and_leave_text_alone():
    review = synced()
    a, b = review.findings[0], review.findings[1]
    editing.reject(review, a.fingerprint, by="Ben")
    editing.ignore(review, b.fingerprint, by="Cy")
    assert (a.decision, a.by) == (Decision.REJECTED, "Ben")
    assert (b.decision, b.by) == (Decision.IGNORED, "Cy")
    assert a.at and b.at
    assert review.text == TEXT
    assert [s.finding.message for s in review.open_findings()] == ["'peple' looks wrong"]


def test_reopen_undoes_an_accepted_replacement():
    review = synced()
    fp = review.findings[0].fingerprint
    editing.accept(review, fp, "world", by="Ana")
    state = editing.reopen(review, fp, by="Ana")
    assert review.text == TEXT
    assert state.decision is Decision.OPEN and state.replacement is None
    assert review.text[state.finding.start : state.finding.end] == "wrold"


def test_accepting_twice_or_unknown_fingerprint_is_an_error():
    review = synced()
    fp = review.findings[0].fingerprint
    editing.accept(review, fp, "world", by="Ana")
    with pytest.raises(ReviewError, match="already accepted"):
        editing.accept(review, fp, "world", by="Ana")
    with pytest.raises(ReviewError, match="no finding"):
        editing.reject(review, "nope", by="Ana")


def test_set_text_shifts_comment_anchors_and_marks_touched_findings_stale():
    review = synced()
    c = comments.add_comment(review, TEXT.index("big"), TEXT.index("big") + 3, "Size?", "Ana")
    new = TEXT.replace("The wrold", "Our whole world")
    editing.set_text(review, new, by="Ben")
    assert review.text == new
    assert review.text[c.anchor.start : c.anchor.end] == "big"
    assert c.anchor.quote == "big" and not c.anchor.detached
    wrold, ther, peple = review.findings
    assert wrold.stale and not ther.stale and not peple.stale
    assert review.text[peple.finding.start : peple.finding.end] == "peple"
    assert wrold.is_open  # stale findings still count until re-checked
    with pytest.raises(ReviewError, match="check again"):
        editing.accept(review, wrold.fingerprint, "world", by="Ben")


def test_edit_inside_a_comment_span_stretches_it_and_deleting_it_detaches():
    text = "Alpha beta gamma delta.\n"
    review = review_of(text)
    c = comments.add_comment(review, 6, 16, "Greek.", "Ana")  # "beta gamma"
    editing.set_text(review, "Alpha beta, gamma delta.\n", by="Ana")
    assert review.text[c.anchor.start : c.anchor.end] == "beta, gamma"
    editing.set_text(review, "Alpha delta.\n", by="Ana")
    assert c.anchor.detached
    assert c.anchor.quote == "beta, gamma"  # what it was about is kept
    assert review.comments == [c]


def test_insertions_at_the_edges_of_an_anchor_stay_outside():
    text = "one two three"
    review = review_of(text)
    c = comments.add_comment(review, 4, 7, "x", "Ana")  # "two"
    editing.set_text(review, "one [two] three", by="Ana")
    assert review.text[c.anchor.start : c.anchor.end] == "two"


def test_anchors_shift_correctly_around_astral_characters():
    text = "Maths 𝑥 and 🎉 party: teh end 😀 now.\n"
    review = review_of(text)
    syncing.sync_findings(review, [finding_on(text, "teh", replacements=("the",))])
    c = comments.add_comment(review, text.index("end"), text.index("end") + 3, "End?", "Ana")
    editing.set_text(review, text.replace("Maths 𝑥", "Maths 𝑥𝑦🎉"), by="Ana")
    assert review.text[c.anchor.start : c.anchor.end] == "end"
    f = review.findings[0].finding
    assert review.text[f.start : f.end] == "teh"
    editing.accept(review, review.findings[0].fingerprint, "the 🎉", by="Ana")
    assert review.text[c.anchor.start : c.anchor.end] == "end"
    assert "the 🎉 end 😀" in review.text


def test_comments_replies_resolve_and_delete():
    review = review_of(TEXT)
    c = comments.add_comment(review, 0, 3, "Start stronger.", "Ana")
    r = comments.reply(review, c.id, "Agreed.", "Ben")
    assert (r.author, r.text) == ("Ben", "Agreed.") and r.at
    assert review.comment(c.id).replies == [r]
    comments.resolve(review, c.id)
    assert c.resolved
    comments.resolve(review, c.id, resolved=False)
    assert not c.resolved
    with pytest.raises(ReviewError, match="outside the text"):
        comments.add_comment(review, 0, 10_000, "x", "Ana")
    with pytest.raises(ReviewError, match="no comment"):
        comments.reply(review, "missing", "x", "Ana")
    comments.delete_comment(review, c.id)
    assert review.comments == []


def test_sync_keeps_rejected_and_ignored_decisions_by_fingerprint():
    review = synced()
    wrold, ther, _ = review.findings
    editing.reject(review, wrold.fingerprint, by="Ana")
    editing.ignore(review, ther.fingerprint, by="Ana")
    # an unrelated edit elsewhere: fingerprints of these sentences don't change
    new = TEXT + "\nA new paragraph.\n"
    editing.set_text(review, new, by="Ana")
    syncing.sync_findings(review,
        [
            finding_on(new, "wrold", replacements=("world",)),
            finding_on(new, "Ther", replacements=("There",)),
            finding_on(new, "peple", replacements=("people",)),
        ]
    )
    decisions = [s.decision for s in review.findings]
    assert decisions == [Decision.REJECTED, Decision.IGNORED, Decision.OPEN]
    assert review.findings[0].by == "Ana"
    assert review.findings_current


def test_decision_survives_a_check_where_its_finding_was_absent():
    review = synced()
    fp = review.findings[0].fingerprint
    editing.reject(review, fp, by="Ana")
    syncing.sync_findings(review, [])  # e.g. a house-only check while LanguageTool was down
    assert review.findings == [] and [s.fingerprint for s in review.dormant] == [fp]
    syncing.sync_findings(review, [finding_on(TEXT, "wrold")])
    assert review.findings[0].decision is Decision.REJECTED
    assert review.dormant == []


def test_accepted_findings_do_not_come_back_and_stay_as_history():
    review = synced()
    fp = review.findings[0].fingerprint
    editing.accept(review, fp, "wurld", by="Ana")
    text = review.text
    # the same rule now flags the chosen replacement itself
    syncing.sync_findings(review, [finding_on(text, "wurld"), finding_on(text, "peple")])
    accepted = [s for s in review.findings if s.decision is Decision.ACCEPTED]
    assert [s.replacement for s in accepted] == ["wurld"]
    assert [s.finding.message for s in review.open_findings()] == ["'peple' looks wrong"]


def test_a_changed_sentence_brings_a_rejected_finding_back_open():
    review = synced()
    editing.reject(review, review.findings[0].fingerprint, by="Ana")
    new = TEXT.replace("is big", "is very big")
    editing.set_text(review, new, by="Ana")
    syncing.sync_findings(review, [finding_on(new, "wrold")])
    assert review.findings[0].decision is Decision.OPEN


def test_ignore_rule_and_accept_word_in_this_article():
    text = "Zork met Ana. The the cat sat.\n"
    review = review_of(text)
    findings = [
        finding_on(text, "Zork"),
        finding_on(text, "The the", rule="lt:ENGLISH_WORD_REPEAT_RULE",
                   severity=Severity.WARNING),
    ]
    syncing.sync_findings(review, findings)
    syncing.accept_word(review, "Zork")
    assert [s.finding.id for s in review.findings] == ["lt:ENGLISH_WORD_REPEAT_RULE"]
    syncing.ignore_rule(review, "lt:ENGLISH_WORD_REPEAT_RULE")
    assert review.findings == []
    syncing.sync_findings(review, findings)
    assert review.findings == []
    assert review.ignored_rules == ["lt:ENGLISH_WORD_REPEAT_RULE"]
    assert review.accepted_words == ["Zork"]
    syncing.unignore_rule(review, "lt:ENGLISH_WORD_REPEAT_RULE")
    syncing.sync_findings(review, findings)
    assert [s.finding.id for s in review.findings] == ["lt:ENGLISH_WORD_REPEAT_RULE"]


def test_open_counts_by_severity():
    text = "Teh cat. A very very long one.\n"
    review = review_of(text)
    syncing.sync_findings(review,
        [finding_on(text, "Teh"), finding_on(text, "very very", rule="house:repeat",
                                              severity=Severity.SUGGESTION)]
    )
    assert review.open_counts() == {"error": 1, "warning": 0, "suggestion": 1}


def test_reopen_a_rejection():
    review = synced()
    fp = review.findings[1].fingerprint
    editing.reject(review, fp, by="Ana")
    state = editing.reopen(review, fp, by="Ben")
    assert (state.decision, state.by) == (Decision.OPEN, "Ben")
    with pytest.raises(ReviewError, match="no decided finding"):
        editing.reopen(review, fp, by="Ben")


def test_accepting_an_insertion_at_an_empty_span():
    text = "However the plan failed.\n"
    review = review_of(text)
    f = finding_on(text, "However", rule="lt:COMMA_AFTER_HOWEVER")
    point = replace(f, start=7, end=7)  # "insert a comma after 'However'"
    syncing.sync_findings(review, [point])
    c = comments.add_comment(review, 8, 11, "Which?", "Ana")  # "the"
    state = editing.accept(review, point.fingerprint, ",", by="Ana")
    assert review.text == "However, the plan failed.\n"
    assert review.text[state.finding.start : state.finding.end] == ","
    assert review.text[c.anchor.start : c.anchor.end] == "the"
    editing.reopen(review, point.fingerprint, by="Ana")
    assert review.text == text
