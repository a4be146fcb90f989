"""An undo or redo shows the place it changed once: the selection as it was with the changed
cell in sight; jumping back over many steps in the history shows the last one only."""

from __future__ import annotations

from desktop.core import operations as ops
from tests.ui.test_editing import PROJECT_FORM, cell


def _edit_cells(window, count: int) -> list[str]:
    form = window.doc.form(PROJECT_FORM)
    view = window.page.indicator_view
    uids = [ind.uid for _, _, ind in form.iter_indicators()][:count]
    for i, uid in enumerate(uids):
        view.setCurrentIndex(cell(window, uid, "target"))
        window.doc.apply(ops.set_indicator_cell_edit(PROJECT_FORM, uid, "target", f"≥{i}台"), "值")
    return uids


def test_one_undo_puts_the_cell_back_in_sight_and_in_focus(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    uids = _edit_cells(window, 3)
    window.show_form("f1")
    window.action("undo").trigger()
    view = window.page.indicator_view
    assert window.current_form_id() == PROJECT_FORM
    assert view.selection_state().current == (uids[-1], "target")
    assert view.visualRect(cell(window, uids[-1], "target")).intersects(view.viewport().rect())
    assert view.hasFocus() or not window.isActiveWindow()


def test_a_jump_back_in_the_history_reveals_only_the_last_step(window, qtbot):
    window.show_form(PROJECT_FORM)
    uids = _edit_cells(window, 4)
    shown = []
    window.doc.selectionRequested.connect(shown.append)
    window.doc.focusRequested.connect(shown.append)
    stack = window.doc.undo_stack
    stack.setIndex(stack.index() - 4)
    assert len(shown) == 1
    view = window.page.indicator_view
    assert view.selection_state().current == (uids[0], "target")


def test_the_form_a_step_will_show_is_known_while_it_runs(window):
    """`revealing` names the form the pending reveal ends on: its selection's form, else its
    place's, whichever is still in the project; nothing once the reveal is dropped."""
    from desktop.core.findings import Section
    from desktop.ui.document import Selection

    doc = window.doc
    where = ops.Location("f4", Section.HEADER, "year")
    doc.reveal_after_step(where, Selection("f3"))
    assert doc.revealing() == "f3"
    doc.reveal_after_step(where)
    assert doc.revealing() == "f4"
    doc.reveal_after_step(ops.Location("gone", Section.HEADER), Selection("f4"))
    assert doc.revealing() == "f4"
    doc.reveal_after_step(ops.Location("gone", Section.HEADER), Selection("also gone"))
    assert doc.revealing() is None
    doc.reveal_after_step(None)
    assert doc.revealing() is None


def test_a_step_that_fails_shows_nothing(window, capsys):
    """A step whose edit raises (printed, not passed into Qt) leaves no place to reveal."""
    doc = window.doc

    class Fails(ops.Edit):
        def __init__(self) -> None:
            self.form_id, self.runs = "f4", 0

        def do(self, project, obs=ops.SILENT):
            self.runs += 1
            if self.runs > 1:
                raise ValueError("redo fails")
            return ops.OpChanges("f4", header={"year"})

        def undo(self, project, obs=ops.SILENT):
            raise ValueError("undo fails")

    shown: list = []
    doc.focusRequested.connect(shown.append)
    doc.selectionRequested.connect(shown.append)
    assert doc.apply(Fails(), "")
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert shown == [] and doc.revealing() is None
    assert "undo fails" in capsys.readouterr().err
