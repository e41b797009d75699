"""Parsing less: each rule says which sentences' dependencies it reads (``NEEDS`` in
structure/kinds.py), and the client parses only those. Nothing a rule finds may change:
every example of every rule gives the same findings with only the sentences the rules ask
for parsed as with all of them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from structure_helpers import parsed, recorded

from editdesk.core.article import Article
from editdesk.core.checks.cache import ResultCache
from editdesk.core.checks.corenlp import CoreNLPClient
from editdesk.core.checks.structure import StructureChecker
from editdesk.core.checks.structure import kinds as structure_kinds
from editdesk.core.checks.structure.parse import Sentence, Token
from editdesk.core.config import load_config

CONFIG = load_config()
TEXTS = sorted(recorded())


def _tagged_only(sentences: list) -> list:
    return [replace(s, basic=(), enhanced=()) for s in sentences]


def _keyed(findings: list) -> list:
    return sorted((f.id, f.start, f.end, f.message, f.replacements) for f in findings)


@pytest.mark.parametrize("text", TEXTS, ids=[f"text-{n}" for n in range(len(TEXTS))])
@pytest.mark.parametrize("scope", ["all-rules", "each-rule"])
def test_the_sentences_the_rules_ask_for_give_the_same_findings(text: str, scope: str) -> None:
    article, full = parsed(text)
    checkers = (
        [StructureChecker(CONFIG)] if scope == "all-rules"
        else [StructureChecker(CONFIG, only=frozenset({r.id})) for r in CONFIG.structure_rules]
    )
    for checker in checkers:
        needed = checker.needs_parse(_tagged_only(full))
        assert needed <= set(range(len(full)))
        partial = [s if i in needed else replace(s, basic=(), enhanced=())
                   for i, s in enumerate(full)]
        assert _keyed(checker.check(article, partial, "en-GB")) == _keyed(
            checker.check(article, full, "en-GB")
        ), text


def test_a_sentence_no_rule_looks_at_is_not_parsed() -> None:
    checker = StructureChecker(CONFIG)
    # name and title checks read entities only: a sentence with nothing else is left alone
    _, sentences = parsed("😀😀 Ships 𝑥 arrive. Mr Hale said 𝑥 was fine.")
    assert checker.needs_parse(_tagged_only(sentences)) == set()
    # a reciprocal, a verb that needs an object: those sentences are parsed
    fail = CONFIG.rule("structure:reciprocal").fail_examples[0]
    _, sentences = parsed(fail)
    assert checker.needs_parse(_tagged_only(sentences))


def test_a_rule_kind_that_does_not_say_has_every_sentence_parsed(monkeypatch) -> None:
    monkeypatch.delitem(structure_kinds.NEEDS, "reciprocal")
    checker = StructureChecker(CONFIG)
    _, sentences = parsed("😀😀 Ships 𝑥 arrive. Mr Hale said 𝑥 was fine.")
    assert checker.needs_parse(_tagged_only(sentences)) == {0, 1}


def test_every_kind_says_what_it_needs() -> None:
    # A new kind without an entry costs a parse of every sentence: say so deliberately.
    missing = set(structure_kinds.KINDS) | set(structure_kinds.ADJUSTERS)
    missing -= set(structure_kinds.NEEDS)
    assert not missing, (
        f"add {sorted(missing)} to structure/kinds.NEEDS: which sentences' dependencies the "
        "kind reads (doc.sentences_where(test) from the rule's own data; doc.no_sentences "
        "if it reads tags and entities only; doc.every_sentence if it may read any)"
    )


ARTICLE = (
    "Flood defences fail\n\n"
    "The council approved the new budget on Tuesday after a long debate. Residents said "
    "the bus service had become unreliable. Pollution is a problem that cannot ignore.\n\n"
    "During the talks with Mayor Lind, Lind said the barrier had failed. The cost of the "
    "repairs were high. Sales rose by 12 per cent in the first quarter.\n\n"
    "Rain fell again on Tuesday. On Friday, he will visit the estate. The council and the "
    "agency blamed each other. Walking to the station, the rain began to fall."
)


@pytest.mark.integration
def test_the_client_parses_only_what_the_rules_read(corenlp_server, tmp_path) -> None:
    cache = ResultCache(tmp_path / "cache")
    client = CoreNLPClient(corenlp_server.url, auth=corenlp_server.credentials, private=True,
                           engine_id="test", cache=cache)
    article = Article.from_plain_text(ARTICLE)
    checker = StructureChecker(CONFIG)
    everything = CoreNLPClient(corenlp_server.url, auth=corenlp_server.credentials,
                               private=True, engine_id="test").parse(article)
    some = client.parse(article, checker.needs_parse)
    assert client.requests == 2  # the tagging, then the parsing of the chosen sentences
    assert [(t.word, t.pos, t.ner) for s in some for t in s.tokens] == [
        (t.word, t.pos, t.ner) for s in everything for t in s.tokens
    ]
    parsed_ = [i for i, s in enumerate(some) if s.basic]
    assert 0 < len(parsed_) < len(some) - 3
    for i in parsed_:  # the same dependencies as a parse of everything
        assert (some[i].basic, some[i].enhanced) == (everything[i].basic, everything[i].enhanced)
    found = _keyed(checker.check(article, some, "en-GB"))
    assert found == _keyed(checker.check(article, everything, "en-GB"))
    assert {f[0] for f in found} >= {
        "structure:missing-object", "structure:repeated-across-comma",
        "structure:unclear-pronoun", "structure:long-subject-agreement",
        "structure:dangling-opener",
    }
    # Cached: the rules' sentences need no request again, though the others have no parse.
    assert client.has_cached(article, checker.needs_parse)
    assert not client.has_cached(article)
    again = client.parse(article, checker.needs_parse)
    assert client.requests == 2 and again == some


def _tagged(words: str) -> Sentence:
    """A tagged sentence from "word/TAG" pairs (lemma: the word), as the needs see it."""
    tokens, at = [], 0
    for n, pair in enumerate(words.split(), start=1):
        word, pos = pair.rsplit("/", 1)
        tokens.append(Token(n, word, word.lower(), pos, "O", at, at + len(word)))
        at += len(word) + 1
    return Sentence(0, tuple(tokens), (), (), (), 0, at - 1)


def test_agreement_is_not_parsed_across_coordination() -> None:
    # The nearer noun hangs from the subject, and the parser's trees are projective: a
    # word between them is in the subject's phrase, which the rule wants free of and/or/as.
    checker = StructureChecker(CONFIG, only=frozenset({"structure:long-subject-agreement"}))
    candidate = _tagged("The/DT cost/NN of/IN the/DT repairs/NNS were/VBD high/JJ ./.")
    assert checker.needs_parse((candidate,)) == {0}
    for coordinated in (
        "The/DT cost/NN and/CC the/DT benefits/NNS were/VBD high/JJ ./.",
        "The/DT coach/NN as/IN well/RB as/IN the/DT players/NNS were/VBD there/RB ./.",
    ):
        assert checker.needs_parse((_tagged(coordinated),)) == set(), coordinated
    # a subject after the "and" is still a candidate
    later = _tagged("Rain/NN fell/VBD and/CC the/DT cost/NN of/IN repairs/NNS were/VBD high/JJ")
    assert checker.needs_parse((later,)) == {0}
