"""Repeated findings survive the round trip: a word misspelt five times (twice in
one sentence, in a paragraph that occurs twice) gives five findings with three
fingerprints. The review part keys them by their unique keys
(service.finding_keys), so export -> reopen -> re-export gives five findings and
five comments, neither three nor ten, and a decision on one copy stays on it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from export_samples import finding
from libreoffice_views import libreoffice_views
from lxml import etree
from ooxml_checks import check_structure, q
from views import story, texts, view

from editdesk.core.findings import Finding
from editdesk.core.paths import resource
from editdesk.core.readers import read_article
from editdesk.core.review import Review, editing, syncing
from editdesk.core.review.model import Anchor, Comment, Decision
from editdesk.export import export_docx, import_review
from editdesk.export.review_part import NS, NS_V1
from editdesk.service.exporting import open_findings
from editdesk.service.finding_keys import finding_keys, state_for_key

RULE = "lt:MORFOLOGIK_RULE_EN_GB"
LINE = "The council said teh plan was sound."
TEXT = (
    f"Harbour plan\n\n{LINE}\n\nWe read teh report and teh notes.\n\n{LINE}\n\n"
    "Work on teh wall starts in May.\n"
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "review-part-v1"


def misspellings(text: str) -> list[Finding]:
    """What a spelling check finds in ``text``: each "teh", in text order."""
    return [
        finding(text, "teh", RULE, "Possible spelling mistake.", ("the",), occurrence=n)
        for n in range(text.count("teh"))
    ]


def places(text: str) -> list[int]:
    return [m.start() for m in re.finditer("teh", text)]


def part(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            blob = z.read(name)
            if re.fullmatch(r"customXml/item\d+\.xml", name) and blob.strip():
                root = etree.fromstring(blob)
                if root.tag in (f"{{{NS}}}review", f"{{{NS_V1}}}review"):
                    return root
    raise AssertionError("no EditDesk review part")


def finding_comments(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return [
        c for c in root.iter(q("comment"))
        if RULE in "".join(t.text or "" for t in c.iter(q("t")))
    ]


def anchored_words(path: Path) -> dict[str, str]:
    """Word comment id -> the words its range covers (in the accepted view)."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in body.iter(q("commentRangeStart"), q("commentRangeEnd"), q("t")):
        if el.tag == q("commentRangeStart"):
            open_ids.add(el.get(q("id")))
            out.setdefault(el.get(q("id")), "")
        elif el.tag == q("commentRangeEnd"):
            open_ids.discard(el.get(q("id")))
        else:
            for cid in open_ids:
                out[cid] += el.text or ""
    return out


def accepted_and_rejected(path: Path) -> tuple[str, str]:
    doc = story(path)
    return (
        "\n".join(t for t in texts(view(*doc, accept=True)) if t.strip()),
        "\n".join(t for t in texts(view(*doc, accept=False)) if t.strip()),
    )


@pytest.fixture
def article(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    return read_article(path)


def reviewed(article) -> Review:
    """The misspellings found, "May" edited to "June", a comment by the editor."""
    review = Review.for_article(article)
    syncing.sync_findings(review, misspellings(review.text), ("languagetool",))
    editing.set_text(review, review.text.replace("May", "June"), "Jane Editor")
    syncing.sync_findings(review, misspellings(review.text), ("languagetool",))
    at = review.text.index("council")
    review.comments.append(
        Comment("c1", Anchor.on(review.text, at, at + 7), "Jane Editor",
                "2026-11-28T10:00:00+00:00", "Which council?")
    )
    return review


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*", text) if p.strip()]


def test_five_findings_five_comments_through_export_reopen_reexport(article, tmp_path) -> None:
    review = reviewed(article)
    assert len(review.findings) == 5 and len({s.fingerprint for s in review.findings}) == 3
    out = tmp_path / "plan.docx"
    report = export_docx(article, review, open_findings(review), out, author="Jane Editor")
    check_structure(out)
    assert report.finding_comments == 5
    stored = part(out)
    etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-2.xsd")))).assertValid(
        stored
    )
    found = list(stored.iter(f"{{{NS}}}finding"))
    assert [f.get("key") for f in found] == finding_keys(review)
    ids = [f.get("comment") for f in found]
    assert len(set(ids)) == 5 and set(ids) == {c.get(q("id")) for c in finding_comments(out)}
    words = anchored_words(out)
    assert all(words[cid] == "teh" for cid in ids)

    # reopened: five findings on the five places, none of them a person's comment too
    back = import_review(out)
    assert [s.finding.start for s in back.findings] == places(back.text)
    assert all(s.decision == Decision.OPEN for s in back.findings)
    assert finding_keys(back) == finding_keys(review)
    assert [c.text for c in back.comments] == ["Which council?"]
    # a fresh check after reopening (as the app does) changes nothing
    syncing.sync_findings(back, misspellings(back.text), ("languagetool",))
    assert [s.finding.start for s in back.findings] == places(back.text)

    # re-exported from the reopened review, then as an export of an export
    again = tmp_path / "again.docx"
    report = export_docx(read_article(out), back, open_findings(back), again)
    check_structure(again)
    assert (report.finding_comments, len(finding_comments(again))) == (0, 5)
    third = tmp_path / "third.docx"
    report = export_docx(read_article(again), None, misspellings(read_article(again).text), third)
    check_structure(third)
    assert (report.finding_comments, len(finding_comments(third))) == (0, 5)
    words = anchored_words(third)
    assert [words[c.get(q("id"))] for c in finding_comments(third)] == ["teh"] * 5
    for path in (out, again, third):
        accepted, rejected = accepted_and_rejected(path)
        assert paragraphs(rejected) == paragraphs(article.text)
        assert paragraphs(accepted) == paragraphs(review.text)
    final = import_review(third)
    assert [s.finding.start for s in final.findings] == places(final.text)
    assert [c.text for c in final.comments] == ["Which council?"]


def test_a_decision_on_one_copy_stays_on_that_copy(article, tmp_path) -> None:
    review = reviewed(article)
    keys = finding_keys(review)
    second_copy = keys[3]  # the repeated sentence's "teh"
    assert second_copy == f"{keys[0]}~2"
    editing.reject(review, state_for_key(review, second_copy), by="Ana")
    twice = keys[2]  # the second "teh" of "We read teh report and teh notes."
    editing.accept(review, state_for_key(review, twice), "the", by="Ana")
    assert "We read teh report and the notes." in review.text
    out = tmp_path / "decided.docx"
    export_docx(article, review, open_findings(review), out, findings_mode="all")
    check_structure(out)

    back = import_review(out)
    decisions = {s.finding.start: s.decision for s in back.findings}
    teh = places(back.text)
    copy_at = back.text.index(LINE, back.text.index(LINE) + 1) + LINE.index("teh")
    assert decisions[copy_at] == Decision.REJECTED
    assert [decisions[p] for p in teh if p != copy_at] == [Decision.OPEN] * 3
    accepted = [s for s in back.findings if s.decision == Decision.ACCEPTED]
    assert [(s.replacement, back.text[s.finding.start : s.finding.end]) for s in accepted] == [
        ("the", "the")
    ]
    # the app's fresh check after reopening keeps each copy its decision
    syncing.sync_findings(back, misspellings(back.text), ("languagetool",))
    by_key = dict(zip(finding_keys(back), back.findings, strict=True))
    rejected = [s for s in by_key.values() if s.decision == Decision.REJECTED]
    assert [s.finding.start for s in rejected] == [copy_at] and rejected[0].by == "Ana"
    assert sum(s.is_open for s in back.findings) == 3

    # re-exported with open findings only: three comments, none on the rejected copy
    again = tmp_path / "again.docx"
    export_docx(read_article(out), back, open_findings(back), again)
    check_structure(again)
    assert len(finding_comments(again)) == 3
    back_again = import_review(again)
    states = {s.finding.start: s for s in back_again.findings}
    assert states[copy_at].decision == Decision.REJECTED and states[copy_at].by == "Ana"
    assert states[back.text.index(LINE) + LINE.index("teh")].decision == Decision.OPEN


def test_a_version_1_part_is_read_and_rewritten_as_version_2(tmp_path) -> None:
    old = FIXTURES / "repeated-v1.docx"
    assert part(old).tag == f"{{{NS_V1}}}review"
    back = import_review(old)
    text = back.text
    copy_at = text.index(LINE, text.index(LINE) + 1) + LINE.index("teh")
    assert [s.finding.start for s in back.findings] == places(text)
    decisions = {s.finding.start: (s.decision, s.by) for s in back.findings}
    assert decisions.pop(copy_at) == (Decision.REJECTED, "Ana")
    assert set(decisions.values()) == {(Decision.OPEN, None)}
    assert [c.text for c in back.comments] == ["Which council?"]

    # exported again, from the imported review and as an export of an export
    for name, review in (("from-review.docx", back), ("export-of-export.docx", None)):
        out = tmp_path / name
        export_docx(read_article(old), review, misspellings(text), out, findings_mode="all")
        check_structure(out)
        new = part(out)
        assert new.tag == f"{{{NS}}}review" and new.get("version") == "2"
        etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-2.xsd")))).assertValid(
            new
        )
        with zipfile.ZipFile(out) as z:
            props = [z.read(n).decode() for n in z.namelist() if "itemProps" in n]
        assert any(NS in p for p in props) and not any(NS_V1 in p for p in props)
        comments = finding_comments(out)
        assert len(comments) == 5
        words = anchored_words(out)
        assert [words[c.get(q("id"))] for c in comments] == ["teh"] * 5
        again = import_review(out)
        assert [s.finding.start for s in again.findings] == places(text)
        assert {s.finding.start: s.decision for s in again.findings}[copy_at] == Decision.REJECTED
        assert [c.text for c in again.comments] == ["Which council?"]


def test_the_version_1_schema_still_describes_the_old_part() -> None:
    schema = etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-1.xsd"))))
    schema.assertValid(part(FIXTURES / "repeated-v1.docx"))


def test_a_part_with_one_key_twice_fails_the_schema(article, tmp_path) -> None:
    review = reviewed(article)
    out = tmp_path / "plan.docx"
    export_docx(article, review, open_findings(review), out)
    stored = part(out)
    found = list(stored.iter(f"{{{NS}}}finding"))
    found[1].set("key", found[0].get("key"))
    schema = etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-2.xsd"))))
    assert not schema.validate(stored)


def _pandoc(path: Path, mode: str) -> list[str]:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    out = subprocess.run(
        ["pandoc", "-s", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", out) if p.strip()]


@pytest.mark.clients
def test_pandoc_and_libreoffice_accept_and_reject_every_trip_exactly(article, tmp_path) -> None:
    """The export, its re-export from the reopened review and an export of that:
    Reject All gives the article and Accept All the reviewed text, in pandoc and in
    LibreOffice's own Accept All / Reject All."""
    review = reviewed(article)
    editing.accept(review, state_for_key(review, finding_keys(review)[2]), "the", by="Ana")
    first = tmp_path / "first.docx"
    export_docx(article, review, open_findings(review), first, author="Jane Editor")
    back = import_review(first)
    second = tmp_path / "second.docx"
    export_docx(read_article(first), back, open_findings(back), second)
    third = tmp_path / "third.docx"
    export_docx(read_article(second), None, misspellings(read_article(second).text), third)
    trips = [first, second, third]
    assert [len(finding_comments(p)) for p in trips] == [4, 4, 4]
    original, reviewed_text = paragraphs(article.text), paragraphs(review.text)
    for path in trips:
        assert _pandoc(path, "reject") == original, path.name
        assert _pandoc(path, "accept") == reviewed_text, path.name
    for path, (accepted, rejected) in libreoffice_views(trips, tmp_path).items():
        assert rejected == original, path.name
        assert accepted == reviewed_text, path.name


def _rule_comments(path: Path, rule: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    texts_ = ["".join(t.text or "" for t in c.iter(q("t"))) for c in root.iter(q("comment"))]
    return [t for t in texts_ if f"Rule: {rule} " in t]


@pytest.mark.integration
def test_with_languagetool_through_the_command_and_the_app(tmp_path, lt_url, isolated) -> None:
    """Real LanguageTool: `editdesk export`, reopened as the app opens it and checked
    again, one copy rejected there, then `editdesk export` of the DOCX (with that
    review) and of its export (without): five findings, four or five comments."""
    from editdesk.cli import main
    from editdesk.engine.session import EngineSession
    from editdesk.service.checking import check_review
    from editdesk.service.house_style import house_style_for
    from editdesk.service.review_session import ReviewSession

    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "plan.docx"
    common = ["--server", lt_url, "--author", "Jane Editor", "--lang", "en-GB"]
    assert main(["export", str(path), "-o", str(out), *common]) == 0
    assert len(_rule_comments(out, RULE)) == 5

    session, warning = ReviewSession.open(out)
    assert warning == ""

    def spelling() -> list:
        return [s for s in session.review.findings if s.finding.id == RULE]

    assert [s.finding.start for s in spelling()] == places(session.review.text)
    assert not any(RULE in c.text for c in session.review.comments)
    result = check_review(
        session.article, session.review, house_style_for(out, language="en-GB"),
        EngineSession(lt_url),
    )
    session.sync_findings(result.findings, result.sources)
    assert [s.finding.start for s in spelling()] == places(session.review.text)
    keys = dict(zip((id(s) for s in session.review.findings), finding_keys(session.review),
                    strict=True))
    text = session.review.text
    copy_at = text.index(LINE, text.index(LINE) + 1) + LINE.index("teh")
    copy = next(s for s in spelling() if s.finding.start == copy_at)
    session.reject(keys[id(copy)], "Ana")
    assert session.save()

    again = tmp_path / "again.docx"
    assert main(["export", str(out), "-o", str(again), *common]) == 0
    assert len(_rule_comments(again, RULE)) == 4
    back = import_review(again)
    decided = {s.finding.start: s.decision for s in back.findings if s.finding.id == RULE}
    assert sorted(decided) == places(back.text)
    assert decided.pop(copy_at) == Decision.REJECTED
    assert set(decided.values()) == {Decision.OPEN}
    third = tmp_path / "third.docx"
    assert main(["export", str(again), "-o", str(third), *common]) == 0
    assert len(_rule_comments(third, RULE)) == 4
    final = import_review(third)
    assert sorted(s.finding.start for s in final.findings if s.finding.id == RULE) == places(
        final.text
    )


def _decision_paragraphs(path: Path) -> dict[str, list[int]]:
    """The decision line of each finding comment -> the body paragraphs (by index)
    its range starts in."""
    with zipfile.ZipFile(path) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    said = {}
    for c in comments.iter(q("comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in c.iter(q("p")))
        if RULE in text:
            last = text.splitlines()[-1]
            said[c.get(q("id"))] = last if last.startswith("Decision:") else "open"
    out: dict[str, list[int]] = {}
    for n, p in enumerate(body.iter(q("p"))):
        for start in p.iter(q("commentRangeStart")):
            if start.get(q("id")) in said:
                out.setdefault(said[start.get(q("id"))], []).append(n)
    return {k: sorted(v) for k, v in out.items()}


@pytest.mark.clients
def test_a_file_libreoffice_saved_keeps_each_copy_its_decision(article, tmp_path) -> None:
    """LibreOffice renumbers the comments when it saves: the ids in the part then
    name other copies. Where each comment is tells them apart, on reopening and
    when the saved file is exported again."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    review = reviewed(article)
    keys = finding_keys(review)
    editing.reject(review, state_for_key(review, keys[3]), by="Ana")  # the copy's
    editing.ignore(review, state_for_key(review, keys[1]), by="Ana")  # "We read teh"
    out = tmp_path / "all.docx"
    export_docx(article, review, open_findings(review), out, findings_mode="all")
    expected = {"Decision: ignored by Ana": [2], "Decision: rejected by Ana": [3],
                "open": [1, 2, 4]}
    assert _decision_paragraphs(out) == expected
    subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
         str(tmp_path / "lo"), str(out)],
        capture_output=True, timeout=300, check=True,
    )
    saved = tmp_path / "lo" / "all.docx"
    # renumbered: some ids in the part now name a comment with another decision
    said = {
        c.get(q("id")): "".join(t.text or "" for t in c.iter(q("t")))
        for c in finding_comments(saved)
    }
    stored = part(saved).iter(f"{{{NS}}}finding")
    named = [(f.get("decision"), said[f.get("comment")]) for f in stored]
    assert any((d == "open") == ("Decision:" in text) for d, text in named)

    def decisions(path: Path) -> list[tuple[int, Decision]]:
        back = import_review(path)
        return [(s.finding.start, s.decision) for s in back.findings]

    assert decisions(saved) == decisions(out)
    first_teh = places(read_article(saved).text)
    again = tmp_path / "again.docx"
    export_docx(read_article(saved), None, misspellings(read_article(saved).text), again,
                findings_mode="all")
    check_structure(again)
    assert _decision_paragraphs(again) == expected
    assert [p for p, _ in decisions(again)] == first_teh
    assert decisions(again) == decisions(out)
