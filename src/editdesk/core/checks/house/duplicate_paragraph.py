"""Kind ``duplicate_paragraph``: a paragraph that repeats an earlier one (a headline or a
paragraph pasted twice). Equal after normalising case, punctuation and white space, or
nearly equal (``min_ratio`` of difflib's word-sequence ratio) for paragraphs that start
or end with the same words. The finding spans the later paragraph with "" as replacement.
Short lines (``min_words``) such as "Advertisement" may repeat.
List items are compared only with items of the same list: a list that repeats the
headings below it is a table of contents, and steps repeated in two lists are
instructions, not a paste.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from editdesk.core.article import Article, Paragraph
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit

_NON_WORD = re.compile(r"[^\w]+")
_CANDIDATES = 8
_BLOCK_MARKUP = re.compile(r"[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])?[ \t]*")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_LIST_MARKERS = re.compile(r"[\s\-*+•·–0-9.)\[\]xX]+")
_KINDS = frozenset({"body", "title", "heading", "quote", "list-item"})


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    min_words = int(rule.option("min_words", 3))
    min_ratio = float(rule.option("min_ratio", 0.9))

    def check(doc: Doc) -> Iterator[Hit]:
        exact: dict[str, int] = {}
        by_edge: dict[tuple[str, ...], list[tuple[int, list[str]]]] = defaultdict(list)
        lists = 0  # numbers the runs of list items
        previous: Paragraph | None = None
        for i, para, view in doc.paragraphs(_KINDS):
            if para.kind == "list-item" and not _same_list(doc.article.text, previous, para):
                lists += 1
            previous = para
            words = _NON_WORD.sub(" ", view.text.casefold()).split()
            if sum(1 for w in words if not w.isdigit()) < min_words:
                continue  # a short line, or a row of figures ("1986/87 1985/86") in a table
            if para.kind == "list-item":
                words.insert(0, f"\x00list{lists}")  # never equal to prose or another list
            norm = " ".join(words)
            earlier = exact.get(norm)
            if earlier is None and min_ratio < 1:
                earlier = _near(by_edge, words, min_ratio)
            if earlier is not None:
                a, b = _deletion_span(doc.article, *view.to_article(0, len(view.text)))
                line, _col = doc.article.line_col(doc.article.paragraphs[earlier].start)
                yield Hit(a, b, ("",), {"match": view.text, "line": str(line)})
                continue
            exact[norm] = i
            by_edge[("^", *words[:3])].append((i, words))
            by_edge[("$", *words[-3:])].append((i, words))

    return check


def _deletion_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """The span whose deletion removes the paragraph cleanly.

    Leading block markup on its line goes too ("# " of a Markdown heading), and in a
    plain-text article of one paragraph per line its line break, so that no blank line is
    left to change how the text splits into paragraphs.
    """
    text = article.text
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < start and _BLOCK_MARKUP.fullmatch(text, line_start, start):
        start = line_start
    if article.format == "txt" and not _BLANK_LINE.search(text):
        if text.startswith("\r\n", end):
            end += 2
        elif text.startswith("\n", end):
            end += 1
        elif start > 0 and text[start - 1] == "\n":
            start -= 2 if text[start - 2 : start] == "\r\n" else 1
    return start, end


def _same_list(text: str, previous: Paragraph | None, para: Paragraph) -> bool:
    """Whether ``para`` follows ``previous`` in one list (only markers between them)."""
    if previous is None or previous.kind != "list-item":
        return False
    return not _LIST_MARKERS.sub("", text[previous.end : para.start])


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


def _near(
    by_edge: dict[tuple[str, ...], list[tuple[int, list[str]]]], words: list[str], ratio: float
) -> int | None:
    matcher: difflib.SequenceMatcher[str] | None = None
    pairs = _pairs(words)
    for key in (("^", *words[:3]), ("$", *words[-3:])):
        # The latest few paragraphs with the same edge words: bounded work per paragraph
        # even when hundreds start alike ("The council said ...").
        for index, other in by_edge.get(key, ())[-_CANDIDATES:]:
            if min(len(other), len(words)) < ratio * max(len(other), len(words)):
                continue
            # Word pairs in common: cheap, and low for the same words in another order.
            other_pairs = _pairs(other)
            shared = len(pairs & other_pairs) / max(1, len(pairs | other_pairs))
            if shared < 0.5:
                continue
            if shared >= 0.85:  # one or two words changed in a long paragraph
                return index
            if matcher is None:
                matcher = difflib.SequenceMatcher(None, autojunk=False)
                matcher.set_seq2(words)
            matcher.set_seq1(other)
            if matcher.ratio() >= ratio:
                return index
    return None
