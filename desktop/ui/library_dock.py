"""The indicator library panel: find an indicator by words, sector or pinyin initials and put it
into the form with its typical value, ready to edit.

The panel follows the cursor: with “只看当前二级指标” it lists only indicators of the level-2
category the cursor is in (数量指标, 经济效益 …). A double-click, Enter, or a drag onto a
category inserts the indicator as one undo step and opens its value for editing. The library
(the shipped files, the user's own library files and the history of projects the user opened or
saved) is loaded the first time the panel is shown, so starting the editor costs nothing.
"""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.history import History
from desktop.core.library import (
    ENTRY_KEYS,
    Entry,
    Library,
    PlacementError,
    category_key,
    default_library,
    library_insert,
)
from desktop.core.model import Indicator, Level2
from desktop.ui.i18n import tr

MIME_LIBRARY = "application/x-jixiao-library-entry"
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


def load_library(history: History | None = None) -> Library:
    """The shipped and user library files plus the user's own history, for the panel."""
    base = default_library()
    lib = Library(list(base.items), list(base.files), list(base.problems))
    try:
        entries = (history or History()).entries()
    except OSError:
        entries = []
    lib.add("history.json", entries)
    return lib


def entries_to_mime(entries: list[Entry]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_LIBRARY, json.dumps([e.as_dict() for e in entries]).encode("utf-8"))
    mime.setText("\n".join(f"{e.name}\t{e.target_text()}" for e in entries))
    return mime


def entries_from_mime(mime: QMimeData) -> list[Entry]:
    """The entries a drag from the library panel carries ([] for anything else)."""
    if not mime.hasFormat(MIME_LIBRARY):
        return []
    try:
        rows = json.loads(bytes(mime.data(MIME_LIBRARY).data()).decode("utf-8"))
        return [Entry.model_validate({k: r.get(k, "") for k in ENTRY_KEYS}) for r in rows]
    except (ValueError, TypeError, AttributeError):
        return []


def insert_entries(doc, form_id: str, entries: list[Entry], level2: Level2 | None = None,
                   index: int = -1) -> list[Indicator]:  # fmt: skip
    """Put `entries` into the form as one undo step (the core's `library_insert` through the
    document's funnel); returns the new indicators ([] when the document refuses changes or
    the form has no category for them)."""
    try:
        edit, added = library_insert(doc.form(form_id), entries,
                                     level2.uid if level2 else None, index)  # fmt: skip
    except PlacementError:
        return []
    if edit is None:
        return []
    text = (
        tr("从指标库插入“{0}”").format(added[0].name)
        if len(added) == 1
        else tr("从指标库插入 {0} 个指标").format(len(added))
    )
    return added if doc.apply(edit, text) else []


class LibraryModel(QAbstractTableModel):
    """The entries found, one a row: name, typical value, category, sector."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.headers = [tr("指标名称"), tr("参考值"), tr("二级指标"), tr("行业")]

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.name, e.target_text(), e.level2, e.sector)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            source = tr("来源")
            return f"{e.name}：{e.explanation}\n{source}：{e.source}"
        if role == ENTRY_ROLE:
            return e
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MIME_LIBRARY, "text/plain"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        return entries_to_mime([self.entries[r] for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class LibraryPanel(QWidget):
    """Search box, sector choice, “only this category” switch, results and the details."""

    insertRequested = Signal(list)  # [Entry]

    def __init__(self, parent=None, loader=load_library):
        super().__init__(parent)
        self._loader = loader
        self.library: Library | None = None
        self.category: str | None = None  # the level-2 name at the cursor

        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(tr("搜索：词语或拼音首字母，如 pxrc"))
        self.search.setClearButtonEnabled(True)
        self.sector = QComboBox()
        self.sector.setObjectName("librarySector")
        self.only_here = QCheckBox(tr("只看当前二级指标"))
        self.only_here.setChecked(True)
        self.model = LibraryModel(self)
        self.view = QTableView()
        self.view.setObjectName("libraryResults")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.details = QLabel()
        self.details.setObjectName("libraryDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.sector, 1)
        row = QHBoxLayout()
        row.addWidget(self.only_here)
        row.addStretch(1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)

        self._timer = QTimer(self)  # refresh once after a burst of keystrokes and cursor moves
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.sector.currentIndexChanged.connect(self._timer.start)
        self.only_here.toggled.connect(self._timer.start)
        # `activated` is a double-click (or a single click where the platform says so) and
        # Enter; listening to doubleClicked too would insert twice.
        self.view.activated.connect(lambda index: self._request([index.row()]))
        self.view.selectionModel().currentRowChanged.connect(self._show_details)

    # --- loading --------------------------------------------------------------------------

    def ensure_loaded(self) -> Library:
        if self.library is None:
            self.library = self._loader()
            self.sector.blockSignals(True)
            self.sector.addItem(tr("全部行业"), "")
            for sector in self.library.sectors():
                self.sector.addItem(sector, sector)
            self.sector.blockSignals(False)
            self.refresh()
        return self.library

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def reload(self) -> None:
        """Load the library files and the history again (after a rebuild or a new file)."""
        self.library = None
        self.sector.clear()
        self.ensure_loaded()

    # --- following the cursor -------------------------------------------------------------

    def set_category(self, level2_name: str | None) -> None:
        """The level-2 category at the cursor (None outside the indicator tree)."""
        if level2_name == self.category:
            return
        self.category = level2_name
        self.only_here.setText(
            tr("只看“{0}”").format(level2_name) if level2_name else tr("只看当前二级指标")
        )
        self._timer.start()

    # --- results ----------------------------------------------------------------------------

    def found(self) -> list[Entry]:
        lib = self.library
        if lib is None:
            return []
        level2 = self.category if self.only_here.isChecked() and self.category else None
        return lib.search(self.search.text(), sector=self.sector.currentData() or None,
                          level2=level2)  # fmt: skip

    def refresh(self) -> None:
        if self.library is None:
            return
        entries = self.found()
        self.model.set_entries(entries)
        self.count.setText(tr("{0} 条").format(len(entries)))
        if entries:
            self.view.selectRow(0)
        else:
            self.details.setText(
                tr("没有找到。可换个词、改选“全部行业”，或取消“只看当前二级指标”。")
            )

    def _show_details(self, current: QModelIndex, previous: QModelIndex) -> None:
        e = self.model.data(current, ENTRY_ROLE)
        if e is None:
            self.details.clear()
            return
        typical, source = tr("参考值"), tr("来源")
        self.details.setText(
            f"<b>{e.name}</b>（{e.level1}／{e.level2}，{typical} {e.target_text()}）<br>"
            f"{e.explanation}<br><small>{source}：{e.source}</small>"
        )

    def selected_entries(self) -> list[Entry]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows]

    def _request(self, rows: list[int]) -> None:
        entries = [self.model.entries[r] for r in rows if 0 <= r < len(self.model.entries)]
        if entries:
            self.insertRequested.emit(entries)

    def insert_selected(self) -> None:
        entries = self.selected_entries()
        if entries:
            self.insertRequested.emit(entries)


def category_of(view) -> tuple[Level2 | None, int]:
    """The level-2 category at an IndicatorView's cursor and the index after the cursor row."""
    index = view.currentIndex()
    node = view.tree.node(index)
    if isinstance(node, Indicator):
        return view.tree.node(index.parent()), index.row() + 1
    if isinstance(node, Level2):
        return node, len(node.indicators)
    return None, -1


def insert_at_cursor(doc, view, entries: list[Entry]) -> list[Indicator]:
    """Insert `entries` where the IndicatorView's cursor is (when it is in their category, else
    each in its own category), then open the first one's value for editing."""
    level2, index = category_of(view)
    same = level2 is not None and all(
        category_key(e.level2) == category_key(level2.name) for e in entries
    )
    added = insert_entries(doc, view.form_id, entries, level2 if same else None,
                           index if same else -1)  # fmt: skip
    if added:
        key = "target" if "target" in view.tree.keys else "name"
        target = view.tree.index_for(added[0].uid, key)
        view.setCurrentIndex(target)
        view.scrollTo(target)
        view.setFocus()
        view.edit(target)
    return added


class LibraryDock(QDockWidget):
    def __init__(self, parent=None, loader=load_library):
        super().__init__(tr("指标库"), parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(self, loader)
        self.setWidget(self.panel)
