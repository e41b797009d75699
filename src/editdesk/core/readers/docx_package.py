"""Opening a DOCX package defensively: the zip is checked before anything is
expanded, and XML parts are parsed with a hardened parser."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from editdesk.core.readers import limits
from editdesk.core.readers.docx_walk import W_NS, header_footer_ids
from editdesk.core.readers.errors import ReadError

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
ZIP_BOMB = "compressed content too large (possible zip bomb)"


@dataclass(frozen=True)
class DocxParts:
    document: etree._Element
    styles: etree._Element | None
    # The other stories' roots, in the order the article reads them: footnotes,
    # endnotes, then the headers and footers (see docx_walk.STORY_ORDER).
    notes: tuple[etree._Element, ...] = ()


def hardened_parser() -> etree.XMLParser:
    # remove_blank_text matches python-docx's own parser, so the exporter (which
    # opens the file with python-docx) sees the same runs and texts we do.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=True,
    )


def open_docx(path: Path, data: bytes) -> DocxParts:
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            path,
            "a password-protected or old-format Word file; save it as .docx without a password",
        )
    if not data.startswith(b"PK"):
        raise ReadError(path, "not a DOCX file (not a zip archive)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise ReadError(path, "corrupt DOCX (not a readable zip archive)") from None
    _check_sizes(path, infos)
    names = {i.filename for i in infos}
    main = _main_part(path, zf, names)
    if main not in names:
        raise ReadError(path, f"not a DOCX file (no {main} in the archive)")
    document = _parse_part(path, zf, main)
    if document.tag == f"{{{STRICT_W_NS}}}document":
        raise ReadError(
            path,
            "a Strict Open XML document (ISO/IEC 29500 Strict), which EditDesk does not read; "
            "save it as a Word Document (.docx, not Strict) and open that",
        )
    if document.tag != "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}document":
        raise ReadError(path, f"not a DOCX file ({main} is not a Word document)")
    styles_name = _related_part(path, zf, names, main, "/styles")
    styles = _parse_part(path, zf, styles_name) if styles_name else None
    notes = []
    for kind in ("footnotes", "endnotes"):
        name = _related_part(path, zf, names, main, f"/{kind}")
        if name:
            notes.append(_parse_part(path, zf, name))
    targets = _relationship_targets(path, zf, names, main)
    seen: set[str] = set()
    for rid in header_footer_ids(document):
        name = targets.get(rid)
        if name in names and name not in seen:
            seen.add(name)
            root = _parse_part(path, zf, name)
            if root.tag in (f"{{{W_NS}}}hdr", f"{{{W_NS}}}ftr"):
                notes.append(root)
    return DocxParts(document, styles, tuple(notes))


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise ReadError(path, f"too many parts in the archive ({len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.MAX_ZIP_TOTAL_UNCOMPRESSED or (
            info.file_size > limits.ZIP_RATIO_CHECK_FROM and ratio > limits.MAX_ZIP_RATIO
        ):
            raise ReadError(path, ZIP_BOMB)


def _read_member(path: Path, zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > limits.MAX_XML_PART:
        raise ReadError(
            path,
            f"{name} is too large ({limits.human_size(info.file_size)}; "
            f"limit {limits.human_size(limits.MAX_XML_PART)})",
        )
    try:
        with zf.open(info) as fh:
            # Never trust the declared size: read at most one byte past the limit.
            data = fh.read(limits.MAX_XML_PART + 1)
    except RuntimeError:
        raise ReadError(path, f"{name} is encrypted") from None
    except NotImplementedError:
        raise ReadError(path, f"{name} uses an unsupported compression method") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError(path, f"corrupt DOCX ({name}: {exc})") from None
    if len(data) > limits.MAX_XML_PART:
        raise ReadError(path, ZIP_BOMB)
    return data


def _parse_part(path: Path, zf: zipfile.ZipFile, name: str) -> etree._Element:
    data = _read_member(path, zf, name)
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"{name} is malformed or too large to parse safely ({exc})") from None
    except (ValueError, etree.LxmlError) as exc:
        raise ReadError(path, f"{name} cannot be parsed ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise ReadError(path, f"{name} declares a DTD, which DOCX does not allow")
    return root


def _main_part(path: Path, zf: zipfile.ZipFile, names: set[str]) -> str:
    found = _relationship_target(path, zf, names, "_rels/.rels", "", "/officeDocument")
    return found or "word/document.xml"


def _related_part(
    path: Path, zf: zipfile.ZipFile, names: set[str], part: str, type_suffix: str
) -> str | None:
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    target = _relationship_target(path, zf, names, rels, folder, type_suffix)
    return target if target in names else None


def _relationship_targets(
    path: Path, zf: zipfile.ZipFile, names: set[str], part: str
) -> dict[str, str]:
    """The internal relationships of ``part``: id -> part name."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return {}
    out = {}
    for rel in _parse_part(path, zf, rels).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        out[rel.get("Id") or ""] = (
            posixpath.normpath(target.lstrip("/"))
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
    return out


def _relationship_target(
    path: Path, zf: zipfile.ZipFile, names: set[str], rels: str, folder: str, type_suffix: str
) -> str | None:
    if rels not in names:
        return None
    root = _parse_part(path, zf, rels)
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        if (rel.get("Type") or "").endswith(type_suffix):
            target = rel.get("Target") or ""
            if target.startswith("/"):
                return posixpath.normpath(target.lstrip("/"))
            return posixpath.normpath(posixpath.join(folder, target))
    return None
