"""The per-paragraph result cache: keys, round trips, damage, several threads."""

from __future__ import annotations

import threading
from pathlib import Path

from editdesk.core.checks.cache import ResultCache, cache_key

MATCH = {"offset": 3, "length": 4, "rule_id": "MORFOLOGIK_RULE_EN_GB", "message": "Spelling 😀"}


def test_key_depends_on_everything_that_decides_the_result() -> None:
    base = cache_key("6.8", "en-GB", ["B", "A"], "Some text.")
    assert base == cache_key("6.8", "en-GB", ["A", "B"], "Some text.")
    assert base != cache_key("6.9", "en-GB", ["A", "B"], "Some text.")
    assert base != cache_key("6.8", "en-US", ["A", "B"], "Some text.")
    assert base != cache_key("6.8", "en-GB", ["A"], "Some text.")
    assert base != cache_key("6.8", "en-GB", ["A", "B"], "Some text!")


def test_round_trip_and_persistence(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("6.8", "en-GB", [], "Ths.")
    assert cache.get(key) is None
    cache.put_many({key: [MATCH], "empty": []})
    reopened = ResultCache(tmp_path)
    assert reopened.get(key) == [MATCH]
    assert reopened.get("empty") == []
    assert len(reopened) == 2
    assert (reopened.hits, reopened.misses) == (2, 0)


def test_default_root_is_the_per_user_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path))
    cache = ResultCache()
    cache.put("k", [])
    assert cache.path.is_file()
    assert cache.path.parent == tmp_path / "results"


def test_corrupt_file_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("k", [MATCH])
    del cache
    path = tmp_path / "languagetool.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    damaged = ResultCache(tmp_path)
    assert damaged.get("k") is None
    damaged.put("k2", [MATCH])
    assert damaged.get("k2") == [MATCH]
    assert damaged.disabled_reason is None


def test_unwritable_root_disables_the_cache_quietly(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(blocker / "results")  # a folder under a plain file cannot exist
    cache.put("k", [MATCH])
    assert cache.get("k") is None
    assert cache.disabled_reason


def test_threads_share_one_cache(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                key = f"{n}-{i}"
                cache.put(key, [{**MATCH, "offset": i}])
                assert cache.get(key) == [{**MATCH, "offset": i}]
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(cache) == 160
