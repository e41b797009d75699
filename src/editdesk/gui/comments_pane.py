"""The comments pane: findings and editor comments as cards, in text order.

The list is a QListView over a model with a painting delegate, so hundreds of
findings cost one paint per visible card; the actions (replacements,
Accept / Reject, replies, Resolve) live on one detail card for the selection.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editdesk.gui.article_view import SEVERITY_COLOURS
from editdesk.gui.items import Item, short_time

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_COLOURS = {**SEVERITY_COLOURS, "comment": QColor("#c79a00")}
SEVERITY_ORDER = ("error", "warning", "suggestion")
SEVERITY_PLURAL = {"error": "Errors", "warning": "Warnings", "suggestion": "Suggestions"}


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
        key = (item.key, item.message, item.state, len(item.replies), width)
        h = self._heights.get(key)
        if h is None:
            header, body, small = self._fonts(option.font)
            h = 2 * (self.MARGIN + self.PAD)
            h += QFontMetrics(header).lineSpacing() + 4
            h += self._message_rect(QFontMetrics(body), item.message, width).height() + 4
            h += QFontMetrics(small).lineSpacing()
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
        state = _state_label(item)
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
            sfm.elidedText(_detail_line(item), Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


def _state_label(item: Item) -> str:
    if item.is_comment:
        n = len(item.replies)
        replies = f"{n} repl{'y' if n == 1 else 'ies'} · " if n else ""
        return replies + ("Resolved" if item.state == "resolved" else "Open")
    if item.stale and item.is_open:
        return "Open · edited since check"
    return item.state.capitalize()


def visible_quote(text: str) -> str:
    """The flagged words on one line; a span of only spaces is shown as such."""
    if text and not text.strip():
        n = len(text)
        return "·" * min(n, 8) + (" (space)" if n == 1 else " (spaces)")
    return " ".join(text.split())


def _detail_line(item: Item) -> str:
    quote = visible_quote(item.flagged)
    if len(quote) > 60:
        quote = quote[:57] + "…"
    if item.is_comment:
        when = short_time(item.at)
        return f"on “{quote}” · {when}" if quote else when
    if item.replacements:
        reps = ", ".join(visible_quote(r) or "(delete)" for r in item.replacements[:4])
        return f"“{quote}” → {reps}"
    return f"“{quote}”"


class DetailCard(QFrame):
    """The selected item, with its actions."""

    accept_clicked = Signal(str, str)  # key, replacement
    reject_clicked = Signal(str)
    ignore_clicked = Signal(str)
    reply_submitted = Signal(str, str)  # comment id, text
    resolve_clicked = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item: Item | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flagged = QLabel()
        self.flagged.setWordWrap(True)
        self.replacements_row = QHBoxLayout()
        self.replacements_row.setSpacing(4)
        self.actions_row = QHBoxLayout()
        self.accept_button = QPushButton("Accept")
        self.reject_button = QPushButton("Reject")
        self.ignore_button = QPushButton("Ignore")
        self.resolve_button = QPushButton("Resolve")
        for b in (self.accept_button, self.reject_button, self.ignore_button, self.resolve_button):
            self.actions_row.addWidget(b)
        self.actions_row.addStretch(1)
        self.replies = QLabel()
        self.replies.setWordWrap(True)
        self.replies.setTextFormat(Qt.TextFormat.RichText)
        self.reply_edit = QLineEdit()
        self.reply_edit.setPlaceholderText("Reply…")
        self.reply_button = QPushButton("Reply")
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_edit, 1)
        reply_row.addWidget(self.reply_button)
        self.reply_widget = QWidget()
        self.reply_widget.setLayout(reply_row)
        reply_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.header, self.message, self.flagged):
            lay.addWidget(w)
        lay.addLayout(self.replacements_row)
        lay.addLayout(self.actions_row)
        lay.addWidget(self.replies)
        lay.addWidget(self.reply_widget)
        lay.addStretch(1)
        self.accept_button.clicked.connect(self._accept_first)
        self.reject_button.clicked.connect(lambda: self._emit_key(self.reject_clicked))
        self.ignore_button.clicked.connect(lambda: self._emit_key(self.ignore_clicked))
        self.resolve_button.clicked.connect(self._toggle_resolved)
        self.reply_button.clicked.connect(self._reply)
        self.reply_edit.returnPressed.connect(self._reply)
        self.show_item(None)

    def _emit_key(self, signal) -> None:
        if self.item is not None:
            signal.emit(self.item.key)

    def _accept_first(self) -> None:
        if self.item is not None and self.item.replacements:
            self.accept_clicked.emit(self.item.key, self.item.replacements[0])

    def _toggle_resolved(self) -> None:
        if self.item is not None:
            self.resolve_clicked.emit(self.item.key, self.item.state != "resolved")

    def _reply(self) -> None:
        text = self.reply_edit.text().strip()
        if self.item is not None and text:
            self.reply_submitted.emit(self.item.key, text)
            self.reply_edit.clear()

    def replacement_buttons(self) -> list[QPushButton]:
        row = self.replacements_row
        widgets = (row.itemAt(i).widget() for i in range(row.count()))
        return [w for w in widgets if isinstance(w, QPushButton)]

    def show_item(self, item: Item | None) -> None:
        self.item = item
        while self.replacements_row.count():
            w = self.replacements_row.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if item is None:
            self.header.setText(
                "<span style='color:#5f6670'>Select a card or an underlined "
                "word to see what can be done.</span>"
            )
            for w in (self.message, self.flagged, self.replies, self.reply_widget):
                w.hide()
            for b in (
                self.accept_button,
                self.reject_button,
                self.ignore_button,
                self.resolve_button,
            ):
                b.hide()
            return
        colour = CARD_COLOURS["comment" if item.is_comment else item.severity].name()
        kind = "Comment" if item.is_comment else item.severity.capitalize()
        sub = escape(item.author if item.is_comment else f"{item.category} · {item.rule_id}")
        self.header.setText(
            f"<b style='color:{colour}'>{kind}</b> <span style='color:#5f6670'>· {sub} · "
            f"{escape(_state_label(item))}</span>"
        )
        self.message.setText(item.message)
        self.message.show()
        quote = visible_quote(item.flagged)
        self.flagged.setText(f"On: “{quote}”" if quote else "")
        self.flagged.setVisible(bool(quote))
        is_finding = not item.is_comment
        if is_finding and item.is_open and not item.stale:
            for rep in item.replacements[:6]:
                b = QPushButton(visible_quote(rep) if rep else "(delete)")
                b.setToolTip(f"Replace “{quote}” with “{rep}”")
                b.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, r=rep: self.accept_clicked.emit(item.key, r))
                self.replacements_row.addWidget(b)
            self.replacements_row.addStretch(1)
        self.accept_button.setVisible(is_finding)
        self.accept_button.setEnabled(
            is_finding and item.is_open and bool(item.replacements) and not item.stale
        )
        self.reject_button.setVisible(is_finding)
        self.reject_button.setEnabled(item.is_open)
        self.ignore_button.setVisible(is_finding)
        self.ignore_button.setEnabled(item.is_open)
        self.resolve_button.setVisible(item.is_comment)
        self.resolve_button.setText("Reopen" if item.state == "resolved" else "Resolve")
        if item.is_comment:
            lines = [
                f"<b>{escape(r.author)}</b> <span style='color:#5f6670'>"
                f"{escape(short_time(r.at))}</span><br>{escape(r.text)}"
                for r in item.replies
            ]
            self.replies.setText("<br>".join(lines))
            self.replies.setVisible(bool(lines))
            self.reply_widget.show()
        else:
            self.replies.hide()
            self.reply_widget.hide()


class CommentsPane(QWidget):
    item_selected = Signal(str)  # the user picked a card

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_items: list[Item] = []
        self._updating = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        self.open_only = QCheckBox("Open only")
        self.open_only.setChecked(True)
        self.comments_only = QCheckBox("Comments only")
        self.severity = QComboBox()
        self.category = QComboBox()
        self.category.setMinimumContentsLength(12)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        row1 = QHBoxLayout()
        row1.setContentsMargins(6, 4, 6, 0)
        row1.addWidget(self.open_only)
        row1.addWidget(self.comments_only)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.setContentsMargins(6, 0, 6, 0)
        row2.addWidget(self.severity, 1)
        row2.addWidget(self.category, 1)
        outer.addLayout(row1)
        outer.addLayout(row2)
        self.summary = QLabel()
        self.summary.setContentsMargins(8, 0, 8, 0)
        self.summary.setStyleSheet("color:#5f6670")
        outer.addWidget(self.summary)

        self.model = ItemsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(False)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(100)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.detail = DetailCard()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        self.detail.setMinimumHeight(200)
        split.setSizes([500, 220])
        outer.addWidget(split, 1)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.open_only.toggled.connect(self._refilter)
        self.comments_only.toggled.connect(self._refilter)
        self.severity.currentIndexChanged.connect(self._refilter)
        self.category.currentIndexChanged.connect(self._refilter)
        self._fill_filters()

    # -- data -----------------------------------------------------------------------------
    def set_items(self, items: list[Item]) -> None:
        key = self.current_key()
        self.all_items = items
        self._fill_filters()
        self._refilter(keep=key)

    def _fill_filters(self) -> None:
        self._updating = True
        base = [i for i in self.all_items if i.is_open or not self.open_only.isChecked()]
        findings = [i for i in base if not i.is_comment]
        sev_data = self.severity.currentData()
        self.severity.clear()
        self.severity.addItem(f"All severities ({len(findings)})", "")
        for s in SEVERITY_ORDER:
            n = sum(1 for i in findings if i.severity == s)
            self.severity.addItem(f"{SEVERITY_PLURAL[s]} ({n})", s)
        self.severity.setCurrentIndex(max(0, self.severity.findData(sev_data or "")))
        cat_data = self.category.currentData()
        self.category.clear()
        self.category.addItem("All categories", "")
        counts: dict[str, int] = {}
        for i in findings:
            counts[i.category] = counts.get(i.category, 0) + 1
        for cat in sorted(counts, key=str.lower):
            self.category.addItem(f"{cat} ({counts[cat]})", cat)
        self.category.setCurrentIndex(max(0, self.category.findData(cat_data or "")))
        n_comments = sum(1 for i in base if i.is_comment)
        self.comments_only.setText(f"Comments only ({n_comments})")
        self._updating = False

    def _matches(self, item: Item) -> bool:
        if self.open_only.isChecked() and not item.is_open:
            return False
        if self.comments_only.isChecked():
            return item.is_comment
        sev = self.severity.currentData()
        cat = self.category.currentData()
        if sev and (item.is_comment or item.severity != sev):
            return False
        return not (cat and (item.is_comment or item.category != cat))

    def _refilter(self, *_args, keep: str | None = None) -> None:
        if self._updating:
            return
        if keep is None:
            keep = self.current_key()
        if self.sender() is self.open_only:
            self._fill_filters()
        shown = [i for i in self.all_items if self._matches(i)]
        self.model.set_items(shown)
        open_findings = sum(1 for i in self.all_items if i.is_open and not i.is_comment)
        open_comments = sum(1 for i in self.all_items if i.is_open and i.is_comment)
        self.summary.setText(
            f"Showing {len(shown)} of {len(self.all_items)} · {open_findings} open findings · "
            f"{open_comments} open comments"
        )
        row = self.model.row_of(keep) if keep else -1
        self._updating = True
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
            self.detail.show_item(self.model.items[row])
        else:
            self.detail.show_item(None)
        self._updating = False

    # -- selection ---------------------------------------------------------------------------
    def current_key(self) -> str:
        idx = self.view.currentIndex()
        item = idx.data(ITEM_ROLE) if idx.isValid() else None
        return item.key if item else ""

    def select_key(self, key: str) -> None:
        """Follow the text cursor (does not emit item_selected)."""
        if key == self.current_key():
            return
        row = self.model.row_of(key) if key else -1
        self._updating = True
        if row >= 0:
            idx = self.model.index(row)
            self.view.setCurrentIndex(idx)
            self.view.scrollTo(idx)
            self.detail.show_item(self.model.items[row])
        elif key:
            item = next((i for i in self.all_items if i.key == key), None)
            if item is not None:
                self.view.clearSelection()
                self.detail.show_item(item)
        self._updating = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = current.data(ITEM_ROLE) if current.isValid() else None
        if self._updating:
            return
        self.detail.show_item(item)
        if item is not None:
            self.item_selected.emit(item.key)
