"""The desk's decision store: every accept, reject and ignore of a finding, kept in
one SQLite file per desk, and what checks take from it (core.desk).

The file is ``desk-history.sqlite3`` in the user's data folder (``desk/`` under
platformdirs' user data dir; ``EDITDESK_DATA_DIR`` overrides), or in the folder the
desk shares (``desk_folder`` in editdesk.toml). One row per finding per article,
keyed by a hash of the article's path and the finding's key: deciding again
replaces the row and reopening deletes it, so nothing is counted twice. Writes
take a file lock beside the database (``filelock``), so several editors' processes
take turns; the private store runs in WAL mode, a shared folder with a rollback
journal (WAL needs shared memory, which network file systems do not give). Reads
take no lock and never create the file. Nothing is sent anywhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from editdesk.core import paths
from editdesk.core.config import Config
from editdesk.core.desk.history import (
    DECISIONS,
    DeskView,
    RuleTally,
    WordTally,
    desk_view,
    history_line,
    tallies_from_counts,
)
from editdesk.core.desk.settings import DeskSettings
from editdesk.core.findings import Finding
from editdesk.core.review.clock import now_iso
from editdesk.core.review.syncing import is_spelling

STORE_NAME = "desk-history.sqlite3"
SCHEMA_VERSION = 1
LOCK_SECONDS = 30.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS decisions (
        article TEXT NOT NULL,
        finding TEXT NOT NULL,
        rule TEXT NOT NULL,
        checker TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'ignored')),
        word TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (article, finding)
    )""",
    "CREATE INDEX IF NOT EXISTS decisions_rule ON decisions (rule)",
    """CREATE TABLE IF NOT EXISTS words (
        article TEXT NOT NULL,
        word TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (article, word)
    )""",
)


class DeskHistoryError(Exception):
    """The store cannot be used; ``str()`` is one line ``FILE: reason``."""


@dataclass(frozen=True)
class DecisionRecord:
    article: str  # article_id()
    finding: str  # the finding's key in its review (service.finding_keys)
    rule: str
    checker: str  # the finding's source: languagetool, house, structure
    decision: str  # accepted | rejected | ignored
    word: str | None = None  # spelling and name findings: the word flagged
    at: str = ""


def article_id(path: Path) -> str:
    """A hash naming the article (its resolved path): the store holds no file names."""
    text = f"editdesk-article\x1f{Path(path).expanduser().resolve()}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def is_word_finding(finding: Finding) -> bool:
    """A finding about one word that an editor may accept as correct: spelling, names."""
    return is_spelling(finding) or finding.category.lower() == "names"


def store_folder(settings: DeskSettings) -> Path:
    return settings.folder if settings.folder is not None else paths.data_dir() / "desk"


class DeskStore:
    def __init__(self, folder: Path, *, shared: bool = False) -> None:
        self.folder = Path(folder)
        self.path = self.folder / STORE_NAME
        self.shared = shared
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_SECONDS)
        self._local = threading.local()

    @classmethod
    def for_settings(cls, settings: DeskSettings) -> DeskStore:
        return cls(store_folder(settings), shared=settings.folder is not None)

    # -- writing ----------------------------------------------------------------------

    def record(self, *records: DecisionRecord) -> None:
        """Each finding's decision (replacing an earlier one on the same finding)."""
        rows = []
        for r in records:
            if r.decision not in DECISIONS:
                raise ValueError(f"not a decision: {r.decision!r}")
            rows.append((r.article, r.finding, r.rule, r.checker, r.decision, r.word,
                         r.at or now_iso()))
        with self._writing() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO decisions "
                "(article, finding, rule, checker, decision, word, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def forget(self, article: str, finding: str) -> None:
        """The finding was reopened: its decision no longer counts."""
        if not self.path.exists():
            return
        with self._writing() as conn:
            conn.execute("DELETE FROM decisions WHERE article = ? AND finding = ?",
                         (article, finding))

    def add_word(self, article: str, word: str) -> None:
        """An editor added ``word`` to the article's accepted words."""
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO words (article, word, at) VALUES (?, ?, ?)",
                         (article, word, now_iso()))

    def reset(self, rule: str) -> int:
        """Forget every decision on ``rule`` (undoes its demotion); how many were there."""
        if not self.path.exists():
            return 0
        with self._writing() as conn:
            return conn.execute("DELETE FROM decisions WHERE rule = ?", (rule,)).rowcount

    # -- reading ----------------------------------------------------------------------

    def tallies(self) -> list[RuleTally]:
        with self._reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT rule, MIN(checker), decision, COUNT(*) FROM decisions "
                "GROUP BY rule, decision"
            ).fetchall()
        return tallies_from_counts(rows)

    def tally(self, rule: str) -> RuleTally | None:
        with self._reading() as conn:
            if conn is None:
                return None
            rows = conn.execute(
                "SELECT rule, MIN(checker), decision, COUNT(*) FROM decisions WHERE rule = ? "
                "GROUP BY decision", (rule,)
            ).fetchall()
        found = tallies_from_counts(rows)
        return found[0] if found else None

    def words(self) -> list[WordTally]:
        """Words accepted as correct, with the number of articles they were accepted in."""
        with self._reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT word, COUNT(DISTINCT article) FROM ("
                "  SELECT article, word FROM decisions"
                "   WHERE word IS NOT NULL AND decision IN ('rejected', 'ignored')"
                "  UNION SELECT article, word FROM words"
                ") GROUP BY word ORDER BY COUNT(DISTINCT article) DESC, word"
            ).fetchall()
        return [WordTally(word, int(n)) for word, n in rows]

    def view(self, settings: DeskSettings) -> DeskView:
        if not settings.learn:
            return DeskView()
        return desk_view(self.tallies(), self.words(), settings)

    # -- connections --------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection, kept open: closing the last connection to a WAL
        database checkpoints it, which cost more than the write itself."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=LOCK_SECONDS, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(LOCK_SECONDS * 1000)}")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            self._local.conn = None
            conn.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._lock:
                conn = self._connect()
                self._prepare(conn)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except Timeout:
            raise DeskHistoryError(
                f"{self.path}: another EditDesk held the desk history's lock for "
                f"{LOCK_SECONDS:.0f} s"
            ) from None
        except (sqlite3.Error, OSError) as exc:
            self.close()  # a damaged or replaced file: the next use connects afresh
            raise DeskHistoryError(f"{self.path}: {exc}") from None

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        if not self.path.exists():
            yield None
            return
        try:
            conn = self._connect()
            self._check_version(conn)
            yield conn
        except (sqlite3.Error, OSError) as exc:
            self.close()
            raise DeskHistoryError(f"{self.path}: {exc}") from None

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Create the schema, or check it is one this EditDesk reads (under the lock)."""
        if not self.shared:
            # WAL: a commit need not wait for the disk (a power cut may lose the last
            # decisions, never the file); a shared folder keeps the full rollback journal.
            conn.execute("PRAGMA synchronous = NORMAL")
        if self._version(conn) is None:
            conn.execute(f"PRAGMA journal_mode = {'DELETE' if self.shared else 'WAL'}")
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                         (str(SCHEMA_VERSION),))
            conn.execute("COMMIT")
        self._check_version(conn)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int | None:
        has_meta = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not has_meta:
            return None
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else None

    def _check_version(self, conn: sqlite3.Connection) -> None:
        version = self._version(conn)
        if version is None:
            raise sqlite3.DatabaseError("not an EditDesk desk history (no schema version)")
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"written by a newer EditDesk (schema {version}; this one reads "
                f"{SCHEMA_VERSION})"
            )


def with_desk_history(config: Config) -> tuple[Config, str]:
    """``config`` with what its desk's history teaches (demoted rules, the desk's
    accepted words), and "" or why the store could not be read (then nothing changes)."""
    view, problem = desk_view_for(config)
    if not view.demotions and not view.words:
        return config, problem
    words = frozenset(config.accepted_words) | view.words
    return replace(config, desk_view=view, accepted_words=words), problem


def desk_view_for(config: Config) -> tuple[DeskView, str]:
    """The desk's view for ``config``, and "" or why the store could not be read."""
    if not config.desk.learn:
        return DeskView(), ""
    try:
        return DeskStore.for_settings(config.desk).view(config.desk), ""
    except DeskHistoryError as exc:
        return DeskView(), str(exc)


class DeskRecorder:
    """Feeds one open review's decisions to its desk's store (the app's and the CLI's
    review actions go through ReviewSession, which holds one). A store that cannot be
    written never stops the review: ``problem`` says why, once."""

    def __init__(self, article_path: Path, settings: DeskSettings) -> None:
        self.article = article_id(article_path)
        self.settings = settings
        self.store = DeskStore.for_settings(settings)
        self.problem = ""
        self._tallies: dict[str, RuleTally] | None = None

    @classmethod
    def for_article(cls, article_path: Path) -> DeskRecorder:
        """The recorder for the desk the article's editdesk.toml names (a broken file:
        the user's own store, as with no file)."""
        from editdesk.core.config import ConfigError, load_config

        try:
            settings = load_config(article_path).desk
        except ConfigError:
            settings = DeskSettings()
        return cls(article_path, settings)

    def decided(self, key: str, finding: Finding, decision: str, word: str) -> None:
        record = DecisionRecord(
            self.article, key, finding.id, finding.source, decision,
            word.strip() or None if is_word_finding(finding) else None,
        )
        self._write(lambda: self.store.record(record))

    def reopened(self, key: str) -> None:
        self._write(lambda: self.store.forget(self.article, key))

    def word_added(self, word: str) -> None:
        self._write(lambda: self.store.add_word(self.article, word))

    def tallies(self) -> dict[str, RuleTally]:
        """Rule id -> tally, read once and again after each decision recorded here (other
        editors' decisions show at the next opening)."""
        if not self.settings.learn:
            return {}
        if self._tallies is None:
            try:
                self._tallies = {t.rule: t for t in self.store.tallies()}
            except DeskHistoryError as exc:
                self.problem = self.problem or str(exc)
                self._tallies = {}
        return self._tallies

    def history_lines(self) -> dict[str, str]:
        """Rule id -> the card's line ("editors rejected this rule 17 of 20 times")."""
        return {rule: history_line(t) for rule, t in self.tallies().items()}

    def _write(self, action: Callable[[], object]) -> None:
        if not self.settings.learn:
            return
        self._tallies = None
        try:
            action()
        except DeskHistoryError as exc:
            self.problem = self.problem or str(exc)
