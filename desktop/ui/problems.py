"""The problems list: every finding of the project; clicking one shows its cell.

After an edit only the edited form's block of rows is replaced, so the list keeps up with
typing in a project of hundreds of forms.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalogue import help_text
from desktop.core.findings import Finding, Severity
from desktop.core.naming import SEVERITY_WORDS
from desktop.ui.document import Document
from desktop.ui.i18n import tr
from desktop.ui.icons import severity_icon
from desktop.ui.row_changes import Inserted, Moved, Removed, Reset, list_change

_ROOT = QModelIndex()  # the invalid index: "top level" as a parent
# The core's severity words (SEVERITY_WORDS, shared with the CLI), marked for translation.
_SEVERITY_TR = (QT_TRANSLATE_NOOP("Severity", "错误"), QT_TRANSLATE_NOOP("Severity", "提示"))


def severity_word(severity: Severity) -> str:
    return QCoreApplication.translate("Severity", SEVERITY_WORDS[severity])


FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
FORM_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemsModel(QAbstractTableModel):
    arrived = Signal(int)  # the first row of findings an edit brought in or changed

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent or doc)
        self.doc = doc
        self.headers = [tr("级别"), tr("表单"), tr("位置"), tr("说明")]
        self._forms: list[str] = []  # the forms' ids, in the order their rows are
        self._by_form: dict[str, list[Finding]] = {}
        self._rows: list[Finding] = []
        self._load()
        doc.findingsChanged.connect(self._on_findings)
        doc.formsChanged.connect(self._follow)
        doc.headerChanged.connect(self._on_header)

    def _load(self) -> None:
        self._forms = [f.id for f in self.doc.project.forms]
        self._by_form = {i: self.doc.findings(i) for i in self._forms}
        self._rows = [x for i in self._forms for x in self._by_form[i]]

    def _follow(self) -> None:
        """After forms were added, removed or moved: insert, remove or move their blocks of
        rows (a reset would make the view lay out every row again), then follow the forms
        whose findings changed with them."""
        forms = [f.id for f in self.doc.project.forms]
        change = list_change(self._forms, forms)
        if isinstance(change, Reset):
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        old = self._forms

        def start(ids: list[str]) -> int:
            return sum(len(self._by_form[i]) for i in ids)

        if isinstance(change, Inserted):
            added = forms[change.first : change.last + 1]
            for form_id in added:
                self._by_form[form_id] = self.doc.findings(form_id)
            first, rows = start(old[: change.first]), [x for i in added for x in self._by_form[i]]
            if rows:
                self.beginInsertRows(_ROOT, first, first + len(rows) - 1)
                self._rows[first:first] = rows
                self.endInsertRows()
        elif isinstance(change, Removed):
            gone = old[change.first : change.last + 1]
            first, count = start(old[: change.first]), start(gone)
            if count:
                self.beginRemoveRows(_ROOT, first, first + count - 1)
                del self._rows[first : first + count]
                self.endRemoveRows()
            for form_id in gone:
                del self._by_form[form_id]
        elif isinstance(change, Moved):
            first, count = start(old[: change.source]), len(self._by_form[old[change.source]])
            to = start(old[: change.destination])
            if count and not first <= to <= first + count:  # else the rows stay in order
                self.beginMoveRows(_ROOT, first, first + count - 1, _ROOT, to)
                block = self._rows[first : first + count]
                del self._rows[first : first + count]
                at = to if to < first else to - count
                self._rows[at:at] = block
                self.endMoveRows()
        self._forms = forms
        if self._rows:  # an unnamed form's label is numbered among its kind's unnamed forms
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))
        for form_id in forms:
            self._on_findings(form_id)

    def _on_findings(self, form_id: str) -> None:
        """Replace the form's block of rows, touching only the rows that differ: a finding
        whose message changed is a changed row, not a removed and an inserted one (each
        structural change makes the view lay out every row again)."""
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
        self._by_form[form_id] = new
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        old_mid, new_mid = len(old) - head - tail, len(new) - head - tail
        same = min(old_mid, new_mid)  # rows that stay, with new content
        first = start + head
        arrived = new_mid > 0
        if same:
            self._rows[first : first + same] = new[head : head + same]
            self.dataChanged.emit(self.index(first, 0), self.index(first + same - 1, 3))
        if old_mid > same:
            self.beginRemoveRows(QModelIndex(), first + same, first + old_mid - 1)
            del self._rows[first + same : first + old_mid]
            self.endRemoveRows()
        elif new_mid > same:
            self.beginInsertRows(QModelIndex(), first + same, first + new_mid - 1)
            self._rows[first + same : first + same] = new[head + same : head + new_mid]
            self.endInsertRows()
        if arrived:
            self.arrived.emit(first)

    def _on_header(self, form_id: str, key: str) -> None:
        rows = [i for i, f in enumerate(self._rows) if f.form_id == form_id]
        if rows:
            self.dataChanged.emit(self.index(rows[0], 1), self.index(rows[-1], 1))

    def counts(self, form_id: str | None = None) -> tuple[int, int]:
        """Errors and notes, of one form or of all."""
        rows = self._rows if form_id is None else self._by_form.get(form_id, [])
        errors = sum(f.severity is Severity.ERROR for f in rows)
        return errors, len(rows) - errors

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
            return "\n".join(x for x in (finding.message, help_text(finding.code)) if x) + (
                f"\n[{finding.code}]"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return severity_word(finding.severity)
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
        # A table, not a tree: a tree view lays out every row again (asking the model about
        # each) when one row comes or goes, which is felt while typing in a big project.
        self.view = QTableView()
        self.view.setObjectName("problemsView")
        self.view.setModel(self.filter)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
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
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((84, 200, 300)):
            self.view.setColumnWidth(column, width)
        model = self.model  # the proxy drops rows before the model has: count the model's
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._update_summary)
        model.arrived.connect(self._follow)
        self._update_summary()

    def _follow(self, row: int) -> None:
        """A new finding comes into view (the list follows what the user just did)."""
        assert self.model is not None
        index = self.filter.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.scrollTo(index)

    def set_current_form(self, form_id: str | None) -> None:
        self._form_id = form_id
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter.only(self._form_id if self.only_current.isChecked() else None)
        self._update_summary()

    def counts(self) -> tuple[int, int]:
        """Errors and notes among the rows shown (the current-form filter applies)."""
        if self.model is None:
            return 0, 0
        return self.model.counts(self._form_id if self.only_current.isChecked() else None)

    def _update_summary(self, *args) -> None:
        if self.model is None:
            return
        errors, notes = self.counts()
        if not errors and not notes:
            self.summary.setText(tr("未发现问题。"))
        elif self.only_current.isChecked():
            self.summary.setText(tr("本表 {0} 个错误，{1} 个提示").format(errors, notes))
        else:
            self.summary.setText(tr("共 {0} 个错误，{1} 个提示").format(errors, notes))

    def _activate(self, index) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)
