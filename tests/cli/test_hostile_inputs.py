"""Hostile inputs through every surface that reads an article: ``editdesk check``,
``editdesk export``, the DOCX import (``import_review``) and the app's reader
(``ReviewSession.open``). Each either works or says why in one line naming the
file; never a traceback, never a hang, never a file written beside the input,
never an entity expanded or an outside file read into the output."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from editdesk.cli import main

pytestmark = pytest.mark.integration

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECRET = "TOP-SECRET-7f3a"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override '
        'PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments'
        '+xml"/><Override PartName="/docProps/core.xml" ContentType="application/'
        'vnd.openxmlformats-package.core-properties+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.'
        'openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'
    ),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>'
    ),
    "word/document.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
        "<w:p><w:r><w:t>The council met on Tuesday.</w:t></w:r></w:p>"
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>It agreed the budget.</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
        "</w:body></w:document>"
    ),
    "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}"/>',
    "word/comments.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W}"><w:comment w:id="0" '
        'w:author="Ana" w:date="2026-01-01T00:00:00Z"><w:p><w:r><w:t>Source?</w:t></w:r></w:p>'
        "</w:comment></w:comments>"
    ),
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/'
        'dc/elements/1.1/"><dc:title>Story</dc:title></cp:coreProperties>'
    ),
}


def docx(path: Path, parts: dict[str, str | bytes], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {**parts, **(extra or {})}.items():
            z.writestr(name, data)
    return path


def with_doctype(xml: str, doctype: str) -> str:
    decl, _, rest = xml.partition("?>")
    return f"{decl}?>{doctype}{rest}"


def laughs(root: str) -> str:
    """The billion laughs: &l9; expands to 10**9 "lol"s."""
    ents = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(ents)}]>"


def root_tag(xml: str) -> str:
    body = xml.partition("?>")[2].lstrip()
    return body[1:].split()[0].rstrip(">/")


def hostile_docx_parts(kind: str, part: str, secret: Path) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = dict(PARTS)
    xml = PARTS[part]
    tag = root_tag(xml)
    if kind == "laughs":
        doctype = laughs(tag)
        ref = "&l9;"
    else:
        doctype = f'<!DOCTYPE {tag} [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        ref = "&xxe;"
    xml = with_doctype(xml, doctype)
    # use the entity where text may stand
    xml = xml.replace("The council met", f"The council {ref} met", 1)
    xml = xml.replace("<dc:title>Story", f"<dc:title>{ref}", 1)
    xml = xml.replace("Source?", f"Source {ref}?", 1)
    parts[part] = xml
    return parts


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in PARTS.items():
            if name != "word/document.xml":
                z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(PARTS["word/document.xml"].encode().replace(b"</w:body>", b""))
            chunk = b" " * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def build_inputs(folder: Path, secret: Path) -> dict[str, Callable[[], Path]]:
    def txt(name: str, data: bytes) -> Callable[[], Path]:
        def make() -> Path:
            p = folder / name
            p.write_bytes(data)
            return p
        return make

    builders: dict[str, Callable[[], Path]] = {
        "nul.txt": txt("nul.txt", b"Some text\x00with a NUL.\n"),
        "lone-surrogate-utf8.txt": txt("ls.txt", b"Bad \xed\xa0\x80 surrogate.\n"),
        "lone-surrogate-utf16.md": txt("ls16.md", b"\xff\xfe" + "Bad ".encode("utf-16-le")
                                       + b"\x00\xd8" + " x.\n".encode("utf-16-le")),
        "crlf.md": txt("crlf.md", b"# Title\r\n\r\nThe the council met.\r\n\r\nIt agreed.\r\n"),
        "mixed.txt": txt("mixed.txt", b"Headline\r\n\r\nThe the council met.\n\nIt agreed.\r"
                         b"\rA third paragraph.\n"),
        "control-chars.txt": txt("ctl.txt", b"Text \x1b[31m with escapes \x07.\n"),
        "zip-bomb.docx": lambda: zip_bomb(folder / "bomb.docx"),
        "path-traversal-member.docx": lambda: docx(
            folder / "trav.docx", PARTS, {"../../evil.txt": b"x", "/abs/evil.txt": b"y"}),
        "rels-target-outside.docx": lambda: docx(folder / "relout.docx", {
            **PARTS, "_rels/.rels": PARTS["_rels/.rels"].replace(
                'Target="word/document.xml"', f'Target="../../../../..{secret}"')}),
        "nul-in-xml.docx": lambda: docx(folder / "nulxml.docx", {
            **PARTS, "word/document.xml": PARTS["word/document.xml"].replace(
                "Tuesday", "Tues\x00day")}),
        "surrogate-charref.docx": lambda: docx(folder / "surr.docx", {
            **PARTS, "word/document.xml": PARTS["word/document.xml"].replace(
                "Tuesday", "Tues&#xD800;day")}),
    }
    for part in PARTS:
        for kind in ("laughs", "xxe"):
            slug = part.replace("/", "_").replace("[", "").replace("]", "")
            name = f"{kind}-{slug}.docx"
            builders[name] = (lambda kind=kind, part=part, name=name: docx(
                folder / name, hostile_docx_parts(kind, part, secret)))

    def symlink_to(target: Path, name: str) -> Callable[[], Path]:
        def make() -> Path:
            p = folder / name
            p.symlink_to(target)
            return p
        return make

    def fifo() -> Path:
        p = folder / "pipe.txt"
        os.mkfifo(p)
        return p

    builders["fifo.txt"] = fifo
    builders["symlink-to-dev-zero.txt"] = symlink_to(Path("/dev/zero"), "zero.txt")
    builders["symlink-loop.md"] = symlink_to(folder / "loop.md", "loop.md")
    builders["dangling-symlink.docx"] = symlink_to(folder / "nowhere.docx", "dangling.docx")
    builders["directory.txt"] = lambda: (folder / "dir.txt").mkdir() or folder / "dir.txt"
    return builders


CASES = sorted(build_inputs(Path("/x"), Path("/s")))


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for p in folder.iterdir():
        st = p.lstat()
        out[p.name] = (st.st_mtime_ns, st.st_size)
    return out


def assert_one_line_or_none(err: str, path: Path) -> None:
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip() and "note:" not in ln]
    assert len(lines) <= 1, err
    if lines:
        assert str(path) in lines[0] or path.name in lines[0], err


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_through_every_surface(tmp_path, capsys, monkeypatch, lt_url, case):
    monkeypatch.setenv("EDITDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    path = build_inputs(folder, secret)[case]()
    before = listing(folder)

    # editdesk check
    code = main(["check", str(path), "--server", lt_url, "--format", "json", "--no-cache",
                 "--fail-on", "never"])
    out, err = capsys.readouterr()
    if path.is_dir():  # a folder argument: recursed, and holding no article, a usage error
        assert code == 2 and "no .txt, .md or .docx files found" in err
    else:
        assert code in (0, 3), err
        assert_one_line_or_none(err, path)
        assert (code == 3) == any("error" in ln for ln in err.splitlines()), err
    assert SECRET not in out and "lollol" not in out

    # editdesk export (to another folder)
    target = out_dir / "review.docx"
    code = main(["export", str(path), "-o", str(target), "--findings", "none"])
    out, err = capsys.readouterr()
    assert code in (0, 3), err
    assert_one_line_or_none(err, path)
    if code == 0:
        with zipfile.ZipFile(target) as z:
            blob = b"".join(z.read(n) for n in z.namelist())
        assert SECRET.encode() not in blob and b"lollollol" not in blob
    else:
        assert not target.exists()

    # the DOCX import, as the app runs it on a .docx without a review file
    if path.suffix == ".docx" and path.is_file():
        from editdesk.export import import_review

        try:
            review = import_review(path)
        except (ValueError, OSError) as exc:
            assert "\n" not in str(exc) and "Traceback" not in str(exc)
        else:
            if review is not None:
                assert SECRET not in review.text and "lollollol" not in review.text
                assert all(SECRET not in c.text for c in review.comments)

    # the app's reader
    from editdesk.service.opening import OpenError
    from editdesk.service.review_session import ReviewSession

    try:
        session, warning = ReviewSession.open(path)
    except OpenError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
    else:
        assert "\n" not in warning
        assert SECRET not in session.review.text and "lollollol" not in session.review.text

    assert listing(folder) == before  # nothing written beside (or to) the input
    assert sorted(p.name for p in out_dir.iterdir()) in ([], ["review.docx"])
    assert not (tmp_path / "evil.txt").exists() and not Path("/abs/evil.txt").exists()
    capsys.readouterr()


def test_the_cases_cover_every_part_and_kind():
    for part in PARTS:
        slug = part.replace("/", "_").replace("[", "").replace("]", "")
        assert f"laughs-{slug}.docx" in CASES and f"xxe-{slug}.docx" in CASES
