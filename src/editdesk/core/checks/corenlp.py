"""A client for a Stanford CoreNLP server: the parses the structure checks read.

Per article, every paragraph whose parse is not in the cache goes to the server in one
request (paragraphs joined by blank lines, which the request's
``ssplit.newlineIsSentenceBreak=two`` makes a sentence break; split between paragraphs when
long). The answer is cut back into
paragraphs, each kept in the per-user ResultCache keyed by the engine, the request's
properties and the paragraph's text, with only the fields the rules read and its offsets
in UTF-16 code units relative to the paragraph (as CoreNLP counts them). ``parse`` turns
them into code-point offsets of the article.

Core never starts the server: it talks to a URL. A private server (one EditDesk started)
must be on the loopback interface; anything else is refused before a byte is sent.
"""

from __future__ import annotations

import bisect
import dataclasses
import ipaddress
import json
import os
import threading
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import requests

from editdesk.core.article import Article, ProseView
from editdesk.core.checks import request_chunks
from editdesk.core.checks.cache import ResultCache, cache_key
from editdesk.core.checks.structure.parse import ANNOTATORS, CORENLP_PROPERTIES

__all__ = ["ANNOTATORS", "PROPERTIES", "CoreNLPClient", "CoreNLPError"]

# What the structure rules need, defined beside them (structure/parse.py).
PROPERTIES: Mapping[str, str] = CORENLP_PROPERTIES
MAX_REQUEST_CHARS = 50_000  # well under the server's -maxCharLength
MAX_THREADS = 4
SEPARATOR = "\n\n"
DEFAULT_TIMEOUT = 300.0

_TOKEN_KEYS = ("index", "word", "originalText", "lemma", "pos", "ner",
               "characterOffsetBegin", "characterOffsetEnd")
_MENTION_KEYS = ("text", "ner", "characterOffsetBegin", "characterOffsetEnd",
                 "tokenBegin", "tokenEnd")
_DEPENDENCY_KEYS = ("dep", "governor", "dependent")
_DEPENDENCY_SETS = ("basicDependencies", "enhancedPlusPlusDependencies")


class CoreNLPError(Exception):
    """The server could not be reached, died, or refused a request. ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_properties(threads: int | None = None) -> dict[str, str]:
    """Request options that let the tagger, the recogniser and the parser share one
    request's sentences among ``threads`` cores (default: the usable ones, at most
    MAX_THREADS). They change how fast, not what: the answers are the same, so they are not
    part of the cache key. Sent with every request and with the server's warm-up alike:
    the server keeps one pipeline per set of options, and loads its models for each."""
    n = max(1, min(MAX_THREADS, usable_cores() if threads is None else threads))
    if n == 1:
        return {}
    return {f"{annotator}.nthreads": str(n) for annotator in ("pos", "ner", "depparse")}


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def slim_sentence(raw: Mapping[str, Any], shift: int) -> dict[str, Any]:
    """What the rules read of one sentence, its offsets moved back by ``shift`` UTF-16 units."""
    def moved(item: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
        out = {k: item[k] for k in keys if k in item}
        for k in ("characterOffsetBegin", "characterOffsetEnd"):
            if k in out:
                out[k] = int(out[k]) - shift
        return out

    sentence: dict[str, Any] = {
        "tokens": [moved(t, _TOKEN_KEYS) for t in raw.get("tokens") or ()],
        "entitymentions": [moved(m, _MENTION_KEYS) for m in raw.get("entitymentions") or ()],
    }
    for name in _DEPENDENCY_SETS:
        sentence[name] = [
            {k: d[k] for k in _DEPENDENCY_KEYS if k in d} for d in raw.get(name) or ()
        ]
    return sentence


def split_sentences(
    doc: Mapping[str, Any], lengths: Sequence[int]
) -> list[list[dict[str, Any]]]:
    """Sentences of texts (UTF-16 ``lengths``) joined by SEPARATOR, back to each text,
    with offsets relative to it."""
    starts: list[int] = []
    pos = 0
    for length in lengths:
        starts.append(pos)
        pos += length + len(SEPARATOR)
    out: list[list[dict[str, Any]]] = [[] for _ in lengths]
    for raw in doc.get("sentences") or ():
        tokens = raw.get("tokens") or ()
        if not tokens:
            continue
        first = int(tokens[0]["characterOffsetBegin"])
        j = max(0, bisect.bisect_right(starts, first) - 1)
        out[j].append(slim_sentence(raw, starts[j]))
    return out


@dataclasses.dataclass
class _Pending:
    index: int
    prose: ProseView
    key: str


class CoreNLPClient:
    """Parses articles on one CoreNLP server. Safe to call from several threads."""

    def __init__(
        self,
        url: str,
        *,
        auth: tuple[str, str] | None = None,
        private: bool = False,
        engine_id: str = "",
        cache: ResultCache | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        properties: Mapping[str, str] = PROPERTIES,
        threads: int | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        if private and not is_loopback(self.url):
            raise CoreNLPError(
                f"refusing CoreNLP at {self.url}: a private server must be on 127.0.0.1"
            )
        self.auth = auth
        self.engine_id = engine_id or f"CoreNLP at {self.url}"
        self.cache = cache
        self.timeout = timeout
        self.properties = dict(properties)
        sent = {**self.properties, **thread_properties(threads)}
        self._query = urllib.parse.urlencode({"properties": json.dumps(sent, sort_keys=True)})
        self._props_key = json.dumps(self.properties, sort_keys=True)
        self._local = threading.local()
        self.offline = False  # cache_only: no server behind it
        self.requests = 0  # annotate requests sent, for benchmarks and tests
        self._count_lock = threading.Lock()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            if self.auth:
                session.auth = self.auth
        return session

    def annotate(self, text: str) -> dict[str, Any]:
        """CoreNLP's JSON for ``text`` (one request). Raises CoreNLPError."""
        if self.offline:
            raise CoreNLPError("CoreNLP is not running (its parses came from the cache)")
        try:
            response = self._session().post(
                f"{self.url}/?{self._query}",
                data=text.encode("utf-8"),
                headers={"Content-Type": "text/plain; charset=utf-8"},
                timeout=self.timeout,
            )
        except requests.Timeout as exc:
            raise CoreNLPError(
                f"CoreNLP at {self.url} did not answer within {self.timeout:.0f} s"
            ) from exc
        except requests.RequestException as exc:
            text_ = str(exc).lower()
            why = "connection refused" if "refused" in text_ else (
                "connection reset" if "reset" in text_ or "aborted" in text_
                else "cannot connect")
            raise CoreNLPError(f"CoreNLP at {self.url} is not reachable ({why})") from exc
        with self._count_lock:
            self.requests += 1
        if response.status_code == 401:
            raise CoreNLPError(f"CoreNLP at {self.url} refused the request (401: credentials)")
        if response.status_code != 200:
            first = next((ln.strip() for ln in response.text.splitlines() if ln.strip()), "")
            raise CoreNLPError(
                f"CoreNLP at {self.url} refused the request "
                f"(HTTP {response.status_code}: {first[:160]})"
            )
        try:
            doc = response.json()
        except ValueError as exc:
            raise CoreNLPError(f"CoreNLP at {self.url} sent an answer that is not JSON") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("sentences"), list):
            raise CoreNLPError(f"CoreNLP at {self.url} sent an unexpected answer")
        return doc

    @classmethod
    def cache_only(cls, engine_id: str, cache: ResultCache) -> CoreNLPClient:
        """A client with no server: the parses ``cache`` has for ``engine_id``, and a
        CoreNLPError for any other (see ``has_cached``)."""
        client = cls("", engine_id=engine_id, cache=cache)
        client.offline = True
        return client

    def has_cached(self, article: Article) -> bool:
        """Every paragraph of ``article`` that needs a parse has one in the cache."""
        return not self._lookup(article)[1]

    def _lookup(self, article: Article) -> tuple[list[dict[str, Any] | None], list[_Pending]]:
        """Per paragraph, its doc where known without a request (empty, too long, cached),
        and the paragraphs still to parse."""
        count = len(article.paragraphs)
        proses = [article.prose(i) for i in range(count)]
        docs: list[dict[str, Any] | None] = [None] * count
        pending: list[_Pending] = []
        for i, prose in enumerate(proses):
            if not prose.text.strip() or len(prose.text) > MAX_REQUEST_CHARS:
                # Empty, or one paragraph longer than a request: no prose to parse.
                docs[i] = {"sentences": []}
                continue
            key = cache_key(self.engine_id, "corenlp", [self._props_key], prose.text)
            pending.append(_Pending(i, prose, key))
        if self.cache is not None and pending:
            hits = self.cache.get_many(p.key for p in pending)
            for p in pending:
                if p.key in hits:
                    docs[p.index] = {"sentences": hits[p.key]}
            pending = [p for p in pending if docs[p.index] is None]
        return docs, pending

    def paragraph_docs(self, article: Article) -> list[dict[str, Any]]:
        """Per paragraph, ``{"sentences": [...]}`` with UTF-16 offsets relative to its prose
        (from the cache where it has them, the rest in as few requests as fit)."""
        docs, pending = self._lookup(article)
        fresh: dict[str, list[dict[str, Any]]] = {}
        for chunk in _chunks(pending):
            text = SEPARATOR.join(p.prose.text for p in chunk)
            doc = self.annotate(text)
            parts = split_sentences(doc, [utf16_len(p.prose.text) for p in chunk])
            for p, sentences in zip(chunk, parts, strict=True):
                docs[p.index] = {"sentences": sentences}
                fresh[p.key] = sentences
        if self.cache is not None and fresh:
            self.cache.put_many(fresh)
        return [d if d is not None else {"sentences": []} for d in docs]

    def parse(self, article: Article) -> list[Any]:
        """The article's sentences (structure.parse.Sentence), offsets in code points of
        ``article.text``, numbered in order. Raises CoreNLPError."""
        from editdesk.core.checks.structure.parse import sentences_from_corenlp

        sentences: list[Any] = []
        for i, doc in enumerate(self.paragraph_docs(article)):
            prose = article.prose(i)
            if not doc["sentences"]:
                continue
            if isinstance(prose.offsets, range):
                parsed = sentences_from_corenlp(doc, prose.text, prose.offsets.start)
            else:  # masked paragraph: prose offsets map to the article one by one
                parsed = [_remap(s, prose) for s in sentences_from_corenlp(doc, prose.text, 0)]
            sentences.extend(parsed)
        return [dataclasses.replace(s, index=n) for n, s in enumerate(sentences)]


def _remap(sentence: Any, prose: ProseView) -> Any:
    def span(item: Any) -> Any:
        start, end = prose.to_article(item.start, item.end)
        return dataclasses.replace(item, start=start, end=end)

    tokens = tuple(span(t) for t in sentence.tokens)
    mentions = tuple(span(m) for m in sentence.mentions)
    start, end = prose.to_article(sentence.start, sentence.end)
    return dataclasses.replace(sentence, tokens=tokens, mentions=mentions, start=start, end=end)


def _chunks(pending: list[_Pending]) -> Iterator[list[_Pending]]:
    return request_chunks.chunks(pending, lambda p: p.prose.text, MAX_REQUEST_CHARS, SEPARATOR)
