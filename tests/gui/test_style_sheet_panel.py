"""View > Batch Style Sheet: the dock shows the style sheet of the open article's folder."""

from __future__ import annotations

from pathlib import Path

from conftest import write_article


def _desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / ".git").mkdir()
    write_article(folder, "a.txt", "Nikolai Patrushev sent an email to the desk.\n")
    write_article(folder, "b.txt", "Readers can email Nikolai Patrushev.\n")
    write_article(folder, "c.txt", "Nikolai Patrushov wrote an e-mail.\n")
    (folder / "broken.docx").write_bytes(b"not a zip")
    return folder


def test_the_dock_shows_the_folder_style_sheet_and_this_articles_odd_forms(
    make_window, qtbot, tmp_path
):
    folder = _desk(tmp_path)
    window = make_window(start_engine=False)
    assert window.open_path(folder / "c.txt")
    dock = window.style_dock
    assert not dock.isVisible()  # nothing is read until it is asked for
    assert dock.current is None
    with qtbot.waitSignal(dock.loaded, timeout=30_000):
        dock.toggleViewAction().trigger()
    assert dock.isVisible()
    text = dock.browser.toPlainText()
    assert "desk/: 3 articles" in text
    assert "c.txt writes differently:" in text
    assert "Patrushov → Patrushev (name)" in text
    assert "e-mail → email (hyphenation)" in text
    assert "Written more than one way: 2" in text
    assert "broken.docx" in text  # named as not read, the rest still shown
    # Opening an article that follows the batch: nothing listed for it.
    with qtbot.waitSignal(dock.loaded, timeout=30_000):
        assert window.open_path(folder / "a.txt")
    text = dock.browser.toPlainText()
    assert "writes differently" not in text and "Written more than one way: 2" in text


def test_the_view_menu_has_the_batch_style_sheet(make_window):
    window = make_window(start_engine=False)
    actions = {a.text().replace("&", ""): a for a in window.menuBar().actions()}
    view = actions["View"].menu()
    sheet = next(a for a in view.actions() if a.text().replace("&", "") == "Batch Style Sheet")
    assert sheet.shortcut().toString() == "Ctrl+Alt+B"
    assert sheet.isCheckable() and not sheet.isChecked()
