"""Kind ``unquoted_speech``: direct speech left without quotation marks.

- A verb of saying in the third person followed by words in the first person:
  "The minister said that our plan works" (her words, not the writer's), or an
  attribution after first-person words: "Our plan works, the minister said."
- A verb of saying and a colon before a capitalised clause: "She asked: Why now?"
- A first-person sentence right after one flagged above: the unquoted words go on.

Sentences with any quotation mark or inside a quotation (one that runs on over several
sentences or paragraphs), with a first-person speaker ("I said", "told us")
and list items are left alone. The verbs and pronouns are options.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import SENTENCE_KINDS, Doc, Hit

_QUOTES = re.compile(r"[\"“”«»„]|‘|(?:^|(?<=[\s(\[]))'(?=\w)")


def build(rule: RuleSpec) -> Callable[[Doc], Iterator[Hit]]:
    verbs = "|".join(sorted(rule.option("verbs", ()), key=len, reverse=True)) or "(?!x)x"
    pronouns = "|".join(rule.option("first_person", ())) or "(?!x)x"
    opening, closing = tuple(rule.option("quotes", ("“", "”")))
    verb = re.compile(rf"(?<![\w’'\-])(?:{verbs})(?![\w’'\-])")
    first_person = re.compile(rf"(?<![\w’'\-])(?:{pronouns})(?![\w\-])")
    roman_i = re.compile(r"[A-Z][\w.]*\s+$")
    object_pronoun = re.compile(r"\s+(?:me|us)(?![\w’'\-])")
    # "told our reporter", "asked my colleague": the writer's side is the listener.
    our_listener = re.compile(
        r"(?:told|tells|asked|asks|warned|warns|assured|urged|reminded|informed|thanked)"
        r"\s+(?:our|my)\s"
    )
    colon_clause = re.compile(r"((?:\s+[\w’'.\-]+){0,4}?)\s*:\s+(?=[A-Z])")
    that_clause = re.compile(r"(?<![\w’'\-])that\s+")
    subject = r"(?:the|a|an|her|his|their)\s+[a-z]+(?:\s+[a-z]+)?"
    name = r"(?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*"
    tail = re.compile(
        rf",\s+(?:(?:{name}|he|she|they|{subject})\s+(?:{verbs})|(?:{verbs})\s+{name})\s*[.!?]?$"
    )

    def first_person_in(text: str, start: int, end: int) -> re.Match[str] | None:
        for m in first_person.finditer(text, start, end):
            if m.group() == "I" and roman_i.search(text, 0, m.start()):
                continue  # "World War I", "Elizabeth I"
            return m
        return None

    verb_words = frozenset(v.lower() for v in rule.option("verbs", ()))

    def check(doc: Doc) -> Iterator[Hit]:
        for i, _para, view in doc.paragraphs(SENTENCE_KINDS):
            if verb_words.isdisjoint(doc.word_index(i)):
                continue
            text = view.text
            speech_goes_on = False
            quotations = doc.quotations
            for s_start, s_end in doc.sentences(i):
                sentence = text[s_start:s_end]
                if _QUOTES.search(sentence) or quotations.quoted_chars(i, s_start, s_end):
                    speech_goes_on = False
                    continue
                hit = _reported(sentence) or _attributed(sentence)
                if hit is None and speech_goes_on and first_person_in(sentence, 0, len(sentence)):
                    # The unquoted words go on into the next sentence: "... said our aim is
                    # peace. We have told them so."
                    hit = (0, len(sentence.rstrip(".!?")), (), "continued")
                speech_goes_on = hit is not None and hit[3] != "colon"
                if hit:
                    a, b, reps, kind = hit
                    yield doc.hit(view, s_start + a, s_start + b, reps, form=kind)

    def _reported(sentence: str) -> tuple[int, int, tuple[str, ...], str] | None:
        for v in verb.finditer(sentence):
            if first_person_in(sentence, 0, v.start()):
                return None  # the writer is the speaker
            after = v.end()
            if object_pronoun.match(sentence, after) or our_listener.match(sentence, v.start()):
                return None
            colon = colon_clause.match(sentence, after)
            if colon:
                start = colon.end()
                clause = sentence[start:]
                return start, len(sentence), (f"{opening}{clause}{closing}",), "colon"
            pronoun = first_person_in(sentence, after, len(sentence))
            if pronoun is None:
                continue
            start = after
            that = that_clause.search(sentence, after, pronoun.start())
            if that:
                start = that.end()
            else:  # "said in a statement, we ...": the words start after the comma
                comma = sentence.find(",", after + 1, pronoun.start())
                start = comma + 1 if comma != -1 else after
            while start < len(sentence) and sentence[start] in " ,":
                start += 1
            end = len(sentence.rstrip(".!?"))
            return start, max(end, pronoun.end()), (), "first-person"
        return None

    def _attributed(sentence: str) -> tuple[int, int, tuple[str, ...], str] | None:
        m = tail.search(sentence)
        if m and first_person_in(sentence, 0, m.start()):
            return 0, m.start(), (), "first-person"
        return None

    return check
