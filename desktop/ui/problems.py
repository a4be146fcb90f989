"""The problems list: every finding of the project; clicking one shows its cell.

After an edit only the edited form's block of rows is replaced, so the list keeps up with
typing in a project of hundreds of forms.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.findings import Finding, Severity
from desktop.ui.i18n import tr
from desktop.ui.icons import severity_icon

_ROOT = QModelIndex()  # the invalid index: "top level" as a parent

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
FORM_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemsModel(QAbstractTableModel):
    def __init__(self, doc, parent=None):
        super().__init__(parent or doc)
        self.doc = doc
        self.headers = [tr("级别"), tr("表单"), tr("位置"), tr("说明")]
        self._by_form: dict[str, list[Finding]] = {}
        self._rows: list[Finding] = []
        self._load()
        doc.findingsChanged.connect(self._on_findings)
        doc.formsChanged.connect(self._reset)
        doc.headerChanged.connect(self._on_header)

    def _load(self) -> None:
        self._by_form = {f.id: self.doc.findings(f.id) for f in self.doc.project.forms}
        self._rows = [x for f in self.doc.project.forms for x in self._by_form[f.id]]

    def _reset(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _on_findings(self, form_id: str) -> None:
        if form_id not in self._by_form:
            return
        new = self.doc.findings(form_id)
        old = self._by_form[form_id]
        if new == old:
            return
        start = 0
        for form in self.doc.project.forms:
            if form.id == form_id:
                break
            start += len(self._by_form.get(form.id, ()))
        if old:
            self.beginRemoveRows(QModelIndex(), start, start + len(old) - 1)
            del self._rows[start : start + len(old)]
            self._by_form[form_id] = []
            self.endRemoveRows()
        if new:
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            self._rows[start:start] = new
            self._by_form[form_id] = new
            self.endInsertRows()

    def _on_header(self, form_id: str, key: str) -> None:
        rows = [i for i, f in enumerate(self._rows) if f.form_id == form_id]
        if rows:
            self.dataChanged.emit(self.index(rows[0], 1), self.index(rows[-1], 1))

    def counts(self) -> tuple[int, int]:
        errors = sum(f.severity is Severity.ERROR for f in self._rows)
        return errors, len(self._rows) - errors

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self._rows[index.row()]
        column = index.column()
        if role == FINDING_ROLE:
            return finding
        if role == FORM_ID_ROLE:
            return finding.form_id
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{finding.message}\n[{finding.code}]"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return tr("错误") if finding.severity is Severity.ERROR else tr("警告")
        if column == 1:
            form = self.doc.project.form(finding.form_id)
            return self.doc.label(form) if form else finding.form_id
        if column == 2:
            return finding.where
        return finding.message


class _FormFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterRole(FORM_ID_ROLE)
        self.setFilterKeyColumn(0)

    def only(self, form_id: str | None) -> None:
        self.setFilterRegularExpression(f"^{re.escape(form_id)}$" if form_id else "")


class ProblemsPanel(QWidget):
    """The dock's content: a summary line, a filter, the list."""

    findingActivated = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model: ProblemsModel | None = None
        self.filter = _FormFilter(self)
        self._form_id: str | None = None
        self.summary = QLabel()
        self.only_current = QCheckBox(tr("仅显示当前表单"))
        self.only_current.toggled.connect(self._apply_filter)
        self.view = QTreeView()
        self.view.setObjectName("problemsView")
        self.view.setModel(self.filter)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def set_document(self, doc) -> None:
        self.model = ProblemsModel(doc, self)
        self.filter.setSourceModel(self.model)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((84, 200, 300)):
            self.view.setColumnWidth(column, width)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_summary)
        self._update_summary()

    def set_current_form(self, form_id: str | None) -> None:
        self._form_id = form_id
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter.only(self._form_id if self.only_current.isChecked() else None)

    def _update_summary(self, *args) -> None:
        errors, warnings = self.model.counts()
        if not errors and not warnings:
            self.summary.setText(tr("未发现问题。"))
        else:
            self.summary.setText(tr("共 {0} 个错误，{1} 个警告").format(errors, warnings))

    def _activate(self, index) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)
