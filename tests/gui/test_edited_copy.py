"""File > Save Edited Copy As…: the edited article in a new file (.txt, .md, a
clean .docx read back by python-docx and pandoc); the original only on a Yes."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox
from tests.gui.conftest import write_article

TEXT = "# The headline\n\nThe desk checks the facts.\n"


def _edited(qtbot, make_window, tmp_path, monkeypatch, name="a.md"):
    window = make_window(start_engine=False)
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, name, TEXT))
    window.view.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.view, "Then it goes out.")
    return window


def _save_as(window, monkeypatch, target) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.act_save_copy.trigger()


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_text_copy_holds_the_edited_text(qtbot, make_window, tmp_path, monkeypatch, suffix):
    window = _edited(qtbot, make_window, tmp_path, monkeypatch)
    out = tmp_path / f"copy{suffix}"
    _save_as(window, monkeypatch, out)
    assert out.read_text(encoding="utf-8") == window.session.review.text
    assert "Then it goes out." in out.read_text(encoding="utf-8")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == TEXT


def test_a_clean_docx_copy(qtbot, make_window, tmp_path, monkeypatch):
    window = _edited(qtbot, make_window, tmp_path, monkeypatch)
    out = tmp_path / "copy.docx"
    _save_as(window, monkeypatch, out)
    document = docx.Document(str(out))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == "The headline"
    assert paragraphs[0].style.name in ("Title", "Heading 1")  # the exporter's headline style
    assert "Then it goes out." in paragraphs[-1].text
    body = out.read_bytes()
    assert b"w:ins" not in body and b"w:comment" not in body  # clean: no markup
    if shutil.which("pandoc"):
        plain = subprocess.run(
            ["pandoc", str(out), "-t", "plain"], capture_output=True, text=True, check=True
        ).stdout
        assert "Then it goes out." in plain


def test_the_original_is_replaced_only_on_an_explicit_yes(
    qtbot, make_window, tmp_path, monkeypatch
):
    window = _edited(qtbot, make_window, tmp_path, monkeypatch)
    original = tmp_path / "a.md"
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: answers[0]))
    _save_as(window, monkeypatch, original)
    assert original.read_text(encoding="utf-8") == TEXT
    answers[0] = QMessageBox.StandardButton.Yes
    _save_as(window, monkeypatch, original)
    assert original.read_text(encoding="utf-8") == window.session.review.text
