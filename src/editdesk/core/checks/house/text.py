"""Text helpers shared by the rule kinds: prose views, sentences, words, phrase matching."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from editdesk.core.article import Article, Paragraph, ProseView
from editdesk.core.checks.article_parts import ArticleParts
from editdesk.core.checks.quotations import Quotations
from editdesk.core.findings import Severity

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
HYPHENS = frozenset("-‐‑")
Token = tuple[int, int, str]  # prose start, end, case-folded word with ' for ’
_TERMINATOR = re.compile(r"(?:\.\.\.|…|[.!?])+[\"”’'»)\]]*")
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Words that end in a full stop inside a sentence ("Mr. Smith", "approx. two").
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof st no nos vs v etc e.g i.e approx inc ltd co corp plc jan feb mar
    apr jun jul aug sep sept oct nov dec gen col lt sgt capt cmdr rev hon gov sen rep jr sr
    fig figs vol pp p al cf est dept univ ave rd mt ft op ed eds nr tel
    """.split()  # noqa: SIM905
)
PROSE_KINDS = frozenset({"body", "title", "heading", "quote", "list-item", "header", "footer"})
SENTENCE_KINDS = frozenset({"body", "title", "heading", "quote"})


@dataclass
class Hit:
    """A rule match in article offsets, with the values its message may use."""

    start: int
    end: int
    replacements: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)
    severity: Severity | None = None  # None: the rule's severity


class Doc:
    """One article as the rules see it: prose per paragraph, sentences, the variant."""

    def __init__(self, article: Article, variant: str, accepted_words: frozenset[str]) -> None:
        self.article = article
        self.variant = variant
        self.accepted = accepted_words
        self.accepted_folded = {w.casefold(): w for w in accepted_words}
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._breaks: dict[int, list[tuple[int, int]]] = {}
        self._lower: dict[int, str] = {}
        self._tokens: dict[int, list[Token]] = {}
        self._word_index: dict[int, dict[str, list[int]]] = {}

    def prose(self, index: int) -> ProseView:
        return self.article.prose(index)

    @cached_property
    def quotations(self) -> Quotations:
        """Quoted speech, paragraph by paragraph (continued quotations understood)."""
        return Quotations.of(self.article)

    @cached_property
    def parts(self) -> ArticleParts:
        """Headlines and datelines."""
        return ArticleParts(self.article)

    def paragraphs(
        self, kinds: frozenset[str] = PROSE_KINDS
    ) -> Iterator[tuple[int, Paragraph, ProseView]]:
        for i, para in enumerate(self.article.paragraphs):
            if para.kind in kinds:
                yield i, para, self.prose(i)

    def breaks(self, index: int) -> list[tuple[int, int]]:
        """Sentence boundaries, also those before a lower-case word (see sentence_breaks)."""
        found = self._breaks.get(index)
        if found is None:
            found = self._breaks[index] = list(
                sentence_breaks(self.prose(index).text, lowercase_too=True)
            )
        return found

    def sentences(self, index: int) -> list[tuple[int, int]]:
        spans = self._sentences.get(index)
        if spans is None:
            text = self.prose(index).text
            breaks = [(e, n) for e, n in self.breaks(index) if not text[n].islower()]
            spans = self._sentences[index] = split_sentences(text, breaks)
        return spans

    def lower(self, index: int) -> str:
        """The paragraph's prose in lower case with ’ as ' (same length as the prose)."""
        low = self._lower.get(index)
        if low is None:
            text = self.prose(index).text
            low = text.lower()
            if len(low) != len(text):  # a rare letter whose lower case is longer
                low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
            low = self._lower[index] = low.replace("’", "'")
        return low

    def tokens(self, index: int) -> list[Token]:
        """The words of a paragraph's prose; a hyphen separates words like a space."""
        tokens = self._tokens.get(index)
        if tokens is None:
            low = self.lower(index)
            spans = [m.span() for m in TOKEN.finditer(low)]
            tokens = [(a, b, low[a:b]) for a, b in spans]
            self._tokens[index] = tokens
        return tokens

    def word_index(self, index: int) -> dict[str, list[int]]:
        """Word -> positions in ``tokens(index)``: lets a rule skip paragraphs quickly."""
        found = self._word_index.get(index)
        if found is None:
            found = {}
            for n, (_a, _b, word) in enumerate(self.tokens(index)):
                found.setdefault(word, []).append(n)
            self._word_index[index] = found
        return found

    def hit(
        self,
        view: ProseView,
        start: int,
        end: int,
        replacements: tuple[str, ...] = (),
        **fields: str,
    ) -> Hit:
        a, b = view.to_article(start, end)
        return Hit(a, b, replacements, {"match": view.text[start:end], **fields})

    def is_accepted(self, word: str) -> bool:
        return word in self.accepted


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _TOKEN_BEFORE.search(text, 0, dot)
    if not m:
        return False
    token = m.group(1)
    if len(token) == 1 and token.isupper():  # an initial: "J. Smith"
        return True
    return token.lower().rstrip(".") in ABBREVIATIONS or "." in token.rstrip(".")


def sentence_breaks(text: str, *, lowercase_too: bool = False) -> Iterator[tuple[int, int]]:
    """(end of a sentence, start of the next) for each boundary inside ``text``.

    A boundary is a terminator followed by white space. Unless ``lowercase_too``,
    a lowercase next word means the sentence goes on ("approx. two", "Why? he asked").
    """
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt == end or nxt >= len(text):
            continue
        punct = m.group()
        closing = punct[-1] in "\"”’'»)]"
        ellipsis = "…" in punct or "..." in punct
        if text[nxt].islower() and (not lowercase_too or closing or ellipsis):
            continue
        if punct[0] == "." and not ellipsis and _is_abbreviation(text, m.start()):
            continue
        yield end, nxt


def split_sentences(
    text: str, breaks: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Sentence spans (without surrounding white space) of one paragraph's prose."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for end, nxt in sentence_breaks(text) if breaks is None else breaks:
        if end > start:
            spans.append((start, end))
        start = nxt
    stop = len(text.rstrip())
    if stop > start:
        spans.append((start, stop))
    return spans


def match_case(replacement: str, matched: str) -> str:
    """Give ``replacement`` the capitalisation of ``matched`` (Title, UPPER or as is)."""
    if not replacement or not matched:
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def normalise_phrase(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("’", "'").replace("‘", "'")).strip().casefold()


def phrase_pattern(phrase: str) -> str:
    """A regex for a literal phrase: any white space between words, either apostrophe."""
    parts = []
    for word in normalise_phrase(phrase).split(" "):
        piece = re.escape(word).replace("'", "['’]").replace(r"\-", "[-‐‑]")
        parts.append(piece)
    body = r"\s+".join(parts)
    left = r"(?<![\w\-])" if phrase[:1].isalnum() else ""
    right = r"(?![\w\-])" if phrase[-1:].isalnum() else ""
    return left + body + right


def _split_phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words and the separators between them (" " or "-") of a phrase."""
    norm = normalise_phrase(phrase)
    words = tuple(m.group() for m in TOKEN.finditer(norm))
    seps = tuple(
        "-" if "-" in norm[a.end() : b.start()] else " "
        for a, b in zip(TOKEN.finditer(norm), list(TOKEN.finditer(norm))[1:], strict=False)
    )
    return words, seps


class PhraseMatcher:
    """Finds any of many literal phrases (longest first) by looking words up, not by regex:
    one pass over a paragraph's words whatever the number of phrases."""

    def __init__(self, items: Mapping[str, str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        for phrase, replacement in items.items():
            words, seps = _split_phrase(phrase)
            if words:
                self.by_first.setdefault(words[0], []).append((words, seps, replacement))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(
        self, text: str, tokens: list[Token], index: dict[str, list[int]] | None = None
    ) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, matched text, replacement in the matched text's case).

        ``index`` (word -> token positions, see ``Doc.word_index``) makes this cost
        nothing for a paragraph with none of the phrases' first words.
        """
        by_first = self.by_first
        usable: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]]
        if index is None:
            positions: list[int] | range = range(len(tokens))
            usable = by_first
        else:
            if len(index) < len(by_first):
                firsts = [w for w in index if w in by_first]
            else:
                firsts = [w for w in by_first if w in index]
            usable = {}
            for w in firsts:
                # Only phrases whose every word is somewhere in the paragraph.
                fits = [c for c in by_first[w] if all(x in index for x in c[0][1:])]
                if fits:
                    usable[w] = fits
            if not usable:
                return
            positions = sorted(p for w in usable for p in index[w])
        n = len(tokens)
        free = 0  # first token not inside an earlier match
        for i in positions:
            if i < free:
                continue
            candidates = usable.get(tokens[i][2])
            start = tokens[i][0]
            if candidates is None or (start and text[start - 1] in HYPHENS):
                continue
            for words, seps, replacement in candidates:
                k = len(words)
                if i + k > n or not _follows(text, tokens, i, words, seps):
                    continue
                end = tokens[i + k - 1][1]
                if end < len(text) and text[end] in HYPHENS and text[end + 1 : end + 2].isalpha():
                    continue
                matched = text[start:end]
                yield start, end, matched, match_case(replacement, matched)
                free = i + k
                break


def _follows(
    text: str, tokens: list[Token], i: int, words: tuple[str, ...], seps: tuple[str, ...]
) -> bool:
    for j in range(1, len(words)):
        if tokens[i + j][2] != words[j]:
            return False
        sep = text[tokens[i + j - 1][1] : tokens[i + j][0]]
        if seps[j - 1] == "-":
            if sep not in HYPHENS:
                return False
        elif not sep or not sep.isspace():
            return False
    return True
