"""Cells on a real display: typing, Tab/Enter/Esc, Delete, undo/redo, paste from the
clipboard, save and reopen, print preview. The funds block of a project self-evaluation
(rows 年度资金总额 … 其他资金; columns 年初预算数, 全年预算数, 全年执行数 …)."""

from __future__ import annotations

import shutil

import pytest

from desktop.core.resources import samples_dir
from desktop.core.storage import load_project

SAMPLE = "2020-self-evaluation.jixiao"
FORM = "打私专项整治经费"
OTHER = 3  # the 其他资金 row: empty in the sample


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "自评.jixiao"
    shutil.copy(samples_dir() / SAMPLE, path)
    return path


def cell(editor, row: int, column: int) -> str:
    return editor.request("cell", view="fundsView", row=row, column=column).get("text", "")


def open_funds(launch, project):
    editor = launch(project)
    editor.click("item", text=FORM, view="projectTree")
    editor.where("cell", view="fundsView", row=OTHER, column=0)
    return editor


def wait_cell(editor, row: int, column: int, text: str) -> None:
    try:
        editor.wait_for(lambda: cell(editor, row, column) == text, what=f"cell = {text!r}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; it shows {cell(editor, row, column)!r}") from None


def test_typing_tab_enter_and_escape_in_cells(launch, project):
    editor = open_funds(launch, project)
    editor.click("cell", view="fundsView", row=OTHER, column=0)
    editor.type("1.5")
    editor.key("Tab")  # commits and moves right
    wait_cell(editor, OTHER, 0, "1.5")
    editor.type("2")
    editor.key("Return")
    wait_cell(editor, OTHER, 1, "2")
    editor.click("cell", view="fundsView", row=OTHER, column=2)
    editor.type("999")
    editor.key("Escape")  # the edit is dropped
    editor.sync()
    assert cell(editor, OTHER, 2) == ""


def test_delete_undo_redo(launch, project):
    editor = open_funds(launch, project)
    editor.click("cell", view="fundsView", row=OTHER, column=0)
    editor.type("7")
    editor.key("Return")
    wait_cell(editor, OTHER, 0, "7")
    editor.click("cell", view="fundsView", row=OTHER, column=0)
    editor.key("Delete")
    wait_cell(editor, OTHER, 0, "")
    editor.key("ctrl+z")
    wait_cell(editor, OTHER, 0, "7")
    editor.key("ctrl+z")
    wait_cell(editor, OTHER, 0, "")
    editor.key("ctrl+y")
    wait_cell(editor, OTHER, 0, "7")


def test_paste_a_block_from_the_clipboard(launch, project):
    editor = open_funds(launch, project)
    editor.set_clipboard("3\t4\n")
    editor.click("cell", view="fundsView", row=OTHER, column=0)
    editor.key("ctrl+v")
    wait_cell(editor, OTHER, 0, "3")
    wait_cell(editor, OTHER, 1, "4")
    editor.key("ctrl+z")  # the paste is one step
    wait_cell(editor, OTHER, 0, "")
    assert cell(editor, OTHER, 1) == ""


def test_save_and_reopen(launch, project):
    editor = open_funds(launch, project)
    editor.click("cell", view="fundsView", row=OTHER, column=1)
    editor.type("8.25")
    editor.key("Return")
    wait_cell(editor, OTHER, 1, "8.25")
    editor.key("ctrl+s")
    editor.wait_for(
        lambda: any(
            f.funds.get("other", {}).get("adjusted_budget") == "8.25"
            for f in load_project(project).project.forms
        ),
        what="the saved file",
    )
    assert editor.terminate() == 0
    again = launch(project)
    again.click("item", text=FORM, view="projectTree")
    wait_cell(again, OTHER, 1, "8.25")


def test_print_preview_opens_and_closes(launch, project):
    editor = open_funds(launch, project)
    editor.key("ctrl+shift+p")
    editor.wait_for(
        lambda: any(w["name"] == "previewDialog" for w in editor.state()["windows"]),
        timeout=30,
        what="the print preview",
    )
    editor.where("widget", name="previewView", timeout=30)
    editor.key("Escape")
    editor.wait_for(
        lambda: not any(w["name"] == "previewDialog" for w in editor.state()["windows"]),
        what="the preview to close",
    )
