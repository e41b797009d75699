"""View > Batch Style Sheet: a dock beside the article with the style sheet of the folder it
is in (what the batch writes more than one way, and where) and the forms this article
writes differently. Built in a thread from the folder's articles when the dock is shown."""

from __future__ import annotations

import threading
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QTextBrowser

from editdesk.service.batch_sheet import FolderSheet, folder_style_sheet

if TYPE_CHECKING:
    from editdesk.core.config import Config

KIND_WORDS = {"name_spelling": "name", "hyphenation": "hyphenation",
              "capitalisation": "capitalisation", "spelling": "spelling",
              "number_style": "number style"}


class _Relay(QObject):
    # (request number, FolderSheet or None, error text)
    done = Signal(int, object, str)


class StyleSheetDock(QDockWidget):
    """Shows ``folder_style_sheet`` for the open article; rebuilt on each open while shown."""

    loaded = Signal()  # a style sheet is on show (tests wait on it)

    def __init__(self, parent=None) -> None:
        super().__init__("Batch style sheet", parent)
        self.setObjectName("batch-style-sheet")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.setWidget(self.browser)
        self.current: FolderSheet | None = None
        self._article: Path | None = None
        self._config: Config | None = None
        self._request = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._show)
        self.visibilityChanged.connect(self._visible)
        self.browser.setPlainText("Open an article to see its folder's style sheet.")

    def article_opened(self, path: Path, config: Config | None) -> None:
        self._article, self._config = Path(path), config
        self.current = None
        if self.isVisible():
            self.refresh()

    def _visible(self, visible: bool) -> None:
        if visible and self._article is not None and self.current is None:
            self.refresh()

    def refresh(self) -> None:
        if self._article is None or self._config is None:
            return
        self._request += 1
        request, article, config = self._request, self._article, self._config
        self.browser.setPlainText(f"Reading the articles in {article.parent.name}/ …")

        def work() -> None:
            try:
                result: FolderSheet | None = folder_style_sheet(article, config)
                error = ""
            except OSError as exc:  # the folder went away or cannot be listed
                result, error = None, f"{article.parent}: {exc.strerror or exc}"
            self._relay.done.emit(request, result, error)

        threading.Thread(target=work, name="editdesk-style-sheet", daemon=True).start()

    def _show(self, request: int, result: FolderSheet | None, error: str) -> None:
        if request != self._request:
            return  # a newer article was opened meanwhile
        if result is None:
            self.browser.setPlainText(error)
            return
        self.current = result
        self.browser.setHtml(sheet_html(result, self._article))
        self.loaded.emit()


def sheet_html(result: FolderSheet, article: Path | None) -> str:
    sheet = result.sheet
    n = len(sheet.articles)
    parts = [f"<h3>{escape(result.folder.name)}/: {n} article{'s' if n != 1 else ''}</h3>"]
    if result.odd_here and article is not None:
        parts.append(f"<p><b>{escape(article.name)} writes differently:</b></p><ul>")
        for form, preferred, kind in result.odd_here:
            parts.append(f"<li>{escape(form)} → <b>{escape(preferred)}</b> "
                         f"({KIND_WORDS.get(kind, kind)})</li>")
        parts.append("</ul>")
    contested = sheet.contested()
    parts.append(f"<p><b>Written more than one way: {len(contested)}</b></p>")
    if contested:
        parts.append("<table cellspacing='0' cellpadding='3' border='1'>"
                     "<tr><th>use</th><th>also written</th><th>in</th></tr>")
        for e in contested:
            pref = e.use(e.preferred)
            count = f" ({pref.count}×)" if pref and pref.count else " (style sheet)"
            others = [f for f in e.forms if f.form != e.preferred and f.count]
            also = "<br>".join(f"{escape(f.form)} ({f.count}×)" for f in others)
            where = "<br>".join(", ".join(escape(Path(a).name) for a in f.articles)
                                for f in others)
            parts.append(f"<tr><td><b>{escape(e.preferred)}</b>{count}</td>"
                         f"<td>{also}</td><td>{where}</td></tr>")
        parts.append("</table>")
    settled = [e for e in sheet.entries if not e.contested]
    if settled:
        shown = ", ".join(escape(e.preferred) for e in settled[:60])
        more = f" and {len(settled) - 60} more" if len(settled) > 60 else ""
        parts.append(f"<p><b>Settled:</b> {shown}{more}</p>")
    if result.skipped:
        parts.append("<p>Not read: " + "; ".join(escape(s) for s in result.skipped) + "</p>")
    return "".join(parts)
