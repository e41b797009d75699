"""Every part EditDesk writes is valid against the ECMA-376 transitional
schemas (and the review part against EditDesk's own), over the built corpus,
.txt and .md exports, a summary page and an export of an export."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_corpus import BUILDERS
from lxml import etree
from ooxml_schema import invalid_parts, jar
from test_corpus_round_trip import export_case
from test_headers_footers import export_headers_case

from editdesk.core.paths import resource
from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx
from editdesk.export.review_part import NS

pytestmark = pytest.mark.skipif(
    not jar().is_file(), reason=f"{jar().name} not in the cache (make setup fetches it)"
)


@pytest.fixture(scope="module")
def xsd_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ooxml-xsd")


def _review_part_valid(path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(resource("schemas/editdesk-review-2.xsd"))))
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("customXml/item") and "Props" not in name:
                root = etree.fromstring(z.read(name))
                if root.tag == f"{{{NS}}}review":
                    schema.assertValid(root)
                    return
    raise AssertionError("no review part")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_corpus_exports_are_schema_valid(tmp_path: Path, xsd_folder: Path, name: str) -> None:
    src, out, _ = export_case(tmp_path, name)
    assert invalid_parts(out, xsd_folder, src) == {}
    _review_part_valid(out)
    again = tmp_path / "again.docx"
    export_docx(read_article(out), None, [], again, summary_page=True)
    assert invalid_parts(again, xsd_folder, src) == {}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_new_documents_are_schema_valid(tmp_path: Path, xsd_folder: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text(
        "# Harbour Report\n\nThe *colour* of the [wall](https://example.org) was discussed.\n\n"
        "- one item\n- two items\n\n| a | b |\n|---|---|\n| c | d |\n",
        encoding="utf-8",
    )
    article = read_article(path)
    edited = article.text.replace("discussed", "debated")
    review = Review(str(path), article.text, edited, sha256_text(article.text))
    out = tmp_path / "a.docx"
    export_docx(article, review, [], out, summary_page=True, author="Ed Itor")
    assert invalid_parts(out, xsd_folder) == {}
    _review_part_valid(out)


def test_marked_up_header_and_footer_parts_are_schema_valid(
    tmp_path: Path, xsd_folder: Path
) -> None:
    src, out, _ = export_headers_case(tmp_path)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.read("word/footer1.xml") != b.read("word/footer1.xml")  # marked up
    assert invalid_parts(out, xsd_folder, src) == {}


def test_the_check_can_fail(tmp_path: Path, xsd_folder: Path) -> None:
    src = BUILDERS["tables-numbering"](tmp_path / "t.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><w:bogus/>", 1)
            zout.writestr(item, data)
    assert "word/document.xml" in invalid_parts(bad, xsd_folder)
