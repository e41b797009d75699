"""LanguageTool's grammar rules where CoreNLP's tagger reads the words another way.

LanguageTool's pattern rules rest on its own part-of-speech guesses; on edited copy some
fire because a word has two readings and it took the wrong one. Where CoreNLP's tags show
the other reading, the flag becomes a suggestion saying so (keeping its fingerprint):

- ``verb``: a rule about a noun ("many" + a singular: MANY_NN) on a word tagged as a verb
  ("But many fear that ...": "many" is the subject, "fear" its verb);
- ``possessive``: "its" for "it's" (IT_IS) where "its" is tagged possessive and a noun
  follows ("work its way through"); "whether its a fad" keeps its flag;
- ``adverb``: a determiner after "do not" (I_DONT_DT) tagged as an adverb before a verb
  ("they do not both accept deposits": "both" floats before the verb);
- ``after_plural``: a number + singular noun rule (CD_NN) on a word after the number's own
  plural noun ("four out of 1,000 bottles leak": the tagger may call "leak" a noun too,
  but "1,000 bottles" already has its noun, and what follows is its verb);
- ``ellipsis``: a modal before an adjective (MD_JJ) that closes the clause of a comparison
  ("as fast as they could consistent with low inflation": "could" ends "as they could").

Only tags are read, no dependencies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.structure.doc import lower
from editdesk.core.checks.structure.parse import Sentence, Token
from editdesk.core.findings import Finding

READINGS = frozenset({"verb", "possessive", "adverb", "ellipsis", "after_plural"})


def _rules(rule: RuleSpec) -> Mapping[str, str]:
    """LanguageTool rule id (without "lt:") -> the reading that disproves it."""
    table = rule.option("readings", {})
    return {k: v for k, v in table.items() if v in READINGS}


def reworks(rule: RuleSpec, f: Finding) -> bool:
    """A finding of a LanguageTool rule this adjuster may rework."""
    return f.id.startswith("lt:") and f.id[3:] in _rules(rule)


def _covered(sentences: Sequence[Sentence], start: int, end: int) -> tuple[Sentence, list[Token]]:
    for s in sentences:
        if s.start <= start and end <= s.end:
            return s, [t for t in s.tokens if t.start < end and start < t.end]
    return sentences[0], []


def _next(sentence: Sentence, token: Token) -> Token | None:
    return sentence.token(token.index + 1) if token.index < len(sentence.tokens) else None


def _misread(reading: str, sentence: Sentence, tokens: list[Token]) -> Token | None:
    """The token the tagger reads the other way, or None."""
    if reading == "verb":
        last = tokens[-1]
        return last if last.pos in ("VB", "VBP", "VBZ", "VBD") else None
    if reading == "after_plural":
        first = tokens[0]
        before = sentence.token(first.index - 1) if first.index > 2 else None
        number = sentence.token(first.index - 2) if first.index > 2 else None
        plural = before is not None and before.pos == "NNS"
        return first if plural and number is not None and number.pos == "CD" else None
    if reading == "ellipsis" and tokens[0].index > 1:
        tokens = [sentence.token(tokens[0].index - 1), *tokens]  # the flag is on the adjective
    for t in tokens:
        after = _next(sentence, t)
        if reading == "possessive" and lower(t) == "its" and t.pos == "PRP$":
            if after is not None and after.pos.startswith("NN"):
                return t
        elif reading == "adverb" and t.pos == "RB" and lower(t) not in ("not", "n't"):
            if after is not None and after.pos.startswith("VB"):
                return t
        elif reading == "ellipsis" and t.pos == "MD" and t.index > 3:
            # "... as <subject> could": another "as" earlier makes it a comparison
            subject, as_ = sentence.token(t.index - 1), sentence.token(t.index - 2)
            earlier = [lower(x) for x in sentence.tokens[: as_.index - 1]]
            if lower(as_) == "as" and subject.pos in ("PRP", "NN", "NNS", "NNP") \
                    and "as" in earlier:
                return t
    return None


def adjust_misread_grammar(
    rule: RuleSpec, findings: Sequence[Finding], sentences: Sequence[Sentence]
) -> list[Finding]:
    table = _rules(rule)
    out: list[Finding] = []
    for f in findings:
        reading = table.get(f.id[3:]) if f.id.startswith("lt:") else None
        sentence, tokens = _covered(sentences, f.start, f.end) if reading else (None, [])
        token = _misread(reading, sentence, tokens) if reading and sentence and tokens else None
        if token is None:
            out.append(f)
            continue
        message = rule.message.format(word=token.word, lt_message=f.message,
                                      reading=str(rule.option("reading_words", {}).get(
                                          reading, reading)))
        out.append(replace(f, id=rule.id, source="structure", category=rule.category,
                           severity=rule.severity, message=message, replacements=()))
    return out
