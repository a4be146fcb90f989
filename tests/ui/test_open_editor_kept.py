"""What a clerk is typing in an open cell stays there when the cell's findings change.

The models announce a change of a cell's findings marks with dataChanged; Qt then calls the
delegate's setEditorData on the open editor, which used to put the stored value back over the
typed text (found by the crash-hunting monkey: typed text vanished from a funds cell when a
finding elsewhere in the form came or went)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.ui.conftest import sample
from tests.ui.test_editing import type_text
from tests.ui.test_undo_reentry import _editable_funds_cell


def test_typed_text_survives_a_findings_refresh_of_its_cell(make_window, qtbot):
    window = make_window(sample("2024-project-declarations.jixiao"))
    funds = window.page.funds_view
    cell = _editable_funds_cell(window.page)
    funds.setFocus()
    funds.setCurrentIndex(cell)
    type_text(funds, "7")  # the first key opens the editor
    editor = QApplication.focusWidget()
    type_text(editor, "77")
    assert editor is not funds and editor.text().endswith("777")
    typed = editor.text()
    funds.model().dataChanged.emit(cell, cell)  # as a change of the cell's findings marks does
    assert editor.text() == typed


def test_an_untouched_open_editor_follows_the_stored_value(make_window, qtbot):
    """Before the clerk types, the editor still shows what the cell holds now."""
    window = make_window(sample("2024-project-declarations.jixiao"))
    funds = window.page.funds_view
    cell = _editable_funds_cell(window.page)
    funds.setFocus()
    funds.setCurrentIndex(cell)
    funds.edit(cell)
    editor = QApplication.focusWidget()
    assert editor is not funds
    funds.model().dataChanged.emit(cell, cell)
    assert editor.text() == (cell.data() or "")
