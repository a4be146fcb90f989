"""Item models for a form's funds block and its repeating tables (e.g. the 2022 task list).

Edits become undo commands; the models follow the document's change signals, and show the
findings whose key names one of their cells.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.core import operations as ops
from desktop.core.findings import Finding, Section
from desktop.core.kinds import Funds, Table
from desktop.core.scoring import RATE, SCORE_KEY
from desktop.ui.document import Document
from desktop.ui.i18n import tr
from desktop.ui.marks import mark_data

_ROOT = QModelIndex()  # the invalid index: "top level" as a parent

_MARK_ROLES = (
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
)
_READ_ONLY = QColor("#f1f3f5")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


COLUMN_TYPE_ROLE = Qt.ItemDataRole.UserRole + 10  # "text", "multiline", "money", ...


class _MarkedModel(QAbstractTableModel):
    """Findings of one section of one form, by cell key."""

    section: Section

    def __init__(self, doc: Document, form_id: str, parent=None):
        super().__init__(parent or doc)
        self.doc = doc
        self.form_id = form_id
        self._marks = self._collect()
        doc.findingsChanged.connect(self._on_findings)

    def form(self):
        return self.doc.form(self.form_id)

    def cell_key(self, row: int, column: int) -> str:
        raise NotImplementedError

    def _collect(self) -> dict[str, list[Finding]]:
        marks: dict[str, list[Finding]] = {}
        for f in self.doc.findings(self.form_id):
            if f.section is self.section:
                marks.setdefault(f.key, []).append(f)
        return marks

    def _on_findings(self, form_id: str) -> None:
        if form_id != self.form_id or self.doc.project.form(form_id) is None:
            return
        old, self._marks = self._marks, self._collect()
        if old != self._marks and self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last, list(_MARK_ROLES))

    def marks_at(self, index: QModelIndex) -> list[Finding]:
        return self._marks.get(self.cell_key(index.row(), index.column()), [])


class FundsModel(_MarkedModel):
    """The funds block: rows (total and its parts) by columns (budget, executed, ...)."""

    section = Section.FUNDS

    def __init__(self, doc: Document, form_id: str, spec: Funds, parent=None):
        self.spec = spec
        super().__init__(doc, form_id, parent)
        self._computed = self._computed_cells()
        doc.fundsChanged.connect(self._on_cell)
        doc.changed.connect(self._on_changed)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.spec.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.spec.columns)

    def cell_key(self, row: int, column: int) -> str:
        return f"{self.spec.rows[row].key}.{self.spec.columns[column].key}"

    def _applies(self, row: int, column: int) -> bool:
        only = self.spec.columns[column].only_rows
        return not only or self.spec.rows[row].key in only

    def _editable(self, row: int, column: int) -> bool:
        return (
            self._applies(row, column)
            and self.spec.columns[column].type != "computed"
            and not self.doc.read_only
        )

    def _computed_text(self, row: int, column: int) -> str | None:
        """执行率 and its 得分 on a self-evaluation, worked out from the amounts; None for a
        cell the user fills."""
        spec_col = self.spec.columns[column]
        scores = self.doc.score(self.form_id)
        if spec_col.type != "computed" or scores is None:
            return None
        if self.spec.rows[row].key != self.spec.total_row:
            return ""
        if spec_col.key == RATE:
            return scores.rate_text
        return scores.execution_score_text if spec_col.key == SCORE_KEY else None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.spec.rows[section].label if section < len(self.spec.rows) else None
        if section >= len(self.spec.columns):
            return None
        label = self.spec.columns[section].label or tr("金额")
        return (
            f"{label}（{self.spec.unit}）" if self.spec.columns[section].type == "money" else label
        )

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in _MARK_ROLES:
            marked = mark_data(self.marks_at(index), role)
            if marked is not None or role != Qt.ItemDataRole.BackgroundRole:
                return marked
            return None if self._editable(row, column) else _READ_ONLY
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if not self._applies(row, column):
                return "—" if role == Qt.ItemDataRole.DisplayRole else ""
            computed = self._computed_text(row, column)
            if computed:
                return computed
            spec_row, spec_col = self.spec.rows[row].key, self.spec.columns[column].key
            return self.form().funds_cell(spec_row, spec_col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == COLUMN_TYPE_ROLE:
            return "text"
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = str(value or "").strip()
        row, column = self.spec.rows[index.row()], self.spec.columns[index.column()]
        if text == self.form().funds_cell(row.key, column.key):
            return False
        label = row.label.removeprefix("其中：") + (f" {column.label}" if column.label else "")
        return self.doc.apply(
            ops.SetFundsCell(self.form_id, row.key, column.key, text),
            tr("修改“{0}”").format(label),
        )

    def index_for_key(self, key: str) -> QModelIndex:
        row_key, _, column_key = key.partition(".")
        rows = [r.key for r in self.spec.rows]
        columns = [c.key for c in self.spec.columns]
        if row_key in rows and column_key in columns:
            return self.index(rows.index(row_key), columns.index(column_key))
        return QModelIndex()

    def _on_cell(self, form_id: str, row: str, column: str) -> None:
        if form_id == self.form_id:
            index = self.index_for_key(f"{row}.{column}")
            self.dataChanged.emit(index, index)

    def _computed_cells(self) -> dict[tuple[int, int], str | None]:
        return {
            (row, column): self._computed_text(row, column)
            for column, spec in enumerate(self.spec.columns)
            if spec.type == "computed"
            for row in range(len(self.spec.rows))
            if self._applies(row, column)
        }

    def _on_changed(self, form_id: str) -> None:
        """Amounts or weights changed: the computed cells that changed follow (only those:
        each change re-measures the table's rows)."""
        if form_id != self.form_id or self.doc.project.form(form_id) is None:
            return
        old, self._computed = self._computed, self._computed_cells()
        for (row, column), text in self._computed.items():
            if old.get((row, column)) != text:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)


class RowsModel(_MarkedModel):
    """A repeating table: one row per entry, the kind's columns."""

    section = Section.TABLE

    def __init__(self, doc: Document, form_id: str, spec: Table, parent=None):
        self.spec = spec
        super().__init__(doc, form_id, parent)
        doc.tableCellChanged.connect(self._on_cell)
        doc.tableRowsChanged.connect(self._on_rows)

    def rows(self) -> list[dict[str, str]]:
        return self.form().tables.get(self.spec.key, [])

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.spec.columns)

    def cell_key(self, row: int, column: int) -> str:
        return f"{self.spec.key}.{row}.{self.spec.columns[column].key}"

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if section >= len(self.spec.columns):
            return None
        column = self.spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            unit = f"（{self.spec.unit}）" if column.type == "money" and self.spec.unit else ""
            return f"{column.label}{unit}"
        if role == Qt.ItemDataRole.ToolTipRole and column.group:
            return f"{column.group} / {column.label}"
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.spec.columns[index.column()]
        if role in _MARK_ROLES:
            return mark_data(self.marks_at(index), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows()[index.row()].get(column.key, "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type == "money":
            return _RIGHT
        if role == COLUMN_TYPE_ROLE:
            return column.type
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self.doc.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value or "")
        column = self.spec.columns[index.column()]
        text = text.strip() if column.type != "multiline" else text
        if text == self.rows()[index.row()].get(column.key, ""):
            return False
        return self.doc.apply(
            ops.SetTableCell(self.form_id, self.spec.key, index.row(), column.key, text),
            tr("修改“{0}”").format(column.label),
        )

    def index_for_key(self, key: str) -> QModelIndex:
        table, _, rest = key.partition(".")
        row, _, column_key = rest.partition(".")
        columns = [c.key for c in self.spec.columns]
        if table != self.spec.key or not row.isdigit() or int(row) >= self.rowCount():
            return QModelIndex()
        return self.index(int(row), columns.index(column_key) if column_key in columns else 0)

    def _on_cell(self, form_id: str, table: str, row: int, column: str) -> None:
        if form_id == self.form_id and table == self.spec.key:
            index = self.index_for_key(f"{table}.{row}.{column}")
            self.dataChanged.emit(index, index)

    def _on_rows(self, form_id: str, table: str) -> None:
        if form_id == self.form_id and table == self.spec.key:
            self.beginResetModel()
            self._marks = self._collect()
            self.endResetModel()
