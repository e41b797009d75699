"""Mark up a copy of a DOCX article: the original package is opened and saved
elsewhere, so hyperlinks, tables, headers and images stay as they were."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document


def open_copy(path: Path) -> Document:
    """The DOCX at ``path`` loaded in memory (the file itself is never written)."""
    return docx.Document(str(path))
