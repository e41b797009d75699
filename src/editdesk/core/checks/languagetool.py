"""Grammar and spelling findings from a LanguageTool server (language-tool-python, remote mode).

Per article, every paragraph not already in the cache goes to the server in one request
(paragraphs joined by blank lines, as LanguageTool reads them), so checking a file costs as
many HTTP requests as posting the file to the server would. Matches are split back to their
paragraphs, cached in paragraph-relative prose offsets, then mapped to article offsets.

language-tool-python is used for what it does well (language tags, request parameters, the
HTTP round trip) but its ``Match`` objects are not: they drop the rule's URL and category
name, and convert offsets through class-level state shared by every instance, so two threads
checking at once can get each other's astral-character positions. We read the server's JSON
ourselves and convert LanguageTool's UTF-16 offsets to code points here.
"""

from __future__ import annotations

import bisect
import functools
import queue
import sys
import threading
import urllib.parse
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

from editdesk.core.article import Article, ProseView
from editdesk.core.checks import request_chunks
from editdesk.core.checks.cache import ResultCache, cache_key
from editdesk.core.checks.lt_context import (
    NAME_CATEGORY,
    NAME_MESSAGE,
    NAME_SEVERITY,
    TERM_MESSAGE,
    UNPAIRED_QUOTE_RULES,
    MatchContext,
    case_slip,
    closed_compound,
    closed_up_hyphen,
    is_sentence_start,
    missing_hyphen,
    only_names_near,
    plural_possessive,
    variant_spelling,
)
from editdesk.core.checks.lt_policy import load_policy
from editdesk.core.findings import Finding, Severity, with_fingerprint

SOURCE = "languagetool"
MAX_REPLACEMENTS = 5
# Characters per request; longer articles are split between paragraphs. Well under the
# server's maxTextLength (editdesk.engine.server.MAX_TEXT_LENGTH).
MAX_REQUEST_CHARS = 50_000
SEPARATOR = "\n\n"
# Generous: a first check loads the language's rules, which takes minutes on a busy machine.
DEFAULT_TIMEOUT = 300.0


class LanguageToolError(Exception):
    """The server could not be reached, died, or refused a request. ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


# -- severity -------------------------------------------------------------------------------


def severity_for(rule_id: str, issue_type: str, category_id: str) -> Severity:
    """How much a match matters to an editor, by the severity policy
    (resources/languagetool-severity.toml, docs/severity-policy.md)."""
    return load_policy().verdict(rule_id, issue_type, category_id).severity


def category_for(category_id: str) -> str:
    """``"CONFUSED_WORDS"`` -> ``"confused words"``."""
    return category_id.replace("_", " ").strip().lower() or "misc"


def is_spelling(match: dict[str, Any]) -> bool:
    rule = str(match.get("rule_id", ""))
    return (
        rule.startswith("MORFOLOGIK_")
        or "SPELLING_RULE" in rule
        or match.get("issue_type") == "misspelling"
        and match.get("category_id") == "TYPOS"
    )


# -- offsets --------------------------------------------------------------------------------


class Utf16Index:
    """Converts LanguageTool's UTF-16 offsets into code-point offsets of one text."""

    def __init__(self, text: str) -> None:
        # UTF-16 position of each astral character (two code units each).
        self._astral_u16 = [
            i + n for n, i in enumerate(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)
        ]

    def to_code_points(self, u16: int) -> int:
        if not self._astral_u16:
            return u16
        return u16 - bisect.bisect_left(self._astral_u16, u16)


# -- raw matches ----------------------------------------------------------------------------


def simplify_match(match: dict[str, Any], index: Utf16Index) -> dict[str, Any]:
    """The parts of a server match we keep, with offsets in code points of the sent text."""
    rule = match.get("rule") or {}
    category = rule.get("category") or {}
    u16_start = int(match["offset"])
    start = index.to_code_points(u16_start)
    end = index.to_code_points(u16_start + int(match["length"]))
    urls = rule.get("urls") or []
    return {
        "offset": start,
        "length": end - start,
        "rule_id": str(rule.get("id", "UNKNOWN")),
        "category_id": str(category.get("id", "MISC")),
        "category_name": str(category.get("name", "")),
        "issue_type": str(rule.get("issueType", "uncategorized")),
        "message": str(match.get("message", "")),
        "replacements": [
            str(r.get("value", "")) for r in (match.get("replacements") or [])[:MAX_REPLACEMENTS]
        ],
        "url": str(urls[0].get("value")) if urls and urls[0].get("value") else None,
    }


def split_matches(
    matches: list[dict[str, Any]], lengths: list[int]
) -> list[list[dict[str, Any]]]:
    """Matches over paragraphs joined by SEPARATOR, back to paragraph-relative offsets."""
    starts: list[int] = []
    pos = 0
    for length in lengths:
        starts.append(pos)
        pos += length + len(SEPARATOR)
    per_paragraph: list[list[dict[str, Any]]] = [[] for _ in lengths]
    for m in matches:
        j = max(0, bisect.bisect_right(starts, m["offset"]) - 1)
        rel = m["offset"] - starts[j]
        if rel > lengths[j]:
            continue  # on the separator itself: nothing of the editor's text
        end = min(rel + m["length"], lengths[j])
        per_paragraph[j].append({**m, "offset": rel, "length": end - rel})
    return per_paragraph


# -- lanes ----------------------------------------------------------------------------------


@functools.cache
def _client_api() -> tuple[type, type[Exception]]:
    """language-tool-python, imported on first use: a re-check answered wholly from the
    cache never needs it, and importing it costs a command-line run a fifth of a second."""
    import language_tool_python
    from language_tool_python.exceptions import LanguageToolError as LTPError

    class RemoteTool(language_tool_python.LanguageTool):
        """A remote-mode client whose requests give up after ``timeout`` (the library
        waits 300 s)."""

        def __init__(self, language: str, url: str, timeout: float) -> None:
            self._TIMEOUT = timeout  # set before the first request below
            super().__init__(language, remote_server=url)

    return RemoteTool, LTPError


def _is_client_error(exc: Exception) -> bool:
    return "language_tool_python" in sys.modules and isinstance(exc, _client_api()[1])


class _Lane:
    """One language-tool-python client per language; only one thread uses a lane at a time."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.lock = threading.Lock()
        self._tools: dict[str, Any] = {}

    def tool(self, language: str) -> Any:
        tool = self._tools.get(language)
        if tool is None:
            remote_tool, client_error = _client_api()
            try:
                tool = remote_tool(language, self.url, self.timeout)
            except client_error as exc:
                raise _as_error(self.url, exc, self.timeout) from exc
            except ValueError as exc:
                raise LanguageToolError(f"LanguageTool at {self.url}: {exc}") from exc
            self._tools[language] = tool
        return tool

    def post(self, language: str, text: str, disabled_rules: Iterable[str]) -> dict[str, Any]:
        tool = self.tool(language)
        tool.disabled_rules = set(disabled_rules)
        params = tool._create_params(text)
        check_url = urllib.parse.urljoin(tool._url, "check")
        try:
            response = tool._query_server(check_url, params, num_tries=1, method="post")
        except _client_api()[1] as exc:
            raise _as_error(self.url, exc, self.timeout) from exc
        if not isinstance(response, dict) or not isinstance(response.get("matches"), list):
            raise LanguageToolError(f"LanguageTool at {self.url} sent an unexpected answer")
        return response


def _as_error(url: str, exc: Exception, timeout: float) -> LanguageToolError:
    """One line for a failed request (``exc`` is the library's error or a requests one)."""
    cause = exc.__cause__ if _is_client_error(exc) else exc
    if isinstance(cause, requests.Timeout):
        return LanguageToolError(f"LanguageTool at {url} did not answer within {timeout:.0f} s")
    if isinstance(cause, requests.ConnectionError):
        text = str(cause).lower()
        why = (
            "connection refused" if "refused" in text
            else "connection reset" if "reset" in text or "aborted" in text
            else "cannot connect"
        )
        return LanguageToolError(f"LanguageTool at {url} is not reachable ({why})")
    if isinstance(cause, OSError):
        return LanguageToolError(f"LanguageTool at {url} is not reachable ({cause})")
    first = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), "no details")
    return LanguageToolError(f"LanguageTool at {url} refused the request: {first[:200]}")


# -- the checker ----------------------------------------------------------------------------


@dataclass
class _Pending:
    index: int  # paragraph index in the article
    prose: ProseView
    key: str


class LanguageToolChecker:
    """Checks articles against one LanguageTool server. Safe to call from several threads:
    up to ``lanes`` checks run at once, each on its own client."""

    def __init__(
        self,
        url: str,
        *,
        cache: ResultCache | None = None,
        lanes: int = 1,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.url = url.rstrip("/")
        self.cache = cache
        self.timeout = timeout
        self._lanes: queue.Queue[_Lane] = queue.Queue()
        self.lane_count = max(1, lanes)
        for _ in range(self.lane_count):
            self._lanes.put(_Lane(self.url, timeout))
        self._version: str | None = None
        self._build: str = ""
        self._meta_lock = threading.Lock()
        self.requests = 0  # /v2/check requests sent, for benchmarks

    @contextmanager
    def _lane(self) -> Iterator[_Lane]:
        lane = self._lanes.get()
        try:
            with lane.lock:
                yield lane
        finally:
            self._lanes.put(lane)

    def _post(self, language: str, text: str, disabled: frozenset[str]) -> dict[str, Any]:
        with self._lane() as lane:
            response = lane.post(language, text, disabled)
        with self._meta_lock:
            self.requests += 1
            software = response.get("software") or {}
            if self._version is None and software.get("version"):
                self._version = str(software["version"])
                self._build = str(software.get("buildDate", ""))
        return response

    def _fetch_info(self) -> None:
        """Version and build from /v2/info: no text checked, no language pipeline loaded."""
        try:
            response = requests.get(f"{self.url}/v2/info", timeout=self.timeout)
            info = response.json() if response.status_code == 200 else {}
        except requests.RequestException as exc:
            raise _as_error(self.url, exc, self.timeout) from exc
        except ValueError:
            info = {}
        software = info.get("software") if isinstance(info, dict) else None
        if isinstance(software, dict) and software.get("version"):
            with self._meta_lock:
                self._version = str(software["version"])
                self._build = " ".join(
                    str(software.get(k, "")) for k in ("buildDate", "commit")
                ).strip()
        else:  # an older server without /v2/info: its check answers say it too
            self._post("en-US", "Hello.", frozenset())

    @property
    def version(self) -> str:
        """The server's LanguageTool version (one small request the first time)."""
        if self._version is None:
            self._fetch_info()
        assert self._version is not None
        return self._version

    @property
    def engine_id(self) -> str:
        """Version and build: what the cache trusts to give the same results for the same text."""
        return f"{self.version} {self._build}".strip()

    def check(
        self,
        article: Article,
        language: str,
        disabled_rules: Iterable[str] = frozenset(),
        accepted_words: Iterable[str] = frozenset(),
    ) -> list[Finding]:
        disabled = frozenset(r.removeprefix("lt:") for r in disabled_rules if r)
        disabled = frozenset(r for r in disabled if ":" not in r)  # house:… rules are not ours
        accepted = {w.casefold() for w in accepted_words}
        proses = [article.prose(i) for i in range(len(article.paragraphs))]
        raw: dict[int, list[dict[str, Any]]] = {}
        pending: list[_Pending] = []
        caching = self.cache is not None
        engine = self.engine_id if caching else ""
        for i, prose in enumerate(proses):
            if not prose.text.strip():
                raw[i] = []
                continue
            key = cache_key(engine, language, disabled, prose.text) if caching else ""
            pending.append(_Pending(i, prose, key))
        if self.cache is not None and pending:
            hits = self.cache.get_many(p.key for p in pending)
            for p in pending:
                if p.key in hits:
                    raw[p.index] = hits[p.key]
            pending = [p for p in pending if p.index not in raw]
        fresh: dict[str, list[dict[str, Any]]] = {}
        chunks = list(_chunks(pending))

        def send(chunk: list[_Pending]) -> list[dict[str, Any]]:
            text = SEPARATOR.join(p.prose.text for p in chunk)
            response = self._post(language, text, disabled)
            index = Utf16Index(text)
            return [simplify_match(m, index) for m in response["matches"]]

        # A long article's requests go out on every lane at once (the lanes bound
        # how many requests are in flight, whoever sends them).
        workers = min(self.lane_count, len(chunks))
        if workers > 1:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                answers = list(pool.map(send, chunks))
        else:
            answers = [send(chunk) for chunk in chunks]
        for chunk, matches in zip(chunks, answers, strict=True):
            for p, found in zip(chunk, split_matches(matches, [len(p.prose.text) for p in chunk]),
                                strict=True):
                raw[p.index] = found
                fresh[p.key] = found
        if self.cache is not None and fresh:
            self.cache.put_many(fresh)
        findings: list[Finding] = []
        context = MatchContext(article, load_policy())
        for i, prose in enumerate(proses):
            for m in raw.get(i, []):
                finding = self._finding(context, i, prose, m, disabled, accepted)
                if finding is not None:
                    findings.append(finding)
        return context.settle_names(findings)

    @staticmethod
    def _finding(
        context: MatchContext,
        index: int,
        prose: ProseView,
        m: dict[str, Any],
        disabled: frozenset[str],
        accepted: set[str],
    ) -> Finding | None:
        """The match as a finding, placed in the article (see ``lt_context``), or None."""
        rule_id = str(m["rule_id"])
        if rule_id in disabled:
            return None
        rel_start, rel_end = int(m["offset"]), int(m["offset"]) + int(m["length"])
        flagged = prose.text[rel_start:rel_end]
        spelling = is_spelling(m)
        if accepted and spelling and _accepted(flagged, accepted):
            return None
        verdict = context.policy.verdict(rule_id, str(m["issue_type"]), str(m["category_id"]))
        if context.skipped(verdict, index, rel_start, rel_end):
            return None
        start, end = prose.to_article(rel_start, rel_end)
        if rule_id in UNPAIRED_QUOTE_RULES and (
            context.quotes_pair_up(start, end) or plural_possessive(prose.text, rel_start, rel_end)
        ):
            return None
        replacements = tuple(m.get("replacements") or ())[:MAX_REPLACEMENTS]
        severity = verdict.severity
        category = category_for(str(m["category_id"]))
        message = str(m["message"])
        if (spelling and not case_slip(flagged, replacements)
                and context.is_name(index, prose, rel_start, rel_end)):
            context.note_name(flagged, message)
            severity = min(severity, NAME_SEVERITY, key=lambda s: s.rank)
            category = NAME_CATEGORY
            message = NAME_MESSAGE.format(word=flagged)
        elif verdict.missing_hyphen is not None and missing_hyphen(flagged, replacements):
            severity = verdict.missing_hyphen
        elif (
            spelling
            and (closed := context.policy.spelling.closed_compound) is not None
            and (closed_compound(flagged, replacements, context.policy.spelling.glue_words)
                 or closed_up_hyphen(flagged, replacements, context.policy.spelling.prefixes))
        ):
            severity = closed
        elif (
            spelling
            and (both := context.policy.spelling.both_varieties) is not None
            and variant_spelling(flagged, replacements, context.policy.spelling.variant_endings)
        ):
            severity = both
        elif (
            spelling
            and (term := context.policy.spelling.unknown_term) is not None
            and only_names_near(flagged, replacements)
            and not is_sentence_start(prose.text, rel_start)
        ):
            severity = term
            message = TERM_MESSAGE.format(word=flagged)
        elif (
            spelling
            and (prefixed := context.policy.spelling.prefixed_word) is not None
            and context.prefixed(flagged, replacements)
        ):
            severity = prefixed
        finding = Finding(
            id=f"lt:{rule_id}",
            source=SOURCE,
            category=category,
            severity=severity,
            message=message,
            start=start,
            end=end,
            replacements=replacements,
            url=m.get("url"),
        )
        return with_fingerprint(finding, context.article.text)


def _accepted(flagged: str, accepted: set[str]) -> bool:
    """An accepted word, or a hyphenated compound with one ("mln-member", "ex-Yukos")."""
    folded = flagged.casefold()
    return folded in accepted or ("-" in folded and any(p in accepted for p in folded.split("-")))


def _chunks(pending: list[_Pending]) -> Iterator[list[_Pending]]:
    return request_chunks.chunks(pending, lambda p: p.prose.text, MAX_REQUEST_CHARS, SEPARATOR)
