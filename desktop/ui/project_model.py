"""The project tree: the unit's forms, grouped by form kind, each marked with its worst finding."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core import operations as ops
from desktop.core.findings import Severity
from desktop.core.naming import is_unnamed
from desktop.ui.document import Document
from desktop.ui.i18n import tr
from desktop.ui.icons import icon
from desktop.ui.row_changes import Change, Inserted, Moved, Removed, Reset, list_change

_ROOT = QModelIndex()  # the invalid index: "top level" as a parent

FORM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_GROUP = 0  # internal id of group rows; form rows carry their group's key (see _keys)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FORM_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_RENAMED_FORM_FLAGS = _FORM_FLAGS | Qt.ItemFlag.ItemIsEditable  # its name field is its name


class ProjectModel(QAbstractItemModel):
    """The forms grouped by kind. It follows a form added, removed or moved with the row
    signals for it (see _follow), so the view keeps its layout and what the user collapsed."""

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent or doc)
        self.doc = doc
        self._groups: list[tuple[str, list[str]]] = []
        # a form row's internal id names its group by a key that stays while groups come and
        # go before it (a row number would leave persistent indexes pointing at another group)
        self._keys: dict[str, int] = {}
        self._rows: dict[int, int] = {}  # group key -> its row
        self._counts: dict[str, tuple[int, int]] = {}
        self.following = False  # in _follow: the view's current row moves with the rows
        self._groups = self._grouping()
        self._counts = self._all_counts()
        self._index_groups()
        doc.formsChanged.connect(self._follow)
        doc.findingsChanged.connect(self._on_findings)
        doc.headerChanged.connect(self._on_header)

    def _grouping(self) -> list[tuple[str, list[str]]]:
        groups: dict[str, list[str]] = {}
        for form in self.doc.project.forms:
            groups.setdefault(form.kind, []).append(form.id)
        return list(groups.items())

    def _all_counts(self) -> dict[str, tuple[int, int]]:
        return {f.id: self._count(f.id) for f in self.doc.project.forms}

    def _index_groups(self) -> None:
        for kind_id, _ in self._groups:
            self._keys.setdefault(kind_id, len(self._keys) + 1)
        self._rows = {self._keys[kind_id]: row for row, (kind_id, _) in enumerate(self._groups)}

    def _count(self, form_id: str) -> tuple[int, int]:
        findings = self.doc.findings(form_id)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        return errors, len(findings) - errors

    def _follow(self) -> None:
        """After forms were added, removed or reordered: the row signals for the change, or a
        reset when it is more than one block of groups and one block of forms per group."""
        self.following = True
        try:
            self._follow_forms()
        finally:
            self.following = False

    def _follow_forms(self) -> None:
        new = self._grouping()
        groups = list_change([k for k, _ in self._groups], [k for k, _ in new])
        old = dict(self._groups)
        inside = {k: (list_change(old[k], ids), ids) for k, ids in new if k in old}
        if isinstance(groups, Reset) or any(isinstance(c, Reset) for c, _ in inside.values()):
            self.beginResetModel()
            self._groups = new
            self._counts = self._all_counts()
            self._index_groups()
            self.endResetModel()
            return
        old_counts, self._counts = self._counts, self._all_counts()
        if isinstance(groups, Removed):
            self.beginRemoveRows(_ROOT, groups.first, groups.last)
            del self._groups[groups.first : groups.last + 1]
            self._index_groups()
            self.endRemoveRows()
        elif isinstance(groups, Moved):
            self.beginMoveRows(_ROOT, groups.source, groups.source, _ROOT, groups.destination)
            moved = self._groups.pop(groups.source)
            self._groups.insert(groups.destination - (groups.destination > groups.source), moved)
            self._index_groups()
            self.endMoveRows()
        elif isinstance(groups, Inserted):
            self.beginInsertRows(_ROOT, groups.first, groups.last)
            self._groups[groups.first : groups.first] = new[groups.first : groups.last + 1]
            self._index_groups()
            self.endInsertRows()
        for kind_id, (change, ids) in inside.items():
            if change is not None:
                self._follow_group(self._rows[self._keys[kind_id]], change, ids)
        for form_id, counts in self._counts.items():  # the check of other forms may change
            if old_counts.get(form_id, counts) != counts:
                index = self.index_for_form(form_id)
                self.dataChanged.emit(index, index)

    def _follow_group(self, row: int, change: Change, ids: list[str]) -> None:
        """The group's forms become `ids`, inside the row signal `change` names."""
        group = self.index(row, 0)
        if isinstance(change, Inserted):
            self.beginInsertRows(group, change.first, change.last)
            end = self.endInsertRows
        elif isinstance(change, Removed):
            self.beginRemoveRows(group, change.first, change.last)
            end = self.endRemoveRows
        else:
            assert isinstance(change, Moved)
            self.beginMoveRows(group, change.source, change.source, group, change.destination)
            end = self.endMoveRows
        self._groups[row] = (self._groups[row][0], ids)
        end()
        self._announce_group(row)

    def _announce_group(self, row: int) -> None:
        """The group's label counts its forms; its unnamed forms are numbered in order."""
        group = self.index(row, 0)
        self.dataChanged.emit(group, group)
        self._announce_unnamed(row)

    def _announce_unnamed(self, row: int, also: str | None = None) -> None:
        """The rows of the group's unnamed forms (and of `also`), in runs: a range of rows
        costs the tree view a look at each row, so the named ones are left out (typing a name
        in a group of 500 forms took 17 ms instead of 5 when the whole group was announced)."""
        kind_id, ids = self._groups[row]
        kind, project = self.doc.registry.get(kind_id), self.doc.project

        def numbered(form_id: str) -> bool:
            form = project.form(form_id)
            return form is None or is_unnamed(form, kind)

        rows = [r for r, form_id in enumerate(ids) if form_id == also or numbered(form_id)]
        group = self.index(row, 0)
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                first, last = rows[start], rows[i - 1]
                self.dataChanged.emit(self.index(first, 0, group), self.index(last, 0, group))
                start = i

    # --- structure -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent=_ROOT) -> QModelIndex:
        # hasIndex's bounds, checked here: hasIndex asks rowCount and columnCount back from C++
        if row < 0 or column != 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _GROUP:  # (a form's row has no children)
            return QModelIndex()
        kind_id, ids = self._groups[parent.row()]
        return self.createIndex(row, 0, self._keys[kind_id]) if row < len(ids) else QModelIndex()

    def parent(self, index) -> QModelIndex:
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(self._rows[index.internalId()], 0, _GROUP)

    def rowCount(self, parent=_ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent=_ROOT) -> int:
        return 1

    def form_id(self, index) -> str | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[self._rows[index.internalId()]][1][index.row()]

    def index_for_form(self, form_id: str) -> QModelIndex:
        for kind_id, ids in self._groups:
            if form_id in ids:
                return self.createIndex(ids.index(form_id), 0, self._keys[kind_id])
        return QModelIndex()

    # --- content ---------------------------------------------------------------------------

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        form_id = self.form_id(index)
        if form_id is None:
            return self._group_data(index.row(), role)
        form = self.doc.project.form(form_id)
        if form is None:
            return None
        errors, warnings = self._counts.get(form_id, (0, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.doc.label(form)
        if role == Qt.ItemDataRole.EditRole:
            kind = self.doc.kind(form)
            return form.header.get(kind.name_field, "") if kind and kind.name_field else ""
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("error" if errors else "warning" if warnings else "ok")
        if role == Qt.ItemDataRole.ToolTipRole:
            if not errors and not warnings:
                return tr("未发现问题")
            return tr("{0} 个错误，{1} 个警告").format(errors, warnings)
        if role == FORM_ID_ROLE:
            return form_id
        return None

    def _group_data(self, row: int, role: int):
        kind_id, ids = self._groups[row]
        kind = self.doc.registry.get(kind_id)
        name = kind.name if kind else kind_id
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}（{len(ids)}）"
        if role == Qt.ItemDataRole.ToolTipRole:
            return name
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index) -> Qt.ItemFlag:
        """From the row's group alone: the view asks for every row each time it lays the
        forms out (1,100 calls at 500 forms), so no form lookup and no enum arithmetic."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return _GROUP_FLAGS
        kind = self.doc.registry.get(self._groups[self._rows[index.internalId()]][0])
        if kind is not None and kind.name_field and not self.doc.read_only:
            return _RENAMED_FORM_FLAGS
        return _FORM_FLAGS

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """Renaming a form sets the header field that names it."""
        form_id = self.form_id(index)
        form = self.doc.project.form(form_id) if form_id is not None else None
        if role != Qt.ItemDataRole.EditRole or form is None:
            return False  # (a form gone in a step, its editor committed as the list follows)
        kind = self.doc.kind(form)
        name = " ".join(str(value or "").split())
        if kind is None or not kind.name_field or not name:
            return False
        if name == form.header.get(kind.name_field, ""):
            return False
        label = next(f.label for f in kind.header if f.key == kind.name_field)
        return self.doc.apply(
            ops.SetHeader(form_id, kind.name_field, name), tr("修改“{0}”").format(label)
        )

    # --- following the document ----------------------------------------------------------

    def _on_findings(self, form_id: str) -> None:
        if self.doc.project.form(form_id) is None:
            return
        counts = self._count(form_id)
        if counts != self._counts.get(form_id):
            self._counts[form_id] = counts
            index = self.index_for_form(form_id)
            self.dataChanged.emit(index, index)

    def _on_header(self, form_id: str, key: str) -> None:
        form = self.doc.project.form(form_id)
        kind = self.doc.kind(form) if form else None
        if kind is not None and key == kind.name_field:  # its label, and the numbers of
            group = self.index_for_form(form_id).parent()  # the unnamed forms of its kind
            if group.isValid():
                self._announce_unnamed(group.row(), also=form_id)
