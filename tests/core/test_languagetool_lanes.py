"""A long article's requests go out on every lane: the same findings as one lane,
from the same requests, against the real LanguageTool server."""

from __future__ import annotations

import threading

import pytest

from editdesk.core.article import Article
from editdesk.core.checks import languagetool as lt_module
from editdesk.core.checks.languagetool import LanguageToolChecker

pytestmark = pytest.mark.integration

PARAGRAPHS = [
    f"In town {n}, the council said it could of acted sooner. Their was no warning, "
    f"residents said on Tuesday, and the the road stayed closed for {n} days."
    for n in range(40)
]


def test_many_lanes_give_the_same_findings_as_one(lt_url, monkeypatch):
    monkeypatch.setattr(lt_module, "MAX_REQUEST_CHARS", 800)  # several requests, cheaply
    article = Article.from_plain_text("\n\n".join(PARAGRAPHS) + "\n")
    one = LanguageToolChecker(lt_url, lanes=1)
    alone = one.check(article, "en-GB")
    assert one.requests >= 6 and len(alone) >= 40

    in_flight, peak, lock = [0], [0], threading.Lock()
    real_post = LanguageToolChecker._post

    def counting_post(self, *args):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        try:
            return real_post(self, *args)
        finally:
            with lock:
                in_flight[0] -= 1

    monkeypatch.setattr(LanguageToolChecker, "_post", counting_post)
    three = LanguageToolChecker(lt_url, lanes=3)
    together = three.check(article, "en-GB")
    assert together == alone and three.requests == one.requests
    assert peak[0] > 1  # the requests really were side by side
