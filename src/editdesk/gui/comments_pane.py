"""The comments pane: findings and editor comments as cards, in text order, with
filters and counts above the list and the detail card for the selection below it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editdesk.gui.card_list import ITEM_ROLE, CardDelegate, ItemsModel
from editdesk.gui.detail_card import DetailCard
from editdesk.gui.items import Item, plural

SEVERITY_ORDER = ("error", "warning", "suggestion")
SEVERITY_PLURAL = {"error": "Errors", "warning": "Warnings", "suggestion": "Suggestions"}


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
            f"Showing {len(shown)} of {len(self.all_items)} · "
            f"{plural(open_findings, 'open finding')} · {plural(open_comments, 'open comment')}"
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
