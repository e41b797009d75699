"""The check budget: an article over MAX_PARAGRAPHS or MAX_WORDS is refused in
one line naming the file, .txt, .md and .docx alike; one under it is read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from editdesk.core.readers import ReadError, read_article
from editdesk.core.readers.limits import MAX_PARAGRAPHS, MAX_WORDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_of(path: Path, paragraphs: list[str]) -> Path:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>' \
        f"{body}</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
    return path


def refused(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}: too long to check") and "\n" not in message
    return message


def tiny_paragraphs(n: int) -> list[str]:
    return [f"Item {i}." for i in range(n)]


def test_a_million_tiny_paragraphs_are_refused(tmp_path):
    for suffix in (".txt", ".md"):
        path = tmp_path / f"million{suffix}"
        path.write_text("\n\n".join(["Go."] * 1_000_000) + "\n", encoding="utf-8")
        assert path.stat().st_size > 4_000_000
        refused(path)  # by its words, counted first: that stops after the first MiB


def test_prose_over_the_word_budget_is_refused(tmp_path):
    sentence = "The council agreed the budget after a short debate on Tuesday night. "
    paragraph = sentence * 20
    path = tmp_path / "book.txt"
    words_per_paragraph = len(paragraph.split())
    path.write_text("\n\n".join([paragraph] * (MAX_WORDS // words_per_paragraph + 2)),
                    encoding="utf-8")
    assert "words" in refused(path)


def test_one_line_file_of_too_many_words_is_refused(tmp_path):
    path = tmp_path / "line.md"
    path.write_text("word " * (MAX_WORDS + 1), encoding="utf-8")
    assert "words" in refused(path)


@pytest.mark.parametrize("n", [MAX_PARAGRAPHS + 1, 3 * MAX_PARAGRAPHS])  # exact, early
def test_docx_over_the_paragraph_budget_is_refused(tmp_path, n):
    path = docx_of(tmp_path / "many.docx", tiny_paragraphs(n))
    assert f"{n:,} paragraphs" in refused(path)


def test_markdown_list_items_count_as_paragraphs(tmp_path):
    path = tmp_path / "list.md"  # one block, many paragraphs: the exact count catches it
    path.write_text("\n".join(f"- item {i}" for i in range(MAX_PARAGRAPHS + 1)) + "\n",
                    encoding="utf-8")
    refused(path)


def test_articles_at_the_budget_are_read(tmp_path):
    n = MAX_PARAGRAPHS
    txt = tmp_path / "long.txt"
    txt.write_text("\n\n".join(tiny_paragraphs(n)), encoding="utf-8")
    assert len(read_article(txt).paragraphs) == n
    docx = docx_of(tmp_path / "long.docx", tiny_paragraphs(n))
    assert len(read_article(docx).paragraphs) == n
