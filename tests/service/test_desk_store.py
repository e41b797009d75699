"""service.desk_history: the desk's decision store, fed by the review session's
actions, read by every check (demotions, the desk's words), safe for two processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from editdesk.core.checks.runner import CheckRunner
from editdesk.core.desk import DeskSettings
from editdesk.core.desk.history import DEMOTED_NOTE
from editdesk.core.findings import Severity
from editdesk.service.desk_history import (
    SCHEMA_VERSION,
    DecisionRecord,
    DeskHistoryError,
    DeskStore,
    article_id,
    with_desk_history,
)
from editdesk.service.finding_keys import finding_keys
from editdesk.service.house_style import house_style_for
from editdesk.service.review_session import ReviewSession

TEXT = "He saw the the dog. Mr Zorblat said it was was fine.\n"
RULE = "house:repeated-word"


pytestmark = pytest.mark.usefixtures("isolated")


def store() -> DeskStore:
    return DeskStore.for_settings(DeskSettings())


def rec(article: str, finding: str, decision: str, rule: str = RULE, word: str | None = None):
    return DecisionRecord(article, finding, rule, "house", decision, word)


def checked_session(path: Path) -> ReviewSession:
    session, warning = ReviewSession.open(path)
    assert warning == ""
    config = house_style_for(path)
    result = CheckRunner(config).check_house_only(session.snapshot(session.review.text))
    session.sync_findings(result.findings, result.sources)
    return session


def keys_of(session: ReviewSession, rule: str) -> list[str]:
    return [k for k, s in zip(finding_keys(session.review), session.review.findings, strict=True)
            if s.finding.id == rule]


def test_reading_an_absent_store_creates_nothing(desk_data_dir: Path) -> None:
    s = store()
    assert s.tallies() == [] and s.words() == [] and s.reset(RULE) == 0
    s.forget("a", "k")
    assert not s.path.exists()
    assert s.path.parent == desk_data_dir / "desk"


def test_a_new_decision_on_a_finding_replaces_the_old_one_and_reopen_removes_it() -> None:
    s = store()
    s.record(rec("a1", "k1", "rejected"))
    s.record(rec("a1", "k1", "accepted"))  # changed its mind: one decision, not two
    s.record(rec("a2", "k1", "ignored"))  # same finding key in another article
    [t] = s.tallies()
    assert (t.accepted, t.rejected, t.ignored) == (1, 0, 1)
    s.forget("a1", "k1")
    [t] = s.tallies()
    assert (t.accepted, t.rejected, t.ignored, t.total) == (0, 0, 1, 1)


def test_the_store_is_versioned_and_refuses_a_newer_one() -> None:
    s = store()
    s.record(rec("a", "k", "rejected"))
    conn = sqlite3.connect(s.path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == str(
        SCHEMA_VERSION)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(DeskHistoryError, match="newer EditDesk"):
        s.tallies()
    with pytest.raises(DeskHistoryError, match="newer EditDesk"):
        s.record(rec("a", "k2", "rejected"))


def test_a_file_that_is_not_a_store_is_one_line_and_the_check_goes_on(desk_data_dir) -> None:
    folder = desk_data_dir / "desk"
    folder.mkdir()
    (folder / "desk-history.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(DeskHistoryError) as info:
        store().tallies()
    assert "\n" not in str(info.value) and "desk-history.sqlite3" in str(info.value)
    config, problem = with_desk_history(house_style_for(Path("a.txt")))
    assert problem and config.desk_view.demotions == ()


def test_a_shared_desk_folder_uses_a_rollback_journal(tmp_path: Path) -> None:
    shared = DeskStore.for_settings(DeskSettings(folder=tmp_path / "desk"))
    shared.record(rec("a", "k", "rejected"))
    conn = sqlite3.connect(shared.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert shared.path == tmp_path / "desk" / "desk-history.sqlite3"


def test_review_actions_feed_the_store_once_each(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    session = checked_session(path)
    first, second = keys_of(session, RULE)
    session.reject(first, "Ed")
    session.ignore(second, "Ed")
    [t] = store().tallies()
    assert (t.rule, t.checker, t.rejected, t.ignored, t.accepted) == (RULE, "house", 1, 1, 0)
    session.reopen(first, "Ed")
    session.accept(first, session.review.findings[0].finding.replacements[0], "Ed")
    [t] = store().tallies()
    assert (t.accepted, t.rejected, t.ignored) == (1, 0, 1)

    # Undo of the accepted suggestion in the editor reopens it: the decision goes too.
    accepted_text = session.review.text
    state = next(s for s in session.review.findings if s.decision == "accepted")
    f = state.finding
    undone = accepted_text[: f.start] + state.original_text + accepted_text[f.end :]
    assert session.reopen_if_undone(undone, "Ed")
    [t] = store().tallies()
    assert (t.accepted, t.ignored) == (0, 1)

    # The same article opened again (the app, or a later run): same keys, no double count.
    session.save()
    again, _ = ReviewSession.open(path)
    again.reject(keys_of(again, RULE)[1], "Ed")  # the ignored one, now rejected
    [t] = store().tallies()
    assert (t.accepted, t.rejected, t.ignored) == (0, 1, 0)
    rows = sqlite3.connect(store().path).execute("SELECT article FROM decisions").fetchall()
    assert rows == [(article_id(path),)]  # a hash, not the file's name
    assert "story" not in rows[0][0]


def test_learn_false_records_nothing_and_demotes_nothing(tmp_path: Path) -> None:
    (tmp_path / "editdesk.toml").write_text("[desk]\nlearn = false\n", encoding="utf-8")
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    session = checked_session(path)
    session.reject(keys_of(session, RULE)[0], "Ed")
    assert store().tallies() == []
    assert not store().path.exists()


def _record_many(count: int, rule: str, decision: str, article_prefix: str = "art") -> None:
    store().record(*(rec(f"{article_prefix}{i}", "k", decision, rule) for i in range(count)))


def test_a_rule_rejected_often_enough_is_demoted_in_the_next_check(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    _record_many(15, RULE, "rejected")
    _record_many(4, RULE, "accepted", "other")
    config, problem = with_desk_history(house_style_for(path))
    assert problem == "" and config.desk_view.demotions == ()  # 19 decisions: not yet

    _record_many(1, RULE, "ignored", "third")  # the 20th: 16 of 20 not taken = 80%
    config = house_style_for(path)
    assert [d.rule for d in config.desk_view.demotions] == [RULE]
    session = checked_session(path)
    found = [s.finding for s in session.review.findings if s.finding.id == RULE]
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert all(DEMOTED_NOTE in f.message and "16 of 20" in f.message for f in found)

    assert store().reset(RULE) == 20
    config = house_style_for(path)
    assert config.desk_view.demotions == ()


def test_never_demote_in_editdesk_toml_keeps_the_rule(tmp_path: Path) -> None:
    (tmp_path / "editdesk.toml").write_text(
        f'[desk]\nnever_demote = ["{RULE}"]\n', encoding="utf-8")
    _record_many(20, RULE, "rejected")
    assert house_style_for(tmp_path / "story.txt").desk_view.demotions == ()


def test_words_accepted_in_enough_articles_become_the_desks(tmp_path: Path) -> None:
    spell = "lt:MORFOLOGIK_RULE_EN_GB"
    s = store()
    s.record(DecisionRecord("a1", "k", spell, "languagetool", "ignored", "Zorblat"))
    s.record(DecisionRecord("a1", "k2", spell, "languagetool", "rejected", "Zorblat"))
    s.record(DecisionRecord("a3", "k", spell, "languagetool", "accepted", "Nair"))  # replaced
    config = house_style_for(tmp_path / "story.txt")
    assert "Zorblat" not in config.accepted_words  # one article so far
    s.add_word("a2", "Zorblat")
    config = house_style_for(tmp_path / "story.txt")
    assert "Zorblat" in config.accepted_words and "Nair" not in config.accepted_words
    assert [(w.word, w.articles) for w in s.words()] == [("Zorblat", 2)]


def test_add_to_accepted_words_in_a_review_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    session, _ = ReviewSession.open(path)
    session.accept_word("Zorblat")
    assert [(w.word, w.articles) for w in store().words()] == [("Zorblat", 1)]


WRITER = """
import sys
from editdesk.service.desk_history import DecisionRecord, DeskStore
from editdesk.core.desk import DeskSettings
name, n = sys.argv[1], int(sys.argv[2])
store = DeskStore.for_settings(DeskSettings())
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
for i in range(n):
    store.record(DecisionRecord(name, f"k{i}", "lt:X", "languagetool",
                                "rejected" if i % 2 else "accepted"))
"""


@pytest.mark.parametrize("shared", [False, True], ids=["private", "shared-folder"])
def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path, monkeypatch, shared) -> None:
    n = 100
    if shared:
        (tmp_path / "editdesk.toml").write_text('desk_folder = "desk"\n', encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        script = WRITER.replace("DeskSettings()", f"DeskSettings(folder=__import__('pathlib')"
                                f".Path({str(tmp_path / 'desk')!r}))")
    else:
        script = WRITER
    procs = [
        subprocess.Popen([sys.executable, "-c", script, name, str(n)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
        for name in ("one", "two")
    ]
    for p in procs:  # both started and imported: then both go at once
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        assert p.wait(timeout=120) == 0
    s = DeskStore.for_settings(DeskSettings(folder=tmp_path / "desk" if shared else None))
    [t] = s.tallies()
    assert t.total == 2 * n
    assert (t.accepted, t.rejected) == (n, n)
