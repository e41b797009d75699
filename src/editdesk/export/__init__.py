"""DOCX export (tracked changes, Word comments, sign-off record) and import."""

from editdesk.export.importer import has_review_markup, import_review
from editdesk.export.writer import FINDINGS_MODES, ExportReport, export_docx

__all__ = [
    "FINDINGS_MODES",
    "ExportReport",
    "export_docx",
    "has_review_markup",
    "import_review",
]
