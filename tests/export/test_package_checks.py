"""docProps/core.xml, commentsExtended and commentsIds, as EditDesk writes them,
pass the checks of package_checks.py (no reachable XSD covers them), and those
checks fail on broken parts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_corpus import BUILDERS
from package_checks import comment_extension_problems, core_problems
from test_corpus_round_trip import export_case

from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_corpus_exports_pass(tmp_path: Path, name: str) -> None:
    _, out, _ = export_case(tmp_path, name)
    assert core_problems(out) == []
    assert comment_extension_problems(out) == []
    again = tmp_path / "again.docx"
    export_docx(read_article(out), None, [], again, summary_page=True)
    assert core_problems(again) == []
    assert comment_extension_problems(again) == []


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_new_documents_pass(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text("Harbour Report\n\nThe colour of the wall was discussed.\n", encoding="utf-8")
    article = read_article(path)
    edited = article.text.replace("discussed", "debated")
    out = tmp_path / "a.docx"
    export_docx(article, Review(str(path), article.text, edited, sha256_text(article.text)), [],
                out, summary_page=True, author="Ed Itor")
    assert core_problems(out) == []
    assert comment_extension_problems(out) == []


def _broken(src: Path, dst: Path, name: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == name:
                assert old in data, (name, old)
                data = data.replace(old, new, 1)
            zout.writestr(item, data)
    return dst


CORE_BREAKS = {
    "twice": (b"<cp:revision>", b"<cp:revision>1</cp:revision><cp:revision>", "more than once"),
    "bad date": (b'W3CDTF">20', b'W3CDTF">yesterday 20', "not a W3CDTF date"),
    "refinement": (b"<cp:revision>", b'<cp:revision xsi:type="dcterms:W3CDTF">',
                   "is not allowed"),
    "unknown": (b"<cp:revision>", b"<cp:mood>calm</cp:mood><cp:revision>", "unknown element"),
    "lang": (b"<cp:revision>", b'<cp:revision xml:lang="en">', "xml:lang"),
}


@pytest.mark.parametrize("case", sorted(CORE_BREAKS))
def test_the_core_check_fails_on_a_broken_part(tmp_path: Path, case: str) -> None:
    _, out, _ = export_case(tmp_path, "tables-numbering")
    old, new, said = CORE_BREAKS[case]
    bad = _broken(out, tmp_path / "bad.docx", "docProps/core.xml", old, new)
    problems = core_problems(bad)
    assert any(said in p for p in problems), problems


EXTENSION_BREAKS = {
    "dangling parent": ("word/commentsExtended.xml", b'w15:done="',
                        b'w15:paraIdParent="0000ABCD" w15:done="', "is not another comment"),
    "done": ("word/commentsExtended.xml", b'w15:done="0"', b'w15:done="2"', "done is"),
    "not hex": ("word/commentsExtended.xml", b'w15:paraId="', b'w15:paraId="Z', "8-digit hex"),
    "stray commentId": ("word/commentsIds.xml", b"</w16cid:commentsIds>",
                      b'<w16cid:commentId w16cid:paraId="00000001" w16cid:durableId="3A5A5A59"/>'
                      b"</w16cid:commentsIds>", "no comment's last paragraph"),
    "no relationship": ("word/_rels/document.xml.rels", b"relationships/commentsExtended",
                        b"relationships/commentsExtendedX", "no commentsExtended relationship"),
}


@pytest.mark.parametrize("case", sorted(EXTENSION_BREAKS))
def test_the_comment_extension_check_fails_on_a_broken_part(tmp_path: Path, case: str) -> None:
    _, out, _ = export_case(tmp_path, "tables-numbering")
    name, old, new, said = EXTENSION_BREAKS[case]
    bad = _broken(out, tmp_path / "bad.docx", name, old, new)
    problems = comment_extension_problems(bad)
    assert any(said in p for p in problems), problems
