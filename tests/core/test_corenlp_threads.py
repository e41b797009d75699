"""The thread and output options sent with every CoreNLP request: how many cores the tagger, the
recogniser and the parser may use for one request's sentences. They change the speed, not
the answer (bench/structure_speed.py --one-thread-too; the same parses on edited news), so
parses cached with one setting serve the other."""

from __future__ import annotations

import json
import urllib.parse

from editdesk.core.article import Article
from editdesk.core.checks.cache import ResultCache
from editdesk.core.checks.corenlp import MAX_THREADS, CoreNLPClient, thread_properties

URL = "http://127.0.0.1:9"


def sent(client: CoreNLPClient) -> dict[str, str]:
    query = urllib.parse.parse_qs(client._query)
    return json.loads(query["properties"][0])


def test_one_core_asks_for_nothing_more_and_many_are_capped() -> None:
    assert thread_properties(1) == {}
    assert thread_properties(2) == {
        "pos.nthreads": "2", "ner.nthreads": "2", "depparse.nthreads": "2"
    }
    assert set(thread_properties(64).values()) == {str(MAX_THREADS)}


def test_the_options_are_sent_but_not_part_of_the_cache_key(tmp_path) -> None:
    cache = ResultCache(tmp_path / "cache")
    one = CoreNLPClient(URL, threads=1, engine_id="CoreNLP test", cache=cache)
    two = CoreNLPClient(URL, threads=2, engine_id="CoreNLP test", cache=cache)
    assert "depparse.nthreads" not in sent(one)
    assert sent(two)["depparse.nthreads"] == "2"
    assert sent(two)["annotators"] == sent(one)["annotators"]
    # the compact answer too (the same JSON without indentation: half the bytes)
    assert sent(one)["output.prettyPrint"] == sent(two)["output.prettyPrint"] == "false"
    assert "output.prettyPrint" not in one._props_key
    article = Article.from_plain_text("The council met on Monday.\n\nIt voted to close the pool.")
    _, pending = one._lookup(article)
    assert len(pending) == 2 and not two.has_cached(article)
    cache.put_many({p.key: [] for p in pending})  # as if ``one`` had parsed them
    assert two.has_cached(article)
