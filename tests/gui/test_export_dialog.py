"""File > Export…: the options of `editdesk export` in a dialog, and a warning when
the sign-off no longer covers the review (house style only: no engine needed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from PySide6.QtCore import Qt
from tests.gui.conftest import write_article

from editdesk.core.review.model import Decision
from editdesk.export import import_review

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = (
    "Harbour plan approved\n"
    "\n"
    "The council approved the harbour plan on Monday after a long debate.\n"
    "\n"
    "Residents said the the plan was overdue, and they want work to start soon.\n"
)


def _window(qtbot, make_window, tmp_path):
    from editdesk.gui.settings import GuiSettings

    window = make_window(start_engine=False)
    window.settings = GuiSettings(reviewer="Ana Ruiz", initials="AnR")
    with qtbot.waitSignal(window.checked, timeout=60_000):
        assert window.open_path(write_article(tmp_path, "plan.txt", TEXT))
    return window


def _comments(path: Path) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/comments.xml"))
    return list(root.iter(f"{W}comment"))


def _export(qtbot, window, out: Path, **choices) -> None:
    window.export_docx()
    dialog = window.export_dialog
    assert dialog.isVisible()
    dialog.path.setText(str(out))
    if "findings" in choices:
        dialog.findings.setCurrentIndex(dialog.findings.findData(choices["findings"]))
    for box in ("accept_all", "summary_page"):  # the dialog opens with the last choices
        if getattr(dialog, box).isChecked() != bool(choices.get(box)):
            qtbot.mouseClick(getattr(dialog, box), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_dialog_offers_what_the_cli_offers_and_it_reaches_the_docx(
    qtbot, make_window, tmp_path
):
    window = _window(qtbot, make_window, tmp_path)
    start = window.view.text().index("harbour plan")
    assert window.add_comment(start, start + 12, "Which plan?")
    doubled = [i for i in window.items() if i.flagged.lower() == "the the"]
    assert doubled, [(i.rule_id, i.flagged) for i in window.items()]

    out = tmp_path / "plan-options.docx"
    _export(qtbot, window, out, accept_all=True, summary_page=True, findings="all")
    assert out.is_file()
    back = import_review(out)
    assert "said the plan was overdue" in back.text  # the safe suggestion, applied
    assert "the the" not in back.text
    mine = [c for c in _comments(out) if c.get(f"{W}author") == "Ana Ruiz"]
    assert [c.get(f"{W}initials") for c in mine] == ["AnR"]
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "Review report" in body  # the summary page
    assert "suggestion applied" in window.statusBar().currentMessage()

    plain = tmp_path / "plan-plain.docx"
    _export(qtbot, window, plain, findings="none")
    back = import_review(plain)
    assert "the the plan" in back.text  # nothing applied without asking
    assert "Review report" not in zipfile.ZipFile(plain).read("word/document.xml").decode()
    authors = {c.get(f"{W}author") for c in _comments(plain)}
    assert authors == {"Ana Ruiz", "EditDesk"}  # the comment and the summary; no findings


def test_a_stale_signoff_is_said_before_exporting(qtbot, make_window, tmp_path):
    window = _window(qtbot, make_window, tmp_path)
    window.export_docx()
    assert not window.export_dialog.stale_label.isVisible()  # never signed: nothing stale
    window.export_dialog.reject()

    review = window.session.review
    record = window.session.sign_off(
        editor="Ana Ruiz", role="copy editor", decision="changes-requested", note="",
        style_hash="",
    )
    record.at = "2026-11-30T09:00:00.000+00:00"  # what follows is later, whatever the clock
    window.export_docx()
    dialog = window.export_dialog
    assert not dialog.stale_label.isVisible()  # current
    qtbot.mouseClick(dialog.accept_all, Qt.MouseButton.LeftButton)
    assert dialog.note.isVisible() and "stale" in dialog.note.text()
    dialog.reject()

    key = next(i.key for i in window.items() if i.is_open and not i.is_comment)
    window.reject(key)  # a decision after the sign-off: the text is the same
    assert any(s.decision is Decision.REJECTED for s in review.findings)
    window.export_docx()
    label = window.export_dialog.stale_label
    assert label.isVisible() and "1 decision made since" in label.text()
    assert "Ana Ruiz" in label.text()
    window.export_dialog.reject()

    cursor = window.view.textCursor()
    cursor.setPosition(len(window.view.text()))
    window.view.setTextCursor(cursor)
    qtbot.keyClicks(window.view, "More.")
    window.export_docx()
    label = window.export_dialog.stale_label
    assert label.isVisible() and "the text changed since, first by Ana Ruiz" in label.text()


def test_the_dialog_opens_with_the_last_choices_also_after_a_restart(
    qtbot, make_window, tmp_path
):
    from editdesk.gui.settings import GuiSettings

    window = _window(qtbot, make_window, tmp_path)
    window.export_docx()
    first = window.export_dialog
    assert first.findings.currentData() == "open"  # the first time: the CLI's defaults
    assert not first.accept_all.isChecked() and not first.summary_page.isChecked()
    assert Path(first.path.text()).parent == tmp_path  # beside the article
    first.reject()

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    _export(qtbot, window, outbox / "plan.docx", summary_page=True, findings="all")
    assert (outbox / "plan.docx").is_file()

    window.export_docx()
    again = window.export_dialog
    assert again.findings.currentData() == "all"
    assert again.summary_page.isChecked() and not again.accept_all.isChecked()
    assert Path(again.path.text()) == outbox / "plan-reviewed.docx"  # the folder, this name
    again.reject()

    kept = GuiSettings.load()  # what the next run starts with
    assert (kept.export_findings, kept.export_summary_page, kept.export_safe_suggestions) == (
        "all", True, False
    )
    assert kept.export_folder == str(outbox)
    later = make_window(start_engine=False)
    with qtbot.waitSignal(later.checked, timeout=60_000):
        assert later.open_path(tmp_path / "plan.txt")
    later.export_docx()
    assert later.export_dialog.findings.currentData() == "all"
    assert later.export_dialog.summary_page.isChecked()
    later.export_dialog.reject()
