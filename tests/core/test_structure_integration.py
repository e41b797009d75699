"""The structure rules against a real CoreNLP server: the project's own engine, through
the project's client (``CoreNLPClient.parse``), as every surface runs them."""

from __future__ import annotations

import pytest

from editdesk.core.article import Article
from editdesk.core.checks.corenlp import CoreNLPClient
from editdesk.core.checks.structure import StructureChecker
from editdesk.core.config import load_config

ARTICLE = (
    "Flood defences 😀 fail\n\n"
    "Pollution is a problem that cannot ignore. The river rose by 𝑥 metres overnight.\n\n"
    "During the talks with Mayor Lind, Lind said the barrier had failed. Lind, 54, has run "
    "the town since 2019. The council and the agency blamed each other.\n\n"
    "Rain fell again on Tuesday. On Friday, he will visit the estate."
)


@pytest.mark.integration
def test_rules_on_a_real_parse(corenlp_server) -> None:
    article = Article.from_plain_text(ARTICLE)
    client = CoreNLPClient(
        corenlp_server.url, auth=corenlp_server.credentials, private=True, engine_id="test"
    )
    sentences = client.parse(article)
    for s in sentences:  # offsets are code points of the article, astral characters too
        for t in s.tokens:
            assert article.text[t.start : t.end] == t.word
    found = {f.id: f for f in StructureChecker(load_config()).check(article, sentences, "en-GB")}
    obj = found["structure:missing-object"]
    assert article.text[obj.start : obj.end] == "cannot ignore"
    assert obj.replacements == ("cannot be ignored",)
    rep = found["structure:repeated-across-comma"]
    assert article.text[rep.start : rep.end] == "Lind"
    pronoun = found["structure:unclear-pronoun"]
    assert article.text[pronoun.start : pronoun.end] == "he"
    assert "structure:reciprocal" not in found  # the council and the agency: two parties
