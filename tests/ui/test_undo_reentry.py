"""Undo and redo never run into an edit made while they run.

The monkey's crash (seed 20261130, the 2024 sample, SIGSEGV at action 596): a funds cell being
edited, then Ctrl+Y. The redo moved the focus to the header field its step was about; the
cell editor, losing the focus, committed its text; the model pushed that as a new step while
QUndoStack was still inside the redone step's redo(), and the push deleted that very step (a
push drops everything after the stack's index, and the index had not moved past it yet).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core import operations as ops
from tests.ui.conftest import sample
from tests.ui.test_editing import type_text


def _editable_funds_cell(page):
    model = page.funds_view.model()
    return next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
    )


def _header_field(page):
    return next(f for f in page.fields.values() if f.completer is not None)


def test_redo_while_a_cell_is_being_edited_commits_the_cell_first(make_window, qtbot):
    window = make_window(sample("2024-project-declarations.jixiao"))
    page, stack = window.page, window.doc.undo_stack
    field = _header_field(page)
    field.widget.setFocus()
    type_text(field.widget, "X")
    window.action("undo").trigger()
    assert stack.canRedo()
    cell = _editable_funds_cell(page)
    page.funds_view.setFocus()
    page.funds_view.setCurrentIndex(cell)
    type_text(page.funds_view, "无")  # opens the cell's editor, as a clerk's first key does
    editor = QApplication.focusWidget()
    assert page.funds_view.state() == page.funds_view.State.EditingState
    type_text(editor, "3.14")

    window.action("redo").trigger()  # Ctrl+Y: the window's redo, the cell still open

    # the cell was committed as its own step first (like a click elsewhere): that step is now
    # the newest, so there is nothing left to redo, and the stack is whole
    assert cell.data(Qt.ItemDataRole.EditRole) == "无3.14"
    assert page.funds_view.state() != page.funds_view.State.EditingState
    assert stack.index() == stack.count()
    assert stack.text(stack.index() - 1).startswith("修改")
    window.action("undo").trigger()
    assert cell.data(Qt.ItemDataRole.EditRole) != "无3.14"


def test_an_edit_made_while_a_step_is_undone_is_refused(make_window, qtbot):
    """Whatever reacts to an undo (a view, a focus change) cannot push a step into the middle
    of it: `Document.apply` refuses it and the stack stays as it was."""
    window = make_window(sample("2024-project-declarations.jixiao"))
    doc, stack = window.doc, window.doc.undo_stack
    form_id = window.current_form_id()
    key = _header_field(window.page).spec.key
    doc.apply(ops.SetHeader(form_id, key, "一"), "one")
    doc.apply(ops.SetHeader(form_id, key, "二"), "two")
    window.action("undo").trigger()
    answers: list[bool] = []

    def meddle(changed_form: str, changed_key: str) -> None:
        answers.append(doc.apply(ops.SetHeader(form_id, key, "三"), "three"))

    doc.headerChanged.connect(meddle)
    try:
        window.action("redo").trigger()
        window.action("undo").trigger()
    finally:
        doc.headerChanged.disconnect(meddle)
    assert answers == [False, False]
    assert [stack.text(i) for i in range(stack.count())][-2:] == ["one", "two"]
    assert stack.index() == stack.count() - 1
    assert doc.form(form_id).header[key] == "一"
    window.action("redo").trigger()
    assert doc.form(form_id).header[key] == "二"
