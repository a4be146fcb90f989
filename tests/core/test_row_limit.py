"""An edit that would build a form a project file may not hold is refused before it is done:
no work exists that could not be saved, autosaved and recovered (limits.MAX_ROWS)."""

from __future__ import annotations

from pathlib import Path

from desktop.core import operations as ops
from desktop.core.kinds import default_registry
from desktop.core.limits import MAX_ROWS, too_many_rows, tree_rows
from desktop.core.model import Indicator, Level2, Project
from desktop.core.storage import check_rows


def _project() -> tuple[Project, str, str]:
    kind = default_registry()["project-declaration-2024"]
    project = Project(title="t")
    project.forms.append(ops.blank_form(kind, "f1", 2024))
    l1 = project.forms[0].indicators[0]
    return project, l1.uid, l1.children[0].uid


def _indicators(n: int) -> list[Indicator]:
    return [Indicator(name=f"指标{i}", target="1次") for i in range(n)]


def test_a_paste_up_to_the_limit_is_done_one_more_row_is_refused() -> None:
    project, _, level2 = _project()
    room = MAX_ROWS - tree_rows(project.forms[0])
    assert ops.rows_exceeded(project, ops.InsertIndicators("f1", level2, 0, _indicators(room))) is None
    over = ops.rows_exceeded(project, ops.InsertIndicators("f1", level2, 0, _indicators(room + 1)))
    assert over is not None
    form, part, rows = over
    assert (form.id, part, rows) == ("f1", "indicators", MAX_ROWS + 1)
    message = too_many_rows("edit-too-many-rows", "培训项目", part, rows)
    assert "培训项目" in message and f"{MAX_ROWS + 1} 行" in message and "没有改动" in message


def test_the_rows_of_a_batch_are_added_up() -> None:
    """A paste that adds a category and its rows, in several edits of one step."""
    project, level1, level2 = _project()
    room = MAX_ROWS - tree_rows(project.forms[0])
    half = room // 2
    new = Level2(name="自定义", indicators=_indicators(half - 1))  # with its own row: half
    edits = [ops.InsertLevel2("f1", level1, 0, new),
             ops.InsertIndicators("f1", level2, 0, _indicators(room - half))]  # fmt: skip
    assert ops.rows_exceeded(project, ops.Batch(edits)) is None
    edits.append(ops.InsertIndicators("f1", level2, 0, _indicators(1)))
    assert ops.rows_exceeded(project, ops.Batch(edits)) is not None


def test_tables_and_added_forms_are_counted_too() -> None:
    project, _, _ = _project()
    form = project.forms[0]
    form.tables["budget"] = [{} for _ in range(MAX_ROWS)]
    over = ops.rows_exceeded(project, ops.InsertTableRow("f1", "budget", 0))
    assert over is not None and over[1:] == ("table", MAX_ROWS + 1)
    assert ops.rows_exceeded(project, ops.InsertTableRow("f1", "other", 0)) is None
    big = form.model_copy(deep=True)
    big.id, big.tables = "f2", {}
    big.indicators[0].children[0].indicators = _indicators(MAX_ROWS)
    over = ops.rows_exceeded(project, ops.Batch([ops.AddForm(big, 1)]))
    assert over is not None and over[0] is big and over[1] == "indicators"


def test_what_an_edit_may_build_a_file_may_hold() -> None:
    """The edit's limit and the file's are one: a form built up to it is saved and opened."""
    project, _, level2 = _project()
    room = MAX_ROWS - tree_rows(project.forms[0])
    edit = ops.InsertIndicators("f1", level2, 0, _indicators(room))
    assert ops.rows_exceeded(project, edit) is None
    edit.do(project)
    check_rows(Path("x.jixiao"), project)  # no refusal
