"""Kind ``numbers``: newsroom number style in body text (headlines, lists and tables
keep figures).

- One to nine are words: "3 people" -> "three people". Left alone: units and
  measures ("3km", "3 per cent", "3 million", "3pm"), money and decimals ("£3", "3.5"),
  scores and ranges ("3-1", "3 to 5"), dates ("3 March", "March 3") and labels
  ("Chapter 3", "aged 3", "platform 9"): the word before a figure is a label when it is
  capitalised or in ``labels``; the word after is a unit when it is in ``units``.
- A sentence does not start with a figure (a year is fine): "12 people died" -> rephrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Doc, Hit, match_case

_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_BODY = frozenset({"body", "quote"})
_SMALL = re.compile(r"(?<![\w£$€¥.,:/\-–#+])([1-9])(?![\w%.,:/\-–°'’])\s+([a-z][\w\-’'.]*)")
_PREVIOUS_WORD = re.compile(r"([\w’'.]+)\s*$")
_OPENING_FIGURE = re.compile(r"[\"“‘'(]*(\d[\d,.]*)(%?)")


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    units = frozenset(u.casefold() for u in rule.option("units", ()))
    labels = frozenset(w.casefold() for w in rule.option("labels", ()))

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(_BODY):
            text = view.text
            if not any(c.isdigit() for c in text):
                continue
            starts = {s for s, _e in doc.sentences(i)}
            for m in _SMALL.finditer(text):
                if m.start(1) in starts:
                    continue  # the opening-figure check below says it
                after = m.group(2).rstrip(".").casefold()
                if after in units:
                    continue
                before = _PREVIOUS_WORD.search(text, 0, m.start(1))
                if before:
                    word = before.group(1)
                    if word[0].isupper() or word.casefold().rstrip(".") in labels:
                        continue
                spelt = _WORDS[int(m.group(1)) - 1]
                yield doc.hit(
                    view,
                    m.start(1),
                    m.end(1),
                    (spelt,),
                    replacement=spelt,
                    hint=f"one to nine in words ('{spelt}').",
                )
            for start, _end in doc.sentences(i):
                m = _OPENING_FIGURE.match(text, start)
                if not m:
                    continue
                figure = m.group(1).rstrip(".,")
                if len(figure) == 4 and figure.isdigit() and 1000 <= int(figure) <= 2199:
                    continue  # a year may open a sentence
                reps: tuple[str, ...] = ()
                if figure in "123456789" and len(figure) == 1 and not m.group(2):
                    reps = (match_case(_WORDS[int(figure) - 1], "X"),)
                end = m.start(1) + len(figure) + len(m.group(2))
                hint = "do not start a sentence with a figure: spell it out or rephrase."
                yield doc.hit(view, m.start(1), end, reps, hint=hint)

    return check
