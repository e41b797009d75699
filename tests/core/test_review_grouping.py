"""Findings about one problem become one card (core.review.grouping); the review
keeps each finding, and a decision on the card applies to each."""

from __future__ import annotations

from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.review import Decision, Review, syncing
from editdesk.core.review.grouping import group_review, overlapping_groups, same_problem
from editdesk.service.review_session import ReviewSession


def flag(text, words, rule, severity=Severity.SUGGESTION, replacement=None):
    """A finding of ``rule`` on the first ``words`` in ``text``."""
    start = text.index(words)
    source = rule.split(":")[0]
    f = Finding(
        id=rule, source=source, category=source, severity=severity, message=f"{rule} here",
        start=start, end=start + len(words),
        replacements=(replacement,) if replacement is not None else (),
    )
    return with_fingerprint(f, text)


BYLINE = "Harbour plan approved\n\nedited by jane smith\n\nThe council met on Monday.\n"


def byline_findings(text=BYLINE):
    return [
        flag(text, "edited by jane smith", "house:byline-case", Severity.ERROR,
             "Edited by Jane Smith"),
        flag(text, "edited", "lt:UPPERCASE_SENTENCE_START", Severity.WARNING, "Edited"),
        flag(text, "jane", "structure:check-name", replacement="Jane"),
        flag(text, "smith", "structure:check-name", replacement="Smith"),
        flag(text, "Monday", "house:weekday", replacement="Monday"),  # elsewhere: alone
    ]


def review_with(text, findings) -> Review:
    review = Review.for_article(Article.from_plain_text(text), "story.txt")
    syncing.sync_findings(review, findings)
    return review


def test_a_lowercase_byline_is_one_problem_led_by_the_widest_most_severe_finding():
    review = review_with(BYLINE, byline_findings())
    groups = group_review(review)
    assert len(groups) == 2
    byline = groups[0]
    ids = [review.findings[i].finding.id for i in byline.members]
    assert ids[0] == "house:byline-case"
    assert sorted(ids[1:]) == [
        "lt:UPPERCASE_SENTENCE_START", "structure:check-name", "structure:check-name"
    ]
    assert len(review.findings) == 5  # the review keeps every finding


def test_a_misspelling_inside_a_lowercase_byline_is_its_own_problem():
    text = "by jane smiht\n"
    case = flag(text, "by jane smiht", "house:byline-case", Severity.ERROR, "By Jane Smiht")
    typo = flag(text, "smiht", "lt:MORFOLOGIK_RULE_EN_GB", Severity.ERROR, "Smith")
    assert not same_problem(case, typo, text)
    assert overlapping_groups([case, typo], text) == [[0], [1]]


def test_the_same_fix_over_different_spans_is_one_problem():
    text = "We recieve, sort and file letters.\n"
    word = flag(text, "recieve", "lt:MORFOLOGIK_RULE_EN_GB", Severity.ERROR, "receive")
    with_comma = flag(text, "recieve,", "house:spelling", Severity.ERROR, "receive,")
    assert same_problem(word, with_comma, text)


def test_case_fixes_that_disagree_are_two_problems():
    text = "the us team won.\n"
    start = flag(text, "the us", "house:sentence-start", replacement="The us")
    acronym = flag(text, "us", "house:acronym", replacement="US")
    assert not same_problem(start, acronym, text)


def test_findings_without_a_suggestion_stand_alone():
    text = "The report , which nobody read and which ran to teh length of a novel, was filed.\n"
    long = flag(text, text.strip(), "house:sentence-length")
    typo = flag(text, "teh", "lt:MORFOLOGIK_RULE_EN_GB", Severity.ERROR, "the")
    assert overlapping_groups([long, typo], text) == [[0], [1]]


def test_an_open_finding_is_not_hidden_behind_a_rejected_one():
    review = review_with(BYLINE, byline_findings())
    lead = next(s for s in review.findings if s.finding.id == "house:byline-case")
    lead.decision = Decision.REJECTED
    groups = [[review.findings[i] for i in g.members] for g in group_review(review)]
    rejected = [g for g in groups if g[0].decision is Decision.REJECTED]
    opened = [g for g in groups if g[0].is_open and g[0].finding.id != "house:weekday"]
    assert [[s.finding.id for s in g] for g in rejected] == [["house:byline-case"]]
    # without the byline's finding nothing joins them: each is its own card again
    assert [[s.finding.id for s in g] for g in opened] == [
        ["lt:UPPERCASE_SENTENCE_START"], ["structure:check-name"], ["structure:check-name"]
    ]


def session_on(tmp_path, text=BYLINE) -> ReviewSession:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    session, _warning = ReviewSession.open(path)
    session.sync_findings(byline_findings(session.review.text))
    return session


def lead_key(session) -> str:
    from editdesk.service.finding_keys import finding_keys

    keys = finding_keys(session.review)
    return keys[group_review(session.review)[0].lead]


def test_rejecting_the_card_rejects_each_finding_and_they_stay_rejected(tmp_path):
    session = session_on(tmp_path)
    session.reject(lead_key(session), by="Ana")
    decided = [s.finding.id for s in session.review.findings if s.decision is Decision.REJECTED]
    assert len(decided) == 4 and "house:weekday" not in decided
    session.sync_findings(byline_findings(session.review.text))  # the next check
    assert sum(s.decision is Decision.REJECTED for s in session.review.findings) == 4
    session.reopen(lead_key(session), by="Ana")
    assert sum(s.is_open for s in session.review.findings) == 5


def test_accepting_the_card_applies_the_lead_and_settles_the_others(tmp_path):
    session = session_on(tmp_path)
    session.accept(lead_key(session), "Edited by Jane Smith", by="Ana")
    review = session.review
    assert "\nEdited by Jane Smith\n" in review.text
    assert [(s.finding.id, s.decision) for s in review.findings] == [
        ("house:byline-case", Decision.ACCEPTED),
        ("house:weekday", Decision.OPEN),
    ]


def test_a_signoff_counts_the_byline_as_one_open_error():
    from editdesk.core.review import signoff
    from editdesk.core.review.grouping import open_problem_counts

    findings = byline_findings()
    findings.insert(2, flag(BYLINE, "jane", "lt:MORFOLOGIK_RULE_EN_GB", Severity.ERROR, "Jane"))
    review = review_with(BYLINE, findings)
    assert review.open_counts()["error"] == 2  # each checker's finding is kept
    assert open_problem_counts(review) == {"error": 1, "warning": 0, "suggestion": 1}
    record = signoff.sign_off(review, "Ana", "editor", "approved", "", "s", force_reason="ok")
    assert record.open_findings["error"] == 1
