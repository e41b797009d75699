"""Random edits and comments on plain-text articles: every export must be
structurally sound and read back (import_review) as exactly the original, the
edited text and the commented words."""

from __future__ import annotations

import random
from pathlib import Path

import docx
from ooxml_checks import check_structure

from editdesk.core.article import Article
from editdesk.core.readers import read_article
from editdesk.core.review.model import Anchor, Comment, Review, sha256_text
from editdesk.export import export_docx, import_review

WORDS = ["harbour", "wall", "the", "budget", "colour", "met", "Monday", "stone", "a", "é", "😀"]


def _paragraphs(rnd: random.Random) -> list[list[str]]:
    return [[rnd.choice(WORDS) for _ in range(rnd.randint(1, 8))] for _ in range(rnd.randint(1, 5))]


def _text(paras: list[list[str]], sep: str = "\n\n") -> str:
    return sep.join(" ".join(p) for p in paras)


def _edit(rnd: random.Random, paras: list[list[str]]) -> list[list[str]]:
    paras = [list(p) for p in paras]
    for _ in range(rnd.randint(0, 6)):
        k = rnd.randrange(len(paras))
        p = paras[k]
        op = rnd.choice(["replace", "delete", "insert", "split", "merge", "drop", "add"])
        i = rnd.randrange(len(p))
        if op == "replace":
            p[i] = rnd.choice(WORDS) + rnd.choice(["", ",", "."])
        elif op == "delete" and len(p) > 1:
            del p[i]
        elif op == "insert":
            p.insert(i + rnd.randint(0, 1), rnd.choice(WORDS))
        elif op == "split" and len(p) > 1 and i > 0:
            paras[k : k + 1] = [p[:i], p[i:]]
        elif op == "merge" and k + 1 < len(paras):
            paras[k : k + 2] = [p + paras[k + 1]]
        elif op == "drop" and len(paras) > 1:
            del paras[k]
        elif op == "add":
            paras.insert(k + rnd.randint(0, 1), [rnd.choice(WORDS) for _ in range(3)])
    return paras


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in text.replace("\n", " ").split(" "):
        if word:
            spans.append((pos, pos + len(word)))
        pos += len(word) + 1
    return spans


def test_random_edits_and_comments_round_trip(tmp_path: Path) -> None:
    check_cases(tmp_path, seed=20261128, cases=40)


def test_random_edits_on_docx_runs_round_trip(tmp_path: Path) -> None:
    check_cases(tmp_path, seed=5, cases=30, fmt="docx")


def _docx(path: Path, paras: list[list[str]], rnd: random.Random) -> Path:
    """Each paragraph in random runs, every other one bold, cut anywhere (mid-word too)."""
    d = docx.Document()
    for words in paras:
        text = " ".join(words)
        cuts = (
            sorted(rnd.sample(range(1, len(text)), min(3, len(text) - 1))) if len(text) > 1 else []
        )
        p = d.add_paragraph()
        for k, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(text)], strict=True)):
            p.add_run(text[a:b]).bold = k % 2 == 1
    d.save(str(path))
    return path


def check_cases(tmp_path: Path, seed: int, cases: int, fmt: str = "txt") -> None:
    rnd = random.Random(seed)
    sep = "\n\n" if fmt == "txt" else "\n"
    for case in range(cases):
        original_paras = _paragraphs(rnd)
        edited_paras = _edit(rnd, original_paras)
        original, edited = _text(original_paras, sep), _text(edited_paras, sep)
        if fmt == "txt":
            article = Article.from_plain_text(original, tmp_path / "a.txt")
        else:
            article = read_article(_docx(tmp_path / f"in{case}.docx", original_paras, rnd))
            assert article.text == original
        review = Review("a.txt", original, edited, sha256_text(original))
        spans = _word_spans(edited)
        for n in range(rnd.randint(0, 4)):
            a = rnd.choice(spans)
            b = rnd.choice([s for s in spans if s[0] >= a[0]])
            if "\n" in edited[a[0] : b[1]]:
                b = a
            review.comments.append(
                Comment(
                    f"c{n}",
                    Anchor.on(edited, a[0], b[1]),
                    "Ed",
                    "2026-11-28T10:00:00Z",
                    f"note {n}",
                )
            )
        out = tmp_path / f"case{case}.docx"
        export_docx(article, review, [], out)
        check_structure(out)
        back = import_review(out)
        assert back.original == original.replace(sep, "\n"), case
        assert back.text == edited.replace(sep, "\n"), case
        quotes = sorted(back.text[c.anchor.start : c.anchor.end] for c in back.comments)
        expected = sorted(edited[c.anchor.start : c.anchor.end] for c in review.comments)
        assert quotes == expected, case
