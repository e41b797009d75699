"""Markdown reader: the source is the text; prose blocks are paragraphs whose
masks hide the syntax, and every prose character maps back into the source."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from readers_helpers import prose_maps_back, untouched

from editdesk.core.article import Article
from editdesk.core.readers import read_article
from editdesk.core.readers.markdown import markdown_paragraphs
from editdesk.core.readers.md_inline import CODE_PLACEHOLDER
from editdesk.core.readers.urls import URL_PLACEHOLDER


def _md(tmp_path: Path, source: str, name: str = "a.md"):
    path = tmp_path / name
    path.write_bytes(source.encode("utf-8"))
    with untouched(path):
        article = read_article(path)
    assert article.format == "md"
    assert prose_maps_back(article) == []
    return article


def _prose(article) -> list[str]:
    return [article.prose(i).text for i in range(len(article.paragraphs))]


DOCUMENT = """\
---
title: Front matter is not prose
tags: [a, b]
---

# The 😀 title

Intro paragraph with **bold** text.

## Section 𝑥

- First item
- Second item
  wraps here
  - Nested item

> A quote.
> > A nested quote.

| Name | Note |
|------|------|
| 😀 cell | with \\| pipe |

```python
print("code is not prose")
```

    indented code is not prose

<div class="note">
HTML blocks are not prose.
</div>

***

Setext heading
--------------

# Second H1 is a heading

Claim with a note.[^n]

[^n]: The footnote text.

![only an image](pic.png)
"""


def test_blocks_and_kinds(tmp_path: Path) -> None:
    article = _md(tmp_path, DOCUMENT)
    assert article.text == DOCUMENT  # offsets point into the source itself
    got = [(article.prose(i).text, p.kind, p.level) for i, p in enumerate(article.paragraphs)]
    assert got == [
        ("The 😀 title", "title", 1),
        ("Intro paragraph with bold text.", "body", 0),
        ("Section 𝑥", "heading", 2),
        ("First item", "list-item", 1),
        ("Second item\nwraps here", "list-item", 1),
        ("Nested item", "list-item", 2),
        ("A quote.", "quote", 1),
        ("A nested quote.", "quote", 2),
        ("Name", "table-cell", 0),
        ("Note", "table-cell", 0),
        ("😀 cell", "table-cell", 0),
        ("with | pipe", "table-cell", 0),
        ("Setext heading", "heading", 2),
        ("Second H1 is a heading", "heading", 1),
        ("Claim with a note.", "body", 0),
        ("The footnote text.", "body", 0),
    ]
    starts = [p.start for p in article.paragraphs]
    assert starts == sorted(starts)
    everything = " ".join(_prose(article))
    for hidden in ("Front matter", "code is not prose", "HTML blocks", "only an image"):
        assert hidden not in everything


def test_heading_paragraph_is_its_text_in_the_source(tmp_path: Path) -> None:
    article = _md(tmp_path, "# Title here ##\n\nBody.\n")
    title = article.paragraphs[0]
    assert article.text[title.start : title.end] == "Title here"
    assert title.kind == "title"


@pytest.mark.parametrize(
    ("source", "prose"),
    [
        ("Some **bold**, *italic*, __u__ and _i_ text.", "Some bold, italic, u and i text."),
        ("Some ***both*** here.", "Some both here."),
        ("Call `make test` now.", f"Call {CODE_PLACEHOLDER} now."),
        ("`make` runs the tests.", f"{CODE_PLACEHOLDER.capitalize()} runs the tests."),
        ("It ends. `x` starts.", f"It ends. {CODE_PLACEHOLDER.capitalize()} starts."),
        ("Text with ``code ` tick`` inside.", f"Text with {CODE_PLACEHOLDER} inside."),
        ('Read [the guide](https://x.org/g "Guide") first.', "Read the guide first."),
        ("Read [the guide](<a b.html>) first.", "Read the guide first."),
        ("Read [the *guide*][g] first.\n\n[g]: https://x.org", "Read the guide first."),
        ("Read [g] first.\n\n[g]: https://x.org", "Read g first."),
        ("See ![a chart](c.png) below.", "See below."),
        ("![A chart](c.png) Caption follows.", "Caption follows."),
        ("Ends with a chart ![x](c.png)", "Ends with a chart"),
        ("Two  spaces stay ![x](c.png) here.", "Two  spaces stay here."),
        ("Go to <https://example.org> now.", f"Go to {URL_PLACEHOLDER} now."),
        ("Visit https://example.org/page, then leave.", f"Visit {URL_PLACEHOLDER}, then leave."),
        ("Tom &amp; Jerry &copy; 2024&#33;", "Tom & Jerry © 2024!"),
        ("A claim.[^1]\n\n[^1]: Source.", "A claim."),
        ("Press <kbd>Ctrl</kbd> now.", "Press Ctrl now."),
        ("Line one<br>line two.", "Line one line two."),
        ("An escaped \\*star\\* here.", "An escaped *star* here."),
        ("~~Old~~ new text.", "Old new text."),
        ("Wrapped line one\nline two.", "Wrapped line one\nline two."),
        ("Hard break  \nnext line.", "Hard break\nnext line."),
        ("Backslash break\\\nnext line.", "Backslash break\nnext line."),
        ("> Quoted line\n> continues here.", "Quoted line\ncontinues here."),
        ("> Quoted line\nlazy continuation.", "Quoted line\nlazy continuation."),
        ("1. First step\n   continues.", "First step\ncontinues."),
        ("- item\n\n  second paragraph of item", "item"),
        ("# Heading with `code` ##", f"Heading with {CODE_PLACEHOLDER}"),
        ("Unmatched *star and _underscore.", "Unmatched *star and _underscore."),
        ("Broken [link](no close", "Broken [link](no close"),
        ("Emoji 😀 **bold 𝑥** after 😀 end.", "Emoji 😀 bold 𝑥 after 😀 end."),
    ],
)
def test_inline_prose(tmp_path: Path, source: str, prose: str) -> None:
    article = _md(tmp_path, source + "\n")
    assert _prose(article)[0] == prose


def test_table_cells(tmp_path: Path) -> None:
    source = "| A *b* | `c` d |\n|---|---|\n| [e](f) | g \\| h |\n| | last |\n"
    article = _md(tmp_path, source)
    assert _prose(article) == ["A b", f"{CODE_PLACEHOLDER.capitalize()} d", "e", "g | h", "last"]
    assert {p.kind for p in article.paragraphs} == {"table-cell"}


def test_tables_inside_quotes_and_lists(tmp_path: Path) -> None:
    source = (
        "> | a *x* | b |\n> |---|---|\n> | c | d |\n\n"
        "- | e | f |\n  |---|---|\n  | g | h |\n\n"
        "1. > | i | j |\n   > |---|---|\n"
    )
    article = _md(tmp_path, source)
    assert _prose(article) == ["a x", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    for p in article.paragraphs:
        assert "|" not in article.text[p.start : p.end]


def test_astral_offsets_map_into_source(tmp_path: Path) -> None:
    source = "# 😀 T\n\n𝑥 **😀 The** [erorr](u) sits *here* 𝑥 😀.\n"
    article = _md(tmp_path, source)
    view = article.prose(1)
    assert view.text == "𝑥 😀 The erorr sits here 𝑥 😀."
    j = view.text.index("erorr")
    start, end = view.to_article(j, j + len("erorr"))
    assert article.text[start:end] == "erorr"
    assert start == source.index("erorr")
    k = view.text.index("here")
    assert view.to_article(k, k + 4) == (source.index("here"), source.index("here") + 4)


def test_crlf_source_normalised(tmp_path: Path) -> None:
    article = _md(tmp_path, "# Title\r\n\r\nBody *text*\r\nwraps.\r\n")
    assert "\r" not in article.text
    assert _prose(article) == ["Title", "Body text\nwraps."]


def test_tabs_and_odd_indentation(tmp_path: Path) -> None:
    source = "-\tTabbed item\n\tcontinued\n\n>\tTabbed quote\n\n  Indented *para*\n   again.\n"
    article = _md(tmp_path, source)
    texts = [t.replace("\t", " ") for t in _prose(article)]
    assert texts[0].split() == ["Tabbed", "item", "continued"]
    assert texts[1].split() == ["Tabbed", "quote"]
    assert texts[2] == "Indented para\nagain."


def test_utf16_markdown(tmp_path: Path) -> None:
    path = tmp_path / "w.md"
    path.write_bytes("# Caf\u00e9\n\nText.\n".encode("utf-16"))  # codec writes the BOM
    article = read_article(path)
    assert article.text == "# Caf\u00e9\n\nText.\n"
    assert _prose(article) == ["Caf\u00e9", "Text."]


_SNIPPETS = [
    "word", "Word", "😀", "𝑥", " ", " ", "  ", "\n", "\n\n", "*", "**", "_", "`", "``", "[", "]",
    "(", ")", "![", "<", ">", "&amp;", "&#x1F600;", "\\", "\\*", "#", "# ", "- ", "> ", "1. ",
    "|", "---", "~~", "http://x.io/a", "<b>", "</b>", "[^1]", "[a](b)", "[a][r]", "\t", "    ",
    "```", ".", ",", "é", "\\\n", "  \n", "<http://a.b>", "<a@b.co>", "&#", "`a\nb`",
    '[a](b "t")', '[a]( b\n "t" )', "\n> ", "\n- ", "\n  ", "\n    ", "&nbsp;", "***", "__",
    "[^1]: n", "\n===\n", "\n| a | b |\n|--|--|\n| c |", "<!-- c -->", "![i](u)", "![i][r]",
    "www.x.com", "(www.x.com)", "\u00a0", "\t- ",
]


def test_random_markdown_never_breaks_the_offset_map() -> None:
    rng = random.Random(1234)
    for _ in range(600):
        source = "".join(rng.choice(_SNIPPETS) for _ in range(rng.randint(1, 60)))
        source += "\n\n[r]: http://r.io\n"
        paragraphs = markdown_paragraphs(source)
        article = Article(text=source, paragraphs=paragraphs, format="md")
        assert prose_maps_back(article) == [], source
        for p in paragraphs:
            assert 0 <= p.start < p.end <= len(source), source
            for m in p.masks:
                assert p.start <= m.start <= m.end <= p.end, source
