"""Figures as printed on a real display: 视图 > 显示纸面数字 by the keyboard, a printed score typed
into the 纸面得分 column, the printed-differs finding in the problems list, a click on it going
back to the cell, and undo taking both away."""

from __future__ import annotations

import pytest

from desktop.core.model import Project
from desktop.core.storage import save_project
from tests.core.test_printed_figures import paper_form

PRINTED_COLUMN = 8  # "", 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因…, 完成档次, 纸面得分
SHORT = {"view": "indicatorView", "row": 1, "path": [0, 0]}  # 产出指标 / 数量指标 / 课程数
FINDING = "纸面得分“40”"


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "纸面.jixiao"
    paper = Project(title="纸面转录")
    paper.forms.append(paper_form())
    save_project(paper, path)
    return path


def printed_cell(editor) -> dict:
    return editor.request("cell", column=PRINTED_COLUMN, **SHORT)


def test_a_printed_score_typed_raises_the_finding_and_undo_removes_it(launch, project):
    editor = launch(project)
    editor.where("cell", column=1, **SHORT)
    assert "error" in printed_cell(editor)  # hidden until asked for
    editor.click("cell", column=1, **SHORT)
    editor.key("alt+v")
    editor.wait_for(lambda: editor.state()["popup"] is not None, what="the 视图 menu")
    editor.key("z")  # 显示纸面数字(&Z)
    editor.where("cell", column=PRINTED_COLUMN, **SHORT)

    editor.click("cell", column=PRINTED_COLUMN, **SHORT)
    editor.type("40")
    editor.key("Return")
    editor.wait_for(lambda: printed_cell(editor).get("text") == "40", what="纸面得分 40")
    editor.where("item", text=FINDING, view="problemsView", column=3)

    editor.click("cell", column=1, **SHORT)  # the cursor elsewhere, then the finding
    editor.click("item", text=FINDING, view="problemsView", column=3)
    editor.wait_for(lambda: editor.state()["focus"]["name"] == "indicatorView",
                    what="the indicator tree focused")  # fmt: skip
    editor.type("36")  # typed into the cell the finding selected: 纸面得分, now agreeing
    editor.key("Return")
    editor.wait_for(lambda: printed_cell(editor).get("text") == "36", what="纸面得分 36")
    gone = lambda: "error" in editor.request("item", text="纸面得分“", view="problemsView", column=3)  # noqa: E731
    editor.wait_for(gone, what="no printed-differs")
    editor.key("ctrl+z")
    editor.wait_for(lambda: printed_cell(editor).get("text") == "40", what="纸面得分 40 again")
    editor.where("item", text=FINDING, view="problemsView", column=3)
    editor.key("ctrl+z")
    editor.wait_for(lambda: printed_cell(editor).get("text") == "", what="纸面得分 undone")
    editor.wait_for(gone, what="the finding gone")
