"""The item models satisfy Qt's model contract (pytest-qt's qtmodeltester), also while rows
are inserted, removed and moved under them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.core import operations as ops
from desktop.core.findings import Severity
from desktop.core.model import Form, Indicator, Level2
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


def _tree_rows(model: ProjectModel) -> list:
    """What the forms list shows: each group's label and its forms' ids, labels and tips."""
    rows = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        forms = [model.index(r, 0, group) for r in range(model.rowCount(group))]
        tip = Qt.ItemDataRole.ToolTipRole
        rows.append((group.data(), [(model.form_id(i), i.data(), i.data(tip)) for i in forms]))
        assert all(i.parent().row() == g for i in forms)
    return rows


def _problem_rows(model: ProblemsModel) -> list:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_forms_list_and_problems_follow_added_deleted_and_moved_forms_row_by_row(
    qtmodeltester,
):
    """Adding, deleting or moving one form changes only its rows: a reset would make the views
    lay out every row again (at 500 forms the forms list took 80-100 ms to expand again)."""
    doc = _doc("2020-self-evaluation.jixiao")  # three kinds: f1 | f2 | f3 f4 f5
    tree, problems = ProjectModel(doc), ProblemsModel(doc)
    qtmodeltester.check(tree)
    qtmodeltester.check(problems)
    resets: list[str] = []
    tree.modelReset.connect(lambda: resets.append("tree"))
    problems.modelReset.connect(lambda: resets.append("problems"))
    kept = QPersistentModelIndex(tree.index_for_form("f4"))  # in the last group
    announced: set = set()  # the rows dataChanged named: a form's id, or a group's kind

    def note(first: QModelIndex, last: QModelIndex) -> None:
        rows = [tree.index(r, 0, first.parent()) for r in range(first.row(), last.row() + 1)]
        announced.update(tree.form_id(i) or tree._groups[i.row()][0] for i in rows)

    tree.dataChanged.connect(note)
    told: set[int] = set()  # the rows of problems that dataChanged named
    problems.dataChanged.connect(lambda a, b: told.update(range(a.row(), b.row() + 1)))

    def findings_shown() -> dict:
        """What each finding's row shows, by the finding (held, so its id is not reused)."""
        shown = zip(problems._rows, _problem_rows(problems), strict=True)
        return {id(f): (f, row) for f, row in shown}

    def shown() -> dict:
        """What each form's row and each group's row shows, by form id and by kind."""
        rows = {}
        for (kind_id, _), (label, forms) in zip(tree._groups, _tree_rows(tree), strict=True):
            rows[kind_id] = label
            rows.update({form_id: rest for form_id, *rest in forms})
        return rows

    def same_as_new(reset: bool = False) -> None:
        assert _tree_rows(tree) == _tree_rows(ProjectModel(doc))
        assert _problem_rows(problems) == _problem_rows(ProblemsModel(doc))
        gone = {"f2", "f3"} - {f.id for f in doc.project.forms}
        assert all(problems.counts(i) == (0, 0) for i in gone)
        assert tree.form_id(QModelIndex(kept)) == (None if reset else "f4")

    kind = doc.registry["project-selfeval"]
    new_kind = doc.registry["project-target-2026"]
    blank = ops.blank_form
    steps = [
        lambda: ops.MoveForm("f3", 3),  # down past one form, not to the end
        lambda: ops.MoveForm("f2", 0),  # past a form without findings: the rows stay
        lambda: ops.AddForm(*reversed(ops.duplicate_of(doc.project, "f3", kind))),  # in a group
        lambda: ops.AddForm(blank(new_kind, doc.project.new_form_id()), 1),  # a new group
        lambda: ops.DeleteForm("f2"),  # a group's only form: the group goes
        lambda: ops.MoveForm("f5", 3),  # up within its group
        lambda: ops.MoveForm("f3", 6),  # down to its group's end
        lambda: ops.DeleteForm("f3"),
        lambda: ops.MoveForm("f1", 5),  # the groups change order
        lambda: ops.Batch([ops.AddForm(blank(kind, f"b{i}"), 2) for i in (1, 2)]),  # a block
        lambda: ops.AddForm(blank(kind, "b0"), 0),  # the unnamed ones after it are renumbered
        lambda: ops.Batch(  # a form's findings change in the step that adds another
            [ops.SetHeader("f4", "year", "20"), ops.AddForm(blank(new_kind, "b3"), 0)]
        ),
    ]
    for step in steps:
        before, was, was_found = [f.id for f in doc.project.forms], shown(), findings_shown()
        announced.clear()
        told.clear()
        assert doc.apply(step(), "")
        assert [f.id for f in doc.project.forms] != before
        same_as_new()
        now = shown()  # a row that stays and shows something else was announced
        assert {k for k in was.keys() & now.keys() if was[k] != now[k]} <= announced
        rows = {id(f): r for r, f in enumerate(problems._rows)}
        found = findings_shown()
        kept_rows = was_found.keys() & found.keys()
        assert {rows[k] for k in kept_rows if was_found[k][1] != found[k][1]} <= told
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        same_as_new()
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
        same_as_new()
    assert resets == []
    places = [i for i, f in enumerate(doc.project.forms) if f.kind == kind.id]
    ends = [(places[0], "n1"), (places[-1] + 2, "n2")]  # before and after the kind's forms
    doc.apply(ops.Batch([ops.AddForm(blank(kind, name), at) for at, name in ends]), "")
    same_as_new(reset=True)
    assert resets == ["tree", "problems"]


def test_naming_a_form_renumbers_the_unnamed_forms_of_its_kind_in_the_list():
    doc = _doc("2020-self-evaluation.jixiao")
    tree = ProjectModel(doc)
    announced: list[str | None] = []
    tree.dataChanged.connect(
        lambda a, b: announced.extend(
            tree.form_id(tree.index(r, 0, a.parent())) for r in range(a.row(), b.row() + 1)
        )
    )
    doc.apply(ops.SetHeader("f3", "project_name", "新名称"), "")
    assert set(announced) == {"f3"}  # typing a name repaints its row, not its whole group
    announced.clear()
    doc.apply(ops.SetHeader("f4", "project_name", ""), "")
    assert tree.index_for_form("f4").data().endswith("（未填名称）")
    announced.clear()
    doc.apply(ops.SetHeader("f3", "project_name", ""), "")  # now two unnamed: numbered
    assert tree.index_for_form("f4").data().endswith("（未填名称 2）")
    assert set(announced) == {"f3", "f4"}  # not f5, which keeps its name


def test_forms_list_follows_groups_that_come_and_go_together(qtmodeltester):
    doc = _doc("2020-self-evaluation.jixiao")  # three kinds: f1 | f2 | f3 f4 f5
    tree = ProjectModel(doc)
    qtmodeltester.check(tree)
    resets: list[int] = []
    tree.modelReset.connect(lambda: resets.append(1))
    kept = QPersistentModelIndex(tree.index_for_form("f4"))
    doc.apply(ops.Batch([ops.DeleteForm("f1"), ops.DeleteForm("f2")]), "")  # two groups
    assert _tree_rows(tree) == _tree_rows(ProjectModel(doc)) and tree.rowCount() == 1
    doc.undo_stack.undo()  # and back
    assert _tree_rows(tree) == _tree_rows(ProjectModel(doc)) and tree.rowCount() == 3
    assert resets == [] and tree.form_id(QModelIndex(kept)) == "f4"
    first, last = (doc.registry[k] for k in ("department-target-2026", "project-target-2026"))
    at_both_ends = [ops.AddForm(ops.blank_form(first, "n1"), 0)]
    at_both_ends.append(ops.AddForm(ops.blank_form(last, "n2"), 6))
    doc.apply(ops.Batch(at_both_ends), "")  # two groups, not next to each other
    assert _tree_rows(tree) == _tree_rows(ProjectModel(doc)) and tree.rowCount() == 5
    assert resets == [1]
    # a kind this program does not have: all its forms are unnamed, numbered in order
    doc.apply(ops.AddForm(Form(id="u1", kind="other-kind"), 0), "")
    announced: list[str | None] = []
    tree.dataChanged.connect(
        lambda a, b: announced.extend(
            tree.form_id(tree.index(r, 0, a.parent())) for r in range(a.row(), b.row() + 1)
        )
    )
    doc.apply(ops.AddForm(Form(id="u2", kind="other-kind"), 0), "")
    assert tree.index_for_form("u1").data().endswith("（未填名称 2）") and "u1" in announced


def test_a_form_is_renamed_in_the_list_only_when_its_kind_names_it_and_it_may_change():
    doc = _doc("2020-self-evaluation.jixiao")
    doc.apply(ops.AddForm(Form(id="u1", kind="other-kind"), 0), "")
    tree = ProjectModel(doc)
    editable = Qt.ItemFlag.ItemIsEditable
    group = tree.index_for_form("f3").parent()
    assert tree.flags(tree.index_for_form("f3")) & editable
    assert tree.flags(tree.index_for_form("f3")) & Qt.ItemFlag.ItemNeverHasChildren
    assert not tree.flags(group) & (editable | Qt.ItemFlag.ItemNeverHasChildren)
    assert not tree.flags(tree.index_for_form("u1")) & editable  # a kind this program lacks
    doc.read_only = True
    assert not tree.flags(tree.index_for_form("f3")) & editable


def _all_parents(model) -> list[QModelIndex]:
    out, todo = [QModelIndex()], [QModelIndex()]
    while todo:
        parent = todo.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                child = model.index(row, column, parent)
                out.append(child)
                if column == 0:
                    todo.append(child)
    return out


@pytest.mark.parametrize("which", ["tree", "forms"])
def test_index_answers_what_has_index_would(which):
    """index() checks its bounds itself (hasIndex asks rowCount and columnCount back from C++,
    twice per call): in and just out of range, under every row and cell of the model."""
    doc = _doc("2026-department-and-projects.jixiao")
    model = IndicatorTreeModel(doc, "f2", doc) if which == "tree" else ProjectModel(doc)
    for parent in _all_parents(model):
        rows, columns = model.rowCount(parent), model.columnCount(parent)
        for row in (-1, 0, 1, rows - 1, rows, rows + 1):
            for column in (-1, 0, 1, columns - 1, columns, columns + 1):
                index = model.index(row, column, parent)
                assert index.isValid() == model.hasIndex(row, column, parent), (row, column)
                if index.isValid():
                    assert (index.row(), index.column()) == (row, column)
                    assert model.parent(index) == (parent.sibling(parent.row(), 0)
                                                   if parent.isValid() else QModelIndex())  # fmt: skip
