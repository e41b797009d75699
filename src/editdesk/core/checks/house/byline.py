"""Kind ``byline``: a byline ("By jane doe", "edited and proofread by john smith") whose
names or first word are not capitalised. A byline is recognised by its shape, never by a
name: a short paragraph near the top or the end of the article made of credit words
("written", "edited", "photographs", ...), "by", then one to four name-like words per name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CREDIT_WORDS = _words(
    """
    written edited reported compiled proofread proof-read proofed reviewed produced
    photographed illustrated translated researched fact-checked checked copy-edited
    copyedited subedited sub-edited designed interviews interview words story text photos
    photography photographs pictures images illustration illustrations graphics video
    additional reporting report analysis posted published commissioned and & , with
    """
)
NOT_NAMES = _words(
    """
    our a an the staff correspondent correspondents reporter reporters agencies agency team
    editor editors desk writer writers hand email e-mail post phone columnist contributor
    contributors intern analyst producer photographer chief senior deputy political foreign
    economics business science health technology sports associate managing executive news
    bureau in at for from of on to newsroom guest special me us him her them
    """
)
PARTICLES = _words(
    """
    van von de da del der den la le du dos das di bin ibn al el ter ten y e
    """
)
_BY = re.compile(r"(?<!\w)by(?!\w)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,&]+|,|&")
_NAME = re.compile(r"^[^\W\d_][\w'’.\-]*$")


@dataclass(frozen=True)
class Byline:
    start: int  # prose offsets of the whole byline (stripped)
    end: int
    fixed: str  # the byline with its first word and names capitalised


def _cap(word: str, doc: Doc | None) -> str:
    if doc is not None and word.casefold() in doc.accepted_folded:
        return doc.accepted_folded[word.casefold()]
    parts = word.split("-")
    out = []
    for p in parts:
        if len(p) > 2 and p[1] in "'’" and p[0].lower() in "od":
            out.append(p[0].upper() + p[1] + p[2].upper() + p[3:])
        else:
            out.append(p[:1].upper() + p[1:])
    return "-".join(out)


def parse_byline(text: str, doc: Doc | None = None, max_words: int = 12) -> Byline | None:
    """The byline in one paragraph's prose, or None when the paragraph is not a byline."""
    if len(text) > 300 or not _BY.search(text):
        return None
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    body = stripped.rstrip(".")
    tokens = [(m.group(), m.start() + lead) for m in _TOKEN.finditer(body)]
    words = [t for t, _ in tokens if t not in {",", "&"}]
    if not words or len(words) > max_words:
        return None
    by = next((k for k, (t, _) in enumerate(tokens) if t.casefold() == "by"), None)
    if by is None or by + 1 >= len(tokens):
        return None
    if any(t.casefold() not in CREDIT_WORDS for t, _ in tokens[:by]):
        return None
    # Names: groups separated by "," "and" "&".
    groups: list[list[tuple[str, int]]] = [[]]
    for tok, pos in tokens[by + 1 :]:
        if tok in {",", "&"} or tok.casefold() == "and":
            groups.append([])
        else:
            groups[-1].append((tok, pos))
    groups = [g for g in groups if g]
    if not groups:
        return None
    replaced: dict[int, tuple[str, str]] = {}  # position -> (old, new)
    for group in groups:
        names = [t for t, _ in group]
        if not 1 <= len(names) <= 4 or not all(_NAME.match(t) for t in names):
            return None
        if any(t.casefold().strip(".") in NOT_NAMES for t in names):
            return None
        if len(names) == 1 and names[0].islower():
            return None  # one lower-case word after "by" is more likely prose than a name
        for k, (tok, pos) in enumerate(group):
            if tok[0].islower() and not (k and tok in PARTICLES):
                if doc is not None and tok in doc.accepted:
                    continue
                replaced[pos] = (tok, _cap(tok, doc))
    first, first_pos = tokens[0]
    if first[0].islower():
        replaced[first_pos] = (first, first[0].upper() + first[1:])
    start, end = lead, lead + len(stripped)
    fixed = list(text[start:end])
    for pos, (old, new) in sorted(replaced.items(), reverse=True):
        fixed[pos - start : pos - start + len(old)] = new
    return Byline(start, end, "".join(fixed))


def near_edges(doc: Doc, index: int, head: int, tail: int) -> bool:
    count = len(doc.article.paragraphs)
    return index < head or index >= count - tail


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    head = int(rule.option("head_paragraphs", 5))
    tail = int(rule.option("tail_paragraphs", 3))
    max_words = int(rule.option("max_words", 12))

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs():
            if not near_edges(doc, i, head, tail) or len(view.text) > 200:
                continue
            byline = parse_byline(view.text, doc, max_words)
            if byline and byline.fixed != view.text[byline.start : byline.end]:
                yield doc.hit(
                    view, byline.start, byline.end, (byline.fixed,), replacement=byline.fixed
                )

    return check
