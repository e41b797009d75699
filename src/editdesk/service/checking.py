"""Checking a review: the one place every face checks through.

``run_checks`` hands a CheckRunner to the engine session, which gives it whatever
checkers are up (LanguageTool, and any other engine the session runs); the result's
``sources`` name them, and ``sync`` records them in the review, so sign-off, status,
export and the app learn which checks ran from the review alone. Where no engine
can be had, house style runs alone and ``lt_error`` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from editdesk.core.checks.languagetool import LanguageToolError
from editdesk.core.checks.runner import CheckResult, CheckRunner
from editdesk.core.config import Config
from editdesk.core.readers import article_for_text
from editdesk.core.review import syncing
from editdesk.core.review.model import Review
from editdesk.engine import EngineUnavailable
from editdesk.engine.session import EngineSession
from editdesk.service.engine_address import EngineAddress
from editdesk.service.house_style import review_config

if TYPE_CHECKING:
    from editdesk.core.article import Article


def open_engines(
    engines: EngineSession, articles: Sequence[Article] = (), runner: CheckRunner | None = None
) -> str | None:
    """Start (or connect to) the session's engines; None, or why they cannot be had.
    CoreNLP is not started when the cache has the parses of ``articles`` (those of the
    sentences ``runner``'s structure rules read)."""
    needs = runner.structure.needs_parse if runner is not None else None
    try:
        engines.open(articles, needs)
    except EngineUnavailable as exc:
        return str(exc)
    return None


def run_checks(
    runner: CheckRunner,
    article: Article,
    engines: EngineSession | None,
    unavailable: str | None = None,
) -> CheckResult:
    """``article`` checked by ``runner`` with the checkers ``engines`` has up (an opened
    session, or None: house style only, ``unavailable`` saying why). An engine that
    fails for good leaves house style, with the reason in ``lt_error``."""
    if engines is None:
        return runner.check_house_only(article, unavailable)
    try:
        return engines.check(runner, article)
    except LanguageToolError as exc:
        return runner.check_house_only(article, str(exc))


def check_review(
    article: Article, review: Review, config: Config, engines: EngineSession
) -> CheckResult:
    """Findings on the review's current text, in a session opened and closed here
    (for commands that check one review)."""
    target = article_for_text(article, review.text)
    runner = CheckRunner(review_config(config, review))
    try:
        problem = open_engines(engines, [target], runner)
        return run_checks(runner, target, None if problem else engines, problem)
    finally:
        engines.close()


def structure_skipped(result: CheckResult | None, engines: EngineSession) -> str | None:
    """Why the structure checks did not run on a check made with ``engines`` (one line),
    None when they ran, were switched off, or no check was made."""
    if result is None or not engines.structure or "structure" in result.sources:
        return None
    why = result.structure_error or engines.structure_error
    if why is None and result.lt_error:
        return None  # house style alone ran, which the LanguageTool line says
    return why or "CoreNLP did not answer"


def sync(review: Review, result: CheckResult) -> None:
    """Merge a check's findings into the review, with the checkers that made them."""
    syncing.sync_findings(review, result.findings, result.sources)


def check_for_export(
    article: Article, review: Review, config: Config, engines: EngineSession, *, wanted: bool
) -> CheckResult | None:
    """A fresh check for an export when findings are ``wanted`` and the review's are
    not current (the review itself is not changed); None when none is needed."""
    if not wanted or review.findings_current:
        return None
    return check_review(article, review, config, engines)


def needs_check(review: Review) -> bool:
    """Never checked, checked on another text, or checked without LanguageTool."""
    if not review.findings_current:
        return True
    return bool(review.checked_with) and "languagetool" not in review.checked_with


class SnapshotChecker:
    """Checks snapshots of the text one after another, keeping the runner (compiled
    house style) and the engine session (its per-paragraph cache) between checks:
    the app's worker process holds one. It connects to engines other code runs (the
    app's), never starts one."""

    def __init__(self) -> None:
        self._runner: CheckRunner | None = None
        self._config: Config | None = None
        self._engines: EngineSession | None = None
        self._address = EngineAddress()

    def check(self, article: Article, config: Config, address: EngineAddress) -> CheckResult:
        if self._runner is None or config != self._config:
            self._runner, self._config = CheckRunner(config), config
        if address.languagetool is None and address.corenlp is None:
            return self._runner.check_house_only(article, None)
        if self._engines is None or address != self._address:
            self._engines, self._address = connect(address), address
        problem = open_connected(self._engines, address)
        result = run_checks(self._runner, article, None if problem else self._engines, problem)
        if address.corenlp is None:
            result.structure_error = None  # not asked for: nothing failed
        return result


def connect(address: EngineAddress) -> EngineSession:
    """A session that connects to the engines at ``address`` and never starts one
    (open it with ``open_connected``)."""
    return EngineSession(
        address.languagetool,
        nlp_server_url=address.corenlp,
        nlp_engine_id=address.corenlp_id,
        structure=address.corenlp is not None,
    )


def open_connected(engines: EngineSession, address: EngineAddress) -> str | None:
    """Connect ``engines`` (from ``connect``) to what ``address`` has up: None, or why
    LanguageTool cannot be had. CoreNLP not answering only leaves the structure checks out
    (``structure_error`` says why); a connection it lost is tried again on every call, so
    a restarted server is picked up."""
    if address.corenlp is not None:
        engines.open_structure()
    if address.languagetool is None:
        return None
    try:
        engines.open_languagetool()
    except EngineUnavailable as exc:
        return str(exc)
    return None
