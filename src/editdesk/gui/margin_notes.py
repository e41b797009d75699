"""Comments and findings beside their words: a margin at the right of the
article view, as Word shows comment balloons. Each note sits level with the
line its words are on (pushed down when the one above needs the room), scrolls
with the text, and the current one is highlighted here as in the text; a click
on a note makes it current.

Only the notes of the lines on screen are laid out, so a long article costs no
more than a short one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from editdesk.gui.items import Item

if TYPE_CHECKING:
    from editdesk.gui.article_view import ArticleView

MARGIN_WIDTH = 230
NOTE_GAP = 4
PAD = 5
COMMENT_COLOUR = QColor("#c79a00")
NOTE_BACKGROUND = QColor("#f7f7f8")
CURRENT_BACKGROUND = QColor("#d6e6fb")
CURRENT_COMMENT_BACKGROUND = QColor("#ffe066")
MARGIN_BACKGROUND = QColor("#eef0f3")


@dataclass(frozen=True)
class PlacedNote:
    key: str
    anchor_y: int  # the top of the words' line, in margin coordinates
    rect: QRect


class NotesMargin(QWidget):
    item_clicked = Signal(str)

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self._view = view
        self._placed: list[PlacedNote] = []
        self.setMouseTracking(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        small = QFont(view.font())
        small.setPointSizeF(max(8.0, view.font().pointSizeF() - 2.5))
        self._font = small
        self._bold = QFont(small)
        self._bold.setBold(True)
        self._fitted: dict[tuple[str, int], tuple[str, int]] = {}
        from editdesk.gui.article_view import SEVERITY_COLOURS  # it imports this module

        self._severity_colours = SEVERITY_COLOURS

    def placed(self) -> list[PlacedNote]:
        """The notes as last painted (tests and clicks use them)."""
        return list(self._placed)

    def _lines(self, item: Item) -> tuple[str, str]:
        if item.is_comment:
            replies = len(item.replies)
            head = item.author or "Comment"
            if replies:
                head += f" · {replies} repl{'y' if replies == 1 else 'ies'}"
            if item.state == "resolved":
                head += " · resolved"
            return head, item.message
        return item.severity.capitalize(), item.message

    def _colour(self, item: Item) -> QColor:
        if item.is_comment:
            return COMMENT_COLOUR
        return self._severity_colours.get(item.severity, self._severity_colours["suggestion"])

    def layout_notes(self) -> list[tuple[PlacedNote, Item, str, str]]:
        """Place the notes of the items on screen, top to bottom."""
        view = self._view
        height = self.height()
        fm = QFontMetrics(self._font)
        width = self.width() - 2 * PAD
        placed = []
        bottom = 0
        for key, item, anchor in view.notes_on_screen():
            head, body = self._lines(item)
            fit_key = (body, width)
            fitted = self._fitted.get(fit_key)
            if fitted is None:
                if len(self._fitted) > 5000:
                    self._fitted.clear()
                fitted = self._fitted[fit_key] = _fit(fm, body, width - 2 * PAD - 2)
            body, lines = fitted
            h = PAD + fm.height() + lines * fm.lineSpacing() + PAD
            top = max(anchor, bottom + NOTE_GAP if placed else anchor)
            if top > height:
                break
            rect = QRect(PAD, top, width, h)
            note = PlacedNote(key, anchor, rect)
            placed.append((note, item, head, body))
            bottom = rect.bottom()
        return placed

    def paintEvent(self, ev: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(ev.rect(), MARGIN_BACKGROUND)
        current = self._view.current_key()
        notes = self.layout_notes()
        self._placed = [n for n, *_ in notes]
        fm = QFontMetrics(self._font)
        for note, item, head, body in notes:
            rect = note.rect
            is_current = note.key == current
            colour = self._colour(item)
            if is_current:
                background = CURRENT_COMMENT_BACKGROUND if item.is_comment else CURRENT_BACKGROUND
            else:
                background = NOTE_BACKGROUND
            # a leader from the words' line to the note when it had to move down
            leader = colour if is_current else QColor("#b8bcc4")
            painter.setPen(QPen(leader, 1, Qt.PenStyle.DotLine))
            if rect.top() > note.anchor_y + 2:
                painter.drawLine(0, note.anchor_y + 6, PAD, note.anchor_y + 6)
                painter.drawLine(PAD, note.anchor_y + 6, PAD, rect.top() + 6)
            painter.fillRect(rect, background)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), colour)
            if is_current:
                painter.setPen(QPen(colour, 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
            inner = rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
            painter.setFont(self._bold)
            painter.setPen(colour)
            painter.drawText(inner.topLeft() + QPoint(0, fm.ascent()), head)
            painter.setFont(self._font)
            painter.setPen(QColor("#202124"))
            text_rect = QRect(
                inner.left(), inner.top() + fm.height(), inner.width(), 2 * fm.lineSpacing()
            )
            painter.drawText(text_rect, Qt.TextFlag.TextWordWrap, body)
        painter.end()

    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 - Qt override
        for note in self._placed:
            if note.rect.contains(ev.position().toPoint()):
                self.item_clicked.emit(note.key)
                return
        super().mousePressEvent(ev)


def _fit(fm: QFontMetrics, text: str, width: int, max_lines: int = 2) -> tuple[str, int]:
    """``text`` wrapped at ``width``, cut to ``max_lines`` lines with "…"; and its lines."""
    words = text.split()

    def lines_of(candidate: str) -> int:
        rect = fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, candidate)
        return max(1, round(rect.height() / max(1, fm.lineSpacing())))

    candidate = " ".join(words)
    n = lines_of(candidate)
    if n <= max_lines:
        return candidate, n
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words) + "…"
        if lines_of(candidate) <= max_lines:
            break
    return candidate, max_lines
