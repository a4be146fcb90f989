"""The one funnel: every edit does and undoes itself on a project, says what changed and
announces tree-shape changes in the order a Qt model needs; and the editing rules that used to
live in the Qt layer (reset weights, missing scores, up/down, which categories may be added)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.editing import (
    addable_level2,
    default_weight_changes,
    find_level2,
    may_add_level2,
    missing_scores,
    step_indicators,
)
from desktop.core.kinds import RULE_WORDS, Rule, category_name, default_registry
from desktop.core.model import Indicator, Level2, Project
from desktop.core.resources import samples_dir
from desktop.core.scoring import fill_default_weights, score_form
from desktop.core.storage import load_project

KIND = "project-declaration-2024"


class Recorder(ops.TreeObserver):
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def inserting(self, *a) -> None:
        self.events.append(("inserting", *a))

    def inserted(self, *a) -> None:
        self.events.append(("inserted", *a))

    def removing(self, *a) -> None:
        self.events.append(("removing", *a))

    def removed(self, *a) -> None:
        self.events.append(("removed", *a))

    def moving(self, *a) -> None:
        self.events.append(("moving", *a))

    def moved(self, *a) -> None:
        self.events.append(("moved", *a))


@pytest.fixture
def project() -> Project:
    kind = default_registry()[KIND]
    project = Project()
    form = ops.blank_form(kind, "f1", year=2024)
    quantity, quality = form.indicators[0].children[:2]
    quantity.indicators = [Indicator(name=f"数量{i}", target=f"≥{i}次") for i in range(3)]
    quality.indicators = [Indicator(name="质量0", target="合格")]
    project.forms.append(form)
    return project


def dump(project: Project) -> dict:
    return project.model_dump(mode="json")


def _edits(project: Project) -> list[ops.Edit]:
    form = project.forms[0]
    quantity, quality = form.indicators[0].children[:2]
    first = quantity.indicators[0].uid
    return [
        ops.SetHeader("f1", "project_name", "运维"),
        ops.SetFundsCell("f1", "total", "amount", "12"),
        ops.InsertTableRow("f1", "tasks", 0, {"task": "培训"}),
        ops.SetCells("f1", [(first, "target", "≥9次")], [("total", "amount", "3")]),
        ops.RenameLevel2("f1", quality.uid, "质量"),
        ops.InsertIndicators("f1", quality.uid, 0, [Indicator(name="新")]),
        ops.RemoveIndicators("f1", [first]),
        ops.MoveIndicators("f1", [quantity.indicators[2].uid], quality.uid, None),
        ops.InsertLevel2("f1", form.indicators[1].uid, 0, Level2(name="其他")),
        ops.RemoveLevel2("f1", quantity.uid),
        ops.MoveLevel2("f1", quality.uid, 5),
        ops.AddForm(ops.blank_form(default_registry()[KIND], "f2"), 0),
        ops.MoveForm("f1", 0),
        ops.DeleteForm("f1"),
    ]


@pytest.mark.parametrize("which", range(14))
def test_every_edit_undoes_to_the_same_project_and_redoes_to_the_same_result(project, which):
    edit = _edits(project)[which]
    before = dump(project)
    changes = edit.do(project)
    after = dump(project)
    assert after != before or isinstance(edit, ops.MoveForm)
    assert changes.form_id in ("f1", "f2", "")
    edit.undo(project)
    assert dump(project) == before
    edit.do(project)
    assert dump(project) == after


def test_a_batch_is_one_edit_undone_in_reverse(project):
    before = dump(project)
    batch = ops.Batch(_edits(project)[:11])
    changes = batch.do(project)
    assert changes.rows and changes.header == {"project_name"} and "tasks" in changes.tables
    batch.undo(project)
    assert dump(project) == before


def test_changes_name_the_cells_an_edit_touched(project):
    uid = project.forms[0].indicators[0].children[0].indicators[0].uid
    changes = ops.set_indicator_cell_edit("f1", uid, "target", "5").do(project)
    assert changes == ops.OpChanges("f1", cells=frozenset({(uid, "target")}))
    assert ops.SetHeader("f1", "year", "2025").do(project).header == {"year"}
    assert ops.DeleteForm("f1").do(project).forms


def test_tree_observer_hears_before_and_after_in_qt_counting(project):
    form = project.forms[0]
    quantity, quality = form.indicators[0].children[:2]
    rec = Recorder()
    moved = quantity.indicators[0].uid
    ops.MoveIndicators("f1", [moved], quantity.uid, None).do(project, rec)
    # row 0 to the end of its own list of 3: Qt counts the destination before removal (3)
    assert rec.events == [
        ("moving", "f1", quantity.uid, 0, quantity.uid, 3, 1),
        ("moved", "f1", quantity.uid, 0, quantity.uid, 3, 1),
    ]
    rec.events.clear()
    # two rows next to each other move as one span: rows 0-1 of 3 to the end
    block = [ind.uid for ind in quantity.indicators[:2]]
    ops.MoveIndicators("f1", block, quantity.uid, None).do(project, rec)
    assert rec.events == [
        ("moving", "f1", quantity.uid, 0, quantity.uid, 3, 2),
        ("moved", "f1", quantity.uid, 0, quantity.uid, 3, 2),
    ]
    assert [ind.uid for ind in quantity.indicators][1:] == block
    rec.events.clear()
    ops.InsertIndicators("f1", quality.uid, 1, [Indicator(), Indicator()]).do(project, rec)
    assert rec.events == [
        ("inserting", "f1", quality.uid, 1, 2),
        ("inserted", "f1", quality.uid, 1, 2),
    ]
    rec.events.clear()
    ops.RemoveLevel2("f1", quality.uid).do(project, rec)
    level1 = form.indicators[0].uid
    assert rec.events == [("removing", "f1", level1, 1, 1), ("removed", "f1", level1, 1, 1)]


def test_a_move_to_where_the_row_already_is_tells_nobody(project):
    quantity = project.forms[0].indicators[0].children[0]
    rec = Recorder()
    last = quantity.indicators[2].uid
    ops.MoveIndicators("f1", [last], quantity.uid, None).do(project, rec)
    assert rec.events == []


def test_typing_in_one_field_merges_into_one_edit(project):
    first = ops.SetHeader("f1", "project_name", "运", session=7)
    first.do(project)
    assert first.merge(ops.SetHeader("f1", "project_name", "运维", session=7))
    assert not first.merge(ops.SetHeader("f1", "objective", "x", session=7))
    assert not first.merge(ops.SetHeader("f1", "project_name", "x", session=8))
    assert first.text == "运维" and not first.is_void()
    assert first.merge(ops.SetHeader("f1", "project_name", "", session=7))
    assert first.is_void()  # back to what it was: the undo step can go


def test_an_edit_on_a_missing_form_says_so(project):
    with pytest.raises(ops.OperationError):
        ops.SetHeader("f9", "year", "2025").do(project)


# --- rules moved out of the Qt layer ---------------------------------------------------------


def _selfeval() -> tuple:
    project = load_project(samples_dir() / "2020-self-evaluation.jixiao").project
    form = project.form("f3")
    kind = default_registry()[form.kind]
    return project, form, kind


def test_reset_weights_lists_exactly_the_cells_that_differ_from_the_default():
    _, form, kind = _selfeval()
    expected = copy.deepcopy(form)
    fill_default_weights(expected, kind)
    inds = [ind for _, _, ind in form.iter_indicators()]
    inds[0].weight, inds[1].weight = "7", "1"
    form.funds.setdefault("total", {})["weight"] = "20"
    cells, funds = default_weight_changes(form, kind)
    defaults = [ind.weight for _, _, ind in expected.iter_indicators()]
    assert (inds[0].uid, "weight", defaults[0]) in cells
    assert (inds[1].uid, "weight", defaults[1]) in cells
    assert ("total", "weight", expected.funds_cell("total", "weight")) in funds
    ops.SetCells(form.id, cells, funds).do(_project_of(form))
    assert default_weight_changes(form, kind) == ([], [])


def _project_of(form) -> Project:
    project = Project()
    project.forms.append(form)
    return project


def test_missing_scores_count_rows_and_the_execution_rate():
    _, form, kind = _selfeval()
    scores = score_form(form, kind)
    expected = sum(r.score is None for r in scores.rows) + (
        scores.execution is not None and scores.execution.score is None
    )
    assert missing_scores(scores) == expected
    for _, _, ind in form.iter_indicators():
        ind.set("score", "")
        ind.set("band", "")
    unscored = score_form(form, kind)
    assert missing_scores(unscored) > missing_scores(scores) or missing_scores(scores) > 0


def test_up_and_down_stay_in_the_category_unless_told_to_cross(project):
    form = project.forms[0]
    quantity, quality = form.indicators[0].children[:2]
    q = [ind.uid for ind in quantity.indicators]
    assert step_indicators(form, [q[1]], -1) == ops_step(quantity.uid, q[0])
    assert step_indicators(form, [q[1]], 1) == ops_step(quantity.uid, None)
    assert step_indicators(form, [q[0]], -1) is None  # first of the first category
    assert step_indicators(form, [q[2]], 1) is None  # last of its category: stays
    crossed = step_indicators(form, [q[2]], 1, across=True)
    assert crossed == ops_step(quality.uid, quality.indicators[0].uid)


def ops_step(level2_uid, anchor):
    from desktop.core.editing import Step

    return Step(level2_uid, anchor)


def test_which_categories_may_be_added(registry):
    kind = registry[KIND]
    form = ops.blank_form(kind, "f1")
    output = form.indicators[0]
    missing, open_children = addable_level2(kind, output)
    assert missing == [] and not open_children  # the 2024 layout lists them all
    assert not may_add_level2(kind, output, "随便一个")
    removed = output.children.pop(0)
    assert may_add_level2(kind, output, removed.name)
    assert find_level2(form, output.name, removed.name) is None
    assert find_level2(form, None, output.children[0].name) is output.children[0]


def test_rule_words_are_one_table(registry):
    assert RULE_WORDS[Rule.MUST_QUANTIFY] == "必填量化"
    assert category_name(" 数量指标（必填量化）") == "数量指标"
    assert category_name("质量指标(必填)") == "质量指标"
    assert category_name("时效指标（选填）") == "时效指标"
    assert category_name("成本指标（其他）") == "成本指标（其他）"


def _order(project) -> list[list[str]]:
    return [[i.name for i in l2.indicators] for l2 in project.forms[0].indicators[0].children]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_moves_and_deletes_by_spans_do_what_row_by_row_did(data):
    """Rows move and go in spans of consecutive rows (one notification each, not one per row);
    the result is the row-by-row one: each row in turn taken out and put just before the
    anchor (or deleted), and undo puts every row back."""
    kind = default_registry()[KIND]
    project = Project()
    form = ops.blank_form(kind, "f1", year=2024)
    lists = form.indicators[0].children[:2]
    for n, l2 in enumerate(lists):
        count = data.draw(st.integers(0, 7), label=f"rows{n}")
        l2.indicators = [Indicator(name=f"{n}-{i}") for i in range(count)]
    project.forms.append(form)
    rows = [i for l2 in lists for i in l2.indicators]
    if not rows:
        return
    uids = data.draw(st.lists(st.sampled_from([i.uid for i in rows]), min_size=1, unique=True),
                     label="rows")  # fmt: skip
    target = data.draw(st.sampled_from(lists), label="target")
    anchor = data.draw(st.sampled_from([None, *[i.uid for i in target.indicators]]), label="a")
    before = _order(project)
    # the row-by-row result, on names
    expected = [list(x) for x in before[:2]]
    by_uid = {i.uid: i.name for i in rows}
    t = next(k for k, l2 in enumerate(lists) if l2 is target)
    for uid in uids:
        name = by_uid[uid]
        for names in expected:
            if name in names:
                names.remove(name)
        at = next((k for k, x in enumerate(expected[t]) if x == by_uid.get(anchor)), None)
        expected[t].insert(len(expected[t]) if anchor is None or at is None else at, name)
    rec = Recorder()
    move = ops.MoveIndicators("f1", uids, target.uid, anchor)
    move.do(project, rec)
    assert _order(project)[:2] == expected
    assert len([e for e in rec.events if e[0] == "moving"]) <= len(uids)
    move.undo(project)
    assert _order(project) == before
    delete = ops.RemoveIndicators("f1", uids)
    delete.do(project)
    assert _order(project)[:2] == [[x for x in names if x not in {by_uid[u] for u in uids}]
                                   for names in before[:2]]  # fmt: skip
    delete.undo(project)
    assert _order(project) == before
