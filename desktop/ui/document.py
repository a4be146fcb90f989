"""The open project as the editor holds it: model, file, undo stack, findings, vocabulary.

Every change to the project goes through one of the methods here (called by undo commands),
which apply a named core operation, re-check only the changed form and tell the views what
changed. The per-form indicator tree models live here too, so an undo can reach a form that is
not on screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core import operations as ops
from desktop.core.checks import ProjectChecker, form_label
from desktop.core.findings import Finding, Section
from desktop.core.kinds import FormKind, KindRegistry, default_registry
from desktop.core.model import Form, Project
from desktop.core.scoring import FormScore
from desktop.core.storage import Stamp
from desktop.core.values import parse_value


@dataclass(frozen=True)
class Location:
    """A place in the project to show, in the same terms as a Finding."""

    form_id: str
    section: Section
    key: str = ""
    uid: str = ""
    where: str = ""


@dataclass
class Vocabulary:
    """Words already used in the project, offered as completions; most used first."""

    names: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    units: dict[str, list[str]] = field(default_factory=dict)  # level-2 name -> units used
    values_in: dict[str, list[str]] = field(default_factory=dict)  # level-2 name -> values


def _ranked(counter: Counter) -> list[str]:
    return [text for text, _ in counter.most_common()]


class Document(QObject):
    changed = Signal(str)  # a form's content changed; its findings are already updated
    findingsChanged = Signal(str)
    headerChanged = Signal(str, str)  # form id, field key
    fundsChanged = Signal(str, str, str)  # form id, row, column
    tableCellChanged = Signal(str, str, int, str)  # form id, table, row, column
    tableRowsChanged = Signal(str, str)  # form id, table
    formsChanged = Signal()  # forms added, removed or reordered
    focusRequested = Signal(object)  # a Location an undo or redo changed

    def __init__(
        self,
        project: Project,
        path: Path | None = None,
        stamp: Stamp | None = None,
        registry: KindRegistry | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.path = path
        self.stamp = stamp
        self.registry = registry or default_registry()
        self.undo_stack = QUndoStack(self)
        self.checker = ProjectChecker(project, self.registry)
        self.checker.check_all()
        self.revision = 0  # counts changes, so autosave knows whether there is news
        self._trees: dict[str, object] = {}
        self._vocabulary: Vocabulary | None = None
        self.read_only = False  # opened while another copy holds the file: look, do not touch

    # --- lookups ----------------------------------------------------------------------------

    def form(self, form_id: str) -> Form:
        form = self.project.form(form_id)
        if form is None:
            raise ops.OperationError(f"no form {form_id}")
        return form

    def kind(self, form: Form) -> FormKind | None:
        return self.registry.get(form.kind)

    def label(self, form: Form) -> str:
        return form_label(form, self.kind(form))

    def findings(self, form_id: str | None = None) -> list[Finding]:
        return self.checker.findings(form_id)

    def tree(self, form_id: str):
        """The indicator tree model of a form, made on first use and kept."""
        from desktop.ui.indicator_model import IndicatorTreeModel

        form = self.form(form_id)
        model = self._trees.get(form_id)
        if model is None or model.form is not form:
            model = IndicatorTreeModel(self, form, self.kind(form))
            self._trees[form_id] = model
        return model

    def score(self, form_id: str) -> FormScore | None:
        """The scores of a self-evaluation form (None for unscored kinds), as computed by the
        form's last re-check: the score cells, the funds block and the total read them."""
        return self.checker.score(form_id)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def push(self, command: QUndoCommand) -> None:
        """Do a change as an undo step; a read-only document refuses every change."""
        if self.read_only:
            return
        self.undo_stack.push(command)

    # --- after every change -------------------------------------------------------------

    def form_changed(self, form_id: str) -> None:
        """Re-check the one changed form and tell the views."""
        self.revision += 1
        self._vocabulary = None
        self.checker.recheck(form_id)
        self.findingsChanged.emit(form_id)
        self.changed.emit(form_id)

    # --- header, funds, tables ------------------------------------------------------------

    def set_header(self, form_id: str, key: str, text: str) -> str:
        old = ops.set_header(self.form(form_id), key, text)
        self.headerChanged.emit(form_id, key)
        self.form_changed(form_id)
        return old

    def set_funds_cell(self, form_id: str, row: str, column: str, text: str) -> str:
        old = ops.set_funds_cell(self.form(form_id), row, column, text)
        self.fundsChanged.emit(form_id, row, column)
        self.form_changed(form_id)
        return old

    def set_table_cell(self, form_id: str, table: str, index: int, column: str, text: str) -> str:
        old = ops.set_table_cell(self.form(form_id), table, index, column, text)
        self.tableCellChanged.emit(form_id, table, index, column)
        self.form_changed(form_id)
        return old

    def insert_table_row(self, form_id: str, table: str, index: int, row: dict | None) -> int:
        index = ops.insert_table_row(self.form(form_id), table, index, row)
        self.tableRowsChanged.emit(form_id, table)
        self.form_changed(form_id)
        return index

    def remove_table_row(self, form_id: str, table: str, index: int) -> dict[str, str]:
        row = ops.remove_table_row(self.form(form_id), table, index)
        self.tableRowsChanged.emit(form_id, table)
        self.form_changed(form_id)
        return row

    def set_cells(
        self,
        form_id: str,
        indicator_cells: list[tuple[str, str, str]],
        funds_cells: list[tuple[str, str, str]],
    ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """Many cells of one form at once, (uid, key, text) and (row, column, text), checked
        once; returns the same lists holding the old texts, which undo sets back."""
        form = self.form(form_id)
        old_funds = [(r, c, ops.set_funds_cell(form, r, c, text)) for r, c, text in funds_cells]
        for r, c, _ in funds_cells:
            self.fundsChanged.emit(form_id, r, c)
        old_cells = self.tree(form_id).set_cells(indicator_cells)
        self.form_changed(form_id)
        return old_cells, old_funds

    # --- forms ----------------------------------------------------------------------------

    def insert_form(self, index: int, form: Form) -> int:
        index = ops.insert_form(self.project, index, form)
        self.forms_changed(form.id)
        return index

    def delete_form(self, form_id: str) -> tuple[int, Form]:
        index, form = ops.delete_form(self.project, form_id)
        self._trees.pop(form_id, None)
        self.forms_changed(form_id)
        return index, form

    def move_form(self, form_id: str, index: int) -> int:
        old = ops.move_form(self.project, form_id, index)
        self.forms_changed(None)
        return old

    def forms_changed(self, form_id: str | None) -> None:
        """After a form was added, removed or moved (by a core operation or a method here)."""
        self.revision += 1
        self._vocabulary = None
        if form_id is not None:
            self.checker.recheck(form_id)
        self.formsChanged.emit()

    # --- completion -------------------------------------------------------------------------

    def header_values(self, key: str) -> list[str]:
        """What other forms of the project have in a header field, most used first."""
        used = Counter(f.header.get(key, "").strip() for f in self.project.forms)
        used.pop("", None)
        return _ranked(used)

    def vocabulary(self) -> Vocabulary:
        """Names, values and units used in the project; rebuilt when an editor opens after a
        change, never on the typing path."""
        if self._vocabulary is None:
            names: Counter = Counter()
            values: Counter = Counter()
            units: dict[str, Counter] = {}
            values_in: dict[str, Counter] = {}
            for form in self.project.forms:
                kind = self.kind(form)
                value_keys = kind.value_columns if kind else ("target",)
                for _, l2, ind in form.iter_indicators():
                    if ind.name.strip():
                        names[ind.name.strip()] += 1
                    for key in value_keys:
                        text = ind.get(key).strip()
                        if text:
                            values[text] += 1
                            values_in.setdefault(l2.name, Counter())[text] += 1
                            unit = parse_value(text).unit
                            if unit:
                                units.setdefault(l2.name, Counter())[unit] += 1
            self._vocabulary = Vocabulary(
                _ranked(names),
                _ranked(values),
                {k: _ranked(c) for k, c in units.items()},
                {k: _ranked(c) for k, c in values_in.items()},
            )
        return self._vocabulary
