"""The indicator tree view: keyboard editing, row operations, drag and drop, copy and paste.

Every operation here becomes undo commands on the document (a paste of many rows is one undo
step); the view only works out where rows go.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QInputDialog,
    QTreeView,
)

from desktop.core import editing
from desktop.core import operations as ops
from desktop.core.lastyear import LAST_ACTUAL_KEY, LAST_TARGET_KEY
from desktop.core.model import Indicator, Level1, Level2
from desktop.core.scoring import BAND_KEY, PRINTED, SCORE_KEY
from desktop.ui import prompts
from desktop.ui.clipboard import clipboard_text, parse_tsv, read_rows, to_tsv
from desktop.ui.document import Document, Selection
from desktop.ui.editors import IndicatorDelegate
from desktop.ui.i18n import short, tr
from desktop.ui.indicator_model import MIME_ROWS, IndicatorTreeModel
from desktop.ui.menus import popup_menu

TREE_COLUMN_WIDTH = 86
_Hint = QAbstractItemDelegate.EndEditHint
_R = Qt.FocusReason
_FROM_ELSEWHERE = (  # the focus came from a click, a key or another window, not a closed editor
    _R.MouseFocusReason, _R.TabFocusReason, _R.BacktabFocusReason, _R.ActiveWindowFocusReason,
    _R.PopupFocusReason, _R.ShortcutFocusReason, _R.MenuBarFocusReason,
)  # fmt: skip


class IndicatorView(QTreeView):
    def __init__(self, doc: Document, form_id: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.form_id = form_id
        self._moving_current = False  # see currentChanged
        self._focus_in_editor = False  # the focus went to this table's cell editor
        self.tree = IndicatorTreeModel(doc, form_id, self)
        self.setModel(self.tree)
        self.setItemDelegate(IndicatorDelegate(doc, self))
        self.setObjectName("indicatorView")
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setIndentation(16)
        self.setAllColumnsShowFocus(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # DragDrop, not InternalMove: rows move within the tree, and indicators dragged from the
        # library panel are taken too (the model copies them in).
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)
        if self.tree.scored:  # the band column sits last in the model, before 得分 on screen
            band = self.tree.keys.index(BAND_KEY)
            header.moveSection(
                header.visualIndex(band), header.visualIndex(self.tree.keys.index(SCORE_KEY))
            )
            printed = self.tree.keys.index(PRINTED)  # 纸面得分 just after 得分
            header.moveSection(
                header.visualIndex(printed), header.visualIndex(self.tree.keys.index(SCORE_KEY)) + 1
            )
            header.setSectionHidden(printed, True)  # the page shows it when it is wanted
        if LAST_TARGET_KEY in self.tree.keys and "target" in self.tree.keys:  # beside 目标
            after = header.visualIndex(self.tree.keys.index("target")) + 1
            for key in (LAST_TARGET_KEY, LAST_ACTUAL_KEY):
                header.moveSection(header.visualIndex(self.tree.keys.index(key)), after)
                after += 1
        self.tree.rowsInserted.connect(self._span_new_rows)
        self.expandAll()
        self._span(QModelIndex())

    # --- layout --------------------------------------------------------------------------

    def _span(self, parent: QModelIndex) -> None:
        """Category rows show their name across the whole row."""
        for row in range(self.tree.rowCount(parent)):
            index = self.tree.index(row, 0, parent)
            if not isinstance(self.tree.node(index), Indicator):
                self.setFirstColumnSpanned(row, parent, True)
                self._span(index)

    def _span_new_rows(self, parent: QModelIndex, first: int, last: int) -> None:
        if isinstance(self.tree.node(parent), Indicator):
            return
        for row in range(first, last + 1):
            index = self.tree.index(row, 0, parent)
            if not isinstance(self.tree.node(index), Indicator):
                self.setFirstColumnSpanned(row, parent, True)
                self.expand(index)
        self.expand(parent)

    def printed_shown(self) -> bool:
        """Whether the 纸面得分 column is on screen."""
        return PRINTED in self.tree.keys and not self.isColumnHidden(self.tree.keys.index(PRINTED))

    def show_printed(self, on: bool) -> None:
        """Show or hide the 纸面得分 column (a scored form only)."""
        if PRINTED in self.tree.keys and on != self.printed_shown():
            self.setColumnHidden(self.tree.keys.index(PRINTED), not on)
            self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width among the kind's shown columns in proportion to their print widths."""
        columns = [
            (i, c) for i, c in enumerate(self.tree.columns, start=1) if not self.isColumnHidden(i)
        ]
        if not columns:
            return
        available = max(self.viewport().width() - TREE_COLUMN_WIDTH, 200 * len(columns) // 2)
        total = sum(c.width for _, c in columns)
        self.header().blockSignals(True)
        self.setColumnWidth(0, TREE_COLUMN_WIDTH)
        for i, c in columns:
            self.setColumnWidth(i, int(available * c.width / total))
        self.header().blockSignals(False)
        self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _on_section_resized(self, *args) -> None:
        self.scheduleDelayedItemsLayout()  # wrapped text needs new row heights

    # --- keyboard: Enter and Tab move on ---------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() == Qt.Key.Key_Backspace
            and not event.modifiers()
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.delete_selection()  # like Delete: clears the cells (a spreadsheet's way)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            current = self.currentIndex()
            if current.isValid() and self.tree.flags(current) & Qt.ItemFlag.ItemIsEditable:
                self.edit(current)
                return
        super().keyPressEvent(event)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Qt commits an open editor when the current cell changes under it and closes it with
        SubmitModelCache when the row changed; that is not the clerk's Enter, so `closeEditor`
        must not move on one more row (the cursor ended a row below the cell asked for)."""
        self._moving_current = True
        try:
            super().currentChanged(current, previous)
        finally:
            self._moving_current = False

    # Qt repaints the whole table when it gains or loses the focus. Its own cell editor takes
    # the focus when it opens and gives it back when it closes: there only the current cell
    # can look different, so only it is repainted (a Tab through a form no longer repaints
    # every visible cell twice). Focus from or to anywhere else goes through Qt as before.

    def focusOutEvent(self, event: QFocusEvent) -> None:
        taker = QApplication.focusWidget()
        if taker is not None and taker is not self and self.viewport().isAncestorOf(taker):
            self._focus_in_editor = True
            self._update_current()
            return
        self._focus_in_editor = False
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        back_from_editor = self._focus_in_editor and event.reason() not in _FROM_ELSEWHERE
        self._focus_in_editor = False
        current = self.currentIndex()
        if not (back_from_editor and current.isValid()):
            super().focusInEvent(event)
            return
        # what QAbstractItemView.focusInEvent does besides its repaint: typing into the table
        # (an input method's too) starts editing an editable current cell
        editable = bool(self.tree.flags(current) & Qt.ItemFlag.ItemIsEditable)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)
        self._update_current()

    def _update_current(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.viewport().update(self.visualRect(current))

    def finish_editing(self) -> None:
        """Commit and close the cell editor if one is open. One can be open without the focus
        (the library floating as its own window keeps it), so nothing else would close it
        before the next cell is opened ("edit: editing failed")."""
        editor = self.focusWidget()
        if (
            self.state() == QAbstractItemView.State.EditingState
            and editor is not None
            and self.viewport().isAncestorOf(editor)
        ):
            self.commitData(editor)
            self.closeEditor(editor, _Hint.NoHint)

    def edit_cell(self, index: QModelIndex) -> None:
        """Make `index` current and open its editor (after finishing any open one)."""
        self.finish_editing()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)

    def closeEditor(self, editor, hint) -> None:
        if self._moving_current and hint == _Hint.SubmitModelCache:
            hint = _Hint.NoHint
        if hint in (_Hint.EditNextItem, _Hint.EditPreviousItem, _Hint.SubmitModelCache):
            super().closeEditor(editor, _Hint.NoHint)
            current = self.currentIndex()
            if hint == _Hint.SubmitModelCache:
                target = self._cell_below(current)
            else:
                target = self._next_editable(current, hint == _Hint.EditNextItem)
            if target.isValid():
                self.setCurrentIndex(target)
                if hint != _Hint.SubmitModelCache:
                    self.edit(target)
            return
        super().closeEditor(editor, hint)

    def _editable(self, index: QModelIndex) -> bool:
        """An editable cell on screen (a hidden column, e.g. 纸面得分, takes no paste)."""
        return (
            index.isValid()
            and bool(self.tree.flags(index) & Qt.ItemFlag.ItemIsEditable)
            and not self.isColumnHidden(index.column())
        )

    def _rows_after(self, index: QModelIndex, forward: bool):
        row = index.sibling(index.row(), 0)
        while True:
            row = self.indexBelow(row) if forward else self.indexAbove(row)
            if not row.isValid():
                return
            yield row

    def _cell_below(self, index: QModelIndex) -> QModelIndex:
        """The same column in the next indicator row (Enter moves down, like a spreadsheet)."""
        for row in self._rows_after(index, True):
            if isinstance(self.tree.node(row), Indicator):
                return row.sibling(row.row(), index.column())
        return QModelIndex()

    def _next_editable(self, index: QModelIndex, forward: bool) -> QModelIndex:
        """The next (or previous) editable indicator cell in reading order (as shown)."""
        header = self.header()
        columns = [header.logicalIndex(v) for v in range(header.count())]
        columns = [c for c in columns if c != 0 and not header.isSectionHidden(c)]
        step = columns if forward else columns[::-1]
        here = step.index(index.column()) if index.column() in step else -1
        rest = step[here + 1 :]
        for c in rest:
            if self._editable(index.sibling(index.row(), c)):
                return index.sibling(index.row(), c)
        for row in self._rows_after(index, forward):
            if isinstance(self.tree.node(row), Indicator):
                for c in step:
                    if self._editable(row.sibling(row.row(), c)):
                        return row.sibling(row.row(), c)
        return QModelIndex()

    # --- where things are ------------------------------------------------------------------

    def select(self, uid: str, key: str = "") -> bool:
        index = self.tree.index_for(uid, key if key in self.tree.keys else "")
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _select_rows(self, uids: list[str], key: str = "name") -> None:
        selection = self.selectionModel()
        selection.clearSelection()
        if not uids:
            return
        flag = QItemSelectionModel.SelectionFlag.Select
        selection.setCurrentIndex(self.tree.index_for(uids[0], key), flag)
        selection.select(self._ranges([self.tree.index_for(uid, key) for uid in uids[1:]]), flag)

    def _ranges(self, indexes: list[QModelIndex]) -> QItemSelection:
        """`indexes` as few ranges as can hold them: the next rows of one category in one
        column are one range. Selected one by one, each index made the selection model ask for
        the parents of all those before it (1000 pasted rows: 5.5 s)."""
        rows: dict[tuple[int, int], tuple[QModelIndex, list[int]]] = {}
        for index in indexes:
            if index.isValid():
                parent = index.parent()
                place = (parent.internalId() if parent.isValid() else -1, index.column())
                rows.setdefault(place, (parent, []))[1].append(index.row())
        out, model = QItemSelection(), self.tree
        for (_, column), (parent, numbers) in rows.items():
            numbers.sort()
            start = prev = numbers[0]
            for row in [*numbers[1:], None]:
                if row is not None and row <= prev + 1:  # the next row (or the same again)
                    prev = row
                    continue
                out.select(model.index(start, column, parent), model.index(prev, column, parent))
                if row is not None:
                    start = prev = row
        return out

    def current_node(self):
        return self.tree.node(self.currentIndex())

    def _level2_here(self) -> tuple[Level2 | None, int]:
        """The level-2 category new rows go into, and the index after the current row."""
        index = self.currentIndex()
        node = self.tree.node(index)
        if isinstance(node, Indicator):
            return self.tree.node(index.parent()), index.row() + 1
        if isinstance(node, Level2):
            return node, len(node.indicators)
        level1s = [node] if isinstance(node, Level1) else self.tree.form.indicators
        for l1 in level1s:
            if l1.children:
                return l1.children[0], len(l1.children[0].indicators)
        return None, 0

    def _level1_here(self) -> Level1 | None:
        index = self.currentIndex()
        while index.isValid() and not isinstance(self.tree.node(index), Level1):
            index = index.parent()
        node = self.tree.node(index)
        if node is None and self.tree.form.indicators:
            return self.tree.form.indicators[0]
        return node

    def _selected_indicators(self) -> list[Indicator]:
        return self.tree.indicators_in(self.selectedIndexes() or [self.currentIndex()])

    # --- row operations --------------------------------------------------------------------

    def add_indicator(self) -> None:
        self.finish_editing()  # the open cell's value is its own step, before the new row
        level2, index = self._level2_here()
        if level2 is None:
            return
        ind = Indicator()
        self.doc.apply(ops.InsertIndicators(self.form_id, level2.uid, index, [ind]), tr("添加指标"))
        self.edit_cell(self.tree.index_for(ind.uid, "name"))

    def add_category(self) -> None:
        level1 = self._level1_here()
        kind = self.tree.kind
        if level1 is None or kind is None:
            return
        missing, open_children = editing.addable_level2(kind, level1)
        if not missing and not open_children:
            QApplication.beep()
            return
        name, ok = QInputDialog.getItem(
            self,
            tr("添加二级指标"),
            tr("在“{0}”下添加二级指标：").format(level1.name),
            missing,
            0,
            open_children,
        )
        name = " ".join(name.split()) if ok else ""
        if not editing.may_add_level2(kind, level1, name):
            if name:
                QApplication.beep()
            return
        node = self.current_node()
        after = next(
            (i + 1 for i, l2 in enumerate(level1.children) if l2 is node), len(level1.children)
        )
        level2 = Level2(name=name)
        self.doc.apply(
            ops.InsertLevel2(self.form_id, level1.uid, after, level2),
            tr("添加二级指标“{0}”").format(short(name)),
        )
        self.select(level2.uid)

    def delete_selection(self) -> None:
        """Delete / Backspace: clear the selected cells, one undo step; rows stay."""
        indexes = self.selectedIndexes() or [self.currentIndex()]
        cells = []
        for index in indexes:
            node = self.tree.node(index)
            key = self.tree.column_key(index.column())
            if isinstance(node, Indicator) and self._editable(index) and node.get(key):
                cells.append((node.uid, key, ""))
        if not cells:
            QApplication.beep()
            return
        self.doc.apply(
            ops.SetCells(self.form_id, cells), tr("清除 {0} 个单元格").format(len(cells))
        )

    def delete_rows(self) -> None:
        """删除行 (Ctrl+-): the selected indicator rows and level-2 categories; a category that
        holds indicators goes only when the user says so, told how many go with it."""
        indexes = self.selectedIndexes() or [self.currentIndex()]
        level2s = [
            n
            for n in {id(n): n for n in map(self.tree.node, indexes)}.values()
            if isinstance(n, Level2)
        ]
        doomed = {ind.uid for l2 in level2s for ind in l2.indicators}
        uids = [ind.uid for ind in self.tree.indicators_in(indexes) if ind.uid not in doomed]
        if not uids and not level2s:
            QApplication.beep()
            return
        if doomed and not prompts.confirm_delete_category(
            self, "、".join(l2.name for l2 in level2s), len(doomed)
        ):
            return
        below = self._row_after_deletion(indexes)
        edits: list[ops.Edit] = [ops.RemoveIndicators(self.form_id, uids)] if uids else []
        edits += [ops.RemoveLevel2(self.form_id, l2.uid) for l2 in level2s]
        self.doc.apply(ops.Batch(edits), tr("删除行"))
        if below is not None:
            self.select(below, self.tree.column_key(self.currentIndex().column()))

    def _row_after_deletion(self, indexes: list[QModelIndex]) -> str | None:
        gone = {self.tree.node(i).uid for i in indexes if self.tree.node(i)}
        last = max(indexes, key=lambda i: self.visualRect(i).top(), default=QModelIndex())
        for row in self._rows_after(last, True):
            parent = self.tree.node(row.parent())
            if self.tree.node(row).uid not in gone and (parent is None or parent.uid not in gone):
                return self.tree.node(row).uid
        return None

    def move_selection(self, delta: int) -> None:
        """Ctrl+Up / Ctrl+Down: the selected rows one place up or down, inside their category
        (moving to another category is a drag or 移到…)."""
        node = self.current_node()
        if isinstance(node, Level2):
            index = self.currentIndex().row() + delta
            if 0 <= index < self.tree.rowCount(self.currentIndex().parent()):
                self.doc.apply(ops.MoveLevel2(self.form_id, node.uid, index), tr("移动二级指标"))
            return
        uids = [r.uid for r in self._selected_indicators()]
        if not uids:
            return
        step = editing.step_indicators(self.tree.form, uids, delta)
        if step is None:
            QApplication.beep()
            return
        level2 = self.tree.node(self.tree.index_for(uids[0]).parent())
        uids = [ind.uid for ind in level2.indicators if ind.uid in uids]
        key = self.tree.column_key(self.currentIndex().column()) or "name"
        self.doc.apply(
            ops.MoveIndicators(self.form_id, uids, step.level2_uid, step.anchor),
            tr("移动 {0} 个指标").format(len(uids)),
        )
        self._select_rows(uids, key)

    def move_to(self) -> None:
        """移到…: the selected indicators to the end of a category the user names."""
        rows = self._selected_indicators()
        if not rows:
            QApplication.beep()
            return
        here = self.tree.node(self.tree.index_for(rows[0].uid).parent())
        targets = [
            (l2, f"{l1.name} / {l2.name}")
            for l1 in self.tree.form.indicators
            for l2 in l1.children
            if l2 is not here
        ]
        if not targets:
            QApplication.beep()
            return
        label, ok = QInputDialog.getItem(
            self,
            tr("移到其他二级指标"),
            tr("把所选的 {0} 个指标移到：").format(len(rows)),
            [t[1] for t in targets],
            0,
            False,
        )
        target = next((l2 for l2, text in targets if text == label), None) if ok else None
        if target is None:
            return
        uids = [r.uid for r in rows]
        self.doc.apply(
            ops.MoveIndicators(self.form_id, uids, target.uid, None),
            tr("把 {0} 个指标移到“{1}”").format(len(uids), short(target.name)),
        )
        self._select_rows(uids)

    # --- the selection, as undo and redo put it back --------------------------------------

    def selection_state(self) -> Selection:
        cells = tuple(
            (node.uid, self.tree.column_key(i.column()))
            for i in self.selectedIndexes()
            if (node := self.tree.node(i)) is not None
        )
        node = self.tree.node(self.currentIndex())
        current = (node.uid, self.tree.column_key(self.currentIndex().column())) if node else None
        return Selection(self.form_id, cells, current)

    def restore_selection(self, selection: Selection) -> None:
        model = self.selectionModel()
        model.clearSelection()
        flag = QItemSelectionModel.SelectionFlag
        if selection.current is not None:
            current = self.tree.index_for(*selection.current)
            if current.isValid():
                model.setCurrentIndex(current, flag.NoUpdate)
                self.scrollTo(current)
        cells = [self.tree.index_for(uid, key) for uid, key in selection.cells]
        model.select(self._ranges(cells), flag.Select)

    # --- clipboard -------------------------------------------------------------------------

    def copy_selection(self) -> None:
        """Whole rows when the number column is part of the selection, else the cell block."""
        indexes = self.selectedIndexes() or [self.currentIndex()]
        whole = [i for i in indexes if i.column() == 0]
        rows = self.tree.indicators_in(whole)
        if rows:
            QApplication.clipboard().setMimeData(self.tree.mimeData(whole))
            return
        cells = [i for i in indexes if isinstance(self.tree.node(i), Indicator)]
        if not cells:
            return
        columns = sorted({i.column() for i in cells})
        ordered = self.tree.indicators_in(cells)
        block = [[ind.get(self.tree.column_key(c)) for c in columns] for ind in ordered]
        QApplication.clipboard().setText(to_tsv(block) if len(cells) > 1 else clipboard_text(block))

    def paste_clipboard(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasFormat(MIME_ROWS):
            rows = _rows_from_payload(bytes(mime.data(MIME_ROWS).data()))
            if rows:
                self._insert_rows([(None, None, ind) for ind in rows], tr("粘贴指标"))
                return
        table = parse_tsv(mime.text()) if mime.hasText() else []
        if not table:
            return
        current = self.currentIndex()
        width = max(len(r) for r in table)
        if len(table) == 1 and width == 1 and self._editable(current):
            self.tree.setData(current, table[0][0].strip())
            return
        node = self.tree.node(current)
        if (
            width >= len(self.tree.columns)
            or not isinstance(node, Indicator)
            or not (self._editable(current))
        ):
            pasted = read_rows(table, self.tree.keys[1:])
            computed = {c.key for c in self.tree.columns if c.type == "computed"}
            rows = [
                (
                    r.level1,
                    r.level2,
                    _indicator({k: v for k, v in r.cells.items() if k not in computed}),
                )
                for r in pasted
            ]
            self._insert_rows(rows, tr("粘贴 {0} 个指标").format(len(pasted)))
        else:
            self._paste_block(current, table)

    def _insert_rows(self, rows: list[tuple[str | None, str | None, Indicator]], text: str) -> None:
        """Insert rows, each into the category its text named or else the current one; a
        category that is named but missing is added where 添加二级指标 would allow it."""
        if not rows:
            return
        level2, index = self._level2_here()
        if level2 is None:
            return
        edits: list[ops.Edit] = []
        groups: list[tuple[Level2, list[Indicator]]] = []
        for level1_name, level2_name, ind in rows:
            target = self._category_for(level1_name, level2_name, edits) or level2
            if groups and groups[-1][0] is target:
                groups[-1][1].append(ind)
            else:
                groups.append((target, [ind]))
        for target, inds in groups:
            at = index if target is level2 else len(target.indicators)
            edits.append(ops.InsertIndicators(self.form_id, target.uid, at, inds))
            if target is level2:
                index += len(inds)
        self.doc.apply(ops.Batch(edits), text)
        self._select_rows([ind.uid for _, _, ind in rows])

    def _category_for(
        self, level1_name: str | None, level2_name: str | None, edits: list[ops.Edit]
    ) -> Level2 | None:
        """The level-2 category named by pasted text; a new one (added to `edits`) under a
        known level-1 when the kind allows it there."""
        if not level2_name:
            return None
        form = self.tree.form
        found = editing.find_level2(form, level1_name, level2_name)
        if found is not None:
            return found
        for edit in edits:  # added earlier in this paste
            if isinstance(edit, ops.InsertLevel2) and edit.level2.name == level2_name:
                return edit.level2
        level1 = next((l1 for l1 in form.indicators if l1.name == level1_name), None)
        if level1 is None or not editing.may_add_level2(self.tree.kind, level1, level2_name):
            return None
        new = Level2(name=level2_name)
        edits.append(ops.InsertLevel2(self.form_id, level1.uid, len(level1.children), new))
        return new

    def _paste_block(self, current: QModelIndex, table: list[list[str]]) -> None:
        """Cells pasted over the rows from the current cell down, new rows when they run out."""
        level2 = self.tree.node(current.parent())
        start = current.row()
        first_column = current.column()
        cells: list[ops.Cell] = []
        extra: list[Indicator] = []
        for r, row_cells in enumerate(table):
            existing = start + r < len(level2.indicators)
            ind = level2.indicators[start + r] if existing else Indicator()
            for c, text in enumerate(row_cells):
                column = first_column + c
                if column >= self.tree.columnCount():
                    break
                key = self.tree.column_key(column)
                if existing:
                    index = self.tree.index_for(ind.uid, key)
                    if self._editable(index) and ind.get(key) != text.strip():
                        cells.append((ind.uid, key, text.strip()))
                elif self.tree.column_def(column).type != "computed":
                    ind.set(key, text.strip())
            if not existing:
                extra.append(ind)
        edits: list[ops.Edit] = [ops.SetCells(self.form_id, cells)] if cells else []
        if extra:
            edits.append(
                ops.InsertIndicators(self.form_id, level2.uid, len(level2.indicators), extra)
            )
        if edits:
            self.doc.apply(ops.Batch(edits), tr("粘贴"))

    # --- context menu ----------------------------------------------------------------------

    def contextMenuEvent(self, event) -> None:
        window = self.window()
        actions = getattr(window, "indicator_actions", None)
        if not actions:
            return
        popup_menu(self, actions(), event.globalPos())


def _indicator(cells: dict[str, str]) -> Indicator:
    ind = Indicator()
    for key, text in cells.items():
        ind.set(key, text)
    return ind


def _rows_from_payload(raw: bytes) -> list[Indicator]:
    """Copied rows as new indicators (fresh uids); [] for anything unreadable."""
    try:
        rows = json.loads(raw.decode("utf-8")).get("rows", [])
        return [Indicator.model_validate(row) for row in rows]
    except (ValueError, UnicodeDecodeError, AttributeError):
        return []
