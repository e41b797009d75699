"""Offsets in the JSON and SARIF reports index the file as read: CRLF counts two,
a lone CR one, astral characters one code point each; a consumer slices the
decoded file (newlines untranslated) with them and gets the finding's text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from editdesk.cli import main
from editdesk.core.article import Article
from editdesk.core.readers.decode import newline_positions, normalise_newlines

pytestmark = pytest.mark.integration

PARAGRAPHS = [
    "Storm Clears Coast Road",
    "The the council said it could of acted sooner. \U0001f600 Their was no warning.",
    "Residents 𝑥 said there was alot of damage, and the the road was closed.",
    "A spokesman said: \"We recieved many calls.\" It was was a long night.",
]


def layouts() -> dict[str, str]:
    return {
        "crlf": "\r\n\r\n".join(PARAGRAPHS) + "\r\n",
        "mixed": PARAGRAPHS[0] + "\r\n\r\n" + PARAGRAPHS[1] + "\n\n" + PARAGRAPHS[2]
        + "\r\rline two of it\r\n" + PARAGRAPHS[3] + "\n",
        "lf": "\n\n".join(PARAGRAPHS) + "\n",
    }


def source_of(path: Path, encoding: str) -> str:
    """What a consumer reads: the decoded file, newlines untranslated."""
    return path.read_bytes().decode(encoding)


@pytest.mark.parametrize("layout", ["crlf", "mixed", "lf"])
@pytest.mark.parametrize(("suffix", "encoding"), [(".txt", "utf-8"), (".md", "utf-8"),
                                                  (".txt", "utf-16")])
def test_json_and_sarif_offsets_slice_the_file(tmp_path, capsys, lt_url, layout, suffix,
                                                encoding):
    text = layouts()[layout]
    path = tmp_path / f"story{suffix}"
    path.write_bytes(text.encode(encoding))  # utf-16 writes a BOM, which is not text
    assert main(["check", str(path), "--server", lt_url, "--format", "json",
                 "--fail-on", "never", "--no-cache"]) == 0
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    source = source_of(path, encoding)
    assert source == text
    lines = re.split(r"\r\n|\r|\n", source)
    past_first_newline = 0
    for f in findings:
        assert source[f["start"] : f["end"]] == f["text"], f
        line = lines[f["line"] - 1]
        assert line[f["column"] - 1 :].startswith(f["text"].splitlines()[0] if f["text"] else "")
        past_first_newline += f["start"] > source.index("\n")
    assert past_first_newline >= 5  # the CRLFs before them were counted

    assert main(["check", str(path), "--server", lt_url, "--format", "sarif",
                 "--fail-on", "never", "--no-cache"]) == 0
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert len(regions) == len(findings)
    for region in regions:
        start, length = region["charOffset"], region["charLength"]
        assert source[start : start + length] == region["snippet"]["text"]


@pytest.mark.parametrize("text", list(layouts().values()), ids=list(layouts()))
def test_source_offset_and_source_text_agree_with_the_file(text):
    normal = normalise_newlines(text)
    crlf, lone_cr = newline_positions(text)
    article = Article(text=normal, paragraphs=(), crlf=crlf, lone_cr=lone_cr)
    for start in range(len(normal) + 1):
        for end in (start, min(start + 1, len(normal)), min(start + 7, len(normal))):
            s, e = article.source_offset(start), article.source_offset(end)
            assert normalise_newlines(text[s:e]) == normal[start:end]
            assert article.source_text(start, end) == text[s:e]
