"""Readers turn a file into an Article.

``read_article`` dispatches on the file's suffix; every failure is a
``ReadError`` whose ``str()`` is one line, ``PATH: reason``. Readers only ever
open the file for reading.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from editdesk.core.article import Article, split_paragraphs
from editdesk.core.readers.errors import ReadError
from editdesk.core.readers.limits import (
    DEFAULT_MAX_BYTES,
    check_budget,
    check_file,
    read_bytes,
)

__all__ = ["SUFFIXES", "ReadError", "article_for_text", "read_article"]

# suffix -> (module, function); a reader's module (Markdown parser, DOCX package code)
# is imported only when a file of its kind is read.
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "read_txt"),
    ".text": ("txt", "read_txt"),
    ".md": ("markdown", "read_markdown"),
    ".markdown": ("markdown", "read_markdown"),
    ".docx": ("docx", "read_docx"),
}
SUFFIXES = tuple(_READERS)


def _reader(suffix: str) -> Callable[[Path, bytes], Article] | None:
    where = _READERS.get(suffix)
    if where is None:
        return None
    module = importlib.import_module(f"editdesk.core.readers.{where[0]}")
    return getattr(module, where[1])


def read_article(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    reader = _reader(suffix)
    if reader is None:
        what = f"unsupported file type {suffix}" if suffix else "unsupported file type (no suffix)"
        raise ReadError(path, f"{what}; EditDesk reads .txt, .md and .docx")
    data = read_bytes(path, max_bytes)
    try:
        article = reader(path, data)
        # exact, now that the paragraphs are known (the readers' early checks are cheap bounds)
        check_budget(path, paragraphs=len(article.paragraphs), words=article.words())
        return article
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(path, "too deeply nested to read") from None
    except MemoryError:
        raise ReadError(path, "too large to read in memory") from None
    except Exception as exc:  # a reader bug must still surface as one line naming the file
        raise ReadError(path, f"cannot read ({type(exc).__name__}: {exc})") from None


def article_for_text(article: Article, text: str) -> Article:
    """The article as checkers should see an edited version of its text.

    Plain text and Markdown go back through their reader, so masks and paragraph
    kinds match what ``check`` sees; a DOCX (whose runs no longer match) or text
    the reader would change gets plain paragraphs. Offsets are always ``text``'s.
    """
    if text == article.text:
        return article
    reader = _reader({"txt": ".txt", "md": ".md"}.get(article.format, ""))
    if reader is not None:
        try:
            rebuilt = reader(article.path or Path(f"article.{article.format}"), text.encode())
        except ReadError:  # e.g. every word deleted: plain paragraphs will do
            rebuilt = None
        if rebuilt is not None and rebuilt.text == text:
            return rebuilt
    return dataclasses.replace(
        article, text=text, paragraphs=split_paragraphs(text), run_spans=(), crlf=(), lone_cr=()
    )
