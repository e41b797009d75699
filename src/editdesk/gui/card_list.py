"""The card list: a model over the items and a delegate that paints each one as a
card, so hundreds of findings cost one paint per visible card."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from editdesk.gui.card_text import CARD_COLOURS, detail_line, state_label
from editdesk.gui.items import Item, sources_line

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ItemsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.message
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.severity or 'comment'} {item.category}: {item.message}"
        return None

    def set_items(self, items: list[Item]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def row_of(self, key: str) -> int:
        for row, item in enumerate(self.items):
            if item.key == key:
                return row
        return -1


class CardDelegate(QStyledItemDelegate):
    PAD = 8
    MARGIN = 4
    MAX_MESSAGE_LINES = 4

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple, int] = {}

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        header = QFont(base)
        header.setBold(True)
        header.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return header, base, small

    def _text_width(self) -> int:
        return max(80, self.view.viewport().width() - 2 * (self.MARGIN + self.PAD) - 6)

    def _message_rect(self, fm: QFontMetrics, text: str, width: int) -> QRect:
        r = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        max_h = fm.lineSpacing() * self.MAX_MESSAGE_LINES
        return QRect(0, 0, width, min(r.height(), max_h))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        item: Item = index.data(ITEM_ROLE)
        width = self._text_width()
        key = (item.key, item.message, item.state, len(item.replies), item.also, width)
        h = self._heights.get(key)
        if h is None:
            header, body, small = self._fonts(option.font)
            h = 2 * (self.MARGIN + self.PAD)
            h += QFontMetrics(header).lineSpacing() + 4
            h += self._message_rect(QFontMetrics(body), item.message, width).height() + 4
            h += QFontMetrics(small).lineSpacing() * (2 if item.also else 1)
            self._heights[key] = h
            if len(self._heights) > 5000:
                self._heights.clear()
        return QSize(width, h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item: Item = index.data(ITEM_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        accent = CARD_COLOURS["comment" if item.is_comment else item.severity]
        background = QColor("#e8f0fc") if selected else pal.color(QPalette.ColorRole.Base)
        if not item.is_open and not selected:
            background = QColor("#f4f4f4")
        painter.setPen(QPen(QColor("#3874d8") if selected else QColor("#cfd4da"), 1.2))
        painter.setBrush(background)
        painter.drawRoundedRect(card, 6, 6)
        bar = QRect(card.left(), card.top(), 5, card.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent if item.is_open else QColor("#b0b0b0"))
        painter.drawRoundedRect(bar, 2, 2)

        header_font, body_font, small_font = self._fonts(option.font)
        text_colour = pal.color(QPalette.ColorRole.Text)
        muted = QColor("#5f6670")
        x = card.left() + self.PAD + 4
        width = card.width() - 2 * self.PAD - 4
        y = card.top() + self.PAD

        # header: KIND · category ........ state
        painter.setFont(header_font)
        hfm = QFontMetrics(header_font)
        kind = "COMMENT" if item.is_comment else item.severity.upper()
        state = state_label(item)
        state_w = hfm.horizontalAdvance(state)
        painter.setPen(accent.darker(115) if item.is_open else muted)
        kind_w = hfm.horizontalAdvance(kind)
        painter.drawText(QRect(x, y, kind_w + 2, hfm.lineSpacing()), 0, kind)
        painter.setPen(muted)
        sub = item.author if item.is_comment else item.category
        sub_rect = QRect(
            x + kind_w + 6, y, max(0, width - kind_w - state_w - 16), hfm.lineSpacing()
        )
        painter.drawText(
            sub_rect, 0, hfm.elidedText(f"· {sub}", Qt.TextElideMode.ElideRight, sub_rect.width())
        )
        painter.drawText(QRect(x + width - state_w, y, state_w, hfm.lineSpacing()), 0, state)
        y += hfm.lineSpacing() + 4

        # message (wrapped, at most a few lines)
        painter.setFont(body_font)
        bfm = QFontMetrics(body_font)
        painter.setPen(text_colour if item.is_open else muted)
        mrect = self._message_rect(bfm, item.message, width)
        painter.drawText(
            QRect(x, y, width, mrect.height()),
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop),
            item.message,
        )
        y += mrect.height() + 4

        # flagged words and what would replace them
        painter.setFont(small_font)
        sfm = QFontMetrics(small_font)
        painter.setPen(muted)
        painter.drawText(
            QRect(x, y, width, sfm.lineSpacing()),
            0,
            sfm.elidedText(detail_line(item), Qt.TextElideMode.ElideRight, width),
        )
        if item.also:  # one problem flagged by several rules: the card speaks for all
            y += sfm.lineSpacing()
            painter.drawText(
                QRect(x, y, width, sfm.lineSpacing()),
                0,
                sfm.elidedText(also_line(item), Qt.TextElideMode.ElideRight, width),
            )
        painter.restore()


def also_line(item: Item) -> str:
    return f"Also: {sources_line(item.also)}"
