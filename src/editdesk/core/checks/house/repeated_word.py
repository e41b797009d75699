"""Kind ``repeated_word``: "the the", also across a line break or between two lines
of a hard-wrapped text; words in ``allow`` ("had had", "that that") may repeat.
Two capitalised words ("Bora Bora", "Sing Sing") are taken for a name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit

_FIRST = re.compile(r"^\s*([^\W\d_]+)(?![\w'’\-])")
_LAST = re.compile(r"(?<![\w'’\-])([^\W\d_]+)\s*$")


def _is_name(a: str, b: str) -> bool:
    return a[0].isupper() and b[0].isupper()


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    allow = frozenset(w.casefold() for w in rule.option("allow", ()))

    def check(doc: Doc) -> Iterator[Hit]:
        paragraphs = doc.article.paragraphs
        prev: tuple[str, int] | None = None  # (last word, its start) of an unfinished line
        prev_index = -2
        for i, _para, view in doc.paragraphs():
            text = view.text
            tokens = doc.tokens(i)
            for (s1, e1, w1), (s2, e2, w2) in zip(tokens, tokens[1:], strict=False):
                if w1 != w2 or w1 in allow or not text[e1:s2].isspace():
                    continue
                a, b = text[s1:e1], text[s2:e2]
                if _is_name(a, b) or (s1 and text[s1 - 1] in "-'’") or text[e2 : e2 + 1] in "-'’":
                    continue
                yield doc.hit(view, s1, e2, (a,), word=a)
            first = _FIRST.match(text)
            hard_wrapped = prev_index == i - 1 and paragraphs[i].start == paragraphs[i - 1].end + 1
            if prev and first and hard_wrapped:
                word = first.group(1)
                same = prev[0].casefold() == word.casefold()
                if same and word.casefold() not in allow and not _is_name(prev[0], word):
                    end = view.to_article(first.start(1), first.end(1))[1]
                    yield Hit(prev[1], end, (prev[0],), {"match": word, "word": word})
            last = _LAST.search(text)
            prev = None
            if last and not text.rstrip().endswith((".", "!", "?", ":", ";")):
                prev = (last.group(1), view.offsets[last.start(1)])
            prev_index = i

    return check
