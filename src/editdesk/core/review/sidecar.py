"""The review's sidecar file: ``<article file name>.editdesk.json`` beside the article.

Format: one JSON object, ``{"schema": "editdesk.review/1", ...}`` holding every
field of the review, including the original text the review started from (the
DOCX export computes tracked changes against it) and its SHA-256.

Safety rules:

- The article file is never written; only the sidecar is.
- Saving is atomic: a temp file in the same folder, flushed and fsynced, then
  ``os.replace`` over the sidecar and an fsync of the folder. A crash leaves
  either the old sidecar or the new one; a temp file left by a killed save is
  removed by the next save (see ``locking``).
- Every save reads, compares and replaces under the sidecar's lock, so no
  writer's update is lost: a sidecar written by someone else since this review
  was read is merged with it (``merge``), or the save refuses in one line.
- A sidecar names its article (file name) and holds the hash of the text it
  was made on; one made for another file with other text is refused on load.
- A sidecar that cannot be read (bad JSON, wrong shape, hash mismatch, or a
  newer schema version) is never overwritten silently: ``load_review`` raises
  :class:`SidecarError` and ``save_review`` refuses to write over it unless the
  caller passes ``replace_unreadable=True``, which first renames it to
  ``<sidecar>.corrupt-<UTC time>`` (kept, reported by path) and then writes.
- A sidecar that changed since the review was read from it (another window,
  ``editdesk signoff``) is not overwritten either, unless the caller passes
  ``overwrite_changed=True``: reload, so no sign-off or comment is lost.
- When the article changed on disk since the review (its hash differs from the
  one stored), ``load_review`` moves the review onto the new text (see
  ``rebase``); the caller learns it from ``Review.rebased_on_load``. The hash
  stored is ``original``'s, or ``article_sha256`` for a review imported from a
  DOCX whose pending tracked changes it holds as edits (the file reads with
  them accepted, so its text is not ``original`` though it did not change).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editdesk import __version__
from editdesk.core.findings import Finding, Severity
from editdesk.core.review.errors import SidecarError
from editdesk.core.review.locking import remove_stale_temps, sidecar_lock, temp_prefix
from editdesk.core.review.merge import MergeConflict, merge_reviews
from editdesk.core.review.model import (
    Anchor,
    Comment,
    Decision,
    DetachedEdit,
    FindingState,
    Rebase,
    Reply,
    Review,
    SignOff,
    sha256_text,
)
from editdesk.core.review.rebase import rebase

if TYPE_CHECKING:
    from editdesk.core.article import Article

SCHEMA_NAME = "editdesk.review"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
SUFFIX = ".editdesk.json"


def sidecar_path(article_path: Path | str) -> Path:
    path = Path(article_path)
    return path.with_name(path.name + SUFFIX)


# ---- loading -----------------------------------------------------------------


def load_review(article_path: Path | str, article: Article) -> Review:
    """The review of ``article`` (read from ``article_path``): from its sidecar, or new.

    Raises SidecarError (one line, naming the sidecar) if the sidecar cannot be
    read, or belongs to another article; it is left untouched.
    """
    path = sidecar_path(article_path)
    if not path.exists():
        review = Review.for_article(article, str(article_path))
        review.sidecar_base = review_to_dict(review)
        return review
    review = read_sidecar(path)
    _check_belongs(path, review, Path(article_path).name, article)
    review.article_path = str(article_path)
    if review.read_as_sha256 != article.sha256:
        review.rebased_on_load = rebase(review, article.text)
    return review


def _check_belongs(path: Path, review: Review, name: str, article: Article) -> None:
    """A sidecar names its article and holds the hash of the text it was made on:
    one recorded for another file name whose text is not this file's either was
    copied from another article, and adopting it would carry that article's
    sign-offs and comments into this one."""
    recorded = review.article_path
    if not recorded or recorded == name:
        return
    if article.sha256 in (review.original_sha256, review.text_sha256, review.article_sha256):
        return  # the same text under a new name: renamed or copied with its review
    raise SidecarError(
        path,
        f"belongs to another article ({recorded!r}, whose text differs from {name!r}); "
        "move it away to start a new review; left untouched",
    )


def read_sidecar(path: Path, raw: bytes | None = None) -> Review:
    """``raw``: the file's bytes when the caller has read them already."""
    data, digest = _read_json(path, raw)
    try:
        review = review_from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"not a valid EditDesk review ({_describe(exc)}); left untouched"
        raise SidecarError(path, reason) from None
    if sha256_text(review.original) != review.original_sha256:
        raise SidecarError(path, "original text does not match its stored hash; left untouched")
    review.sidecar_sha256 = digest
    review.sidecar_base = review_to_dict(review)
    return review


def _read_json(path: Path, raw: bytes | None = None) -> tuple[dict[str, Any], str]:
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SidecarError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SidecarError(path, "not UTF-8 text; left untouched") from None
    except json.JSONDecodeError as exc:
        raise SidecarError(
            path, f"not valid JSON (line {exc.lineno}: {exc.msg}); left untouched"
        ) from None
    except RecursionError:
        raise SidecarError(
            path, "not an EditDesk review (JSON nested too deeply); left untouched"
        ) from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise SidecarError(path, f"not valid JSON ({_describe(exc)}); left untouched") from None
    if not isinstance(data, dict):
        raise SidecarError(path, "not an EditDesk review (no JSON object); left untouched")
    _check_schema(path, data.get("schema"))
    return data, hashlib.sha256(raw).hexdigest()


def _check_schema(path: Path, schema: object) -> None:
    name, _, version = str(schema).partition("/")
    if name != SCHEMA_NAME or not version.isdigit():
        raise SidecarError(path, f"not an EditDesk review (schema {schema!r}); left untouched")
    if int(version) > SCHEMA_VERSION:
        raise SidecarError(
            path,
            f"written by a newer EditDesk (schema {schema}, this one reads {SCHEMA}); "
            "upgrade EditDesk to open it; left untouched",
        )


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


# ---- saving ------------------------------------------------------------------


def save_review(
    review: Review,
    article_path: Path | str,
    *,
    replace_unreadable: bool = False,
    overwrite_changed: bool = False,
) -> Path:
    """Write the sidecar atomically, under its lock; returns its path.

    When someone else wrote the sidecar since this review was read from it,
    the two are merged (see ``merge``) and ``review`` becomes the merged review.
    Raises SidecarError instead of writing when the sidecar there
    - cannot be read: unless ``replace_unreadable``, which first keeps it as
      ``<sidecar>.corrupt-<time>``;
    - changed since this review was read in a way that conflicts with it, or
      appeared although this review was not started by ``load_review``:
      unless ``overwrite_changed``;
    - stays locked by another writer for ``LOCK_TIMEOUT_S``.
    """
    return save_review_merging(
        review, article_path,
        replace_unreadable=replace_unreadable, overwrite_changed=overwrite_changed,
    )[0]


def save_review_merging(
    review: Review,
    article_path: Path | str,
    *,
    replace_unreadable: bool = False,
    overwrite_changed: bool = False,
) -> tuple[Path, bool]:
    """``save_review``, also saying whether the review was merged with a sidecar someone
    else wrote (the app then shows the merged review)."""
    path = sidecar_path(article_path)
    with sidecar_lock(path):
        remove_stale_temps(path, locked=True)
        body, merged = _body_to_write(review, path, replace_unreadable, overwrite_changed)
        try:
            data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: escaped, so the file stays valid UTF-8
            data = json.dumps(body, ensure_ascii=True, indent=1).encode("ascii")
        write_atomic(path, data)
    review.sidecar_sha256 = hashlib.sha256(data).hexdigest()
    review.sidecar_base = body
    return path, merged


def _body_to_write(
    review: Review, path: Path, replace_unreadable: bool, overwrite_changed: bool
) -> tuple[dict[str, Any], bool]:
    """What to write (the lock is held), and whether it is a merge: ours, or ours merged
    with what is on disk."""
    ours = review_to_dict(review)
    if not path.exists():
        return ours, False
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None  # read_sidecar says why
    if raw is not None and hashlib.sha256(raw).hexdigest() == review.sidecar_sha256:
        return ours, False  # unchanged since this review read or wrote it: nothing to merge
    try:
        on_disk = read_sidecar(path, raw)
    except SidecarError as exc:
        if not replace_unreadable:
            raise SidecarError(
                path, f"{exc.reason.removesuffix('; left untouched')}; refusing to overwrite it"
            ) from None
        set_aside(path)
        return ours, False
    if overwrite_changed:
        return ours, False
    changed = (
        "changed on disk since this review was loaded (another EditDesk window or command "
        "wrote it)"
    )
    if review.sidecar_base is None:
        raise SidecarError(path, f"{changed}; reload it before saving, so nothing is lost")
    theirs = on_disk.sidecar_base or {}
    try:
        merged = merge_reviews(review.sidecar_base, ours, theirs)
        merged_review = review_from_dict(merged)
    except MergeConflict as exc:
        raise SidecarError(
            path,
            f"{changed} and both changed {exc.field.replace('_', ' ')}; "
            "reload it before saving, so nothing is lost",
        ) from None
    for f in fields(Review):
        if f.compare and f.name != "article_path":
            setattr(review, f.name, getattr(merged_review, f.name))
    return merged, merged != ours


def set_aside(path: Path) -> Path:
    """Rename an unreadable sidecar to ``<name>.corrupt-<UTC time>``; returns the new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    _fsync_dir(path.parent)
    return target


def write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _copy_mode(existing: Path, tmp: Path) -> None:
    # mkstemp creates 0600; keep the old sidecar's mode, else the umask default.
    try:
        mode = existing.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---- (de)serialisation ---------------------------------------------------------

_TRANSIENT = ("rebased_on_load", "sidecar_sha256", "sidecar_base")


def review_to_dict(review: Review) -> dict[str, Any]:
    body = asdict(review)
    for name in _TRANSIENT:
        body.pop(name, None)
    body["article"] = Path(review.article_path).name
    del body["article_path"]
    return {"schema": SCHEMA, "written_by": f"editdesk {__version__}", **body}


def review_from_dict(data: dict[str, Any]) -> Review:
    return Review(
        article_path=str(data.get("article", "")),
        original=_str(data["original"]),
        text=_str(data["text"]),
        original_sha256=_str(data["original_sha256"]),
        findings=[_finding_state(d) for d in data.get("findings", [])],
        comments=[_comment(d) for d in data.get("comments", [])],
        signoffs=[_signoff(d) for d in data.get("signoffs", [])],
        ignored_rules=[_str(r) for r in data.get("ignored_rules", [])],
        accepted_words=[_str(w) for w in data.get("accepted_words", [])],
        edit_authors=[(_str(a), _str(t)) for a, t in data.get("edit_authors", [])],
        created=_str(data.get("created", "")),
        updated=_str(data.get("updated", "")),
        checked_sha256=_str(data.get("checked_sha256", "")),
        checked_with=[_str(s) for s in data.get("checked_with", [])],
        dormant=[_finding_state(d) for d in data.get("dormant", [])],
        rebases=[_rebase(d) for d in data.get("rebases", [])],
        article_sha256=_str(data.get("article_sha256", "")),
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {type(value).__name__}")
    return value


def _finding(d: dict[str, Any]) -> Finding:
    return Finding(
        id=_str(d["id"]),
        source=_str(d["source"]),
        category=_str(d["category"]),
        severity=Severity.parse(d["severity"]),
        message=_str(d["message"]),
        start=_int(d["start"]),
        end=_int(d["end"]),
        replacements=tuple(_str(r) for r in d.get("replacements", ())),
        fingerprint=_str(d.get("fingerprint", "")),
        url=_opt_str(d.get("url")),
    )


def _finding_state(d: dict[str, Any]) -> FindingState:
    return FindingState(
        finding=_finding(d["finding"]),
        decision=Decision(d.get("decision", "open")),
        replacement=_opt_str(d.get("replacement")),
        by=_opt_str(d.get("by")),
        at=_opt_str(d.get("at")),
        stale=bool(d.get("stale", False)),
        original_text=_opt_str(d.get("original_text")),
    )


def _anchor(d: dict[str, Any]) -> Anchor:
    return Anchor(
        start=_int(d["start"]),
        end=_int(d["end"]),
        quote=_str(d["quote"]),
        prefix=_str(d.get("prefix", "")),
        suffix=_str(d.get("suffix", "")),
        detached=bool(d.get("detached", False)),
    )


def _comment(d: dict[str, Any]) -> Comment:
    return Comment(
        id=_str(d["id"]),
        anchor=_anchor(d["anchor"]),
        author=_str(d["author"]),
        at=_str(d["at"]),
        text=_str(d["text"]),
        replies=[Reply(_str(r["author"]), _str(r["at"]), _str(r["text"])) for r in
                 d.get("replies", [])],
        resolved=bool(d.get("resolved", False)),
    )


def _signoff(d: dict[str, Any]) -> SignOff:
    return SignOff(
        editor=_str(d["editor"]),
        role=_str(d["role"]),
        decision=_str(d["decision"]),
        note=_str(d["note"]),
        at=_str(d["at"]),
        text_sha256=_str(d["text_sha256"]),
        style_hash=_str(d["style_hash"]),
        open_findings={_str(k): _int(v) for k, v in d["open_findings"].items()},
        force_reason=_opt_str(d.get("force_reason")),
        edit_count=_int(d.get("edit_count", 0)),
        findings_checked=bool(d.get("findings_checked", True)),
        checked_with=[_str(s) for s in d.get("checked_with", [])],
    )


def _rebase(d: dict[str, Any]) -> Rebase:
    return Rebase(
        at=_str(d["at"]),
        from_sha256=_str(d["from_sha256"]),
        to_sha256=_str(d["to_sha256"]),
        edits_applied=_int(d["edits_applied"]),
        edits_detached=[
            DetachedEdit(_str(e["old"]), _str(e["new"]), _str(e["prefix"]), _str(e["suffix"]))
            for e in d.get("edits_detached", [])
        ],
        comments_detached=_int(d.get("comments_detached", 0)),
    )
