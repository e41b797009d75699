"""Mark up a copy of a DOCX article: the original package is opened and saved
elsewhere, so hyperlinks, tables, headers and images stay as they were."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document


def open_copy(path: Path) -> Document:
    """The DOCX at ``path`` loaded in memory (the file itself is never written).

    Raises ValueError (one line) when python-docx cannot load the package: the
    reader only looks at the body, so a damaged comments or styles part shows here.
    """
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        first = str(exc).splitlines()[0] if str(exc) else ""
        why = f"{type(exc).__name__}: {first}"
        raise ValueError(f"not a DOCX python-docx can load ({why})") from None
