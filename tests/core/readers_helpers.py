"""Shared helpers for the reader tests: building inputs and checking invariants."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from editdesk.core.article import Article


def prose_maps_back(article: Article) -> list[str]:
    """Problems with the prose views: every prose character that did not come
    from a mask's replacement must be the article character its offset names."""
    problems = []
    for i, para in enumerate(article.paragraphs):
        view = article.prose(i)
        assert len(view.offsets) == len(view.text) + 1
        replaced = {m.start for m in para.masks if m.replacement}
        for j, ch in enumerate(view.text):
            off = view.offsets[j]
            if off in replaced:
                continue
            if article.text[off] != ch:
                problems.append(f"paragraph {i} char {j}: {ch!r} != text[{off}]")
        if list(view.offsets) != sorted(view.offsets):
            problems.append(f"paragraph {i}: offsets not in order")
    return problems


@contextmanager
def untouched(path: Path) -> Iterator[None]:
    """Assert that the block neither changes ``path`` nor creates anything beside it."""
    folder = path.parent
    before_listing = sorted(p.name for p in folder.iterdir())
    st = path.stat() if path.is_file() else None
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if st else None
    yield
    assert sorted(p.name for p in folder.iterdir()) == before_listing
    if st is not None:
        after = path.stat()
        assert (after.st_mtime_ns, after.st_size) == (st.st_mtime_ns, st.st_size)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """A real ``w:hyperlink`` (python-docx has no API for it)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to the paragraph."""
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "101")
    ins.set(qn("w:author"), "Tester")
    ins.set(qn("w:date"), "2024-01-01T00:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = inserted
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    ins.append(r)
    paragraph._p.append(ins)
    dele = OxmlElement("w:del")
    dele.set(qn("w:id"), "102")
    dele.set(qn("w:author"), "Tester")
    dele.set(qn("w:date"), "2024-01-01T00:00:00Z")
    r = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = deleted
    dt.set(qn("xml:space"), "preserve")
    r.append(dt)
    dele.append(r)
    paragraph._p.append(dele)


def build_docx(path: Path, build: Callable | None = None) -> Path:
    doc = Document()
    if build is not None:
        build(doc)
    else:
        doc.add_paragraph("Plain body text.")
    doc.save(str(path))
    return path
