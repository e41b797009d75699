"""Exporting a review as a marked-up DOCX (tracked changes, Word comments). A fresh
check for it, when the review's findings are not current, is checking.check_for_export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editdesk.core.article import Article
    from editdesk.core.findings import Finding
    from editdesk.core.review.model import Review
    from editdesk.export.writer import ExportReport


def is_the_article(out: Path, article_path: Path) -> bool:
    """The article itself is never written: an output naming it is refused."""
    return out.exists() and article_path.exists() and out.resolve() == article_path.resolve()


def open_findings(review: Review) -> list[Finding]:
    return [s.finding for s in review.findings if s.is_open]


def export_review(
    article: Article, review: Review, findings: list[Finding], out: Path, **options: object
) -> ExportReport:
    """Write ``out`` (see export.export_docx for ``findings`` and the options)."""
    from editdesk.export import export_docx  # python-docx: loaded when exporting, not with the app

    return export_docx(article, review, findings, out, **options)
