"""Plain-text articles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from editdesk.core.article import Article, Paragraph
from editdesk.core.readers.decode import decode_source
from editdesk.core.readers.errors import ReadError
from editdesk.core.readers.limits import check_text_budget
from editdesk.core.readers.urls import url_masks

TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 25


def read_txt(path: Path, data: bytes) -> Article:
    text, notes, (crlf, lone_cr) = decode_source(data, path)
    check_text_budget(path, text)
    article = Article.from_plain_text(text, path=path)
    if not article.paragraphs:
        raise ReadError(path, "empty file (only whitespace)")
    paragraphs = [_with_url_masks(text, p) for p in article.paragraphs]
    if len(paragraphs) > 1 and looks_like_headline(text[paragraphs[0].start : paragraphs[0].end]):
        paragraphs[0] = dataclasses.replace(paragraphs[0], kind="title", level=1)
    return dataclasses.replace(
        article, paragraphs=tuple(paragraphs), notes=notes, crlf=crlf, lone_cr=lone_cr
    )


def looks_like_headline(text: str) -> bool:
    """Short, one line, and not ending like a sentence."""
    text = text.strip()
    return (
        bool(text)
        and "\n" not in text
        and len(text) <= TITLE_MAX_CHARS
        and len(text.split()) <= TITLE_MAX_WORDS
        and text[-1] not in ".,;:"
    )


def _with_url_masks(text: str, para: Paragraph) -> Paragraph:
    masks = url_masks(text[para.start : para.end], para.start)
    return dataclasses.replace(para, masks=masks) if masks else para
