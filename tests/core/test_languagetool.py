"""The LanguageTool checker against the real server (the session's ``lt_url``)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from editdesk.core.article import Article, Mask, Paragraph
from editdesk.core.checks import languagetool as lt_module
from editdesk.core.checks.cache import ResultCache
from editdesk.core.checks.languagetool import LanguageToolChecker, LanguageToolError
from editdesk.core.findings import Severity

pytestmark = pytest.mark.integration


class PostSpy:
    """Counts the HTTP POSTs the checker makes (they still go to the real server)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        self.params: list[dict[str, str]] = []
        real = requests.post
        self._lock = threading.Lock()

        def post(url: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            data = kwargs.get("data") or {}
            with self._lock:
                self.params.append(dict(data))  # type: ignore[arg-type]
                self.texts.append(str(dict(data).get("text", "")))  # type: ignore[arg-type]
            return real(url, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(requests, "post", post)

    @property
    def count(self) -> int:
        return len(self.texts)


def spans(article: Article, findings: list) -> list[tuple[str, str]]:
    return [(f.id, article.text[f.start : f.end]) for f in findings]


def test_finds_known_errors_with_exact_spans(lt_url: str) -> None:
    article = Article.from_plain_text(
        "This sentence have a error in it.\n\nShe went to the the shop. Teh end.\n"
    )
    findings = LanguageToolChecker(lt_url).check(article, "en-GB")
    found = spans(article, findings)
    assert ("lt:MORFOLOGIK_RULE_EN_GB", "Teh") in found
    assert ("lt:ENGLISH_WORD_REPEAT_RULE", "the the") in found
    assert ("lt:EN_A_VS_AN", "a") in found
    for f in findings:
        assert f.source == "languagetool"
        assert f.fingerprint
        assert f.category == f.category.lower()
    spelling = next(f for f in findings if f.id == "lt:MORFOLOGIK_RULE_EN_GB")
    assert spelling.severity is Severity.ERROR
    assert spelling.category == "typos"
    assert "The" in spelling.replacements
    assert len(spelling.replacements) <= 5
    repeat = next(f for f in findings if f.id == "lt:ENGLISH_WORD_REPEAT_RULE")
    assert repeat.severity is Severity.ERROR  # a doubled word: almost certainly a slip


def test_astral_characters_before_errors_keep_spans_exact(lt_url: str) -> None:
    article = Article.from_plain_text(
        "Let 𝑥 be 😀 a numbr and 𝑦 the othr one.\n\n"
        "😀😀 Emoji first, then a mistaek.\n\n"
        "No astral here, just a speling slip.\n"
    )
    findings = LanguageToolChecker(lt_url).check(article, "en-US")
    flagged = {text for rule, text in spans(article, findings) if rule.startswith("lt:MORFOLOGIK")}
    assert {"numbr", "othr", "mistaek", "speling"} <= flagged


def test_masked_text_is_not_sent_and_spans_map_back(lt_url: str) -> None:
    text = "Run `pip instal x` then fix teh bug."
    code = text.index("`")
    mask = Mask(code, text.index("`", code + 1) + 1, "it")
    article = Article(text, (Paragraph(0, len(text), masks=(mask,)),))
    findings = LanguageToolChecker(lt_url).check(article, "en-GB")
    found = spans(article, findings)
    assert ("lt:MORFOLOGIK_RULE_EN_GB", "teh") in found
    assert all("instal" not in t for _, t in found)


def test_one_request_per_article(lt_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [f"Paragraph {i} has a speling mistake." for i in range(30)]
    article = Article.from_plain_text("\n\n".join(paragraphs) + "\n")
    checker = LanguageToolChecker(lt_url)
    checker.check(article, "en-GB")  # the client's language lookup happens once, here
    spy = PostSpy(monkeypatch)
    findings = checker.check(article, "en-GB")
    assert spy.count == 1
    assert sum(1 for f in findings if article.text[f.start : f.end] == "speling") == 30


def test_long_articles_are_split_between_paragraphs(
    lt_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [f"Paragraph {i} has a speling mistake 😀 and anothr." for i in range(12)]
    article = Article.from_plain_text("\n\n".join(paragraphs) + "\n")
    whole = LanguageToolChecker(lt_url).check(article, "en-GB")
    monkeypatch.setattr(lt_module, "MAX_REQUEST_CHARS", 200)
    spy = PostSpy(monkeypatch)
    parts = LanguageToolChecker(lt_url).check(article, "en-GB")
    assert spy.count > 1
    assert all(len(t) <= 200 for t in spy.texts)
    # Rules that look across paragraphs (three sentences starting alike) may differ; the
    # spelling findings inside each paragraph must not.
    def spelling(findings: list) -> list[tuple[str, str]]:
        return [s for s in spans(article, findings) if s[0].startswith("lt:MORFOLOGIK")]

    assert len(spelling(whole)) == 24
    assert spelling(parts) == spelling(whole)


def test_cache_hit_makes_no_request(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = Article.from_plain_text("One paragraph with a speling slip.\n\nAnother fine one.\n")
    checker = LanguageToolChecker(lt_url, cache=ResultCache(tmp_path))
    first = checker.check(article, "en-GB")
    spy = PostSpy(monkeypatch)
    second = checker.check(article, "en-GB")
    assert spy.count == 0
    assert second == first
    # Another checker (another run) on the same cache: no text goes to the server either.
    assert LanguageToolChecker(lt_url, cache=ResultCache(tmp_path)).check(article, "en-GB") == first
    assert spy.count == 0

    # Only the changed paragraph goes to the server; the same paragraph elsewhere hits.
    edited = Article.from_plain_text(
        "Intro now comes first.\n\nOne paragraph with a speling slip.\n\nAnother fine one.\n"
    )
    third = checker.check(edited, "en-GB")
    assert spy.texts == ["Intro now comes first."]
    assert ("lt:MORFOLOGIK_RULE_EN_GB", "speling") in spans(edited, third)


def test_disabled_rules_go_to_the_server_and_are_filtered(
    lt_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = Article.from_plain_text("She went to the the shop with a speling list.\n")
    checker = LanguageToolChecker(lt_url)
    spy = PostSpy(monkeypatch)
    findings = checker.check(
        article, "en-GB", disabled_rules={"lt:ENGLISH_WORD_REPEAT_RULE", "house:sentence-length"}
    )
    assert spy.params[-1]["disabledRules"] == "ENGLISH_WORD_REPEAT_RULE"
    ids = {f.id for f in findings}
    assert "lt:ENGLISH_WORD_REPEAT_RULE" not in ids
    assert "lt:MORFOLOGIK_RULE_EN_GB" in ids


def test_accepted_words_drop_only_spelling_findings(lt_url: str) -> None:
    article = Article.from_plain_text("The Zorblat team shipped a update to zorblat users.\n")
    checker = LanguageToolChecker(lt_url)
    before = spans(article, checker.check(article, "en-GB"))
    assert ("lt:MORFOLOGIK_RULE_EN_GB", "Zorblat") in before
    after = spans(article, checker.check(article, "en-GB", accepted_words={"zorblat"}))
    assert not any(text.casefold() == "zorblat" for _, text in after)
    assert ("lt:EN_A_VS_AN", "a") in after


def test_lanes_check_concurrently_with_exact_spans(lt_url: str, tmp_path: Path) -> None:
    # Second rounds come from the cache, read and written from several threads at once.
    checker = LanguageToolChecker(lt_url, lanes=3, cache=ResultCache(tmp_path))
    articles = [
        Article.from_plain_text(
            "😀" * n + " 𝑥" * (n % 3) + f" Item {n} has a mistaek here.\n\n"
            + "𝑦" * (5 - n % 5) + " Then anothr one.\n"
        )
        for n in range(9)
    ]
    results: dict[int, list[tuple[str, str]]] = {}
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for _ in range(2):
                found = spans(articles[n], checker.check(articles[n], "en-GB"))
                assert results.setdefault(n, found) == found
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for n in range(9):
        flagged = {text for rule, text in results[n] if rule.startswith("lt:MORFOLOGIK")}
        assert {"mistaek", "anothr"} <= flagged, (n, results[n])


def test_version_comes_from_the_server(lt_url: str) -> None:
    assert LanguageToolChecker(lt_url).version == "6.8"


def test_unreachable_server_raises_one_line_error() -> None:
    from editdesk.engine.server import free_port

    url = f"http://127.0.0.1:{free_port()}"
    article = Article.from_plain_text("Some text.\n")
    with pytest.raises(LanguageToolError) as caught:
        LanguageToolChecker(url).check(article, "en-GB")
    message = str(caught.value)
    assert "\n" not in message
    assert url in message and "not reachable" in message


def test_sample_article_in_one_request(
    lt_url: str, shared_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = Article.from_plain_text(shared_sample.read_text(encoding="utf-8"), shared_sample)
    checker = LanguageToolChecker(lt_url)
    checker.version  # noqa: B018 - the client's set-up requests happen before counting
    checker.check(Article.from_plain_text("Warm up.\n"), "en-GB")
    spy = PostSpy(monkeypatch)
    findings = checker.check(article, "en-GB")
    assert spy.count == 1
    for f in findings:
        assert 0 <= f.start < f.end <= len(article.text)
        assert f.id.startswith("lt:")


def test_a_server_that_never_answers_times_out_with_one_line() -> None:
    import socket

    with socket.socket() as silent:  # accepts connections (backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        article = Article.from_plain_text("Some text.\n")
        with pytest.raises(LanguageToolError, match="did not answer within 1 s"):
            LanguageToolChecker(url, timeout=1.0).check(article, "en-GB")


def test_remote_mode_downloads_nothing_and_starts_no_server(
    lt_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psutil

    download_dir = tmp_path / "ltp"
    monkeypatch.setenv("LTP_PATH", str(download_dir))  # language-tool-python's download folder
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    findings = LanguageToolChecker(lt_url).check(Article.from_plain_text("A tst.\n"), "en-GB")
    assert findings
    assert not download_dir.exists()
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before
