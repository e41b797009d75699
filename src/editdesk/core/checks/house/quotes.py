"""Kind ``quote_consistency``: straight and curly marks mixed in one article (text pasted
from several sources): apostrophes (it's / it’s) and double quotation marks ("..." / “...”)
are counted separately and the minority style is flagged; a tie goes to ``prefer``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from editdesk.core.article import ProseView
from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit

_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(['’])(?=[^\W\d_])")
_DOUBLE = re.compile(r"[\"“”]")
_OPENS_AFTER = " \t\n([{—–-/"


def _curly_double(text: str, pos: int) -> str:
    before = text[pos - 1] if pos else " "
    return "“" if before in _OPENS_AFTER else "”"


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    prefer = rule.option("prefer", "curly")

    def check(doc: Doc) -> Iterator[Hit]:
        views = [view for _i, _p, view in doc.paragraphs()]
        for kind, regex in (("apostrophes", _APOSTROPHE), ("quotation marks", _DOUBLE)):
            found: list[tuple[ProseView, int, str]] = []
            counts: Counter[str] = Counter()
            for view in views:
                for m in regex.finditer(view.text):
                    style = "straight" if m.group() in "'\"" else "curly"
                    counts[style] += 1
                    found.append((view, m.start(), style))
            if len(counts) < 2:
                continue
            if counts["straight"] == counts["curly"]:
                winner = prefer
            else:
                winner = max(counts, key=lambda s: counts[s])
            for view, pos, style in found:
                if style == winner:
                    continue
                mark = view.text[pos]
                if kind == "apostrophes":
                    fixed = "’" if winner == "curly" else "'"
                else:
                    fixed = _curly_double(view.text, pos) if winner == "curly" else '"'
                yield doc.hit(
                    view,
                    pos,
                    pos + 1,
                    (fixed,),
                    replacement=fixed,
                    kind=kind,
                    form=style,
                    majority=winner,
                    mark=mark,
                    counts=f"{counts[winner]} to {counts[style]}",
                )

    return check
