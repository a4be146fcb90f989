"""One form on screen: its header fields, funds block and tables above, the indicator tree below.

Header fields commit on every keystroke (consecutive keystrokes in a field merge into one undo
step), so the checks answer while the user types; Ctrl+Z in a field undoes through the
project's undo stack, not the field's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core import operations as ops
from desktop.core.editing import missing_scores
from desktop.core.findings import Finding, Section, Severity
from desktop.core.kinds import FieldType, HeaderField
from desktop.core.model import Form
from desktop.core.scoring import format_score, weight_text
from desktop.ui import printed
from desktop.ui.clipboard import clipboard_text, parse_tsv, to_tsv
from desktop.ui.document import Document
from desktop.ui.editors import CellDelegate, plain_text, set_words, text_completer
from desktop.ui.i18n import tr
from desktop.ui.icons import severity_icon
from desktop.ui.indicator_view import IndicatorView
from desktop.ui.marks import background, tooltip, worst
from desktop.ui.table_models import FundsModel, RowsModel

_sessions = itertools.count(1)
_BUILT = object()  # FormPage._build has no more parts
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_EXTRA_REDO = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))
# Findings colour a field, the form's notice and the score summary through their palettes and
# fonts: a style sheet on the page made every widget of it slower to build, lay out and paint
# (a quarter of showing a form).
SCORE_STYLE = {  # on the one label that has it: rounded, coloured by completeness
    True: "QLabel { background: #e3f1e5; color: #1b5e20; border-radius: 3px; }",
    False: "QLabel { background: #fff3d1; color: #6d4c00; border-radius: 3px; }",
}


def show_severity(widget: QWidget, severity: Severity | None, *roles: QPalette.ColorRole) -> None:
    """Colour `widget`'s `roles` (its background) for a finding of this severity, or give it
    back its parent's colours; the severity is also its "severity" property."""
    widget.setProperty("severity", str(severity) if severity else "")
    palette = QPalette()  # nothing set: every colour follows the parent's
    colour = background(severity)
    if colour is not None:
        for role in roles:
            palette.setColor(role, colour)
    widget.setPalette(palette)


_FIELD_ROLES = (QPalette.ColorRole.Base, QPalette.ColorRole.Button)


def _bold(font: QFont, points: int | None = None) -> QFont:
    font = QFont(font)
    font.setBold(True)
    if points is not None:
        font.setPointSize(points)
    return font


def _is_undo_key(event) -> bool:
    if any(event.matches(k) for k in _UNDO_KEYS):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in _EXTRA_REDO)


class FieldEditor(QObject):
    """One header field's editor, bound to the document."""

    def __init__(
        self, doc: Document, form_id: str, spec: HeaderField, parent: QWidget, lines: int = 4
    ):
        super().__init__(parent)
        self.doc, self.form_id, self.spec = doc, form_id, spec
        self.lines = lines
        self.session = 0
        self._quiet = False
        self._shown: list[Finding] | None = None
        self.widget = self._make_editor(parent)
        self.widget.setObjectName(f"header_{spec.key}")
        # One completer for the field's whole life: its word list is refreshed on each visit,
        # never replaced, since a completer may be handling the very event that moves focus
        # (a key or click in its popup) and must not be destroyed under it.
        self.completer: QCompleter | None = None
        if isinstance(self.widget, QLineEdit) and spec.type is FieldType.TEXT:
            self.completer = text_completer([], self.widget)
            self.widget.setCompleter(self.completer)
        self.widget.installEventFilter(self)
        self.icon = QLabel(parent)
        self.icon.setFixedWidth(18)
        self.set_text(self.text_in_model())

    def _make_editor(self, parent: QWidget) -> QWidget:
        spec = self.spec
        if spec.type is FieldType.MULTILINE:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            # as tall as its lines, no taller: the funds block below must fit on a small screen
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * self.lines + 12)
            editor.textChanged.connect(self._on_plain_text)
            return editor
        if spec.type is FieldType.ENUM:
            editor = QComboBox(parent)
            editor.setEditable(True)
            editor.addItems(list(spec.options))
            editor.setCurrentIndex(-1)
            editor.currentTextChanged.connect(self._on_text)
            return editor
        editor = QLineEdit(parent)
        if spec.type is FieldType.YEAR:
            editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), editor))
            editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0000") * 3)
            editor.setPlaceholderText(tr("如 2026"))
        elif spec.type is FieldType.MONEY:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setPlaceholderText(tr("金额（{0}）").format(spec.unit))
        editor.textEdited.connect(self._on_text)
        return editor

    def text_in_model(self) -> str:
        return self.doc.form(self.form_id).header.get(self.spec.key, "")

    def text(self) -> str:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return plain_text(w)
        if isinstance(w, QComboBox):
            return w.currentText()
        return w.text()

    def set_text(self, text: str) -> None:
        """Show the model's text without turning it into a new edit."""
        if self.text() == text:
            return
        self._quiet = True
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            cursor = w.textCursor()
            position = cursor.position()
            w.setPlainText(text)
            cursor.setPosition(min(position, w.document().characterCount() - 1))
            w.setTextCursor(cursor)
        elif isinstance(w, QComboBox):
            w.setCurrentText(text)
        else:
            position = w.cursorPosition()
            w.setText(text)
            w.setCursorPosition(min(position, len(text)))
        self._quiet = False

    def _on_plain_text(self) -> None:
        self._on_text(plain_text(self.widget))

    def _on_text(self, text: str) -> None:
        if self._quiet or text == self.text_in_model():
            return
        if not self.session:
            self.session = next(_sessions)
        self.doc.apply(
            ops.SetHeader(self.form_id, self.spec.key, text, self.session),
            tr("修改“{0}”").format(self.spec.label),
        )

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            event.ignore()  # leave Ctrl+Z / Ctrl+Y to the window's undo actions
            return True
        if (
            event.type() == QEvent.Type.FocusIn
            and event.reason() != Qt.FocusReason.PopupFocusReason
        ):
            # focus back from a popup (the suggestions, a context menu) is the same visit
            self.session = next(_sessions)  # a new visit is a new undo step
            if self.completer is not None:
                set_words(self.completer, self.doc.header_values(self.spec.key))
        return False

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self._shown:
            return
        self._shown = findings
        severity = worst(findings)
        show_severity(self.widget, severity, *_FIELD_ROLES)
        text = tooltip(findings)
        self.widget.setToolTip(text)
        icon = severity_icon(severity)
        self.icon.setPixmap(icon.pixmap(16, 16) if icon else QPixmap())
        self.icon.setToolTip(text)


class CellTable(QTableView):
    """A small grid (funds block, task list) with clipboard and delete support."""

    def __init__(self, model, parent=None, weights: list[float] | None = None):
        super().__init__(parent)
        self.weights = weights
        self.remove_rows: Callable[[], None] | None = None  # 删除行, for a repeating table
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if weights is None:
            self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self.fit_height)
        model.dataChanged.connect(self.fit_height)
        self.fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.weights:
            available = self.viewport().width()
            total = sum(self.weights)
            for i, weight in enumerate(self.weights):
                self.setColumnWidth(i, int(available * weight / total))
            self.fit_height()

    def fit_height(self, *args) -> None:
        """As tall as its rows, so the page scrolls rather than the table."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        extra = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        self.setFixedHeight(max(rows, self.verticalHeader().defaultSectionSize()) + extra)

    def _editable(self, index) -> bool:
        return index.isValid() and bool(self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    def copy_selection(self) -> None:
        indexes = sorted(
            self.selectedIndexes() or [self.currentIndex()], key=lambda i: (i.row(), i.column())
        )
        if not indexes or not indexes[0].isValid():
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.model()
        block = [
            [model.index(r, c).data(Qt.ItemDataRole.EditRole) or "" for c in columns] for r in rows
        ]
        QApplication.clipboard().setText(
            clipboard_text(block) if len(indexes) == 1 else to_tsv(block)
        )

    def paste_clipboard(self) -> None:
        table = parse_tsv(QApplication.clipboard().text())
        current = self.currentIndex()
        if not table or not current.isValid():
            return
        model = self.model()
        stack = model.doc.undo_stack
        stack.beginMacro(tr("粘贴"))
        for r, cells in enumerate(table):
            for c, text in enumerate(cells):
                index = model.index(current.row() + r, current.column() + c)
                if self._editable(index):
                    model.setData(index, text.strip())
        stack.endMacro()

    def delete_selection(self) -> None:
        model = self.model()
        stack = model.doc.undo_stack
        stack.beginMacro(tr("清除"))
        for index in self.selectedIndexes() or [self.currentIndex()]:
            if self._editable(index):
                model.setData(index, "")
        stack.endMacro()

    def delete_rows(self) -> None:
        """删除行: the selected rows of a repeating table (the funds block has fixed rows)."""
        if self.remove_rows is None:
            QApplication.beep()
        else:
            self.remove_rows()

    def move_selection(self, delta: int) -> None:
        QApplication.beep()


class FormPage(QWidget):
    """Everything of one form; built when the form is selected, or ahead of that (see
    workspace.PREFETCH_MS)."""

    def __init__(
        self,
        doc: Document,
        form_id: str,
        indicator_actions: list,
        parent=None,
        *,
        staged: bool = False,
    ):
        """`staged`: built a part at a time by build_step() (each part a few milliseconds, so
        that a page built ahead never holds up the window for long); finish_build() builds the
        rest at once. Until then the page does not follow the document, so the builder throws
        a page away if the document changed meanwhile."""
        super().__init__(parent)
        self.doc = doc
        self.form_id = form_id
        form = doc.form(form_id)
        self.kind = doc.kind(form)
        self.fields: dict[str, FieldEditor] = {}
        self.funds_view: CellTable | None = None
        self.table_views: dict[str, CellTable] = {}
        self.indicator_view: IndicatorView | None = None
        self.splitter: QSplitter | None = None
        self.read_only = doc.read_only
        self.split_moved = False  # the user dragged the splitter: remember it for the kind
        self._steps: Iterator[None] | None = self._build(form, indicator_actions)
        if not staged:
            self.finish_build()

    def build_step(self) -> bool:
        """Build the next part of a staged page; False once the page is complete."""
        if self._steps is None:
            return False
        if next(self._steps, _BUILT) is _BUILT:
            self._steps = None
            return False
        return True

    def finish_build(self) -> None:
        while self.build_step():
            pass

    @property
    def built(self) -> bool:
        return self._steps is None

    def _build(self, form: Form, indicator_actions: list) -> Iterator[None]:
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setFont(_bold(self.title.font(), 13))
        self.score_summary = QLabel()  # 总分 and grade of a self-evaluation
        self.score_summary.setObjectName("scoreSummary")
        self.score_summary.setFont(_bold(self.score_summary.font(), 12))
        self.score_summary.setContentsMargins(10, 2, 10, 2)
        self.score_summary.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.score_summary)
        self.printed_total: list[QWidget] = []  # 纸面总分: its label, icon and field
        if printed.applies(self.kind):
            self._printed_total_field(top, title_row)
        top_layout.addLayout(title_row)
        self.notice = QLabel()  # findings about the form as a whole (e.g. costs vs funds)
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(6, 4, 6, 4)
        self.notice.setAutoFillBackground(True)
        self._notice_shown: list[Finding] | None = None  # what it shows (None: not yet set)
        top_layout.addWidget(self.notice)
        if self.kind is None:
            top_layout.addWidget(
                QLabel(tr("本程序没有表样“{0}”，无法编辑此表。").format(form.kind))
            )
        else:
            top_layout.addLayout(self._header_grid(top))
            yield
            if self.kind.funds is not None:
                top_layout.addWidget(self._funds_box(top))
                yield
            for table in self.kind.tables:
                top_layout.addWidget(self._table_box(table, top))
                yield
        top_layout.addStretch(1)
        self.scroll.setWidget(top)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.kind is not None and self.kind.categories:
            self.splitter = QSplitter(Qt.Orientation.Vertical)
            self.splitter.setChildrenCollapsible(False)
            self.splitter.addWidget(self.scroll)
            self.splitter.addWidget(self._indicator_panel(indicator_actions))
            yield
            self.splitter.setStretchFactor(0, 0)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.splitterMoved.connect(self._on_split_moved)
            layout.addWidget(self.splitter)
        else:
            layout.addWidget(self.scroll)

        self.update_title()
        self.show_findings(self.form_id)
        self.update_score()
        self.show_printed(printed.wanted(form, self.kind))
        self.doc.headerChanged.connect(self._on_header)
        self.doc.findingsChanged.connect(self.show_findings)
        self.doc.changed.connect(self._on_changed)
        if self.doc.read_only:
            self._make_read_only()

    # --- building ---------------------------------------------------------------------------

    def _header_grid(self, parent: QWidget) -> QGridLayout:
        """Short fields two to a line, long text across the whole width."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        row, column = 0, 0
        # a report is all text: give it room; a funds block below needs the height more
        lines = (2 if self.kind.funds else 3) if self.kind.categories else 8
        for spec in self.kind.header:
            field = FieldEditor(self.doc, self.form_id, spec, parent, lines)
            self.fields[spec.key] = field
            label = QLabel(
                spec.label + ("<span style='color:#c62828'> *</span>" if spec.required else "")
            )
            label.setBuddy(field.widget)
            editor: QWidget = field.widget
            if spec.type is FieldType.MONEY:
                box = QWidget(parent)
                h = QHBoxLayout(box)
                h.setContentsMargins(0, 0, 0, 0)
                h.addWidget(field.widget, 1)
                h.addWidget(QLabel(spec.unit))
                editor = box
            wide = spec.type is FieldType.MULTILINE
            if wide and column:
                row, column = row + 1, 0
            base = column * 3
            grid.addWidget(
                label,
                row,
                base,
                Qt.AlignmentFlag.AlignRight
                | (Qt.AlignmentFlag.AlignTop if wide else Qt.AlignmentFlag.AlignVCenter),
            )
            grid.addWidget(field.icon, row, base + 1)
            grid.addWidget(editor, row, base + 2, 1, 4 if wide else 1)
            if wide or column:
                row, column = row + 1, 0
            else:
                column = 1
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        return grid

    def _funds_box(self, parent: QWidget) -> QGroupBox:
        spec = self.kind.funds
        box = QGroupBox(spec.label, parent)
        layout = QVBoxLayout(box)
        spec = printed.funds_spec(spec, self.kind)  # with 纸面执行率 and 纸面得分 (hidden)
        self.funds_view = CellTable(FundsModel(self.doc, self.form_id, spec, self), box)
        self.funds_view.setObjectName("fundsView")
        layout.addWidget(self.funds_view)
        return box

    def _table_box(self, table, parent: QWidget) -> QGroupBox:
        box = QGroupBox(table.label, parent)
        layout = QVBoxLayout(box)
        model = RowsModel(self.doc, self.form_id, table, self)
        view = CellTable(model, box, [c.width for c in table.columns])
        view.setObjectName(f"table_{table.key}")
        self.table_views[table.key] = view
        view.remove_rows = lambda: self._remove_table_rows(table)
        bar = QToolBar(box)
        add = bar.addAction(tr("添加一行"))
        add.triggered.connect(lambda: self._add_table_row(table))
        remove = bar.addAction(tr("删除所选行"))
        remove.triggered.connect(lambda: self._remove_table_rows(table))
        layout.addWidget(bar)
        layout.addWidget(view)
        return box

    def _add_table_row(self, table) -> None:
        view = self.table_views[table.key]
        current = view.currentIndex()
        index = current.row() + 1 if current.isValid() else view.model().rowCount()
        self.doc.apply(
            ops.InsertTableRow(self.form_id, table.key, index),
            tr("在“{0}”中添加一行").format(table.label),
        )
        view.setCurrentIndex(view.model().index(index, 0))
        view.setFocus()

    def _remove_table_rows(self, table) -> None:
        view = self.table_views[table.key]
        rows = sorted(
            {i.row() for i in view.selectedIndexes()}
            or ({view.currentIndex().row()} if view.currentIndex().isValid() else set()),
            reverse=True,
        )
        if not rows:
            return
        self.doc.apply(
            ops.Batch([ops.RemoveTableRow(self.form_id, table.key, row) for row in rows]),
            tr("删除 {0} 行").format(len(rows)),
        )

    def _printed_total_field(self, parent: QWidget, row: QHBoxLayout) -> None:
        """纸面总分 beside the computed 总分: a header value the kind does not print."""
        field = FieldEditor(self.doc, self.form_id, printed.total_field(), parent)
        self.fields[field.spec.key] = field
        widget = field.widget
        widget.setMaximumWidth(widget.fontMetrics().horizontalAdvance("000.00") + 24)
        widget.setToolTip(tr("照录纸质自评表上印的总分，只作核对，不打印。"))
        label = QLabel(field.spec.label, parent)
        label.setBuddy(widget)
        for w in (label, field.icon, widget):
            row.addWidget(w)
        self.printed_total = [label, field.icon, widget]

    def printed_shown(self) -> bool:
        view = self.indicator_view
        return bool(view is not None and view.printed_shown())

    def show_printed(self, on: bool) -> None:
        """Show or hide the figures as printed (纸面得分, 纸面执行率, 纸面总分) of a scored form."""
        if not printed.applies(self.kind):
            return
        if self.indicator_view is not None:
            self.indicator_view.show_printed(on)
        if self.funds_view is not None:
            model = self.funds_view.model()
            for i, column in enumerate(model.spec.columns):
                if column.key in printed.FUNDS_KEYS:
                    self.funds_view.setColumnHidden(i, not on)
        for widget in self.printed_total:
            widget.setVisible(on)

    def header_height(self) -> int:
        """The height that shows the header, the funds block and the tables unscrolled."""
        content = self.scroll.widget()
        return content.sizeHint().height() + 2 * self.scroll.frameWidth() + 2

    def _on_split_moved(self, *args) -> None:
        self.split_moved = True

    def _indicator_panel(self, actions: list) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(2)
        bar = QToolBar(panel)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        heading = QLabel(self.kind.indicator_label or tr("绩效指标"))
        heading.setFont(_bold(heading.font()))
        heading.setContentsMargins(4, 0, 8, 0)
        bar.addWidget(heading)
        for action in actions:
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        self.indicator_view = IndicatorView(self.doc, self.form_id, panel)
        layout.addWidget(bar)
        layout.addWidget(self.indicator_view)
        return panel

    # --- following the document ----------------------------------------------------------

    def update_title(self) -> None:
        form = self.doc.form(self.form_id)
        kind_name = self.kind.name if self.kind else form.kind
        self.title.setText(f"{self.doc.label(form)}　·　{kind_name}")

    def _make_read_only(self) -> None:
        """A file opened read-only: the fields show, nothing takes input."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, QComboBox):
                widget.setEnabled(False)
            else:
                widget.setReadOnly(True)
        for bar in self.findChildren(QToolBar):
            for action in bar.actions():
                if action.parent() is bar:  # the tables' own add/remove row buttons
                    action.setEnabled(False)

    def _on_changed(self, form_id: str) -> None:
        if form_id == self.form_id and self.doc.project.form(form_id) is not None:
            self.update_score()
            if not self.printed_shown() and printed.wanted(self.doc.form(form_id), self.kind):
                self.show_printed(True)  # a printed figure came in (undo, paste, import)

    def update_score(self) -> None:
        """总分 87.5（良）, or how many scores are still missing."""
        scores = self.doc.score(self.form_id)
        self.score_summary.setVisible(scores is not None)
        if scores is None:
            return
        missing = missing_scores(scores)
        if scores.complete:
            text = tr("总分 {0}（{1}）").format(scores.total_text, scores.grade)
        elif missing:
            text = tr("总分：尚有 {0} 项未评分（已得 {1} 分）").format(
                missing, format_score(scores.total, self.kind)
            )
        else:
            text = tr("总分：尚无可评分的指标")
        self.score_summary.setText(text)
        self.score_summary.setToolTip(
            tr("总分是各项显示得分之和；分值合计 {0} 分。").format(
                weight_text(scores.weights_total)
            )
        )
        self.score_summary.setProperty("complete", "true" if scores.complete else "false")
        style = SCORE_STYLE[scores.complete]
        if self.score_summary.styleSheet() != style:  # a new one polishes the label again
            self.score_summary.setStyleSheet(style)

    def _on_header(self, form_id: str, key: str) -> None:
        if form_id != self.form_id:
            return
        field = self.fields.get(key)
        if field is not None:
            field.set_text(field.text_in_model())
        if self.kind is not None and key == self.kind.name_field:
            self.update_title()

    def show_findings(self, form_id: str) -> None:
        if form_id != self.form_id or self.doc.project.form(form_id) is None:
            return
        by_key: dict[str, list[Finding]] = {}
        whole: list[Finding] = []
        for f in self.doc.findings(form_id):
            if f.section is Section.HEADER:
                by_key.setdefault(f.key, []).append(f)
            elif f.section is Section.FORM:
                whole.append(f)
        for key, field in self.fields.items():
            field.show_findings(by_key.get(key, []))
        if whole == self._notice_shown:
            return  # restyling the same notice would repaint it (and the page behind it)
        self._notice_shown = whole
        self.notice.setVisible(bool(whole))
        self.notice.setText(tooltip(whole))
        show_severity(self.notice, worst(whole), QPalette.ColorRole.Window)

    # --- showing a place ---------------------------------------------------------------------

    def reveal(self, where) -> bool:
        """Select the cell or field a finding or an undo step is about."""
        section, key = where.section, where.key
        if printed.is_printed_place(section, key):
            self.show_printed(True)
        if section is Section.HEADER and key in self.fields:
            widget = self.fields[key].widget
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus()
            return True
        if section is Section.FUNDS and self.funds_view is not None:
            return self._reveal_cell(self.funds_view, key)
        if section is Section.TABLE:
            view = self.table_views.get(key.split(".")[0])
            return view is not None and self._reveal_cell(view, key)
        if section in (Section.INDICATOR, Section.CATEGORY) and self.indicator_view:
            view = self.indicator_view
            if where.uid and view.select(where.uid, key):
                view.setFocus()
                return True
        return False

    def _reveal_cell(self, view: CellTable, key: str) -> bool:
        index = view.model().index_for_key(key)
        if not index.isValid():
            return False
        self.scroll.ensureWidgetVisible(view)
        view.setCurrentIndex(index)
        view.setFocus()
        return True
