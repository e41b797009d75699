"""Size limits and the one safe way readers get a file's bytes."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from editdesk.core.readers.errors import ReadError

MiB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MiB

# DOCX (a zip): limits on what the archive declares it will expand to.
MAX_ZIP_TOTAL_UNCOMPRESSED = 256 * MiB
MAX_ZIP_MEMBERS = 10_000
# A member above this size must not be compressed better than MAX_ZIP_RATIO : 1.
ZIP_RATIO_CHECK_FROM = 16 * MiB
MAX_ZIP_RATIO = 100
# Any XML part we parse (document.xml, styles.xml, relationships).
MAX_XML_PART = 64 * MiB

# The check budget. An article beyond it is refused at once, in one line, before
# any costly work: a file of a million tiny paragraphs or of 19 MB of prose is no
# article to review and would take LanguageTool far more than a minute. An
# article at the budget is checked in about a minute or two on a 2-core machine.
MAX_PARAGRAPHS = 10_000
MAX_WORDS = 100_000
_WORD_CHUNK = 1 * MiB
_SPACE = re.compile(r"\s")


def human_size(n: int) -> str:
    if n >= MiB:
        return f"{n // MiB} MB" if n % MiB == 0 else f"{n / MiB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def check_file(path: Path) -> os.stat_result:
    """The file exists and is a regular file (no reading yet)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {_os_reason(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(path, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or device would block or never end.
        raise ReadError(path, "not a regular file")
    return st


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, opened read-only; every failure becomes a one-line ReadError."""
    st = check_file(path)
    if st.st_size > max_bytes:
        raise ReadError(
            path, f"file too large ({human_size(st.st_size)}; limit {human_size(max_bytes)})"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {_os_reason(exc)}") from None
    if len(data) > max_bytes:  # grew since stat
        raise ReadError(path, f"file too large (limit {human_size(max_bytes)})")
    if not data:
        raise ReadError(path, "empty file")
    return data


def _os_reason(exc: OSError) -> str:
    if exc.strerror:
        return exc.strerror.lower()
    if exc.errno:
        return os.strerror(exc.errno).lower()
    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def check_budget(path: Path, *, paragraphs: int | None = None, words: int | None = None) -> None:
    """Refuse (one-line ReadError) an article over ``MAX_PARAGRAPHS`` or ``MAX_WORDS``."""
    if paragraphs is not None and paragraphs > MAX_PARAGRAPHS:
        raise ReadError(
            path, f"too long to check ({paragraphs:,} paragraphs; limit {MAX_PARAGRAPHS:,})"
        )
    if words is not None and words > MAX_WORDS:
        raise ReadError(path, f"too long to check (over {MAX_WORDS:,} words)")


def check_text_budget(path: Path, text: str) -> None:
    """The budget on decoded text, before any paragraph is built: words counted
    until the limit is passed, paragraphs only when there are enough lines for
    too many of them."""
    words = 0
    pos = 0
    while pos < len(text):
        cut = _SPACE.search(text, pos + _WORD_CHUNK)
        end = cut.start() if cut else len(text)
        words += len(text[pos:end].split())
        check_budget(path, words=words)
        pos = end
    if text.count("\n") >= MAX_PARAGRAPHS:
        from editdesk.core.article import split_paragraphs

        check_budget(path, paragraphs=len(split_paragraphs(text)))
