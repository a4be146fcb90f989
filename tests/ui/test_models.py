"""The item models satisfy Qt's model contract (pytest-qt's qtmodeltester), also while rows
are inserted, removed and moved under them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core import operations as ops
from desktop.core.findings import Severity
from desktop.core.model import Indicator, Level2
from desktop.core.storage import load_project
from desktop.ui.document import Document
from desktop.ui.indicator_model import ROW_KIND_ROLE, IndicatorTreeModel
from desktop.ui.problems import FINDING_ROLE, ProblemsModel
from desktop.ui.project_model import ProjectModel
from tests.ui.conftest import SAMPLES, sample


def _doc(name: str) -> Document:
    return Document(load_project(sample(name)).project)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_form_tree_passes_the_model_tester(qtmodeltester, name):
    doc = _doc(name)
    for form in doc.project.forms:
        qtmodeltester.check(IndicatorTreeModel(doc, form.id, doc))


def test_tree_stays_consistent_through_structural_edits(qtmodeltester):
    doc = _doc("2024-project-declarations.jixiao")
    form = doc.project.forms[0]
    tree = IndicatorTreeModel(doc, form.id, doc)
    qtmodeltester.check(tree)  # stays attached and checks every signal from here on
    quantity, quality = form.indicators[0].children[:2]
    new = Indicator(name="新增", target="≥1次")
    doc.apply(ops.InsertIndicators(form.id, quantity.uid, 0, [new]), "")
    doc.apply(ops.MoveIndicators(form.id, [new.uid], quality.uid, None), "")
    doc.apply(ops.MoveIndicators(form.id, [quality.indicators[0].uid], quality.uid, None), "")
    doc.apply(ops.set_indicator_cell_edit(form.id, new.uid, "target", "≥2次"), "指标值")
    doc.apply(ops.RemoveIndicators(form.id, [new.uid]), "")
    level2 = Level2(name="其他")
    doc.apply(ops.InsertLevel2(form.id, form.indicators[1].uid, 0, level2), "")
    doc.apply(ops.MoveLevel2(form.id, level2.uid, 2), "")
    doc.apply(ops.RemoveLevel2(form.id, level2.uid), "")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    qtmodeltester.check(tree)


def test_tree_rows_are_the_three_levels_and_the_kinds_columns():
    doc = _doc("2026-department-and-projects.jixiao")
    form = doc.project.forms[0]
    tree = IndicatorTreeModel(doc, form.id, doc)
    kind = doc.kind(form)
    assert tree.columnCount() == 1 + len(kind.columns)
    assert [
        tree.headerData(i, Qt.Orientation.Horizontal) for i in range(1, tree.columnCount())
    ] == [c.label for c in kind.columns]
    level1 = tree.index(0, 0)
    level2 = tree.index(0, 0, level1)
    indicator = tree.index(0, 0, level2)
    assert [i.data(ROW_KIND_ROLE) for i in (level1, level2, indicator)] == [
        "level1",
        "level2",
        "indicator",
    ]
    assert level1.data() == form.indicators[0].name
    ind = form.indicators[0].children[0].indicators[0]
    name_column = tree.keys.index("name")
    assert tree.index(0, name_column, level2).data() == ind.name


def test_project_and_problem_models_pass_the_tester(qtmodeltester):
    doc = _doc("2020-self-evaluation.jixiao")
    qtmodeltester.check(ProjectModel(doc))
    problems = ProblemsModel(doc)
    qtmodeltester.check(problems)
    form = doc.project.forms[2]
    ind = Indicator(name="检查次数", target="≥5次")
    doc.apply(ops.InsertIndicators(form.id, form.indicators[0].children[0].uid, 0, [ind]), "")
    before = problems.rowCount()
    assert not [f for f in doc.findings(form.id) if f.uid == ind.uid and f.key == "target"]
    doc.apply(ops.set_indicator_cell_edit(form.id, ind.uid, "target", "5"), "指标值")
    assert problems.rowCount() == before + 1
    doc.undo_stack.undo()
    assert problems.rowCount() == before


def test_project_model_groups_forms_by_kind():
    doc = _doc("2020-self-evaluation.jixiao")
    model = ProjectModel(doc)
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert len(groups) == 3 and groups[2].endswith("（3）")
    forms = model.index(2, 0)
    assert model.rowCount(forms) == 3
    first = model.index(0, 0, forms)
    assert model.form_id(first) == "f3"
    errors = [f for f in doc.findings("f3") if f.severity is Severity.ERROR]
    assert model.data(first, Qt.ItemDataRole.ToolTipRole).startswith(f"{len(errors)} 个错误")


def test_a_problems_tooltip_says_what_the_reviewer_wants():
    from desktop.core.catalogue import help_text

    doc = _doc("2026-department-and-projects.jixiao")
    problems = ProblemsModel(doc)
    assert problems.rowCount()
    index = problems.index(0, 1)
    first = problems.data(index, FINDING_ROLE)
    assert help_text(first.code)
    tip = problems.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{first.message}\n{help_text(first.code)}\n[{first.code}]"
