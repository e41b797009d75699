"""Safe auto-apply: what --accept-all-suggestions (and the app's Accept all) may change unseen.

The DOCX is built here with python-docx: names, code in a code style, inline code in a
character style and a monospaced font, numbered headings and lists, and two real slips.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from ooxml_checks import body_text, check_structure

from editdesk.cli import main
from editdesk.core.article import Article, Mask, Paragraph
from editdesk.core.findings import Finding, Severity
from editdesk.core.readers import read_article
from editdesk.core.safe_apply import safe_rules, safe_to_apply

CODE_LINE = "readDocx :: ReaderOptions -> ByteString -> PandocIO Pandoc"


def _finding(text: str, flagged: str, rule: str, replacement: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(flagged, start + 1)
    return Finding(rule, "x", "x", Severity.WARNING, "m", start, start + len(flagged),
                   (replacement,))


def article_docx(path: Path) -> Path:
    d = docx.Document()
    d.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    d.styles.add_style("Verbatim Char", WD_STYLE_TYPE.CHARACTER)
    d.add_heading("1. Trade between the neighbours", level=1)
    d.add_paragraph(
        "Sino-Russian trade rose by the the end of the year, said Anand Nair of Kotak."
    )
    d.add_paragraph("Figures  for 2023 were revised.")  # a doubled space
    d.add_heading("2. The converter", level=2)
    p = d.add_paragraph("Call ")
    p.add_run("readDocx").style = d.styles["Verbatim Char"]
    p.add_run(" first, then ")
    mono = p.add_run("writeHtml5String")
    mono.font.name = "Courier New"
    p.add_run(" on the result.")
    d.add_paragraph(CODE_LINE, style="Source Code")
    d.add_paragraph("1. Open the file.", style="List Number")
    d.save(str(path))
    return path


def test_code_in_a_docx_is_hidden_from_the_checkers(tmp_path: Path) -> None:
    article = read_article(article_docx(tmp_path / "a.docx"))
    code = next(p for p in article.paragraphs if article.text[p.start : p.end] == CODE_LINE)
    assert code.kind == "code"
    assert article.prose(article.paragraphs.index(code)).text == ""
    inline = next(i for i, p in enumerate(article.paragraphs)
                  if article.text[p.start : p.end].startswith("Call "))
    assert article.prose(inline).text == "Call code first, then code on the result."


def test_the_rule_list_is_data_with_reasons() -> None:
    rules = safe_rules()
    assert "house:repeated-word" in rules and "lt:WHITESPACE_RULE" in rules
    assert not any("MORFOLOGIK" in r for r in rules)
    assert all(reason.strip() for reason in rules.values())


def test_safe_to_apply_says_no_to_names_code_figures_and_unlisted_rules() -> None:
    text = "Call readDocx now. The the plan. 1. Open it. Nair  said it."
    code_at = text.index("readDocx")
    article = Article(
        text,
        (Paragraph(0, len(text), masks=(Mask(code_at, code_at + 8, "code"),)),),
    )
    assert safe_to_apply(_finding(text, "The the", "house:repeated-word", "The"), article)
    assert safe_to_apply(_finding(text, "  ", "lt:WHITESPACE_RULE", " "), article)
    # an unlisted rule, a spelling suggestion on a name, code, a figure
    assert not safe_to_apply(_finding(text, "plan", "lt:SOME_GRAMMAR", "plans"), article)
    assert not safe_to_apply(_finding(text, "Nair", "lt:MORFOLOGIK_RULE_EN_GB", "Hair"), article)
    assert not safe_to_apply(_finding(text, "readDocx", "house:preferred-terms", "Deadlock"),
                             article)
    assert not safe_to_apply(_finding(text, "1", "house:preferred-terms", "One"), article)
    # no replacement at all
    bare = Finding("house:repeated-word", "x", "x", Severity.ERROR, "m", 0, 4)
    assert not safe_to_apply(bare, article)


def test_list_numbering_is_never_changed() -> None:
    text = "1. Open the the file."
    article = Article(text, (Paragraph(0, len(text), kind="list-item"),))
    assert not safe_to_apply(_finding(text, "1. ", "lt:WHITESPACE_RULE", "1."), article)
    assert safe_to_apply(_finding(text, "the the", "house:repeated-word", "the"), article)


@pytest.mark.integration
def test_accept_all_on_a_docx_with_names_code_and_numbered_headings(
    tmp_path: Path, lt_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    src = article_docx(tmp_path / "article.docx")
    original = read_article(src).text
    out = tmp_path / "out.docx"
    argv = ["export", str(src), "--server", lt_url, "-o", str(out), "--accept-all-suggestions"]
    assert main(argv) == 0
    xml = check_structure(out)
    body = xml["word/document.xml"]
    assert body_text(body, accepted=False) == original
    accepted = body_text(body, accepted=True)
    # The slips are fixed ...
    assert "rose by the end of the year" in accepted
    assert "Figures for 2023" in accepted
    # ... and nothing else: names, code, headings and list numbers are as written.
    expected = original.replace("the the end", "the end").replace("Figures  for", "Figures for")
    assert accepted == expected
    for kept in ("Sino-Russian", "Anand Nair of Kotak", CODE_LINE, "readDocx",
                 "writeHtml5String", "1. Trade between", "2. The converter", "1. Open the file."):
        assert kept in accepted, kept
