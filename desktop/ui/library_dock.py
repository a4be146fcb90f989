"""The indicator library panel: find an indicator by words, sector or pinyin initials and put it
into the form with its typical value, ready to edit.

The panel follows the cursor: with “只看当前二级指标” it lists only indicators of the level-2
category the cursor is in (数量指标, 经济效益 …). A double-click, Enter, or a drag onto a
category inserts the indicator as one undo step and opens its value for editing. The library
(the shipped files, the user's own library files and the history of projects the user opened or
saved) is loaded the first time the panel is shown, so starting the editor costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.history import History
from desktop.core.library import Entry, Library, category_key, default_library
from desktop.core.model import Indicator, Level2
from desktop.ui.i18n import tr
from desktop.ui.library_items import MIME_LIBRARY, entries_to_mime, insert_entries

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


def load_library(history: History | None = None, exclude=None) -> Library:
    """The shipped and user library files plus the user's own history (less the file
    `exclude`, the one being edited), for the panel."""
    base = default_library()
    lib = Library(list(base.items), list(base.files), list(base.problems))
    try:
        entries = (history or History()).entries(exclude=exclude)
    except OSError:
        entries = []
    lib.add("history.json", entries)
    return lib


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
        # The other columns are sized once, to the whole library (_fit_columns): sized to their
        # contents, they asked every row found for its data on every keystroke.
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
        # (not connected to start itself, which would take the signal's value as its interval)
        self.search.textChanged.connect(self._refresh_soon)
        self.sector.currentIndexChanged.connect(self._refresh_soon)
        self.only_here.toggled.connect(self._refresh_soon)
        # `activated` is a double-click (or a single click where the platform says so) and
        # Enter; listening to doubleClicked too would insert twice.
        self.view.activated.connect(lambda index: self._request([index.row()]))
        self.view.selectionModel().currentRowChanged.connect(self._show_details)

    def _refresh_soon(self, *_) -> None:
        self._timer.start()

    # --- loading --------------------------------------------------------------------------

    def ensure_loaded(self) -> Library:
        if self.library is None:
            self.library = self._loader()
            self.sector.blockSignals(True)
            self.sector.addItem(tr("全部行业"), "")
            for sector in self.library.sectors():
                self.sector.addItem(sector, sector)
            self.sector.blockSignals(False)
            self._fit_columns(self.library)
            self.refresh()
        return self.library

    def _fit_columns(self, library: Library) -> None:
        """Value, category and sector wide enough for the widest of the library (up to twelve
        characters), so a column keeps its width whatever is found."""
        fm = self.view.fontMetrics()
        margin = 2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                    None, self.view) + 1) + 8  # fmt: skip
        widest = fm.horizontalAdvance("中" * 12)
        header = self.view.horizontalHeader()
        columns = {
            1: {e.target_text() for e in library.entries},
            2: {e.level2 for e in library.entries},
            3: {e.sector for e in library.entries},
        }
        for column, texts in columns.items():
            texts.add(self.model.headers[column])
            width = min(max(fm.horizontalAdvance(t) for t in texts), widest) + margin
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

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
    """The level-2 category at an IndicatorView's cursor and the index after the cursor row
    ((None, -1) when the cursor is on a level-1 row or nowhere)."""
    if not isinstance(view.current_node(), Indicator | Level2):
        return None, -1
    return view._level2_here()


def insert_at_cursor(doc, view, entries: list[Entry]) -> list[Indicator]:
    """Insert `entries` where the IndicatorView's cursor is (when it is in their category, else
    each in its own category), then open the first one's value for editing."""
    view.finish_editing()  # an open cell's value is its own step, before the new rows
    level2, index = category_of(view)
    same = level2 is not None and all(
        category_key(e.level2) == category_key(level2.name) for e in entries
    )
    added = insert_entries(doc, view.form_id, entries, level2 if same else None,
                           index if same else -1)  # fmt: skip
    if added:
        key = "target" if "target" in view.tree.keys else "name"
        view.setFocus()
        view.edit_cell(view.tree.index_for(added[0].uid, key))
    return added


class LibraryDock(QDockWidget):
    def __init__(self, parent=None, loader=load_library):
        super().__init__(tr("指标库"), parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(self, loader)
        self.setWidget(self.panel)


def library_vocabulary(entries: list[Entry]):
    """Names, values and units of library entries as completion words (most used first), with
    values filed under both spellings of a category (经济效益 and 经济效益指标)."""
    from collections import Counter

    from desktop.ui.document import Vocabulary

    names: Counter = Counter()
    values: Counter = Counter()
    units: dict[str, Counter] = {}
    values_in: dict[str, Counter] = {}
    for e in entries:
        names[e.name] += 1
        text = e.target_text()
        values[text] += 1
        key = e.level2.removesuffix("指标")
        for level2 in dict.fromkeys((e.level2, key, key + "指标")):
            values_in.setdefault(level2, Counter())[text] += 1
            if e.unit:
                units.setdefault(level2, Counter())[e.unit] += 1

    def ranked(c: Counter) -> list[str]:
        return [t for t, _ in c.most_common()]

    return Vocabulary(ranked(names), ranked(values), {k: ranked(c) for k, c in units.items()},
                      {k: ranked(c) for k, c in values_in.items()})  # fmt: skip


def history_beside(recent_path) -> History:
    """The history index: in the user data folder, or beside a recent-files list kept
    elsewhere (a test's or a portable install's own folder)."""
    from pathlib import Path

    import platformdirs

    from desktop.core.resources import APP_NAME

    config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    folder = Path(recent_path).parent
    return History() if folder == config else History(folder / "history.json")


class LibraryController(QObject):
    """The library in a main window: the dock (hidden until asked for), following the page's
    cursor, inserting into the current form, completion words for every document, and the
    history of projects opened or saved."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.history = history_beside(window.files.recent.path)
        self.dock = LibraryDock(window, loader=self._load)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+L"))
        self._sized = False
        self.dock.visibilityChanged.connect(self._first_size)
        self._view = None
        self._pool = None  # the history's worker thread, made on the first record
        self._recording = None
        # the completion words of the last few sets of entries (key: their identities; the
        # entries are held, so an identity is not reused): going back and forth between a few
        # documents meets the same history and library again
        self._words: dict[tuple[int, ...], tuple[list, object]] = {}
        self.dock.panel.insertRequested.connect(self.insert)
        window.work.pageChanged.connect(self._follow_page)
        window.files.documentReady.connect(self._on_document)
        window.files.saved.connect(self._record_current)

    def specs(self) -> list:
        from desktop.ui.actions import ActionSpec

        return [
            ActionSpec("rebuild_history", tr("重建本人指标历史"), self.rebuild_history,
                       tip=tr("重新读取打开或保存过的项目文件，更新指标库中的“我的项目”。")),
        ]  # fmt: skip

    def _load(self) -> Library:
        doc = self.window.doc
        return load_library(self.history, exclude=doc.path if doc is not None else None)

    def _first_size(self, visible: bool) -> None:
        """Wide enough for a name, its value and its category the first time it opens."""
        if visible and not self._sized and not self.dock.isFloating():
            self._sized = True
            self.window.resizeDocks([self.dock], [460], Qt.Orientation.Horizontal)

    # --- following the page -----------------------------------------------------------------

    def _follow_page(self) -> None:
        page = self.window.page
        view = getattr(page, "indicator_view", None) if page is not None else None
        if view is self._view:
            return
        self._view = view
        if view is None:
            self.dock.panel.set_category(None)
            return
        view.selectionModel().currentChanged.connect(lambda *args: self._follow_cursor(view))
        self._follow_cursor(view)

    def _follow_cursor(self, view) -> None:
        if view is not self._view:
            return
        level2, _ = category_of(view)
        self.dock.panel.set_category(level2.name if level2 is not None else None)

    def insert(self, entries: list[Entry]) -> None:
        doc, view = self.window.doc, self._view
        if doc is None or view is None or doc.read_only:
            self.window.statusBar().showMessage(tr("请先打开一张可编辑的表单。"), 4000)
            return
        if not insert_at_cursor(doc, view, entries):
            self.window.statusBar().showMessage(tr("此表没有这一类指标，未插入。"), 4000)

    # --- documents and history ----------------------------------------------------------------

    def _on_document(self, doc, modified: bool) -> None:
        from desktop.core.library import plain_entries

        try:
            own = self.history.entries(exclude=doc.path)  # not this very file's own words
        except OSError:
            own = []
        entries = [*own, *plain_entries()]
        key = tuple(map(id, entries))
        words = self._words.pop(key, None)
        if words is None:
            words = (entries, library_vocabulary(entries))
        self._words[key] = words  # the most recent last
        while len(self._words) > 4:
            del self._words[next(iter(self._words))]
        doc.extra_vocabulary = words[1]
        self._record(doc)
        if self.dock.panel.library is not None:  # the history part follows the open file
            self.dock.panel.reload()

    def _record_current(self) -> None:
        if self.window.doc is not None:
            self._record(self.window.doc)

    def _record(self, doc) -> None:
        """Note the project's indicators in the history, on a worker thread: at thousands of
        forms the rows and the index file take a second, which opening must not wait for.
        The history is a cache of the files (rebuilt from them on demand): rows read while an
        edit lands are of either state, and records are written one at a time, in order."""
        if doc.path is None:
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
        self._recording = self._pool.submit(self._record_now, doc.path, doc.project)

    def _record_now(self, path, project) -> None:
        try:
            self.history.record(path, project)
        except OSError:
            return  # failing to remember is not worth an error box

    def settle(self) -> None:
        """Wait for the history record under way (tests; a rebuild)."""
        if self._recording is not None:
            self._recording.result()

    def rebuild_history(self) -> None:
        self.settle()
        try:
            read, dropped = self.history.rebuild()
        except OSError as exc:
            self.window.statusBar().showMessage(tr("无法更新指标历史：{0}").format(exc), 6000)
            return
        self.dock.panel.reload()
        self.window.statusBar().showMessage(
            tr("指标历史已更新：读取 {0} 个项目文件，移除 {1} 个已不存在的。").format(
                read, dropped
            ),
            6000,
        )
