"""Cell editors: plain text, multi-line text, and the value editor with suggestions.

Enter commits and moves on (Tab to the next cell, Enter to the row below: the views decide
where); in a multi-line cell Alt+Enter or Shift+Enter starts a new line.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from desktop.core.kinds import Expects
from desktop.core.scoring import BAND_KEY, BANDS
from desktop.ui.document import Document
from desktop.ui.i18n import tr
from desktop.ui.indicator_model import ROW_KIND_ROLE
from desktop.ui.suggestions import TIME_UNITS, normalize_operators, value_suggestions
from desktop.ui.table_models import COLUMN_TYPE_ROLE

MULTILINE_MIN_LINES = 3
WRAP_PADDING = 10  # the style's text margins inside a cell


_Hint = QAbstractItemDelegate.EndEditHint
_FINISH_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _finish_hint(event, newline_ok: bool):
    """The edit hint a key that ends editing stands for, or None.

    Handled by the editor itself (not only by the delegate's event filter) because a
    completion popup hands Enter and Tab straight to the editor, past any filter.
    """
    mods = event.modifiers()
    if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and (
        event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
    ):
        return None
    if event.key() == Qt.Key.Key_Backtab or (
        event.key() == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier
    ):
        return _Hint.EditPreviousItem
    if event.key() == Qt.Key.Key_Tab:
        return _Hint.EditNextItem
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        breaks = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
        return None if newline_ok and breaks else _Hint.SubmitModelCache
    return None


def plain_text(edit: QPlainTextEdit) -> str:
    """The text exactly as held: `toPlainText()` would turn no-break spaces (common in text
    pasted from Word) into plain spaces."""
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


class CellLineEdit(QLineEdit):
    """A one-line cell editor: Enter and Tab finish and say where to go next."""

    finished = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrame(False)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _FINISH_KEYS:
            hint = _finish_hint(event, newline_ok=False)
            if hint is not None:
                self.finished.emit(hint)
                return True
        return super().event(event)


class CellTextEdit(QPlainTextEdit):
    """A multi-line cell editor: Enter finishes, Alt/Shift+Enter breaks the line."""

    finished = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _FINISH_KEYS:
            hint = _finish_hint(event, newline_ok=True)
            if hint is not None:
                self.finished.emit(hint)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.insertPlainText("\n")
                return True
        return super().event(event)

    def text(self) -> str:
        return plain_text(self)

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self.selectAll()


class ValueEdit(CellLineEdit):
    """A target/actual value: `>=` becomes `≥` as typed, with a list of likely values."""

    def __init__(
        self,
        units: list[str],
        used: list[str] | Callable[[], list[str]],
        operators: tuple[str, ...],
        parent: QWidget | None = None,
    ):
        """`used`: the values used before, or what gives them when first typed (an editor
        opens on every Tab: the list is made only when the user types)."""
        super().__init__(parent)
        self._units, self._used, self._operators = units, used, operators
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        self.textEdited.connect(self._on_edited)

    def suggestions(self) -> list[str]:
        return self._model.stringList()

    def _on_edited(self, text: str) -> None:
        fixed = normalize_operators(text)
        if fixed != text:
            pos = self.cursorPosition() - (len(text) - len(fixed))
            self.setText(fixed)
            self.setCursorPosition(max(0, pos))
        if callable(self._used):
            self._used = self._used()
        self._model.setStringList(
            value_suggestions(fixed, self._units, self._used, self._operators)
        )
        if self._model.rowCount() and self.hasFocus():
            self.completer().complete()


class BandEdit(QComboBox):
    """The band of a judged indicator: 达成 / 部分达成 / 未达成, each with its score range for
    the row's weight, so the score typed next can be checked by eye. Choosing one moves on to
    the score cell."""

    finished = Signal(object)

    def __init__(self, weight: Decimal | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(tr("（未选择）"), "")
        for band in BANDS:
            hint = f"：{band.range_text(weight)}" if weight is not None and weight > 0 else ""
            self.addItem(f"{band.key}{hint}", band.key)
            self.setItemData(self.count() - 1, band.label, Qt.ItemDataRole.ToolTipRole)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self.activated.connect(lambda i: self.finished.emit(_Hint.EditNextItem))
        QTimer.singleShot(0, self, self.showPopup)

    def text(self) -> str:
        return self.currentData() or ""

    def setText(self, key: str) -> None:
        self.setCurrentIndex(max(0, self.findData(key)))


def finish_cell_editing() -> bool:
    """Commit and close the cell editor that has the focus, as a click elsewhere does: the
    focus goes back to its view, and the delegate commits the editor as it loses the focus.
    Done before undo or redo, which must not meet an open editor (see `Document.apply`).
    True when there was one."""
    focus = QApplication.focusWidget()
    widget = focus
    while widget is not None:
        if (
            isinstance(widget, QAbstractItemView)
            and widget is not focus
            and widget.state() == QAbstractItemView.State.EditingState
        ):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        widget = widget.parentWidget()
    return False


def text_completer(words: list[str] | QStringListModel, parent: QWidget) -> QCompleter:
    """Completion from words used in the project, matching anywhere in the word.

    Given a list, the completer owns its word model: give it new words with `set_words`, never
    a new completer while its widget is in use. Given a model, it shares that model (the
    document's names, kept up to date by the document)."""
    completer = QCompleter(parent)
    if isinstance(words, QStringListModel):
        completer.setModel(words)
    else:
        completer.setModel(QStringListModel(list(words), completer))
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setMaxVisibleItems(10)
    return completer


def set_words(completer: QCompleter, words: list[str]) -> None:
    """New words for a `text_completer`, in its own model (left alone when unchanged, and
    while its popup shows, so the list under the user's pointer never resets)."""
    model = completer.model()
    if not isinstance(model, QStringListModel) or model.stringList() == list(words):
        return
    if completer.popup() is not None and completer.popup().isVisible():
        return
    model.setStringList(list(words))


class CellDelegate(QStyledItemDelegate):
    """Editors for table cells: one line, or several for multi-line columns.

    `column_type(index)` says which; subclasses add completion.
    """

    def column_type(self, index: QModelIndex) -> str:
        return index.data(COLUMN_TYPE_ROLE) or "text"

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        if self.column_type(index) == "multiline":
            editor = CellTextEdit(parent)
        else:
            editor = self.line_editor(parent, index)
        editor.finished.connect(lambda hint: self._finish(editor, hint))
        return editor

    def line_editor(self, parent: QWidget, index: QModelIndex) -> CellLineEdit:
        return CellLineEdit(parent)

    def _finish(self, editor: QWidget, hint) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def eventFilter(self, editor, event) -> bool:
        """Enter and Tab are the editors' own business (see `_finish_hint`)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in _FINISH_KEYS
            and isinstance(editor, (CellLineEdit, CellTextEdit))
        ):
            return False
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        """Fill the editor with the cell's value, and follow the value while the clerk has not
        typed; once they have, a refresh of the cell (its findings marks change with every
        keystroke elsewhere) leaves their text alone."""
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        filled = getattr(editor, "_jixiao_filled", None)
        if filled is not None and editor.text() != filled:
            return  # typed into: theirs until they commit or cancel
        if editor.text() != text:
            editor.setText(text)
        editor._jixiao_filled = text  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        """Tall enough for wrapped text at the column's current width (Qt's own hint does
        not know the width)."""
        size = super().sizeHint(option, index)
        view = self.parent()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text or not isinstance(view, QAbstractItemView) or not view.wordWrap():
            return size
        spans = isinstance(view, QTreeView) and view.isFirstColumnSpanned(
            index.row(), index.parent()
        )
        width = view.viewport().width() if spans else view.columnWidth(index.column())
        width -= WRAP_PADDING
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= option.decorationSize.width() + 4
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, max(width, 24), 100_000), Qt.TextFlag.TextWordWrap, str(text)
        )
        size.setHeight(max(size.height(), bounds.height() + 6))
        return size

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, CellTextEdit):
            lines = editor.fontMetrics().lineSpacing() * MULTILINE_MIN_LINES + 8
            rect = rect.adjusted(0, 0, 0, max(0, lines - rect.height()))
        editor.setGeometry(rect)


class IndicatorDelegate(CellDelegate):
    """Editors for the indicator tree, with completion from the project's own words."""

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc

    def initStyleOption(self, option, index: QModelIndex) -> None:
        """Number the indicator rows in the tree column (a position, not data)."""
        super().initStyleOption(option, index)
        if index.column() == 0 and index.data(ROW_KIND_ROLE) == "indicator":
            option.text = str(index.row() + 1)
            option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def column_type(self, index: QModelIndex) -> str:
        column = index.model().column_def(index.column())
        return column.type if column is not None else "text"

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model = index.model()
        column = model.column_def(index.column())
        if column is None or not (model.scored and column.key == BAND_KEY):
            return super().createEditor(parent, option, index)
        row = model.score_row(model.node(index).uid)
        editor = BandEdit(row.weight if row else None, parent)
        editor.finished.connect(lambda hint: self._finish(editor, hint))
        return editor

    def line_editor(self, parent: QWidget, index: QModelIndex) -> CellLineEdit:
        model = index.model()
        node = model.node(index)
        column = model.column_def(index.column())
        vocabulary = self.doc.vocabulary()
        if column is None:  # a level-2 category name
            editor = super().line_editor(parent, index)
            level1 = model.node(index.parent())
            defined = [
                d.name
                for c in (model.kind.categories if model.kind else ())
                if c.name == getattr(level1, "name", "")
                for d in c.children
            ]
            editor.setCompleter(text_completer(defined, editor))
            return editor
        if column.type == "value":
            level2 = model.node(index.parent())
            name = getattr(level2, "name", "")
            expects = _expects(model, index)
            units = list(vocabulary.units.get(name, []))
            if expects is Expects.TIMELINESS:
                units += TIME_UNITS
            operators = ("≤", "≥", "") if expects is Expects.COST else ("≥", "≤", "")

            def used() -> list[str]:
                return list(
                    dict.fromkeys([*vocabulary.values_in.get(name, []), *vocabulary.values])
                )

            return ValueEdit(units, used, operators, parent)
        editor = super().line_editor(parent, index)
        if column.key == "name" and node is not None:
            editor.setCompleter(text_completer(self.doc.names_model(), editor))
        return editor


def _expects(model, index: QModelIndex) -> Expects:
    level2 = model.node(index.parent())
    level1 = model.node(index.parent().parent())
    if model.kind is None or level1 is None or level2 is None:
        return Expects.ANY
    rule = model.kind.level2_def(level1.name, level2.name)
    return rule.expects if rule else Expects.ANY
