"""File > Save Edited Copy As…: the edited article itself, as .txt, .md or a
clean .docx (no tracked changes, no comments), written atomically (no Qt here)."""

from __future__ import annotations

import io
from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.readers import article_for_text
from editdesk.core.review.sidecar import write_atomic

COPY_FILTERS = "Plain text (*.txt);;Markdown (*.md);;Word document, clean (*.docx)"


def default_copy_path(article_path: Path) -> Path:
    suffix = article_path.suffix.lower()
    suffix = suffix if suffix in (".txt", ".md", ".markdown", ".docx") else ".txt"
    return article_path.with_name(f"{article_path.stem}-edited{suffix}")


def write_edited_copy(article: Article, text: str, out: Path) -> None:
    """``text`` (the review's edited text of ``article``) to ``out``, by its suffix."""
    if out.suffix.lower() == ".docx":
        from editdesk.export.from_text import markdown_document, text_document

        if article.format == "md":
            document, _spans = markdown_document(text)
        else:
            document, _spans = text_document(article_for_text(article, text))
        buffer = io.BytesIO()
        document.save(buffer)
        write_atomic(out, buffer.getvalue())
    else:
        write_atomic(out, text.encode("utf-8", "surrogatepass"))
