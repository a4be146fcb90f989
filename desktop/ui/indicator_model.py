"""A Qt item model over one form's indicator tree: level-1 → level-2 → level-3 rows.

Column 0 holds the tree (category names; a running number on indicator rows); the other columns
are the form kind's indicator columns in print order, so text copied out of or pasted into the
table lines up with the paper form. The model never changes the core model on its own: edits
become undo commands, and the commands call the structural methods here, which wrap the core
operations in the begin/end notifications Qt views need.
"""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from desktop.core import operations as ops
from desktop.core.filler import is_filler
from desktop.core.findings import Finding, Section
from desktop.core.kinds import RULE_WORDS, IndicatorColumn, Rule
from desktop.core.lastyear import LAST_ACTUAL_KEY, LAST_TARGET_KEY, LastYearValue
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.scoring import (
    BAND_KEY,
    BANDS,
    PRINTED,
    SCORE_KEY,
    IndicatorScore,
    Method,
    format_score,
)
from desktop.ui import printed
from desktop.ui.clipboard import to_tsv
from desktop.ui.document import Document
from desktop.ui.i18n import short, tr
from desktop.ui.library_items import MIME_LIBRARY, entries_from_mime, insert_entries
from desktop.ui.marks import mark_data

_ROOT = QModelIndex()  # the invalid index: "top level" as a parent

MIME_ROWS = "application/x-jixiao-indicators"
ROW_KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # "level1", "level2" or "indicator"
UID_ROLE = int(Qt.ItemDataRole.UserRole) + 2

# Plain ints and precomputed flags: a view asks for every role of every cell it paints, and
# reading a Qt enum member or or-ing flags in Python costs more than the answer itself.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_MARK_ROLES = frozenset((_DECORATION, _BACKGROUND, int(Qt.ItemDataRole.ToolTipRole)))
_ANSWERED_ROLES = _MARK_ROLES | {_DISPLAY, _EDIT, _FONT, _FOREGROUND, ROW_KIND_ROLE, UID_ROLE}
_F = Qt.ItemFlag
_NO_FLAGS = _F.NoItemFlags
_ROW = _F.ItemIsEnabled | _F.ItemIsSelectable
_INDICATOR = _ROW | _F.ItemIsDragEnabled | _F.ItemNeverHasChildren
_INDICATOR_EDITABLE = _INDICATOR | _F.ItemIsEditable
_LEVEL2_WRITABLE = _ROW | _F.ItemIsDropEnabled
_LEVEL2_NAME = _LEVEL2_WRITABLE | _F.ItemIsEditable
_RULE_HELP = {  # help sentences for the tooltip (the rule words themselves are core data)
    Rule.MUST_QUANTIFY: QT_TRANSLATE_NOOP(
        "IndicatorTreeModel", "必填量化：至少设置一项指标，指标值须有可考核的数值或时间。"
    ),
    Rule.REQUIRED: QT_TRANSLATE_NOOP("IndicatorTreeModel", "必填：至少设置一项指标。"),
    Rule.OPTIONAL: QT_TRANSLATE_NOOP("IndicatorTreeModel", "选填：可按实际情况设置指标。"),
}
_CATEGORY_BACKGROUND = {Level1: QColor("#e6edf5"), Level2: QColor("#f2f5f9")}
COMPUTED_BACKGROUND = QColor("#f1f3f5")  # cells the program fills: 得分 of a measured row
FILLER_FOREGROUND = QColor("#9aa0a6")  # the template's unfilled rows: shown as on paper, greyed
_MEASURED = (Method.HIGHER, Method.LOWER, Method.DEADLINE)

Node = Level1 | Level2 | Indicator
Index = QModelIndex | QPersistentModelIndex


LAST_YEAR_KEYS = (LAST_TARGET_KEY, LAST_ACTUAL_KEY)


class IndicatorTreeModel(QAbstractItemModel):
    def __init__(self, doc: Document, form_id: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.form: Form = doc.form(form_id)
        self._resetting = False  # a move Qt refused is shown as a reset
        kind = self.kind = doc.kind(self.form)
        self.columns: list[IndicatorColumn] = list(kind.columns) if kind else []
        # A self-evaluation's judged rows need a band (达成 / 部分达成 / 未达成) beside their
        # score. The paper has no such column, so it comes last here, where copied and pasted
        # rows still line up with the paper; the view shows it just before 得分.
        self.scored = bool(kind and kind.scoring and any(c.key == SCORE_KEY for c in self.columns))
        if self.scored:
            self.columns.append(IndicatorColumn(key=BAND_KEY, label=tr("完成档次"), width=1.0))
            # 纸面得分: the paper's own score, typed by a clerk transcribing it (not on the
            # form either; the view shows it after 得分, hidden unless asked for or filled)
            self.columns.append(printed.indicator_column())
        # Last year's target and actual, read-only, when the project is linked to last year's
        # file and this form has a match there (the view shows them beside the target).
        self._last_year: tuple[int, dict[str, LastYearValue]] = (-1, {})
        if self.last_year():
            self.columns += [
                IndicatorColumn(key=LAST_TARGET_KEY, label=tr("上年目标"), type="computed"),
                IndicatorColumn(key=LAST_ACTUAL_KEY, label=tr("上年实际"), type="computed"),
            ]
        self.keys = ["", *(c.key for c in self.columns)]
        self._handles: dict[str, int] = {}
        self._nodes: dict[int, Node] = {}
        self._parents: dict[str, Node | None] = {}
        self._rows: dict[str, int] = {}  # the row each node was last found at (see _row_of)
        for l1 in self.form.indicators:
            self._register(l1, None)
        self._marks: dict[tuple[str, str], list[Finding]] = self._collect_marks()
        self._scores: dict[str, IndicatorScore] = self._collect_scores()
        doc.findingsChanged.connect(self._on_findings)
        doc.changed.connect(self._on_changed)
        # plain arguments, not the OpChanges object: a Python object passed through a signal
        # to this model made PySide 6.12 release a bool once too often at interpreter exit
        doc.indicatorCellChanged.connect(self._on_cell_changed)
        doc.rowsAboutToBeInserted.connect(self._on_inserting)
        doc.rowsInserted.connect(self._on_inserted)
        doc.rowsAboutToBeRemoved.connect(self._on_removing)
        doc.rowsRemoved.connect(self._on_removed)
        doc.rowsAboutToBeMoved.connect(self._on_moving)
        doc.rowsMoved.connect(self._on_moved)

    # --- node bookkeeping -----------------------------------------------------------------

    def _register(self, node: Node, parent: Node | None) -> None:
        if node.uid not in self._handles:
            handle = len(self._handles) + 1
            self._handles[node.uid] = handle
            self._nodes[handle] = node
        self._parents[node.uid] = parent
        for child in self._children(node):
            self._register(child, node)

    def _children(self, node: Node | None) -> list:
        if node is None:
            return self.form.indicators
        if isinstance(node, Level1):
            return node.children
        if isinstance(node, Level2):
            return node.indicators
        return []

    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def index_for(self, uid: str, key: str = "") -> QModelIndex:
        """The cell of row `uid` in column `key` ("" for the tree column)."""
        handle = self._handles.get(uid)
        if handle is None or key not in self.keys:
            return QModelIndex()
        row = self._row_of(self._nodes[handle])
        if row < 0:
            return QModelIndex()
        return self.createIndex(row, self.keys.index(key), handle)

    def _row_of(self, node: Node) -> int:
        """The row of `node` under its parent (-1: no longer there). The row found last time
        is checked first: a view asks for the parents of the cells it paints, row by row."""
        siblings = self._children(self._parents.get(node.uid))
        row = self._rows.get(node.uid, -1)
        if 0 <= row < len(siblings) and siblings[row] is node:
            return row
        row = next((i for i, x in enumerate(siblings) if x is node), -1)
        self._rows[node.uid] = row
        return row

    def column_key(self, column: int) -> str:
        return self.keys[column] if 0 <= column < len(self.keys) else ""

    def column_def(self, column: int) -> IndicatorColumn | None:
        return self.columns[column - 1] if 1 <= column <= len(self.columns) else None

    # --- the read side ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # hasIndex's bounds, checked here: hasIndex asks rowCount and columnCount back from C++
        if row < 0 or not 0 <= column < len(self.keys) or parent.column() > 0:
            return QModelIndex()
        children = self._children(self.node(parent))
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, self._handles[children[row].uid])

    def parent(self, index: Index) -> QModelIndex:
        node = self._nodes.get(index.internalId()) if index.isValid() else None
        parent = self._parents.get(node.uid) if node is not None else None
        if parent is None:
            return QModelIndex()
        row = self._row_of(parent)
        return self.createIndex(row, 0, self._handles[parent.uid]) if row >= 0 else QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self._children(self.node(parent)))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.keys)

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.keys):
            return None
        column = self.column_def(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is None:
                return tr("序号")
            return column.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is None and self.kind is not None:
                return f"{self.kind.level1_label} / {self.kind.level2_label}"
            if column is not None and column.key == PRINTED:
                return printed.indicator_tip()
            if column is not None and column.group:
                return f"{column.group} / {column.label}"
        return None

    def data(self, index: Index, role: int = _DISPLAY):
        if role not in _ANSWERED_ROLES:
            return None
        node = self.node(index)
        if node is None:
            return None
        key = self.keys[index.column()]
        if role == ROW_KIND_ROLE:
            return _row_kind(node)
        if role == UID_ROLE:
            return node.uid
        if role in _MARK_ROLES:
            marked = mark_data(self._marks.get((node.uid, key), ()), role)
            if marked is not None or role == _DECORATION:
                return marked
            if role == _BACKGROUND:
                if self._computed(node, key):
                    return COMPUTED_BACKGROUND
                return _CATEGORY_BACKGROUND.get(type(node))
            if isinstance(node, Level2) and not key:
                return self._rule_tooltip(node)
            if isinstance(node, Indicator) and self.scored and key in (SCORE_KEY, BAND_KEY):
                return self._score_tooltip(node, key)
            if isinstance(node, Indicator) and key == PRINTED:
                return printed.indicator_tip()
            text = self._text(node, key, edit=True)
            return text if len(text) > 20 or "\n" in text else None
        if role == _DISPLAY:
            return self._text(node, key, edit=False)
        if role == _EDIT:
            return self._text(node, key, edit=True)
        if role == _FONT and not isinstance(node, Indicator):
            font = QFont()
            font.setBold(isinstance(node, Level1))
            return font
        if role == _FOREGROUND and isinstance(node, Indicator):
            return FILLER_FOREGROUND if is_filler(node) else None  # the template's 指标1 row
        return None

    def last_year(self) -> dict[str, LastYearValue]:
        """Last year's values by indicator uid, recomputed once per change of the document."""
        if self._last_year[0] != self.doc.revision:
            values = self.doc.last_year_values
            self._last_year = (self.doc.revision, values(self.form.id) if values else {})
        return self._last_year[1]

    def _text(self, node: Node, key: str, edit: bool) -> str:
        if isinstance(node, Indicator):
            if self.scored and not edit and key in (SCORE_KEY, BAND_KEY):
                return self._score_text(node, key)
            if key in (LAST_TARGET_KEY, LAST_ACTUAL_KEY):
                last = self.last_year().get(node.uid)
                return (
                    "" if last is None else last.target if key == LAST_TARGET_KEY else last.actual
                )
            return node.get(key)  # the tree column's running number is drawn by the view
        if key:
            return ""
        if isinstance(node, Level2) and not edit and self.kind is not None:
            parent = self._parents.get(node.uid)
            rule = self.kind.level2_def(parent.name if parent else "", node.name)
            if rule is not None and rule.rule is not Rule.OPTIONAL:
                return f"{node.name}（{RULE_WORDS[rule.rule]}）"
        return node.name

    def _rule_tooltip(self, node: Level2) -> str | None:
        parent = self._parents.get(node.uid)
        rule = self.kind.level2_def(parent.name, node.name) if self.kind and parent else None
        if rule is None:
            return None
        return QCoreApplication.translate("IndicatorTreeModel", _RULE_HELP[rule.rule])

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return _NO_FLAGS
        column = self.column_def(index.column())
        writable = not self.doc.read_only
        if isinstance(node, Indicator):
            if writable and column is not None and not self._computed(node, column.key):
                return _INDICATOR_EDITABLE
            return _INDICATOR
        if isinstance(node, Level2) and writable:
            return _LEVEL2_NAME if column is None else _LEVEL2_WRITABLE
        return _ROW

    # --- self-evaluation scores ------------------------------------------------------------

    def _collect_scores(self) -> dict[str, IndicatorScore]:
        scores = self.doc.score(self.form.id) if self.scored else None
        return {row.uid: row for row in scores.rows} if scores else {}

    def score_row(self, uid: str) -> IndicatorScore | None:
        return self._scores.get(uid)

    def measured(self, node: Node) -> bool:
        """Whether an indicator's score follows from its numbers (no band, no typed score)."""
        row = self._scores.get(node.uid)
        return row is not None and row.method in _MEASURED

    def _computed(self, node: Node, key: str) -> bool:
        """A cell the program fills: 得分 and 档次 of a measured row, other computed columns."""
        if not isinstance(node, Indicator) or not key:
            return False
        if self.scored and key in (SCORE_KEY, BAND_KEY):
            return self.measured(node)
        column = self.columns[self.keys.index(key) - 1]
        return column.type == "computed"

    def _score_text(self, node: Indicator, key: str) -> str:
        if key == BAND_KEY:
            return "—" if self.measured(node) else node.get(BAND_KEY)
        row = self._scores.get(node.uid)
        if row is not None and row.score is not None:
            return format_score(row.score, self.kind)
        return "" if self.measured(node) else node.get(SCORE_KEY)

    def _score_tooltip(self, node: Indicator, key: str) -> str | None:
        row = self._scores.get(node.uid)
        if self.measured(node):
            return row.note if key == SCORE_KEY else tr("按实际完成值计分，无需选择档次。")
        if row is None or row.weight is None:
            return tr("请先填写分值，再选择档次并打分。")
        ranges = "\n".join(f"{b.label}：{b.range_text(row.weight)}" for b in BANDS)
        return tr("请选择完成档次，并在档次范围内填写得分：\n{0}").format(ranges)

    def _on_changed(self, form_id: str) -> None:
        if form_id != self.form.id or not self.scored:
            return
        old, self._scores = self._scores, self._collect_scores()
        for uid in old.keys() | self._scores.keys():
            if old.get(uid) != self._scores.get(uid):
                for key in (SCORE_KEY, BAND_KEY):
                    index = self.index_for(uid, key)
                    if index.isValid():
                        self.dataChanged.emit(index, index)

    # --- edits go to the document ----------------------------------------------------------

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if role != Qt.ItemDataRole.EditRole or node is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = "" if value is None else str(value)
        key = self.keys[index.column()]
        if isinstance(node, Level2):
            text = text.strip()
            if not text or text == node.name:
                return False
            return self.doc.apply(
                ops.RenameLevel2(self.form.id, node.uid, text),
                tr("重命名二级指标为“{0}”").format(short(text)),
            )
        if self.scored and key in (SCORE_KEY, BAND_KEY, PRINTED):
            text = text.strip()
        if text == node.get(key):
            return False
        label = self.column_def(index.column()).label
        return self.doc.apply(
            ops.set_indicator_cell_edit(self.form.id, node.uid, key, text),
            tr("修改{0}：{1}").format(label, short(text) or tr("清空")),
        )

    # --- following the document -------------------------------------------------------------

    def _on_cell_changed(self, form_id: str, uid: str, key: str) -> None:
        if form_id != self.form.id:
            return
        index = self.index_for(uid, key)
        if index.isValid():
            self.dataChanged.emit(index, index)

    def _mine(self, form_id: str) -> bool:
        return form_id == self.form.id

    def _on_inserting(self, form_id: str, parent: str, first: int, last: int) -> None:
        if self._mine(form_id):
            self.beginInsertRows(self.index_for(parent) if parent else _ROOT, first, last)

    def _on_inserted(self, form_id: str, parent: str, first: int, last: int) -> None:
        if self._mine(form_id):
            node = self._nodes[self._handles[parent]] if parent else None
            for child in self._children(node)[first : last + 1]:
                self._register(child, node)
            self.endInsertRows()

    def _on_removing(self, form_id: str, parent: str, first: int, last: int) -> None:
        if self._mine(form_id):
            self.beginRemoveRows(self.index_for(parent) if parent else _ROOT, first, last)

    def _on_removed(self, form_id: str, parent: str, first: int, last: int) -> None:
        if self._mine(form_id):
            self.endRemoveRows()

    def _on_moving(
        self, form_id: str, src: str, row: int, dst: str, dst_row: int, count: int = 1
    ) -> None:
        if self._mine(form_id):
            ok = self.beginMoveRows(
                self.index_for(src) if src else _ROOT,
                row,
                row + count - 1,
                self.index_for(dst) if dst else _ROOT,
                dst_row,
            )
            if not ok:  # a move Qt calls invalid (the core asks for none): show it anew
                self._resetting = True
                self.beginResetModel()

    def _on_moved(
        self, form_id: str, src: str, row: int, dst: str, dst_row: int, count: int = 1
    ) -> None:
        if self._mine(form_id):
            node = self._nodes[self._handles[dst]] if dst else None
            for child in self._children(node):
                self._parents[child.uid] = node
            if self._resetting:
                self._resetting = False
                self.endResetModel()
            else:
                self.endMoveRows()

    # --- findings --------------------------------------------------------------------------

    def _collect_marks(self) -> dict[tuple[str, str], list[Finding]]:
        marks: dict[tuple[str, str], list[Finding]] = {}
        for f in self.doc.findings(self.form.id):
            if f.section is Section.INDICATOR and f.uid:
                marks.setdefault((f.uid, f.key), []).append(f)
            elif f.section is Section.CATEGORY and f.uid:
                marks.setdefault((f.uid, ""), []).append(f)
        return marks

    def _on_findings(self, form_id: str) -> None:
        if form_id != self.form.id:
            return
        old, self._marks = self._marks, self._collect_marks()
        for cell in old.keys() | self._marks.keys():
            if old.get(cell) != self._marks.get(cell):
                index = self.index_for(*cell)
                if index.isValid():
                    self.dataChanged.emit(index, index, list(_MARK_ROLES))

    def findings_at(self, index: Index) -> list[Finding]:
        node = self.node(index)
        return list(self._marks.get((node.uid, self.keys[index.column()]), ())) if node else []

    # --- drag and drop, clipboard -----------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_ROWS, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction  # copy: from the library

    def indicators_in(self, indexes: list[Index]) -> list[Indicator]:
        """The distinct indicator rows among `indexes`, in tree order."""
        seen = {self.node(i).uid for i in indexes if isinstance(self.node(i), Indicator)}
        return [ind for _, _, ind in self.form.iter_indicators() if ind.uid in seen]

    def row_cells(self, ind: Indicator) -> list[str]:
        return [ind.get(c.key) for c in self.columns if c.key not in LAST_YEAR_KEYS]

    def mimeData(self, indexes: list[Index]) -> QMimeData:
        rows = self.indicators_in(indexes)
        mime = QMimeData()
        payload = {
            "doc": id(self.doc),
            "form": self.form.id,
            "uids": [ind.uid for ind in rows],
            "rows": [ind.model_dump(mode="json") for ind in rows],
        }
        mime.setData(MIME_ROWS, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        mime.setText(to_tsv([self.row_cells(ind) for ind in rows]))
        return mime

    def _own_rows(self, mime: QMimeData) -> list[str]:
        """The uids of rows dragged from this very form, or [] for anything else."""
        if not mime.hasFormat(MIME_ROWS):
            return []
        try:
            payload = json.loads(bytes(mime.data(MIME_ROWS).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return []
        if payload.get("doc") != id(self.doc) or payload.get("form") != self.form.id:
            return []
        return [uid for uid in payload.get("uids", []) if uid in self._handles]

    def canDropMimeData(self, mime, action, row, column, parent) -> bool:
        if mime.hasFormat(MIME_LIBRARY):  # indicators dragged from the library panel
            return isinstance(self.node(parent), Level2) and not self.doc.read_only
        return isinstance(self.node(parent), Level2) and bool(self._own_rows(mime))

    def dropMimeData(self, mime, action, row, column, parent) -> bool:
        if not self.canDropMimeData(mime, action, row, column, parent):
            return False
        if mime.hasFormat(MIME_LIBRARY):
            entries = entries_from_mime(mime)
            return bool(insert_entries(self.doc, self.form.id, entries, self.node(parent), row))
        uids = self._own_rows(mime)
        level2 = self.node(parent)
        after = level2.indicators[row:] if row >= 0 else []
        anchor = next((ind.uid for ind in after if ind.uid not in uids), None)
        return self.doc.apply(
            ops.MoveIndicators(self.form.id, uids, level2.uid, anchor),
            tr("移动 {0} 个指标").format(len(uids)),
        )


def _row_kind(node: Node) -> str:
    if isinstance(node, Level1):
        return "level1"
    return "level2" if isinstance(node, Level2) else "indicator"
