"""CoreNLP's JSON into Sentences: code-point offsets (from UTF-16), mentions, dependencies."""

from __future__ import annotations

from structure_helpers import parsed, recorded

from editdesk.core.checks.structure.parse import sentences_from_corenlp

ASTRAL = "😀😀 Ships 𝑥 arrive. Mr Hale said 𝑥 was fine."
NAMES = "The 𝑥 factor: 😀 Ann Lee met Tom Ruiz in Oslo."


def test_recorded_offsets_are_utf16_and_come_out_as_code_points() -> None:
    raw = recorded()[ASTRAL]["sentences"][0]["tokens"]
    ships = next(t for t in raw if t["word"] == "Ships")
    assert (ships["characterOffsetBegin"], ships["characterOffsetEnd"]) == (5, 10)  # UTF-16
    article, sentences = parsed(ASTRAL)
    for sentence in sentences:
        for token in sentence.tokens:
            assert article.text[token.start : token.end] == token.word
    assert [s.index for s in sentences] == [0, 1]
    assert article.text[sentences[1].start : sentences[1].end] == "Mr Hale said 𝑥 was fine."


def test_base_shifts_every_offset() -> None:
    prefix = "Headline 𝑥\n\n"
    text = prefix + NAMES
    sentences = sentences_from_corenlp(recorded()[NAMES], NAMES, base=len(prefix))
    for token in sentences[0].tokens:
        assert text[token.start : token.end] == token.word
    mentions = {m.text: m for m in sentences[0].mentions}
    assert set(mentions) == {"Ann Lee", "Tom Ruiz", "Oslo"}
    for m in mentions.values():
        assert text[m.start : m.end] == m.text
    ann = mentions["Ann Lee"]
    assert ann.ner == "PERSON"
    assert [t.word for t in sentences[0].tokens[ann.token_begin - 1 : ann.token_end - 1]] == [
        "Ann",
        "Lee",
    ]


def test_dependencies_and_tree_helpers() -> None:
    _, sentences = parsed(NAMES)
    s = sentences[0]
    root = next(d for d in s.basic if d.governor == 0)
    assert len(s.subtree(root.dependent)) == len(s.tokens)
    assert s.enhanced, "enhanced++ dependencies are kept"
    met = next(t.index for t in s.tokens if t.word == "met")
    subject = next(d for d in s.children(met) if d.dep == "nsubj")
    assert s.token(subject.dependent).word == "Lee"
    assert s.head(subject.dependent) == subject
    assert "obj" in s.labels(met)
    chain = list(s.ancestors(subject.dependent))
    assert chain[0] == subject and chain[-1].governor == 0


def test_empty_answer_gives_no_sentences() -> None:
    assert sentences_from_corenlp({}, "", 0) == []
    assert sentences_from_corenlp({"sentences": [{"index": 0, "tokens": []}]}, "", 0) == []
