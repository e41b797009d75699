"""Consistency across a batch of articles: per-article terms, the batch pass that settles
each form (the style sheet), and each article's findings against a style sheet.

Pure: no processes, no Qt. See ``resources/batch/rules.toml`` for the rules as data.
"""

from editdesk.core.consistency.findings import SheetChecker, StyleSheetCheck
from editdesk.core.consistency.rules import BatchRules, load_batch_rules
from editdesk.core.consistency.sheet import (
    StyleSheet,
    StyleSheetError,
    build_style_sheet,
    load_style_sheet,
)
from editdesk.core.consistency.terms import ArticleTerms, TermExtractor

__all__ = [
    "ArticleTerms",
    "BatchRules",
    "SheetChecker",
    "StyleSheet",
    "StyleSheetCheck",
    "StyleSheetError",
    "TermExtractor",
    "build_style_sheet",
    "load_batch_rules",
    "load_style_sheet",
]
