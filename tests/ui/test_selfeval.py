"""Self-evaluation in the editor: computed scores, the band picker, the total and grade,
generating a self-evaluation from a target form, resetting the weights."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core import operations as ops
from desktop.core.scoring import fill_default_weights, score_form
from desktop.ui.editors import BandEdit
from desktop.ui.indicator_model import COMPUTED_BACKGROUND
from desktop.ui.problems import FINDING_ROLE
from tests.ui.conftest import sample
from tests.ui.test_editing import cell, indicator, type_into

SCORED = "f3"  # 打私专项整治经费 in the 2020 sample: a project self-evaluation
MEASURED = "指标5：实测专项经费"  # target 0.5, actual 0.3, weight 3: 3 × 0.3 ÷ 0.5 = 1.8
JUDGED = "指标1：确保，提升"  # target 提升效益, actual 达成, weight 3: the user judges it


@pytest.fixture
def selfeval(make_window, tmp_path):
    path = tmp_path / "selfeval.jixiao"
    path.write_bytes(sample("2020-self-evaluation.jixiao").read_bytes())
    window = make_window(path)
    window.show_form(SCORED)
    return window


def shown(index) -> str:
    return index.data(Qt.ItemDataRole.DisplayRole)


def test_the_score_follows_the_actual_value(selfeval, qtbot):
    view = selfeval.page.indicator_view
    ind = indicator(selfeval, SCORED, MEASURED)
    score = cell(selfeval, ind.uid, "score")
    assert shown(score) == "1.8"
    assert not score.flags() & Qt.ItemFlag.ItemIsEditable  # computed, never typed
    assert score.data(Qt.ItemDataRole.BackgroundRole) == COMPUTED_BACKGROUND
    assert "0.3 ÷ 目标 0.5" in score.data(Qt.ItemDataRole.ToolTipRole)
    assert shown(cell(selfeval, ind.uid, "band")) == "—"

    summary = selfeval.page.score_summary
    before = summary.text()
    type_into(qtbot, view, cell(selfeval, ind.uid, "actual"), "0.4")
    assert ind.actual == "0.4" and shown(score) == "2.4"
    assert summary.text() != before and summary.text() == "总分：尚有 8 项未评分（已得 42.0 分）"
    selfeval.action("undo").trigger()
    assert shown(score) == "1.8" and summary.text() == before


def test_the_band_picker_and_the_score_of_a_judged_indicator(selfeval, qtbot):
    view = selfeval.page.indicator_view
    tree = view.tree
    ind = indicator(selfeval, SCORED, JUDGED)
    band, score = cell(selfeval, ind.uid, "band"), cell(selfeval, ind.uid, "score")
    assert band.flags() & Qt.ItemFlag.ItemIsEditable and score.flags() & Qt.ItemFlag.ItemIsEditable
    assert "达成年度指标：2.4–3 分" in band.data(Qt.ItemDataRole.ToolTipRole)
    # on screen the band comes just before 得分 (in the model it comes after the paper's
    # columns, followed only by 纸面得分, so copied rows line up with the paper)
    header = view.header()
    assert header.visualIndex(band.column()) + 1 == header.visualIndex(score.column())
    assert tree.keys[-2:] == ["band", "printed_score"]

    view.setFocus()
    view.setCurrentIndex(band)
    view.edit(band)
    editor = QApplication.focusWidget()
    assert isinstance(editor, BandEdit)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "（未选择）",
        "达成：2.4–3 分",
        "部分达成：1.8–2.4 分（不含 2.4）",
        "未达成：0–1.8 分（不含 1.8）",
    ]
    editor.setCurrentIndex(1)
    editor.activated.emit(1)  # as a click in the list does
    assert ind.extra["band"] == "达成"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    assert view.currentIndex() == score  # choosing a band moves on to the score
    score_editor = QApplication.focusWidget()
    score_editor.setText("2.8")
    qtbot.keyClick(score_editor, Qt.Key.Key_Return)
    assert ind.extra["score"] == "2.8" and shown(score) == "2.8" and shown(band) == "达成"
    assert not tree.findings_at(score)

    type_into(qtbot, view, score, "2")  # below the band: a finding on the cell
    assert [f.code for f in tree.findings_at(score)] == ["qualitative-band"]

    for _ in range(3):
        selfeval.action("undo").trigger()
    assert "band" not in ind.extra and "score" not in ind.extra
    assert shown(score) == "" and [f.code for f in tree.findings_at(score)] == ["score-missing"]


def test_total_and_grade_once_every_indicator_is_scored(selfeval):
    doc = selfeval.doc
    form = doc.form(SCORED)
    summary = selfeval.page.score_summary
    assert (
        summary.isVisibleTo(selfeval) and summary.text() == "总分：尚有 8 项未评分（已得 41.4 分）"
    )
    doc.undo_stack.beginMacro("judge")
    for row in doc.score(SCORED).rows:
        if row.method != "higher" and row.method != "lower":
            doc.apply(ops.set_indicator_cell_edit(SCORED, row.uid, "band", "达成"), "档次")
            doc.apply(ops.set_indicator_cell_edit(SCORED, row.uid, "score", "2.7"), "得分")
    doc.undo_stack.endMacro()
    expected = score_form(form, doc.kind(form))
    assert expected.complete
    assert summary.text() == f"总分 {expected.total_text}（{expected.grade}）"
    selfeval.action("undo").trigger()
    assert summary.text() == "总分：尚有 8 项未评分（已得 41.4 分）"


def test_the_funds_block_shows_the_execution_rate_and_its_score(selfeval):
    funds = selfeval.page.funds_view.model()
    rate, score = funds.index_for_key("total.rate"), funds.index_for_key("total.score")
    assert shown(rate) == "100.00%" and shown(score) == "10.0"
    assert not rate.flags() & Qt.ItemFlag.ItemIsEditable
    funds.setData(funds.index_for_key("total.executed"), "4.875")
    assert shown(rate) == "50.00%" and shown(score) == "5.0"
    selfeval.action("undo").trigger()
    assert shown(rate) == "100.00%"


def test_generate_a_selfevaluation_from_a_target_form(window, answers):
    window.show_form("f2")  # a 2026 project target form
    assert window.action("selfeval").isEnabled()
    count = len(window.doc.project.forms)
    window.action("selfeval").trigger()
    forms = window.doc.project.forms
    new = forms[2]
    assert len(forms) == count + 1 and new.kind == "project-selfeval"
    assert window.current_form_id() == new.id and window.page.score_summary.isVisible()
    assert new.header["project_name"] == "信息化运维项目保障"
    assert any(ind.weight for _, _, ind in new.iter_indicators())
    assert not window.action("selfeval").isEnabled()  # a self-evaluation is no target form
    window.action("undo").trigger()
    assert len(window.doc.project.forms) == count and window.doc.project.form(new.id) is None
    window.action("redo").trigger()
    assert window.doc.project.forms[2] is new

    window.show_form(new.id)
    window.forms.generate_selfeval()  # reached some other way: the core's reason, not a crash
    assert answers.errors and answers.errors[0][0] == "无法生成自评表"
    assert "不是绩效目标表" in answers.errors[0][1]


def test_reset_weights_is_one_undo_step(selfeval):
    doc = selfeval.doc
    form = doc.form(SCORED)
    defaults = ops.clone_form(form, form.id)
    fill_default_weights(defaults, doc.kind(form))
    ind = indicator(selfeval, SCORED, MEASURED)
    other = indicator(selfeval, SCORED, JUDGED)
    doc.apply(ops.set_indicator_cell_edit(SCORED, ind.uid, "weight", "7"), "分值")
    doc.apply(ops.set_indicator_cell_edit(SCORED, other.uid, "weight", "1"), "分值")
    doc.apply(ops.SetFundsCell(SCORED, "total", "weight", "20"), "分值")
    steps = doc.undo_stack.count()
    assert selfeval.action("reset_weights").isEnabled()
    selfeval.action("reset_weights").trigger()
    assert doc.undo_stack.count() == steps + 1
    weights = [i.weight for _, _, i in form.iter_indicators()]
    assert weights == [i.weight for _, _, i in defaults.iter_indicators()]
    assert form.funds_cell("total", "weight") == defaults.funds_cell("total", "weight")
    weight_cell = cell(selfeval, ind.uid, "weight")
    assert shown(weight_cell) == ind.weight
    selfeval.action("undo").trigger()
    assert (ind.weight, other.weight, form.funds_cell("total", "weight")) == ("7", "1", "20")
    selfeval.show_form("f2")  # not scored: nothing to reset
    assert not selfeval.action("reset_weights").isEnabled()


def test_the_problems_list_follows_changing_score_findings(selfeval, qtmodeltester):
    doc = selfeval.doc
    model = selfeval.problems.model
    qtmodeltester.check(model)
    ind = indicator(selfeval, SCORED, MEASURED)
    judged = indicator(selfeval, SCORED, JUDGED)

    def listed() -> list:
        return [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]

    def everything() -> list:
        return [x for form in doc.project.forms for x in doc.findings(form.id)]

    for key, uid, text in [
        ("actual", ind.uid, "0.45"),  # the deviation note's score changes: same rows
        ("actual", ind.uid, "0.5"),  # full score: the deviation finding goes
        ("actual", ind.uid, "0.1"),  # and comes back
        ("actual", ind.uid, ""),  # no actual value: another finding
        ("band", judged.uid, "达成"),
        ("score", judged.uid, "1"),  # outside the band
        ("score", judged.uid, "3"),
    ]:
        doc.apply(ops.set_indicator_cell_edit(SCORED, uid, key, text), key)
        assert listed() == everything()
        errors = sum(f.severity == "error" for f in everything())
        assert selfeval.problems.summary.text().startswith(f"共 {errors} 个错误")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        assert listed() == everything()


def test_suggested_bands_are_accepted_with_one_key_as_one_undo_step(selfeval):
    """达成 against 提升效益: the band is suggested, never applied until the clerk asks."""
    doc = selfeval.doc
    judged = indicator(selfeval, SCORED, JUDGED)
    row = doc.score(SCORED).row(judged.uid)
    assert row.score is None and row.suggested == "达成"
    assert "band" not in judged.extra  # nothing applied silently
    action = selfeval.action("accept_suggestions")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+A"
    steps = doc.undo_stack.count()
    action.trigger()
    assert doc.undo_stack.count() == steps + 1
    assert (judged.extra.get("band"), judged.extra.get("score")) == ("达成", judged.weight)
    assert doc.score(SCORED).row(judged.uid).score is not None
    selfeval.action("undo").trigger()
    assert "band" not in judged.extra and "score" not in judged.extra
