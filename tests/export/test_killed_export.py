"""An export killed (SIGKILL) in the middle of writing never damages the
output already there, and the next export removes the temp file it left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx

ARTICLE = "Harbour Report\n\nThe council met on Monday to discus the colour of the wall.\n"
# Run in a child: the export's data is half written to its temp file when the
# process kills itself, as a SIGKILL from outside would find it.
CHILD = """
import os, signal, sys
from pathlib import Path
import editdesk.core.review.sidecar as sidecar
real_fdopen = os.fdopen
class Half:
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def write(self, data):
        self.fh.write(data[: len(data) // 2]); self.fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)
sidecar.os.fdopen = lambda fd, mode: Half(real_fdopen(fd, mode))
from editdesk.core.readers import read_article
from editdesk.core.review.model import Review, sha256_text
from editdesk.export import export_docx
article = read_article(Path(sys.argv[1]))
edited = article.text.replace("discus", "discuss")
export_docx(article, Review(sys.argv[1], article.text, edited, sha256_text(article.text)), [],
            Path(sys.argv[2]))
"""


def _temps(folder: Path, out: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_export_leaves_the_output_whole_and_the_next_cleans_up(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.reviewed.docx"
    article = read_article(src)
    export_docx(article, None, [], out)
    before = out.read_bytes()

    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(out)], capture_output=True, timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert out.read_bytes() == before  # the output there is untouched
    left = _temps(tmp_path, out)
    assert any(name.endswith(".tmp") for name in left), left  # the kill really was mid-write

    edited = article.text.replace("discus", "discuss")
    export_docx(article, Review(str(src), article.text, edited, sha256_text(article.text)), [], out)
    assert _temps(tmp_path, out) == []  # its own stale temp file (and lock) gone
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        assert b"discuss" in z.read("word/document.xml")
