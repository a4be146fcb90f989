"""The import preview: what a workbook holds, before anything is added to the project.

Shows the forms found (each can be left out), the kind each was read as, how every column
heading of the file was mapped, the unit conversions made, and every cell that will not be
imported with its sheet, address and reason. The user may read the file again as one chosen
kind. Nothing here changes the project: the caller adds `chosen_forms()` as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import form_label
from desktop.core.importing import FoundForm, ImportResult
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form
from desktop.ui.i18n import tr

Reread = Callable[[str | None], ImportResult]  # kind id (None: recognise) → a new result


def workbook_suffixes() -> tuple[str, ...]:
    from desktop.core.importing import SUPPORTED

    return tuple(SUPPORTED)


def _table(headings: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text.replace("\n", " ⏎ "))
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


class ImportPreview(QDialog):
    """Preview of an import; `exec()` then `chosen_forms()`."""

    def __init__(
        self,
        result: ImportResult,
        registry: KindRegistry,
        source: str,
        reread: Reread | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.registry = registry
        self.reread = reread
        self.result = result
        self.setWindowTitle(tr("导入预览 — {0}").format(source))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.addItem(tr("自动识别表样"), None)
        for k in registry.all():
            self.kind.addItem(k.name, k.id)
        self.kind.setEnabled(reread is not None)
        self.kind.currentIndexChanged.connect(self._reread)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(tr("按表样读取：")))
        top.addWidget(self.kind)

        self.forms = QListWidget()
        self.forms.currentRowChanged.connect(self._show_form)
        self.forms.itemChanged.connect(lambda _item: self._update_ok())
        self.columns = _table([tr("文件中的栏目"), tr("导入为"), tr("单元格")], 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(tr("栏目对应：")))
        rl.addWidget(self.columns, 1)
        rl.addWidget(self.notes)
        upper = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(tr("找到的表（取消勾选则不导入）：")))
        ll.addWidget(self.forms, 1)
        upper.addWidget(left)
        upper.addWidget(right)
        upper.setSizes([520, 480])

        self.skipped_label = QLabel()
        self.skipped = _table([tr("工作表"), tr("单元格"), tr("内容"), tr("原因")], 2)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.skipped_label)
        low.addWidget(self.skipped, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([330, 230])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导入"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)
        self._show(result)

    # --- content ----------------------------------------------------------------------------

    def _label(self, found: FoundForm) -> str:
        count = sum(1 for _ in found.form.iter_indicators())
        return tr("{0}　{1}（{2} {3}，{4} 项指标）").format(
            form_label(found.form, found.kind), found.kind.name, found.sheet, found.address, count
        )

    def _show(self, result: ImportResult) -> None:
        self.result = result
        self.forms.blockSignals(True)
        self.forms.clear()
        for found in result.forms:
            item = QListWidgetItem(self._label(found))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(tr("识别方式：{0}").format(found.how))
            self.forms.addItem(item)
        self.forms.blockSignals(False)
        self.summary.setText(
            tr("找到 {0} 张表，{1} 个单元格不会导入。").format(len(result.forms), len(result.unplaced))
            if result.forms
            else tr("没有找到可识别的绩效表。可在右侧选择表样后重新读取。")
        )
        self.skipped_label.setText(tr("不会导入的单元格（{0}）：").format(len(result.unplaced)))
        _fill(self.skipped, [[u.sheet, u.address, u.text, u.reason_text] for u in result.unplaced])
        if result.forms:
            self.forms.setCurrentRow(0)
        else:
            self._show_form(-1)
        self._update_ok()

    def _show_form(self, row: int) -> None:
        if not 0 <= row < len(self.result.forms):
            _fill(self.columns, [])
            self.notes.setText("")
            return
        found = self.result.forms[row]
        rows = [[c.heading, c.target or tr("（跳过：此表样无此栏）"), c.address] for c in found.columns]
        _fill(self.columns, rows)
        notes = list(found.notes)
        header = len([v for v in found.form.header.values() if v])
        funds = sum(len(r) for r in found.form.funds.values())
        tables = sum(len(r) for r in found.form.tables.values())
        notes.insert(0, tr("表头 {0} 项，资金 {1} 格，附表 {2} 行。").format(header, funds, tables))
        self.notes.setText("\n".join(notes))

    def _reread(self) -> None:
        if self.reread is None:
            return
        self._show(self.reread(self.kind.currentData()))

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen_forms()))

    def chosen_forms(self) -> list[Form]:
        """The forms left ticked, in file order."""
        return [
            found.form
            for i, found in enumerate(self.result.forms)
            if self.forms.item(i) is not None
            and self.forms.item(i).checkState() == Qt.CheckState.Checked
        ]
