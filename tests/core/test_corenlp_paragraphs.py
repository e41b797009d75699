"""Paragraphs sent in one CoreNLP request stay apart: a headline (no full stop) must not run
into the body's first sentence, or the recogniser misreads both ("Home Patrushov flew ..."
tagged the misspelt name O). The client joins paragraphs with a blank line and asks the
sentence splitter to break there (``ssplit.newlineIsSentenceBreak=two``)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.corenlp import PROPERTIES, CoreNLPClient

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corenlp" / "headline-and-body.json"


def test_a_headline_and_the_body_come_back_as_their_own_sentences(monkeypatch) -> None:
    recorded = json.loads(FIXTURE.read_text("utf-8"))
    # recorded from a real server with the options the client sends now
    assert recorded["properties"] == dict(PROPERTIES)
    client = CoreNLPClient("http://127.0.0.1:9", engine_id="test")
    sent_props = json.loads(urllib.parse.parse_qs(client._query)["properties"][0])
    assert sent_props["ssplit.newlineIsSentenceBreak"] in ("two", "always")
    posted: list[str] = []

    def annotate(text: str) -> dict:
        posted.append(text)
        return recorded["answer"]

    monkeypatch.setattr(client, "annotate", annotate)
    article = Article.from_plain_text("Home\n\nPatrushov flew to Moscow on Monday.")
    docs = client.paragraph_docs(article)
    assert posted == [recorded["text"]]  # one request for both paragraphs
    assert [[t["word"] for t in s["tokens"]] for s in docs[0]["sentences"]] == [["Home"]]
    (body,) = docs[1]["sentences"]
    assert body["tokens"][0]["characterOffsetBegin"] == 0  # relative to its own paragraph
    sentences = client.parse(article, needs=lambda tagged: ())  # tagging only
    assert [article.text[s.start : s.end] for s in sentences] == [
        "Home", "Patrushov flew to Moscow on Monday."
    ]
    assert sentences[1].tokens[0].ner == "PERSON"


HEADLINED = (
    "Minister visits flooded town\n\n"
    "By Ann Lee\n\n"
    "Patrushov flew to Moscow on Monday. He met the mayor there.\n\n"
    "Talks resume today"
)


@pytest.mark.integration
def test_paragraphs_parse_the_same_together_as_alone(corenlp_server) -> None:
    client = CoreNLPClient(
        corenlp_server.url, auth=corenlp_server.credentials, private=True, engine_id="test"
    )
    article = Article.from_plain_text(HEADLINED)
    together = client.parse(article)
    assert client.requests == 2  # every paragraph tagged in one request, parsed in another
    assert [article.text[s.start : s.end] for s in together] == [
        "Minister visits flooded town", "By Ann Lee", "Patrushov flew to Moscow on Monday.",
        "He met the mayor there.", "Talks resume today",
    ]
    by_word = {t.word: t.ner for s in together for t in s.tokens}
    assert by_word["Patrushov"] == "PERSON"
    alone = []
    for paragraph in HEADLINED.split("\n\n"):
        alone += [([(t.word, t.pos, t.ner) for t in s.tokens], s.basic)
                  for s in client.parse(Article.from_plain_text(paragraph))]
    assert [([(t.word, t.pos, t.ner) for t in s.tokens], s.basic) for s in together] == alone
