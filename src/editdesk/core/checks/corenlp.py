"""A client for a Stanford CoreNLP server: the parses the structure checks read.

Two passes (structure/parse.py says why). Tagging: per article, every paragraph whose
tagging is not in the cache goes to the server in one request (paragraphs joined by blank
lines, which the request's ``ssplit.newlineIsSentenceBreak=two`` makes a sentence break;
split between paragraphs when long). The answer is cut back into paragraphs, each kept in
the per-user ResultCache keyed by the engine, the request's properties and the paragraph's
text, with only the fields the rules read and its offsets in UTF-16 code units relative to
the paragraph (as CoreNLP counts them). ``parse`` turns them into code-point offsets of the
article. Parsing: the sentences the rules ask for (``needs``; all by default) go in one
request of their words, one sentence a line, each sentence's dependencies cached by its
words.

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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import requests

from editdesk.core.article import Article, ProseView
from editdesk.core.checks import request_chunks
from editdesk.core.checks.cache import ResultCache, cache_key
from editdesk.core.checks.structure.parse import (
    ANNOTATORS,
    CORENLP_PROPERTIES,
    PARSE_PROPERTIES,
    dependencies,
)

__all__ = ["ANNOTATORS", "PARSE_PROPERTIES", "PROPERTIES", "CoreNLPClient", "CoreNLPError"]

# What the structure rules need, defined beside them (structure/parse.py): the tagging
# request's properties and the parsing request's.
PROPERTIES: Mapping[str, str] = CORENLP_PROPERTIES
# The sentences of an article (tagged, without dependencies yet) -> the positions of those
# to parse (StructureChecker.needs_parse).
Needs = Callable[[Sequence[Any]], Iterable[int]]
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


# How the answer is written, not what it says (so, like the threads, not in the cache key):
# without indentation the JSON is half the bytes to write, send and read.
OUTPUT_PROPERTIES: Mapping[str, str] = {"output.prettyPrint": "false"}


def request_options(threads: int | None = None) -> dict[str, str]:
    """What every request (and the server's warm-up) adds to the properties the cache key
    is made of: the threads and the compact output."""
    return {**thread_properties(threads), **OUTPUT_PROPERTIES}


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
    for name in (n for n in _DEPENDENCY_SETS if n in raw):
        sentence[name] = slim_dependencies(raw, name)
    return sentence


def slim_dependencies(raw: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """One dependency set of a sentence in CoreNLP's JSON, with only the keys the rules read."""
    return [{k: d[k] for k in _DEPENDENCY_KEYS if k in d} for d in raw.get(name) or ()]


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
        parse_properties: Mapping[str, str] = PARSE_PROPERTIES,
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
        options = request_options(threads)
        self._query = _query({**self.properties, **options})
        self._props_key = json.dumps(self.properties, sort_keys=True)
        self._parse_query = _query({**parse_properties, **options})
        self._parse_key = json.dumps(dict(parse_properties), sort_keys=True)
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
        """CoreNLP's JSON for ``text``, tagged (one request). Raises CoreNLPError."""
        return self._post(text, self._query)

    def _post(self, text: str, query: str) -> dict[str, Any]:
        if self.offline:
            raise CoreNLPError("CoreNLP is not running (its parses came from the cache)")
        try:
            response = self._session().post(
                f"{self.url}/?{query}",
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

    def has_cached(self, article: Article, needs: Needs | None = None) -> bool:
        """Every paragraph of ``article`` that needs a parse has its tagging in the cache,
        and every sentence ``needs`` picks (all by default) its dependencies."""
        docs, pending = self._lookup(article)
        if pending:
            return False
        tagged = self._tagged(article, [d or {"sentences": []} for d in docs])
        chosen = self._chosen(tagged, needs)
        keys = {self._dependency_key(tagged[k][0]) for k in chosen}
        if not keys:
            return True
        return self.cache is not None and len(self.cache.get_many(keys)) == len(keys)

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

    def parse(self, article: Article, needs: Needs | None = None) -> list[Any]:
        """The article's sentences (structure.parse.Sentence), offsets in code points of
        ``article.text``, numbered in order; those ``needs`` picks from the tagged sentences
        (all by default) with their dependencies. Raises CoreNLPError."""
        tagged = self._tagged(article, self.paragraph_docs(article))
        chosen = self._chosen(tagged, needs)
        sentences = [s for _, s in tagged]
        found = self.dependencies([tagged[k][0] for k in chosen])
        for k, deps in zip(chosen, found, strict=True):
            if deps is not None:
                basic, enhanced = (dependencies(d) for d in deps)
                sentences[k] = dataclasses.replace(sentences[k], basic=basic, enhanced=enhanced)
        return sentences

    def _tagged(
        self, article: Article, docs: list[dict[str, Any]]
    ) -> list[tuple[list[str], Any]]:
        """(CoreNLP's words, the Sentence without dependencies) for each sentence of the
        article, in order, from its paragraphs' tagging."""
        from editdesk.core.checks.structure.parse import sentences_from_corenlp

        out: list[tuple[list[str], Any]] = []
        for i, doc in enumerate(docs):
            if not doc["sentences"]:
                continue
            prose = article.prose(i)
            if isinstance(prose.offsets, range):
                parsed = sentences_from_corenlp(doc, prose.text, prose.offsets.start)
            else:  # masked paragraph: prose offsets map to the article one by one
                parsed = [_remap(s, prose) for s in sentences_from_corenlp(doc, prose.text, 0)]
            raw = [s for s in doc["sentences"] if s.get("tokens")]
            for sentence, slim in zip(parsed, raw, strict=True):
                words = [_one_word(str(t.get("word", ""))) for t in slim["tokens"]]
                plain = dataclasses.replace(sentence, index=len(out), basic=(), enhanced=())
                out.append((words, plain))
        return out

    @staticmethod
    def _chosen(tagged: list[tuple[list[str], Any]], needs: Needs | None) -> list[int]:
        if needs is None:
            return list(range(len(tagged)))
        return sorted({k for k in needs([s for _, s in tagged]) if 0 <= k < len(tagged)})

    def _dependency_key(self, words: Sequence[str]) -> str:
        return cache_key(self.engine_id, "corenlp-depparse", [self._parse_key], "\x1f".join(words))

    def dependencies(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]] | None]:
        """Per sentence (its words), its (basic, enhanced++) dependencies: from the cache, the
        rest parsed in as few requests as fit. None for a sentence the parser did not give
        back word for word (never seen; it is left unparsed rather than misread)."""
        keys = [self._dependency_key(words) for words in sentences]
        hits = self.cache.get_many(keys) if self.cache is not None and keys else {}
        out: list[tuple[list[dict[str, Any]], list[dict[str, Any]]] | None] = [
            (hits[k][0], hits[k][1]) if k in hits else None for k in keys
        ]
        todo = [n for n, k in enumerate(keys) if k not in hits]
        fresh: dict[str, list[Any]] = {}
        lines = {n: " ".join(sentences[n]) for n in todo}
        for chunk in request_chunks.chunks(todo, lines.__getitem__, MAX_REQUEST_CHARS, "\n"):
            doc = self._post("\n".join(lines[n] for n in chunk), self._parse_query)
            answered = doc.get("sentences") or []
            if len(answered) != len(chunk):
                raise CoreNLPError(
                    f"CoreNLP at {self.url} parsed {len(answered)} sentences of {len(chunk)}"
                )
            for n, raw in zip(chunk, answered, strict=True):
                if [t.get("word") for t in raw.get("tokens") or ()] != list(sentences[n]):
                    continue
                deps = [slim_dependencies(raw, name) for name in _DEPENDENCY_SETS]
                out[n] = (deps[0], deps[1])
                fresh[keys[n]] = deps
        if self.cache is not None and fresh:
            self.cache.put_many(fresh)
        return out


def _query(properties: Mapping[str, str]) -> str:
    return urllib.parse.urlencode({"properties": json.dumps(dict(properties), sort_keys=True)})


def _one_word(word: str) -> str:
    """A word as one token of the parsing request, whose words are split at spaces (CoreNLP
    itself writes a space inside a token, "1 1/2", as a no-break space)."""
    return "".join("\u00a0" if ch.isspace() else ch for ch in word)


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
