"""The article text: editable, with findings underlined and comments shaded.

Spans are kept as QTextCursors, which the document moves along with edits,
so underlines stay on their words while the editor types.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from editdesk.core.review.textdiff import single_edit
from editdesk.gui.article_display import (
    ArticleHighlighter,
    ArticleLayout,
    show_article,
)
from editdesk.gui.changes import Change
from editdesk.gui.items import Item, short_time
from editdesk.gui.margin_notes import MARGIN_WIDTH, NotesMargin
from editdesk.gui.offsets import OffsetMap

if TYPE_CHECKING:
    from editdesk.core.article import Article

SEVERITY_COLOURS = {
    "error": QColor("#d0312d"),
    "warning": QColor("#e07b00"),
    "suggestion": QColor("#1f6fd1"),
}
# tracked changes, as Word marks them: inserted words coloured and underlined,
# deleted words struck through where they were, a bar beside changed lines
INSERTION_COLOUR = QColor("#8a2be2")
DELETION_PADDING = 3.0  # pixels between struck words and the text after them
DELETION_SHOWN_CHARS = 48  # a longer deletion is cut ("…"); its tooltip has it all
DELETION_COLOUR = QColor("#c62828")
CHANGE_BAR_COLOUR = QColor("#8a8f98")
MARKUP_MODES = {
    "simple": "Simple Markup",
    "all": "All Markup",
    "none": "No Markup",
    "original": "Original",
}
COMMENT_BACKGROUND = QColor("#fff0a8")
COMMENT_RESOLVED_BACKGROUND = QColor("#ececec")
VISIBLE_MARGIN = 3000  # characters underlined beyond the screen, so scrolling finds them done


def document_text(editor: QPlainTextEdit) -> str:
    """The document's text as the core sees it: blocks joined by '\\n', and
    no-break spaces kept (toPlainText() would turn them into spaces)."""
    return editor.document().toRawText().replace("\u2029", "\n")


class ArticleView(QPlainTextEdit):
    item_at_cursor = Signal(str)  # key of the item under the cursor ("" for none)
    accept_requested = Signal(str, str)  # key, replacement
    ignore_requested = Signal(str)
    ignore_rule_requested = Signal(str)  # rule id
    accept_word_requested = Signal(str)  # word
    comment_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAcceptDrops(False)  # files dropped here go to the window
        font = QFont()
        font.setPointSize(12)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.display_layout = ArticleLayout(self.document())
        self.document().setDocumentLayout(self.display_layout)
        self.highlighter = ArticleHighlighter(self.document(), font.pointSizeF())
        self._items: dict[str, Item] = {}
        self._cursors: dict[str, QTextCursor] = {}
        self._order: list[str] = []
        self._keys_by_start: list[str] = []
        self._longest = 0  # the longest item span (Qt units), for _keys_near
        self._current_key = ""
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._shown_range: tuple[int, int] | None = None
        self.markup = "all"
        self._changes: list[tuple[QTextCursor, Change]] = []
        self._insertion_format = QTextCharFormat()
        self._insertion_format.setForeground(INSERTION_COLOUR)
        self._insertion_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        self._insertion_format.setUnderlineColor(INSERTION_COLOUR)
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self._maybe_refresh_for_scroll)
        # not connected to start() directly: valueChanged(int) would call start(msec)
        # and so put the refresh off by as many milliseconds as the scroll position
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._scroll_timer.start())
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.margin = NotesMargin(self)
        self.margin.item_clicked.connect(self._note_clicked)
        # the notes follow a scroll or an edit (not the cursor's blinking)
        self.updateRequest.connect(lambda _rect, dy: dy and self.margin.update())
        self.document().contentsChange.connect(lambda *_: self.margin.update())
        self.show_notes(True)

    # -- content -------------------------------------------------------------------
    def set_article_text(self, text: str, article: Article | None = None) -> None:
        """A new text (not an edit: no contentsChange, no undo step), shown as
        ``article`` (its format and headings) reads."""
        self._items.clear()
        self._cursors.clear()
        self._order = []
        self._keys_by_start = []
        self._changes = []
        show_article(self, self.display_layout, self.highlighter, text, article)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def text(self) -> str:
        return document_text(self)

    def replace_span(self, text_before: str, text_after: str) -> None:
        """Turn the document from ``text_before`` into ``text_after`` with one undoable
        edit covering only the part that differs."""
        edit = single_edit(text_before, text_after)
        if edit is None:
            return
        m = OffsetMap(text_before)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(m.to_qt(edit.start))
        cursor.setPosition(m.to_qt(edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.new)
        cursor.endEditBlock()

    # -- items ----------------------------------------------------------------------------
    def set_items(self, items: list[Item], text: str) -> None:
        """Show ``items`` whose offsets are code points into ``text`` (the current text)."""
        m = OffsetMap(text)
        doc = self.document()
        self._items = {i.key: i for i in items}
        self._cursors = {}
        # Inside an edit block QTextCursor.setPosition skips laying out the block
        # (for its x position), which for hundreds of spans is most of the cost.
        guard = QTextCursor(doc)
        guard.beginEditBlock()
        for item in items:
            if item.detached:
                continue
            c = QTextCursor(doc)
            start, end = m.span_to_qt(min(item.start, m.length), min(item.end, m.length))
            c.setPosition(start)
            c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._cursors[item.key] = c
        guard.endEditBlock()
        self._order = [i.key for i in items if i.key in self._cursors]
        # in text order: cursors move with edits but keep their order
        self._keys_by_start = sorted(self._order, key=self._start_of)
        self._longest = max(
            (c.selectionEnd() - c.selectionStart() for c in self._cursors.values()), default=0
        )
        self._refresh_selections()
        self.margin.update()

    # -- tracked changes ---------------------------------------------------------------------
    def set_changes(self, changes: list[Change], text: str) -> None:
        """The editor's changes (offsets into ``text``, the current text)."""
        m = OffsetMap(text)
        doc = self.document()
        kept = []
        guard = QTextCursor(doc)
        guard.beginEditBlock()  # no layout per cursor (see set_items)
        for change in changes:
            c = QTextCursor(doc)
            start, end = m.span_to_qt(min(change.start, m.length), min(change.end, m.length))
            c.setPosition(start)
            c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            kept.append((c, change))
        guard.endEditBlock()
        had_changes = bool(self._changes)
        self._changes = kept
        if not had_changes and not kept:
            return  # nothing to mark or unmark (and the selections' rects cost a walk)
        self._update_deletion_gaps()
        self._refresh_selections()
        self.viewport().update()

    def set_markup(self, mode: str) -> None:
        """simple: a bar beside changed lines; all: changes marked in the text too;
        none: the edited text as it will read. (Original is the window's own view.)"""
        self.markup = mode
        self._update_deletion_gaps()
        self._refresh_selections()
        self.viewport().update()

    def _deletion_font(self) -> QFont:
        font = QFont(self.font())
        font.setStrikeOut(True)
        return font

    def _inline_deletions(self) -> list[tuple[QTextCursor, str]]:
        """All Markup's deleted words shown where they were (struck through):
        a cursor at the deletion and the words."""
        if self.markup != "all":
            return []
        shown = []
        for cursor, change in self._changes:
            if not change.old:
                continue
            at = QTextCursor(cursor)
            at.setPosition(cursor.selectionStart())
            words = change.old.replace("\n", " ¶ ")
            if len(words) > DELETION_SHOWN_CHARS:
                words = words[: DELETION_SHOWN_CHARS - 1] + "…"
            shown.append((at, words))
        return shown

    def _update_deletion_gaps(self) -> None:
        metrics = QFontMetricsF(self._deletion_font())
        gaps: dict[int, list[tuple[QTextCursor, float]]] = {}
        leads: dict[int, tuple[QTextCursor, float]] = {}
        for at, words in self._inline_deletions():
            width = metrics.horizontalAdvance(words) + DELETION_PADDING
            if at.positionInBlock() == 0:  # no character before it to widen: indented
                leads[at.blockNumber()] = (at, width)
            else:
                gaps.setdefault(at.blockNumber(), []).append((at, width))
        self.highlighter.set_gaps(gaps)
        self.display_layout.set_lead_gaps(leads)

    def changes_at(self, position: int) -> list[Change]:
        hits = []
        for c, change in self._changes:
            s, e = c.selectionStart(), c.selectionEnd()
            if s <= position < e or (s == e and abs(position - s) <= 1):
                hits.append(change)
        return hits

    def change_spans(self) -> list[tuple[int, int, Change]]:
        return [(c.selectionStart(), c.selectionEnd(), ch) for c, ch in self._changes]

    def paintEvent(self, ev) -> None:  # noqa: N802 - Qt override
        # the underlines of what is about to be painted, if a scroll got there before
        # the scroll timer did (a slow turn of the event loop, e.g. under load)
        self._maybe_refresh_for_scroll()
        super().paintEvent(ev)
        if self.markup not in ("simple", "all") or not self._changes:
            return
        painter = QPainter(self.viewport())
        top, bottom = ev.rect().top(), ev.rect().bottom()
        # cursorRect walks the blocks between the screen's top and its position:
        # changes off screen are skipped by position first
        vp = self.viewport()
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
        inline = self._paint_inline_deletions(painter, top, bottom, (first, last))
        for c, change in self._changes:
            if c.selectionEnd() < first or c.selectionStart() > last:
                continue
            at = QTextCursor(c)
            at.setPosition(c.selectionStart())
            rect = self.cursorRect(at)
            if rect.bottom() < top or rect.top() > bottom:
                continue
            end = QTextCursor(c)
            end.setPosition(c.selectionEnd())
            end_rect = self.cursorRect(end)
            # the change bar in the left margin, over the lines the change spans
            painter.fillRect(2, rect.top(), 3, end_rect.bottom() - rect.top(), CHANGE_BAR_COLOUR)
            if self.markup == "all" and change.old and not change.new and (
                c.selectionStart() not in inline
            ):
                # a deletion with no room made for it: a struck mark where the words
                # were (they are in the tooltip)
                x = rect.left()
                pen = QPen(DELETION_COLOUR, 2)
                painter.setPen(pen)
                painter.drawLine(x, rect.top() + 1, x, rect.bottom() - 1)
                mid = rect.top() + rect.height() // 2
                painter.drawLine(x - 4, mid, x + 4, mid)
        painter.end()

    def _paint_inline_deletions(
        self, painter: QPainter, top: int, bottom: int, shown: tuple[int, int]
    ) -> set[int]:
        """The deleted words, struck through, in the room left before each
        deletion (positions ``shown`` only); returns the positions painted."""
        painted: set[int] = set()
        font = self._deletion_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(DELETION_COLOUR)
        offset = self.contentOffset()
        for at, words in self._inline_deletions():
            if not shown[0] <= at.position() <= shown[1]:
                continue
            rect = self.cursorRect(at)
            if rect.bottom() < top or rect.top() > bottom:
                continue
            block = at.block()
            line = block.layout().lineForTextPosition(at.positionInBlock())
            if not line.isValid():
                continue
            block_top = self.blockBoundingGeometry(block).translated(offset).top()
            baseline = block_top + line.y() + line.ascent()
            width = metrics.horizontalAdvance(words) + DELETION_PADDING
            painter.drawText(QPointF(rect.left() - width, baseline), words)
            painted.add(at.position())
        return painted

    def _format(self, item: Item, current: bool) -> QTextCharFormat:
        key = (item.is_comment, item.is_open, item.severity, current)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if item.is_comment:
                fmt.setBackground(
                    COMMENT_BACKGROUND if item.is_open else COMMENT_RESOLVED_BACKGROUND
                )
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
                fmt.setUnderlineColor(SEVERITY_COLOURS.get(item.severity, QColor("#1f6fd1")))
            if current:
                fmt.setBackground(QColor("#ffe066") if item.is_comment else QColor("#d6e6fb"))
            self._formats[key] = fmt
        return fmt

    def _visible_range(self) -> tuple[int, int] | None:
        """Qt positions around what is on screen (None: everything)."""
        vp = self.viewport()
        if not self.isVisible() or vp.height() <= 0:
            return None
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
        return first - VISIBLE_MARGIN, last + VISIBLE_MARGIN

    def _refresh_selections(self) -> None:
        """Underline what is on screen (and a margin around it): giving Qt every span
        of a long article would make it lay out the whole document at once."""
        selections = []
        visible = self._visible_range()
        self._shown_range = visible
        keys = self._order if visible is None else self._keys_near(visible)
        # comments' shading first, so that findings' underlines paint over it
        order = sorted(keys, key=lambda k: not self._items[k].is_comment)
        for key in order:
            item = self._items[key]
            cursor = self._cursors[key]
            if visible is not None and (
                cursor.selectionEnd() < visible[0] or cursor.selectionStart() > visible[1]
            ):
                continue
            if item.is_comment:
                if cursor.selectionStart() == cursor.selectionEnd():
                    continue
            elif not item.is_open:
                continue
            fmt = self._format(item, key == self._current_key)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        if self.markup == "all":
            for cursor, change in self._changes:
                if not change.new or (
                    visible is not None
                    and (cursor.selectionEnd() < visible[0] or cursor.selectionStart() > visible[1])
                ):
                    continue
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = self._insertion_format
                # last: a later selection's format wins where they overlap, and the
                # editor's own words keep their colour under a comment's shading
                selections.append(sel)
        self.setExtraSelections(selections)

    def _keys_near(self, visible: tuple[int, int]) -> list[str]:
        """The items that may reach into ``visible``, found by two bisections (this
        runs with every cursor move): ``_order`` is in text order, and cursors keep
        their order as the text changes."""

        def start_of(key: str) -> int:
            return self._cursors[key].selectionStart()

        # an item starting this far before the range can still reach into it
        reach = self._longest + VISIBLE_MARGIN
        lo = bisect.bisect_left(self._order, visible[0] - reach, key=start_of)
        hi = bisect.bisect_right(self._order, visible[1], key=start_of)
        return self._order[lo:hi]

    def _maybe_refresh_for_scroll(self) -> None:
        shown = self._shown_range
        visible = self._visible_range()
        if visible is None or shown is None:
            if shown is not None or visible is not None:
                self._refresh_selections()
            return
        inner = (visible[0] + VISIBLE_MARGIN, visible[1] - VISIBLE_MARGIN)
        if inner[0] < shown[0] or inner[1] > shown[1]:
            self._refresh_selections()

    def resizeEvent(self, ev) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(ev)
        self._place_margin()
        self._scroll_timer.start()

    # -- the notes margin --------------------------------------------------------------------
    def show_notes(self, on: bool) -> None:
        """Comments and findings beside their lines (View > Notes Beside the Text)."""
        self.setViewportMargins(0, 0, MARGIN_WIDTH if on else 0, 0)
        self.margin.setVisible(on)
        self._place_margin()

    def notes_shown(self) -> bool:
        return not self.margin.isHidden()

    def _place_margin(self) -> None:
        vp = self.viewport().geometry()
        self.margin.setGeometry(vp.right() + 1, vp.top(), MARGIN_WIDTH, vp.height())

    def notes_on_screen(self) -> list[tuple[str, Item, int]]:
        """Open findings and comments whose words start on a line on screen, in
        text order, with the top of that line (viewport coordinates). Walks only
        the blocks on screen (cursorRect would walk from the top block for each)."""
        keys = self._keys_by_start
        block = self.firstVisibleBlock()
        if not keys or not block.isValid():
            return []
        height = self.viewport().height()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        i = bisect.bisect_left(keys, block.position(), key=self._start_of)
        notes = []
        while block.isValid() and top < height and i < len(keys):
            end = block.position() + block.length()
            layout = block.layout()
            while i < len(keys) and (start := self._start_of(keys[i])) < end:
                key = keys[i]
                i += 1
                item = self._items[key]
                if not (item.is_open or item.is_comment):
                    continue
                line = layout.lineForTextPosition(start - block.position())
                y = top + (line.y() if line.isValid() else 0)
                notes.append((key, item, int(y)))
            top += self.blockBoundingRect(block).height()
            block = block.next()
        return notes

    def _start_of(self, key: str) -> int:
        return self._cursors[key].selectionStart()

    def _note_clicked(self, key: str) -> None:
        self.select_item(key)
        self.item_at_cursor.emit(key)  # the pane follows, as for a click in the text

    def showEvent(self, ev) -> None:  # noqa: N802 - Qt override
        super().showEvent(ev)
        self._scroll_timer.start()

    def item(self, key: str) -> Item | None:
        return self._items.get(key)

    def span_of(self, key: str) -> tuple[int, int] | None:
        """Current Qt span of an item (moved along with edits since it was set)."""
        c = self._cursors.get(key)
        if c is None:
            return None
        return c.selectionStart(), c.selectionEnd()

    def keys_in_text_order(self) -> list[str]:
        return sorted(self._order, key=lambda k: self.span_of(k) or (0, 0))

    def items_at(self, position: int) -> list[Item]:
        hits = []
        for key in self._order:
            c = self._cursors[key]
            s, e = c.selectionStart(), c.selectionEnd()
            if s <= position < e or (s == e == position):
                hits.append(self._items[key])
        # open findings first (what the menu and tooltip are about), then comments
        hits.sort(key=lambda i: (not i.is_open, i.is_comment, i.end - i.start))
        return hits

    def select_item(self, key: str) -> None:
        span = self.span_of(key)
        if span is None:
            return
        self.set_current(key)
        c = QTextCursor(self.document())
        c.setPosition(span[0])
        c.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.blockSignals(True)
        self.setTextCursor(c)
        self.blockSignals(False)
        self.ensureCursorVisible()

    def current_key(self) -> str:
        return self._current_key

    def set_current(self, key: str) -> None:
        if key != self._current_key:
            self._current_key = key
            self._refresh_selections()
            self.margin.update()

    def _cursor_moved(self) -> None:
        self._reveal_markdown(self.textCursor().blockNumber())
        hits = self.items_at(self.textCursor().position())
        key = hits[0].key if hits else ""
        if key:
            self.set_current(key)
        self.item_at_cursor.emit(key)

    def _reveal_markdown(self, number: int) -> None:
        """The cursor's block shows its Markdown syntax (it was hidden)."""
        hl = self.highlighter
        if not hl.markdown or number == hl.reveal_block:
            return
        before, hl.reveal_block = hl.reveal_block, number
        doc = self.document()
        for n in (before, number):
            block = doc.findBlockByNumber(n)
            if block.isValid():
                hl.rehighlightBlock(block)

    # -- hover and context menu --------------------------------------------------------------
    def viewportEvent(self, ev: QEvent) -> bool:  # noqa: N802 - Qt override
        if ev.type() == QEvent.Type.ToolTip:
            pos = self.cursorForPosition(ev.pos()).position()
            hits = [i for i in self.items_at(pos) if i.is_open or i.is_comment]
            changes = self.changes_at(pos) if self.markup in ("simple", "all") else []
            if hits or changes:
                parts = [change_tooltip(c) for c in changes]
                if hits:
                    parts.append(tooltip_for(hits))
                QToolTip.showText(ev.globalPos(), "<hr>".join(parts), self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().viewportEvent(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = ev.key(), ev.modifiers()
        shift_f10 = key == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier
        if shift_f10 or key == Qt.Key.Key_Menu:
            self.open_keyboard_menu()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.textCursor().hasSelection():
            # After F8 the finding's words are selected: Tab goes on to the pane
            # (its card and buttons) instead of typing a tab over them.
            # (QPlainTextEdit's own focusNextPrevChild refuses while editable)
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(ev)

    def contextMenuEvent(self, ev: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        if ev.reason() == QContextMenuEvent.Reason.Keyboard:  # the Menu key
            self.open_keyboard_menu()
            return
        self.exec_menu(self.build_context_menu(ev.pos()), ev.globalPos())

    def keyboard_menu_position(self) -> tuple[QPoint, int]:
        """Where the keyboard's menu opens (below the cursor, in viewport
        coordinates) and the text position it is about: the selection's start,
        which is the finding's first character after F8 (its end is past it)."""
        cursor = self.textCursor()
        at = QTextCursor(self.document())
        at.setPosition(cursor.selectionStart())
        rect = self.cursorRect(at)
        return rect.bottomLeft(), cursor.selectionStart()

    def open_keyboard_menu(self) -> None:
        viewport_pos, position = self.keyboard_menu_position()
        menu = self.build_context_menu(viewport_pos, position)
        self.exec_menu(menu, self.viewport().mapToGlobal(viewport_pos))

    def exec_menu(self, menu: QMenu, global_pos: QPoint) -> None:
        menu.exec(global_pos)
        menu.deleteLater()

    def build_context_menu(self, viewport_pos: QPoint, position: int | None = None) -> QMenu:
        """The text's own menu, with the finding at ``position`` (by default the one
        under ``viewport_pos``) on top."""
        menu = self.createStandardContextMenu(viewport_pos)
        pos = self.cursorForPosition(viewport_pos).position() if position is None else position
        findings = [i for i in self.items_at(pos) if not i.is_comment and i.is_open]
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []
        for item in findings[:3]:
            message = item.message if len(item.message) < 80 else item.message[:77] + "…"
            title = QAction(f"{item.severity.capitalize()}: {message}", menu)
            title.setEnabled(False)
            added.append(title)
            for rep in item.replacements[:6]:
                act = QAction(f"Replace with “{rep}”" if rep else "Delete", menu)
                act.triggered.connect(
                    lambda _=False, k=item.key, r=rep: self.accept_requested.emit(k, r)
                )
                bold = act.font()
                bold.setBold(True)
                act.setFont(bold)
                added.append(act)
            ignore = QAction("Ignore", menu)
            ignore.triggered.connect(lambda _=False, k=item.key: self.ignore_requested.emit(k))
            added.append(ignore)
            rule = QAction("Ignore this rule in this article", menu)
            rule.triggered.connect(
                lambda _=False, r=item.rule_id: self.ignore_rule_requested.emit(r)
            )
            added.append(rule)
            if item.spelling:
                word = QAction(f"Add “{item.flagged}” to accepted words", menu)
                word.triggered.connect(
                    lambda _=False, w=item.flagged: self.accept_word_requested.emit(w)
                )
                added.append(word)
            sep = QAction(menu)
            sep.setSeparator(True)
            added.append(sep)
        comment = QAction("Add comment…", menu)
        comment.setShortcut("Ctrl+Alt+M")
        comment.triggered.connect(self.comment_requested.emit)
        added.append(comment)
        sep = QAction(menu)
        sep.setSeparator(True)
        added.append(sep)
        menu.insertActions(first, added)
        return menu


def change_tooltip(change: Change) -> str:
    from html import escape

    from editdesk.gui.card_text import visible_quote  # it imports this module's colours

    old, new = escape(visible_quote(change.old)), escape(visible_quote(change.new))
    if change.kind == "insertion":
        what = f"Inserted “{new}”"
    elif change.kind == "deletion":
        what = f"Deleted “{old}”"
    else:
        what = f"Replaced “{old}” with “{new}”"
    who = escape(change.author or "Unknown")
    when = escape(short_time(change.at)) if change.at else ""
    return f"<b>{what}</b><br>{who}" + (f" · {when}" if when else "")


def tooltip_for(items: list[Item]) -> str:
    from html import escape

    parts = []
    for i in items[:3]:
        if i.is_comment:
            parts.append(f"<b>{escape(i.author)}</b>: {escape(i.message)}")
        else:
            line = f"<b>{escape(i.severity.capitalize())}</b> · {escape(i.category)}<br>"
            line += escape(i.message)
            if i.replacements:
                reps = ", ".join(escape(r) or "(delete)" for r in i.replacements[:5])
                line += f"<br><i>Suggestions:</i> {reps}"
            parts.append(line)
    return "<hr>".join(parts)
