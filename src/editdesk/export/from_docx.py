"""Mark up a copy of a DOCX article: the original package is opened and saved
elsewhere, so hyperlinks, tables, headers and images stay as they were."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document

from editdesk.core.article import RunSpan
from editdesk.core.readers.docx_walk import body_paragraphs, paragraph_runs, run_text


def open_copy(path: Path) -> Document:
    """The DOCX at ``path`` loaded in memory (the file itself is never written)."""
    return docx.Document(str(path))


def walk_text(document: Document, separator: str = "\n") -> tuple[str, tuple[RunSpan, ...]]:
    """Visible text of the body and its runs, paragraphs joined by ``separator``.

    Mirrors core/readers/docx.py, for articles built without run spans.
    """
    parts: list[str] = []
    spans: list[RunSpan] = []
    pos = 0
    first = True
    for pi, p in enumerate(body_paragraphs(document.element.body)):
        runs = paragraph_runs(p)
        texts = [run_text(r) for r in runs]
        if not "".join(texts).strip():
            continue
        if not first:
            parts.append(separator)
            pos += len(separator)
        first = False
        for ri, text in enumerate(texts):
            if text:
                spans.append(RunSpan(pos, pos + len(text), pi, ri, 0))
                parts.append(text)
                pos += len(text)
    return "".join(parts), tuple(spans)
