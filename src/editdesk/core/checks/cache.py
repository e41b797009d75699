"""A per-user cache of LanguageTool results, one entry per paragraph.

Keyed by what decides the result (engine build, language, disabled rules, the paragraph's
prose), so the same paragraph hits wherever it appears. Values are the raw matches in
paragraph-relative prose offsets. One SQLite file in WAL mode: safe for several threads
and processes. A damaged file is rebuilt; the cache never makes a check fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from editdesk.core import paths

# Bump when the stored match format changes: old entries then simply miss.
FORMAT = 1
MAX_ROWS = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    matches TEXT NOT NULL,
    used REAL NOT NULL
)
"""


def cache_key(engine: str, language: str, disabled_rules: Iterable[str], text: str) -> str:
    parts = [str(FORMAT), engine, language, ",".join(sorted(disabled_rules)), text]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else paths.cache_dir() / "results"
        self.path = self.root / "languagetool.sqlite3"
        self.hits = 0
        self.misses = 0
        self.disabled_reason: str | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0

    # -- public API -------------------------------------------------------------------------

    def get_many(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, list[dict[str, Any]]] = {}
        if not wanted:
            return found
        rows: list[tuple[str, str]] = []
        for i in range(0, len(wanted), 500):
            batch = wanted[i : i + 500]
            marks = ",".join("?" * len(batch))
            rows += self._run(f"SELECT key, matches FROM results WHERE key IN ({marks})", batch)
        for key, blob in rows:
            with contextlib.suppress(ValueError, RecursionError):
                value = json.loads(blob)
                if isinstance(value, list):
                    found[key] = value
        with self._lock:
            self.hits += len(found)
            self.misses += len(wanted) - len(found)
        return found

    def get(self, key: str) -> list[dict[str, Any]] | None:
        return self.get_many([key]).get(key)

    def put_many(self, items: Mapping[str, list[dict[str, Any]]]) -> None:
        if not items:
            return
        now = time.time()
        rows = [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()]
        self._run_many("INSERT OR REPLACE INTO results (key, matches, used) VALUES (?, ?, ?)", rows)

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        self.put_many({key: matches})

    def clear(self) -> None:
        self._run("DELETE FROM results", [])

    def __len__(self) -> int:
        rows = self._run("SELECT COUNT(*) FROM results", [])
        return int(rows[0][0]) if rows else 0

    # -- internals --------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self.disabled_reason is not None:
            return None
        conn = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "generation", -1) == self._generation:
            return conn
        self.root.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10.0)
        # Switching a new database to WAL takes an exclusive lock that SQLite's busy timeout
        # does not wait for: threads of this process take turns, and a clash with another
        # process is retried briefly.
        with self._lock:
            for pause in (0.05, 0.1, 0.2, 0.4, 0.8, 0.0):
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or not pause:
                        raise
                    time.sleep(pause)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            conn.commit()
        self._local.conn = conn
        self._local.generation = self._generation
        return conn

    def _run(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        for attempt in (1, 2):
            try:
                conn = self._connect()
                if conn is None:
                    return []
                return conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                self._recover(exc, attempt)
            except OSError as exc:
                self._give_up(f"{self.path}: {exc}")
        return []

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        for attempt in (1, 2):
            try:
                conn = self._connect()
                if conn is None:
                    return
                with conn:
                    conn.executemany(sql, rows)
                self._maybe_prune(conn)
                return
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return  # another process holds the write lock for long: skip caching
                self._recover(exc, attempt)
            except sqlite3.DatabaseError as exc:
                self._recover(exc, attempt)
            except OSError as exc:
                self._give_up(f"{self.path}: {exc}")

    def _recover(self, exc: Exception, attempt: int) -> None:
        """A damaged database: delete it and start again; on a second failure, stop caching."""
        if attempt > 1:
            self._give_up(f"{self.path}: {exc}")
            return
        with self._lock:
            self._generation += 1
            conn = getattr(self._local, "conn", None)
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
                self._local.conn = None
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()

    def _give_up(self, reason: str) -> None:
        self.disabled_reason = reason

    def _maybe_prune(self, conn: sqlite3.Connection) -> None:
        self._writes = getattr(self, "_writes", 0) + 1
        if self._writes % 200 != 1:
            return
        count = conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        if count > MAX_ROWS:
            with conn:
                conn.execute(
                    "DELETE FROM results WHERE key IN "
                    "(SELECT key FROM results ORDER BY used LIMIT ?)",
                    (count - MAX_ROWS * 9 // 10,),
                )
