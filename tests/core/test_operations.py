"""Named operations: each change happens, and what it returns is enough to reverse it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.kinds import default_registry
from desktop.core.model import Indicator, Level2, Project
from desktop.core.operations import (
    OperationError,
    Place,
    add_form,
    blank_form,
    clone,
    delete_form,
    duplicate_form,
    insert_form,
    insert_indicators,
    insert_level2,
    insert_table_row,
    locate,
    move_form,
    move_indicator,
    move_level2,
    new_project,
    place_of,
    remove_indicator,
    remove_level2,
    remove_table_row,
    rename_form,
    rename_level2,
    set_funds_cell,
    set_header,
    set_indicator_cell,
    set_table_cell,
)

KIND = "project-declaration-2024"


@pytest.fixture
def kind():
    return default_registry()[KIND]


@pytest.fixture
def form(kind):
    form = blank_form(kind, "f1", year=2024)
    quantity = form.indicators[0].children[0]
    quantity.indicators = [Indicator(name=f"指标{i}", target=f"≥{i}次") for i in range(3)]
    return form


def dump(obj) -> dict:
    return obj.model_dump(mode="json")


def test_set_header_returns_old_text_and_drops_empty(form):
    assert set_header(form, "project_name", "系统运维") == ""
    assert form.header["project_name"] == "系统运维"
    assert set_header(form, "project_name", "") == "系统运维"
    assert "project_name" not in form.header


def test_set_funds_cell_keeps_file_clean(form):
    assert set_funds_cell(form, "total", "amount", "12.5") == ""
    assert form.funds == {"total": {"amount": "12.5"}}
    assert set_funds_cell(form, "total", "amount", "") == "12.5"
    assert form.funds == {}


def test_table_rows_insert_edit_remove(form):
    assert insert_table_row(form, "tasks", 5) == 0  # clamped to the end of an empty table
    assert set_table_cell(form, "tasks", 0, "task", "运维") == ""
    assert insert_table_row(form, "tasks", 0, {"task": "培训"}) == 0
    assert [r.get("task") for r in form.tables["tasks"]] == ["培训", "运维"]
    assert remove_table_row(form, "tasks", 1) == {"task": "运维"}
    with pytest.raises(OperationError):
        set_table_cell(form, "tasks", 3, "task", "x")
    with pytest.raises(OperationError):
        remove_table_row(form, "tasks", 3)


def test_set_indicator_cell_standard_and_extra_columns(form):
    ind = form.indicators[0].children[0].indicators[1]
    assert set_indicator_cell(form, ind.uid, "target", "≥20次") == "≥1次"
    assert set_indicator_cell(form, ind.uid, "remark", "说明") == ""
    assert ind.extra == {"remark": "说明"}
    assert set_indicator_cell(form, ind.uid, "remark", "") == "说明"
    assert ind.extra == {}


def test_cell_operation_refuses_a_category_uid(form):
    l2 = form.indicators[0].children[0]
    with pytest.raises(OperationError):
        set_indicator_cell(form, l2.uid, "name", "x")
    with pytest.raises(OperationError):
        set_indicator_cell(form, "nope", "name", "x")


def test_remove_and_reinsert_restores_in_place(form):
    before = dump(form)
    l2 = form.indicators[0].children[0]
    middle = l2.indicators[1]
    place, removed = remove_indicator(form, middle.uid)
    assert place == Place(l2.uid, 1) and removed is middle
    assert [i.name for i in l2.indicators] == ["指标0", "指标2"]
    insert_indicators(form, place.parent, place.index, [removed])
    assert dump(form) == before


def test_remove_picks_the_row_by_identity_not_equality(form):
    l2 = form.indicators[0].children[1]
    a, b = Indicator(), Indicator()  # equal content, different rows
    l2.indicators = [a, b]
    place, removed = remove_indicator(form, b.uid)
    assert place.index == 1 and removed is b and l2.indicators[0] is a


def test_move_indicator_between_categories_and_back(form):
    before = dump(form)
    quantity, quality = form.indicators[0].children[:2]
    ind = quantity.indicators[0]
    old = move_indicator(form, ind.uid, quality.uid, 0)
    assert quality.indicators == [ind] and len(quantity.indicators) == 2
    assert place_of(form, ind.uid) == Place(quality.uid, 0)
    move_indicator(form, ind.uid, old.parent, old.index)
    assert dump(form) == before


def test_move_indicator_down_within_category(form):
    l2 = form.indicators[0].children[0]
    first = l2.indicators[0]
    old = move_indicator(form, first.uid, l2.uid, 2)
    assert [i.name for i in l2.indicators] == ["指标1", "指标2", "指标0"]
    assert old == Place(l2.uid, 0)


def test_level2_insert_rename_move_remove(form):
    before = dump(form)
    l1 = form.indicators[1]
    new = Level2(name="其他效益")
    assert insert_level2(form, l1.uid, 99, new) == len(l1.children) - 1
    assert rename_level2(form, new.uid, "综合效益") == "其他效益"
    assert move_level2(form, new.uid, 0) == len(l1.children) - 1
    assert l1.children[0] is new
    place, removed = remove_level2(form, new.uid)
    assert place == Place(l1.uid, 0) and removed is new
    assert dump(form) == before
    with pytest.raises(OperationError):
        remove_level2(form, form.indicators[0].children[0].indicators[0].uid)


def test_clone_gives_fresh_uids(form):
    l2 = form.indicators[0].children[0]
    copy = clone(l2)
    assert copy.uid != l2.uid
    assert [i.uid for i in copy.indicators] != [i.uid for i in l2.indicators]
    assert dump(copy) == dump(l2)


def test_forms_add_duplicate_rename_move_delete(kind):
    project = new_project(kind)
    first = project.forms[0]
    rename_form(first, kind, "信息化运维")
    second = add_form(project, kind)
    assert [f.id for f in project.forms] == ["f1", "f2"] and second.id == "f2"
    copy = duplicate_form(project, "f1", kind)
    assert [f.id for f in project.forms] == ["f1", "f3", "f2"]
    assert copy.header["project_name"] == "信息化运维（副本）"
    assert locate(copy, copy.indicators[0].uid)[0] is not first.indicators[0]
    assert rename_form(copy, kind, "新名称") == "信息化运维（副本）"
    assert move_form(project, "f2", 0) == 2
    assert [f.id for f in project.forms] == ["f2", "f1", "f3"]
    index, removed = delete_form(project, "f1")
    assert index == 1 and project.form("f1") is None
    insert_form(project, index, removed)
    assert [f.id for f in project.forms] == ["f2", "f1", "f3"]
    with pytest.raises(OperationError):
        insert_form(project, 0, removed)  # its id is in use
    with pytest.raises(OperationError):
        delete_form(project, "f9")


def test_add_form_at_index_and_year(kind):
    project = Project()
    add_form(project, kind)
    form = add_form(project, kind, index=0, year=2031)
    assert project.forms[0] is form and form.header["year"] == "2031"


# --- every edit followed by its reversal leaves the form as it was ------------------------

_text = st.text(alphabet="指标值≥≤%次人万元 <&>\t\n😀0123", max_size=12)


def _apply(form, step):
    """Apply one random edit; return the function that reverses it."""
    op, a, b, text = step
    l2s = [l2 for l1 in form.indicators for l2 in l1.children]
    inds = [ind for _, _, ind in form.iter_indicators()]
    if op == "header":
        old = set_header(form, "objective", text)
        return lambda: set_header(form, "objective", old)
    if op == "funds":
        old = set_funds_cell(form, "total", "amount", text)
        return lambda: set_funds_cell(form, "total", "amount", old)
    if op == "insert":
        l2 = l2s[a % len(l2s)]
        ind = Indicator(name=text)
        insert_indicators(form, l2.uid, b, [ind])
        return lambda: remove_indicator(form, ind.uid)
    if not inds:
        return lambda: None
    ind = inds[a % len(inds)]
    if op == "cell":
        old = set_indicator_cell(form, ind.uid, "target", text)
        return lambda: set_indicator_cell(form, ind.uid, "target", old)
    if op == "remove":
        place, removed = remove_indicator(form, ind.uid)
        return lambda: insert_indicators(form, place.parent, place.index, [removed])
    target = l2s[b % len(l2s)]
    old = move_indicator(form, ind.uid, target.uid, b)
    return lambda: move_indicator(form, ind.uid, old.parent, old.index)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["header", "funds", "insert", "cell", "remove", "move"]),
            st.integers(0, 50),
            st.integers(0, 5),
            _text,
        ),
        max_size=12,
    )
)
def test_undoing_every_step_in_reverse_restores_the_form(steps):
    form = blank_form(default_registry()[KIND], "f1", year=2024)
    form.indicators[0].children[0].indicators = [Indicator(name="甲", target="≥1次")]
    before = dump(form)
    undo = [_apply(form, step) for step in steps]
    for reverse in reversed(undo):
        reverse()
    assert dump(form) == before
