"""The open project as the editor holds it: model, file, undo stack, findings, vocabulary.

The one funnel for changes: every change to the project is a core edit (`desktop.core.
operations`) handed to `Document.apply`, which pushes it as an undo step, re-checks only the
changed form and tells the views what changed (`applied` carries the edit's OpChanges; the
older per-section signals are kept for the widgets that follow one field). Qt item models only
listen: the tree signals come before and after the shape of a form's indicator tree changes,
so a model can wrap them in its begin/end calls.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, QStringListModel, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core import operations as ops
from desktop.core.checks import ProjectChecker
from desktop.core.findings import Finding, Section
from desktop.core.kinds import FormKind, KindRegistry, default_registry
from desktop.core.limits import too_many_rows
from desktop.core.model import Form, Project
from desktop.core.naming import form_name, project_name
from desktop.core.operations import Location, OpChanges
from desktop.core.scoring import FormScore
from desktop.core.storage import Stamp
from desktop.ui.snapshots import FormContents
from desktop.ui.vocabulary import LiveVocabulary, ProjectWords, Vocabulary

__all__ = ["Document", "Location", "Selection", "Vocabulary"]


@dataclass(frozen=True)
class Selection:
    """The selected cells of a form's indicator tree, (uid, column key), and the current one:
    what undo and redo put back."""

    form_id: str
    cells: tuple[tuple[str, str], ...] = ()
    current: tuple[str, str] | None = None
    # the changed indicator cell to scroll to (and focus) once the selection is back
    reveal: Location | None = field(default=None, compare=False)


WORDS_DELAY_MS = 300  # idle time after a document is shown before its words are counted
WORDS_SLICE_S = 0.004  # UI-thread time per slice of that count
_MERGE_TYPING = 1  # command id: consecutive keystrokes in one header field become one step


class EditCommand(QUndoCommand):
    """A core edit as an undo step; shows its place on undo and on redo after the first (the
    user is looking at it when it is first done)."""

    def __init__(self, doc: Document, edit: ops.Edit, text: str):
        super().__init__(text)
        self.doc = doc
        self.edit = edit
        self._done = False
        self.before = doc.current_selection()  # put back on undo
        self.after: Selection | None = None  # put back on redo; taken when first needed

    def id(self) -> int:
        return _MERGE_TYPING if getattr(self.edit, "session", 0) else -1  # typing merges

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not self.edit.merge(other.edit):
            return False
        self.setObsolete(self.edit.is_void())
        return True

    def settle(self) -> None:
        """Note the selection the edit left (the view selects after the edit is done)."""
        if self.after is None:
            self.after = self.doc.current_selection()

    def redo(self) -> None:
        # the place to show is noted first: a view the step changes asks for it (revealing)
        if self._done:
            self.doc.reveal_after_step(self.edit.location(), self.after)
        with self.doc.stepping():
            if not _contained(self.doc._run, self.edit, undo=False):
                self.doc.reveal_after_step(None)
                return
            self._done = True

    def undo(self) -> None:
        self.settle()
        self.doc.reveal_after_step(self.edit.location(), self.before)
        with self.doc.stepping():
            if not _contained(self.doc._run, self.edit, undo=True):
                self.doc.reveal_after_step(None)


def _contained(run, *args, **kwargs) -> bool:
    """Run `run`; an exception is printed, never passed back into Qt: redo and undo are called
    by QUndoStack from C++, and PySide6 6.12 crashes the process on some exceptions raised there
    (decimal.InvalidOperation: a segmentation fault instead of a traceback)."""
    try:
        run(*args, **kwargs)
    except Exception:
        traceback.print_exc()
        return False
    return True


class _Observer(ops.TreeObserver):
    """Passes the core's tree notifications on as the document's Qt signals."""

    def __init__(self, doc: Document):
        self.doc = doc

    def inserting(self, form_id: str, parent: str, first: int, last: int) -> None:
        self.doc.rowsAboutToBeInserted.emit(form_id, parent, first, last)

    def inserted(self, form_id: str, parent: str, first: int, last: int) -> None:
        self.doc.rowsInserted.emit(form_id, parent, first, last)

    def removing(self, form_id: str, parent: str, first: int, last: int) -> None:
        self.doc.rowsAboutToBeRemoved.emit(form_id, parent, first, last)

    def removed(self, form_id: str, parent: str, first: int, last: int) -> None:
        self.doc.rowsRemoved.emit(form_id, parent, first, last)

    def moving(self, form_id: str, src: str, src_row: int, dst: str, dst_row: int,
               count: int = 1) -> None:  # fmt: skip
        self.doc.rowsAboutToBeMoved.emit(form_id, src, src_row, dst, dst_row, count)

    def moved(self, form_id: str, src: str, src_row: int, dst: str, dst_row: int,
              count: int = 1) -> None:  # fmt: skip
        self.doc.rowsMoved.emit(form_id, src, src_row, dst, dst_row, count)


def _ranked(counter: Counter) -> list[str]:
    return [text for text, _ in counter.most_common()]


class Document(QObject):
    changed = Signal(str)  # a form's content changed; its findings are already updated
    findingsChanged = Signal(str)
    applied = Signal(object)  # the OpChanges of an edit done or undone (after `changed`)
    refused = Signal(str)  # an edit not done, and why (a form would get too many rows)
    indicatorCellChanged = Signal(str, str, str)  # form id, row uid, column key
    headerChanged = Signal(str, str)  # form id, field key
    fundsChanged = Signal(str, str, str)  # form id, row, column
    tableCellChanged = Signal(str, str, int, str)  # form id, table, row, column
    tableRowsChanged = Signal(str, str)  # form id, table
    formsChanged = Signal()  # forms added, removed or reordered
    focusRequested = Signal(object)  # a Location an undo or redo changed
    selectionRequested = Signal(object)  # a Selection an undo or redo puts back
    # the shape of a form's indicator tree: form id, parent uid ("" = level 1), first, last
    rowsAboutToBeInserted = Signal(str, str, int, int)
    rowsInserted = Signal(str, str, int, int)
    rowsAboutToBeRemoved = Signal(str, str, int, int)
    rowsRemoved = Signal(str, str, int, int)
    # form id, source parent, source row, destination parent, destination row (Qt's counting)
    rowsAboutToBeMoved = Signal(str, str, int, str, int, int)  # ..., the number of rows
    rowsMoved = Signal(str, str, int, str, int, int)

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
        # where an undo or redo shows its change: the last step's, once the stack has moved
        # (a jump back over many steps in the history shows one place, not every one)
        self._reveal: tuple[Location, Selection | None] | None = None
        self.undo_stack.indexChanged.connect(self._reveal_step)
        self.checker = ProjectChecker(project, self.registry)
        self.checker.check_all()
        self.revision = 0  # counts changes, so autosave knows whether there is news
        self._words = ProjectWords(self.kind)  # counted per form, when first needed
        self._extra_vocabulary: Vocabulary | None = None
        self._vocabulary = LiveVocabulary(self._words, lambda: self._extra_vocabulary)
        self._names_model: QStringListModel | None = None
        self._names_listed: list[str] | None = None
        self._words_timer: QTimer | None = None  # see count_words_when_idle
        self._words_steps: list[Callable[[], object]] = []
        self.form_contents = FormContents()  # each form's file content, for autosave
        # Findings from outside the checker, by form id (the comparison with last year's file)
        # and last year's values by indicator uid; set by the last-year controller.
        self.extra_findings: Callable[[str], list[Finding]] | None = None
        self.last_year_values: Callable[[str], dict] | None = None
        self._observer = _Observer(self)
        self.selection_source: Callable[[], Selection | None] | None = None  # set by the window
        self._last: EditCommand | None = None  # the newest step: its selection is noted later
        self.read_only = False  # opened while another copy holds the file: look, do not touch
        self._stepping = False  # an edit is being done or undone (inside QUndoStack)

    # --- lookups ----------------------------------------------------------------------------

    def form(self, form_id: str) -> Form:
        form = self.project.form(form_id)
        if form is None:
            raise ops.OperationError(f"no form {form_id}")
        return form

    def kind(self, form: Form) -> FormKind | None:
        return self.registry.get(form.kind)

    def label(self, form: Form) -> str:
        return form_name(form, self.kind(form), self.project)

    def findings(self, form_id: str | None = None) -> list[Finding]:
        found = self.checker.findings(form_id)
        if self.extra_findings is None:
            return found
        ids = [form_id] if form_id is not None else [f.id for f in self.project.forms]
        return found + [x for i in ids for x in self.extra_findings(i)]

    def score(self, form_id: str) -> FormScore | None:
        """The scores of a self-evaluation form (None for unscored kinds), as computed by the
        form's last re-check: the score cells, the funds block and the total read them."""
        return self.checker.score(form_id)

    def name(self) -> str:
        """The project's name: its title, else its unit and year ("" when nothing names it)."""
        return project_name(self.project)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # --- the funnel ---------------------------------------------------------------------------

    def apply(self, edit: ops.Edit, text: str) -> bool:
        """Do `edit` as one undo step named `text`; a read-only document refuses every change
        (False), and so does a document in the middle of doing or undoing a step, and an edit
        that would give a form more rows than a project file may hold (`refused` says so).

        That second refusal keeps the undo stack whole: whatever reacts to an undo or redo (a
        view revealing the place, a cell editor committing as the focus leaves it) would
        otherwise push a step while QUndoStack is still inside the running step's redo() or
        undo(), and a push deletes every step after the stack's index, the running one
        included (a segmentation fault; the window finishes cell editing before it steps).
        """
        if self.read_only or self._stepping:
            return False
        over = ops.rows_exceeded(self.project, edit)  # a file could not hold what it builds
        if over is not None:
            form, part, rows = over
            self.refused.emit(too_many_rows("edit-too-many-rows", self.label(form), part, rows))
            return False
        if self._last is not None:
            self._last.settle()
        command = EditCommand(self, edit, text)
        self.undo_stack.push(command)
        self._last = command
        return True

    @contextmanager
    def stepping(self) -> Iterator[None]:
        """While a step is done or undone (and the views follow it), `apply` refuses."""
        outer, self._stepping = self._stepping, True
        try:
            yield
        finally:
            self._stepping = outer

    def reveal_after_step(self, where: Location | None, selection: Selection | None = None) -> None:
        self._reveal = (where, selection) if where is not None else None

    def revealing(self) -> str | None:
        """The form the step being done or undone will show once it is done (its selection's
        form, else its place's), if that form is in the project: a view that must show some
        form meanwhile (its own went) shows this one, and the page is built once."""
        if self._reveal is None:
            return None
        where, selection = self._reveal
        for form_id in (selection.form_id if selection else None, where.form_id):
            if form_id and self.project.form(form_id) is not None:
                return form_id
        return None

    def _reveal_step(self, *args) -> None:
        """Show the place of the last step undone or redone: the selection as it was, with the
        changed cell scrolled to, in one go; else the place (a field, a funds cell)."""
        if self._reveal is None:
            return
        where, selection = self._reveal
        self._reveal = None
        in_tree = where.section in (Section.INDICATOR, Section.CATEGORY) and where.uid
        if selection is not None and selection.form_id == where.form_id and in_tree:
            self.selectionRequested.emit(replace(selection, reveal=where))
            return
        self.focusRequested.emit(where)
        if selection is not None:
            self.selectionRequested.emit(selection)

    def current_selection(self) -> Selection | None:
        return self.selection_source() if self.selection_source is not None else None

    def _run(self, edit: ops.Edit, undo: bool) -> None:
        """Do or undo an edit on the project, re-check and tell the views what changed."""
        changes = (edit.undo if undo else edit.do)(self.project, self._observer)
        self._announce(changes)

    def _announce(self, changes: OpChanges) -> None:
        form_id = changes.form_id
        for key in sorted(changes.header):
            self.headerChanged.emit(form_id, key)
        for row, column in sorted(changes.funds):
            self.fundsChanged.emit(form_id, row, column)
        for table, index, column in sorted(changes.table_cells):
            self.tableCellChanged.emit(form_id, table, index, column)
        for table in sorted(changes.tables):
            self.tableRowsChanged.emit(form_id, table)
        for uid, key in sorted(changes.cells):
            self.indicatorCellChanged.emit(form_id, uid, key)
        if changes.forms:
            self.forms_changed(form_id or None)
        else:
            self.form_changed(form_id)
        self.applied.emit(changes)

    # --- after every change -------------------------------------------------------------

    def form_changed(self, form_id: str) -> None:
        """Re-check the one changed form and tell the views."""
        self.revision += 1
        self._words.form_changed(form_id)
        self.form_contents.drop(form_id)
        self.checker.recheck(form_id)
        self.findingsChanged.emit(form_id)
        self.changed.emit(form_id)

    def forms_changed(self, form_id: str | None) -> None:
        """After a form was added, removed or moved."""
        self.revision += 1
        self._words.forms_changed()
        if form_id is not None:
            self._words.form_changed(form_id)
            self.form_contents.drop(form_id)
            self.checker.recheck(form_id)
        self.checker.sync()  # forms added together (an import) are all checked at once
        self.formsChanged.emit()

    # --- completion -------------------------------------------------------------------------

    def header_values(self, key: str) -> list[str]:
        """What other forms of the project have in a header field, most used first."""
        used = Counter(f.header.get(key, "").strip() for f in self.project.forms)
        used.pop("", None)
        return _ranked(used)

    @property
    def extra_vocabulary(self) -> Vocabulary | None:
        """Words from outside the project (the indicator library, the user's past projects),
        offered after the project's own; set by the library panel (library_dock)."""
        return self._extra_vocabulary

    @extra_vocabulary.setter
    def extra_vocabulary(self, words: Vocabulary | None) -> None:
        self._extra_vocabulary = words
        self._vocabulary.extra_changed()

    def vocabulary(self) -> LiveVocabulary:
        """Names, values and units used in the project (then the extra words). Counted per
        form: an editor opening after a change recounts only the changed forms, and ranks only
        the lists the change touched; never on the typing path."""
        self._words.update(self.project)
        return self._vocabulary

    def count_words_when_idle(self, delay_ms: int = WORDS_DELAY_MS) -> None:
        """Count the project's words between events, a few forms at a time, starting once the
        window has been idle for `delay_ms`: the first cell editor then opens at once, where
        counting a big project there would hold it up (a tenth of a second at 500 forms)."""
        if self._words_timer is None:
            self._words_timer = QTimer(self)
            self._words_timer.setInterval(0)
            self._words_timer.timeout.connect(self._count_some_words)
        self._words_steps = [
            lambda: self._vocabulary.names,  # ranked (20,000 names: a few milliseconds)
            self.names_model,  # listed for the name editors
            lambda: self._vocabulary.values,
        ]
        QTimer.singleShot(delay_ms, self, self._words_timer.start)

    def _count_some_words(self) -> None:
        """One slice: some forms' words; once all are counted, one of the rankings."""
        if not self._words.counted():
            self._words.update(self.project, time.perf_counter() + WORDS_SLICE_S)
            return
        if self._words_steps:
            self._words_steps.pop(0)()
        if not self._words_steps:
            self._words_timer.stop()  # type: ignore[union-attr]

    def names_model(self) -> QStringListModel:
        """The indicator names as one completion model shared by every name editor; its list
        is replaced only when the names changed."""
        names = self.vocabulary().names
        if self._names_model is None:
            self._names_model = QStringListModel(self)
        if names is not self._names_listed:
            self._names_model.setStringList(names)
            self._names_listed = names
        return self._names_model
