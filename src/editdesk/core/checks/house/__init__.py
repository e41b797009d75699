"""The house-style engine.

Rules are data (``resources/house-style/default.toml``, adjusted by ``editdesk.toml``):
each has an id ``house:<name>``, a kind, a severity, a category, a message and examples.
Each kind is one small module here, compiled once per rule by ``kinds.KINDS``:

- substitution / avoid (``substitution.py``): preferred terms, wordy phrases, clichés;
- variant_spelling / form_consistency (``consistency.py``), ise_ize, hyphenation,
  quote_consistency: one article spelt one way, the minority form flagged;
- sentence_length, repeated_word, duplicate_paragraph, numbers;
- sentence_case (``capitalisation.py``), byline;
- unquoted_speech (``speech.py``), double_conjunction (``although_but.py``),
  compound_subject (``agreement.py``).

Rules see prose only (``Article.prose``: masked code and URLs never reach them) and
report spans in article offsets.
"""

from editdesk.core.checks.house.checker import HouseStyleChecker
from editdesk.core.checks.house.spec import RuleSpec

__all__ = ["HouseStyleChecker", "RuleSpec"]
