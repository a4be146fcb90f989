"""Editing through real widgets: typing into cells and fields, checks reacting, undo, moving
rows, the clipboard."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core import operations as ops
from desktop.core.findings import Severity
from desktop.ui.indicator_model import ROW_KIND_ROLE
from desktop.ui.problems import FINDING_ROLE

PROJECT_FORM = "f2"  # 信息化运维项目保障 in the 2026 sample: a project-target-2026 form


def indicator(window, form_id: str, name: str):
    form = window.doc.form(form_id)
    return next(ind for _, _, ind in form.iter_indicators() if ind.name == name)


def cell(window, uid: str, key: str):
    return window.page.indicator_view.tree.index_for(uid, key)


def type_text(widget, text: str) -> None:
    """Key presses carrying each character (QTest's keyClicks handles only Latin-1)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_into(qtbot, view, index, text: str, finish=Qt.Key.Key_Return):
    """Select a cell and type: the first key opens the editor, as in a spreadsheet."""
    view.setFocus()
    view.setCurrentIndex(index)
    type_text(view, text[0])
    editor = QApplication.focusWidget()
    assert editor is not view and editor is not None
    type_text(editor, text[1:])
    qtbot.keyClick(editor, finish)
    return editor


def problems(window) -> list:
    model = window.problems.model
    return [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]


def test_typing_a_value_shows_the_finding_and_fixing_it_clears_it(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    ind = indicator(window, PROJECT_FORM, "系统运维次数")
    target = cell(window, ind.uid, "target")
    assert target.data(Qt.ItemDataRole.DecorationRole) is None

    type_into(qtbot, view, target, "15")
    assert ind.target == "15"  # typing replaced the old value
    marks = view.tree.findings_at(target)
    assert [f.code for f in marks] == ["value-unit-missing"]
    assert target.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "缺少计量单位" in target.data(Qt.ItemDataRole.ToolTipRole)
    assert any(f.uid == ind.uid and f.code == "value-unit-missing" for f in problems(window))
    assert window.isWindowModified()

    type_into(qtbot, view, target, "≥15次")
    assert ind.target == "≥15次"
    assert view.tree.findings_at(target) == []
    assert not any(f.uid == ind.uid for f in problems(window))

    window.action("undo").trigger()
    assert ind.target == "15" and view.tree.findings_at(target)
    window.action("undo").trigger()
    assert ind.target == "全年≥10次" and not view.tree.findings_at(target)
    assert not window.isWindowModified()
    window.action("redo").trigger()
    assert ind.target == "15"


def test_enter_moves_down_and_tab_moves_to_the_next_cell(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    tree = view.tree
    form = window.doc.form(PROJECT_FORM)
    first = form.indicators[0].children[0].indicators[0]
    name = cell(window, first.uid, "name")
    type_into(qtbot, view, name, "运维", finish=Qt.Key.Key_Tab)
    assert first.name == "运维"
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.currentIndex() == cell(
        window, first.uid, "target"
    )
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    type_into(qtbot, view, cell(window, first.uid, "target"), ">=12次")
    assert first.target == "≥12次"  # >= typed on any keyboard becomes ≥
    below = view.currentIndex()
    assert tree.node(below) is form.indicators[0].children[1].indicators[0]
    assert below.column() == tree.keys.index("target")


def test_value_editor_offers_operators_and_units(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    ind = indicator(window, PROJECT_FORM, "系统运维次数")
    view.setCurrentIndex(cell(window, ind.uid, "target"))
    view.setFocus()
    qtbot.keyClicks(view, "2")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "0")
    offered = editor.suggestions()
    assert "≥20次" in offered and "≤20次" in offered
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert ind.target == "全年≥10次"  # Escape leaves the cell as it was


def test_name_completion_comes_from_the_project(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    ind = indicator(window, PROJECT_FORM, "系统运维次数")
    view.setCurrentIndex(cell(window, ind.uid, "name"))
    view.edit(view.currentIndex())
    editor = QApplication.focusWidget()
    words = editor.completer().model().stringList()
    assert "系统安全运行" in words and "降低巡查成本" in words


def test_header_typing_is_one_undo_step_and_checks_as_you_type(window, qtbot):
    window.show_form(PROJECT_FORM)
    field = window.page.fields["year"]
    editor = field.widget
    editor.setFocus()
    editor.selectAll()
    stack = window.doc.undo_stack
    depth = stack.count()
    qtbot.keyClicks(editor, "20")
    assert window.doc.form(PROJECT_FORM).header["year"] == "20"
    assert editor.property("severity") == "error"
    assert "四位年份" in editor.toolTip()
    qtbot.keyClicks(editor, "27")
    assert editor.property("severity") == ""
    assert stack.count() == depth + 1  # four keystrokes, one step
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.form(PROJECT_FORM).header["year"] == "2026"
    assert editor.text() == "2026"
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "2027"


def test_money_field_and_required_field(window, qtbot):
    window.show_form(PROJECT_FORM)
    amount = window.page.fields["amount"].widget
    amount.setFocus()
    amount.selectAll()
    type_text(amount, "三万")
    codes = {f.code for f in window.doc.findings(PROJECT_FORM)}
    assert "funds-not-number" in codes
    project = window.page.fields["project_name"].widget
    project.setFocus()
    project.selectAll()
    qtbot.keyClick(project, Qt.Key.Key_Delete)
    empty = [f for f in window.doc.findings(PROJECT_FORM) if f.code == "field-empty"]
    assert [f.key for f in empty] == ["project_name"]
    assert window.page.fields["project_name"].icon.pixmap() is not None


def test_clicking_a_problem_selects_its_cell(window, qtbot):
    finding = next(f for f in problems(window) if f.uid)
    model = window.problems.view.model()
    row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(FINDING_ROLE) is finding
    )
    index = model.index(row, 3)
    rect = window.problems.view.visualRect(index)
    qtbot.mouseClick(window.problems.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_form_id() == finding.form_id
    current = window.page.indicator_view.currentIndex()
    assert window.page.indicator_view.tree.node(current).uid == finding.uid
    assert window.page.indicator_view.tree.column_key(current.column()) == finding.key


def test_header_problem_focuses_the_field(window, qtbot):
    window.files.open_path(
        __import__("tests.ui.conftest", fromlist=["sample"]).sample(
            "2024-project-declarations.jixiao"
        )
    )
    finding = next(f for f in problems(window) if f.key == "department_code")
    window.reveal(finding)
    assert QApplication.focusWidget() is window.page.fields["department_code"].widget


def on_first_output_row(window):
    """The project form's view with the cursor on the first 数量指标 row; the form, the
    数量指标 and 质量指标 categories and that row."""
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quantity, quality = form.indicators[0].children[:2]
    first = quantity.indicators[0]
    view.setCurrentIndex(cell(window, first.uid, "name"))
    view.setFocus()
    return view, form, quantity, quality, first


def test_ctrl_up_down_keep_rows_inside_their_category(window, qtbot):
    view, _form, quantity, quality, lone = on_first_output_row(window)
    steps = window.doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert quantity.indicators == [lone] and window.doc.undo_stack.count() == steps
    window.action("add_indicator").trigger()
    type_text(QApplication.focusWidget(), "新指标")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    added = quantity.indicators[1]
    view.setCurrentIndex(cell(window, added.uid, "name"))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert quantity.indicators == [added, lone]
    assert view.tree.node(view.currentIndex()) is added  # the selection follows the row
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # at the top
    assert quantity.indicators == [added, lone] and quality.indicators[0] is not added
    window.action("undo").trigger()
    assert quantity.indicators == [lone, added]


def test_move_to_names_the_target_category(window, qtbot, answers):
    _view, form, quantity, quality, moving = on_first_output_row(window)
    window.action("move_to").trigger()  # the user cancels: nothing moves
    assert "item" in answers.asked and quantity.indicators == [moving]
    answers.item = (f"{form.indicators[0].name} / {quality.name}", True)
    window.action("move_to").trigger()
    assert quantity.indicators == [] and quality.indicators[-1] is moving
    assert window.doc.undo_stack.undoText().startswith("把 1 个指标移到")
    window.action("undo").trigger()
    assert quantity.indicators == [moving]


def test_drag_and_drop_moves_rows_between_categories(window):
    window.show_form(PROJECT_FORM)
    tree = window.page.indicator_view.tree
    form = window.doc.form(PROJECT_FORM)
    benefit = form.indicators[1].children
    moving = benefit[0].indicators[0]
    mime = tree.mimeData([cell(window, moving.uid, "name")])
    social = tree.index_for(benefit[1].uid)
    assert tree.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, social)
    assert not tree.canDropMimeData(
        mime, Qt.DropAction.MoveAction, 0, 0, tree.index_for(form.indicators[1].uid)
    )
    assert tree.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, social)
    assert benefit[1].indicators[0] is moving and benefit[0].indicators == []
    outside = QMimeData()
    outside.setText("外来文本")
    assert not tree.canDropMimeData(outside, Qt.DropAction.MoveAction, 0, 0, social)
    window.action("undo").trigger()
    assert benefit[0].indicators == [moving]


def test_add_indicator_and_category_then_delete(window, qtbot, answers):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quantity = form.indicators[0].children[0]
    view.setCurrentIndex(cell(window, quantity.indicators[0].uid, "name"))
    view.setFocus()
    window.action("add_indicator").trigger()
    assert len(quantity.indicators) == 2 and quantity.indicators[1].is_blank()
    editor = QApplication.focusWidget()
    type_text(editor, "巡查报告份数")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "≥4份")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert (quantity.indicators[1].name, quantity.indicators[1].target) == ("巡查报告份数", "≥4份")

    view.setCurrentIndex(cell(window, quantity.indicators[1].uid, "target"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # clears the cell; the row stays
    assert len(quantity.indicators) == 2 and quantity.indicators[1].target == ""
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # nothing left to clear
    window.action("undo").trigger()
    assert quantity.indicators[1].target == "≥4份"
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # 删除行
    assert len(quantity.indicators) == 1
    window.action("undo").trigger()
    assert quantity.indicators[1].name == "巡查报告份数"

    answers.item = ("其他效益", True)
    view.setCurrentIndex(view.tree.index_for(form.indicators[1].children[0].uid))
    window.action("add_category").trigger()  # every level-2 of this kind is there: nothing to add
    assert "item" not in answers.asked and len(form.indicators[1].children) == 4


def test_add_and_delete_a_level2_category_where_the_kind_allows(window, qtbot, answers):
    window.show_form("f1")  # the 2026 department form: its level-1 category is open
    view = window.page.indicator_view
    level1 = window.doc.form("f1").indicators[0]
    view.setCurrentIndex(view.tree.index_for(level1.children[1].uid))
    answers.item = ("  其他  事项 ", True)
    window.action("add_category").trigger()
    assert [c.name for c in level1.children][2] == "其他 事项"
    assert view.tree.node(view.currentIndex()) is level1.children[2]
    window.action("add_indicator").trigger()
    assert len(level1.children[2].indicators) == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    view.setCurrentIndex(view.tree.index_for(level1.children[2].uid))
    window.action("delete").trigger()  # Delete clears cells; a category has none to clear
    assert level1.children[2].name == "其他 事项"
    answers.delete_category = False  # 删除行 asks first, naming how many indicators go
    window.action("delete_rows").trigger()
    assert answers.asked[-1] == "delete_category"
    assert level1.children[2].name == "其他 事项"
    answers.delete_category = True
    window.action("delete_rows").trigger()
    assert "其他 事项" not in [c.name for c in level1.children]
    window.action("undo").trigger()
    assert level1.children[2].name == "其他 事项" and len(level1.children[2].indicators) == 1


def test_copy_and_paste_rows_inside_the_editor(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quantity = form.indicators[0].children[0]
    view.setCurrentIndex(view.tree.index_for(quantity.indicators[0].uid, ""))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "系统运维次数\t全年≥10次\n"
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in quantity.indicators] == ["系统运维次数", "系统运维次数"]
    assert quantity.indicators[0].uid != quantity.indicators[1].uid
    assert "indicator-duplicate" in {f.code for f in window.doc.findings(PROJECT_FORM)}


def test_paste_tab_separated_rows_from_a_spreadsheet(window, qtbot):
    """Rows as Excel/WPS copy them: categories in front, merged cells empty, a quoted cell
    with a line break; one undo takes the whole paste back."""
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    before = [len(l2.indicators) for l1 in form.indicators for l2 in l1.children]
    text = (
        "产出指标\t数量指标（必填量化）\t巡查次数\t≥24次\r\n"
        '\t\t"培训\n人次"\t≥30人次\r\n'
        "\t质量指标\t巡查覆盖率\t100%\r\n"
        "效益指标\t社会效益\t违法开采减少\t明显减少\r\n"
    )
    QApplication.clipboard().setText(text)
    view.setCurrentIndex(cell(window, form.indicators[0].children[0].indicators[0].uid, "name"))
    view.setFocus()
    window.action("paste").trigger()
    quantity, quality = form.indicators[0].children[:2]
    social = form.indicators[1].children[1]
    assert [i.name for i in quantity.indicators][-2:] == ["巡查次数", "培训\n人次"]
    assert quantity.indicators[-1].target == "≥30人次"
    assert quality.indicators[-1].name == "巡查覆盖率"
    assert social.indicators[-1].target == "明显减少"
    window.action("undo").trigger()
    assert [len(l2.indicators) for l1 in form.indicators for l2 in l1.children] == before


def test_paste_a_column_of_values_over_existing_rows(window, qtbot):
    window.files.open_path(
        __import__("tests.ui.conftest", fromlist=["sample"]).sample("2022-department.jixiao")
    )
    view = window.page.indicator_view
    quantity = window.doc.form("f1").indicators[0].children[0]
    first = quantity.indicators[0]
    old = [i.target for i in quantity.indicators]
    QApplication.clipboard().setText("=5人\n=6辆\n")
    view.setCurrentIndex(cell(window, first.uid, "target"))
    view.setFocus()
    window.action("paste").trigger()
    assert [i.target for i in quantity.indicators][:2] == ["=5人", "=6辆"]
    assert [i.target for i in quantity.indicators][2:] == old[2:]
    QApplication.clipboard().setText("≥7辆")
    view.setCurrentIndex(cell(window, quantity.indicators[2].uid, "target"))
    window.action("paste").trigger()
    assert quantity.indicators[2].target == "≥7辆"
    window.action("undo").trigger()
    window.action("undo").trigger()
    assert [i.target for i in quantity.indicators] == old


def test_rename_level2_in_place(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    level2 = window.doc.form(PROJECT_FORM).indicators[1].children[0]
    index = view.tree.index_for(level2.uid)
    assert index.data() == "经济效益"
    type_into(qtbot, view, index, "经济效益指标")
    assert level2.name == "经济效益指标"
    assert index.data(ROW_KIND_ROLE) == "level2"


def test_funds_and_task_table_cells(make_window, qtbot):
    window = make_window(
        __import__("tests.ui.conftest", fromlist=["sample"]).sample("2022-department.jixiao")
    )
    tasks = window.page.table_views["tasks"]
    model = tasks.model()
    rows = len(window.doc.form("f1").tables["tasks"])
    total = model.index(0, 2)
    tasks.setFocus()
    type_into(qtbot, tasks, total, "2000")
    assert window.doc.form("f1").tables["tasks"][0]["total"] == "2000"
    sums = [f for f in window.doc.findings("f1") if f.code == "funds-sum"]
    assert sums and model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    window.page._add_table_row(window.doc.kind(window.doc.form("f1")).tables[0])
    assert len(window.doc.form("f1").tables["tasks"]) == rows + 1
    window.action("undo").trigger()
    window.action("undo").trigger()
    assert len(window.doc.form("f1").tables["tasks"]) == rows
    assert not [f for f in window.doc.findings("f1") if f.code == "funds-sum"]


def test_funds_block_edit_and_severity_in_problems(make_window, qtbot):
    window = make_window(
        __import__("tests.ui.conftest", fromlist=["sample"]).sample(
            "2024-project-declarations.jixiao"
        )
    )
    funds = window.page.funds_view
    model = funds.model()
    type_into(qtbot, funds, model.index(0, 0), "999")
    found = [f for f in window.doc.findings(window.current_form_id()) if f.code == "funds-sum"]
    assert found and found[0].severity is Severity.ERROR
    assert any(f.code == "funds-sum" for f in problems(window))


def test_odd_text_survives_editing(window, qtbot):
    """No-break spaces, emoji, markup characters and very long text stay exactly as typed."""
    window.show_form(PROJECT_FORM)
    doc = window.doc
    form = doc.form(PROJECT_FORM)
    objective = window.page.fields["objective"]
    odd = "第一段\u00a0含不换行空格 <b>&amp;</b> 😀\n第二段"
    doc.apply(ops.SetHeader(PROJECT_FORM, "objective", odd), "目标")
    assert objective.text() == odd
    objective.widget.setFocus()
    objective.widget.moveCursor(objective.widget.textCursor().MoveOperation.End)
    type_text(objective.widget, "。")
    assert form.header["objective"] == odd + "。"
    window.action("undo").trigger()
    assert form.header["objective"] == odd and objective.text() == odd
    view = window.page.indicator_view
    ind = indicator(window, PROJECT_FORM, "系统运维次数")
    long_text = "很长的指标名称" * 700
    assert view.tree.setData(cell(window, ind.uid, "name"), long_text)
    assert ind.name == long_text
    view.grab()  # paints (and wraps) without complaint


def test_enter_on_a_cell_starts_editing_and_history_lists_steps(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    ind = indicator(window, PROJECT_FORM, "系统运维次数")
    view.setCurrentIndex(cell(window, ind.uid, "target"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert editor is not view and editor.text() == "全年≥10次"
    editor.setText("全年≥12次")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert ind.target == "全年≥12次"
    history = window.undo_view.model()
    assert history.rowCount() == 2  # the opened state and one step
    assert "全年≥12次" in history.index(1, 0).data()


def test_paste_adds_a_named_category_only_where_the_kind_allows_it(window, qtbot):
    """A pasted row naming an unknown level-2 category under a closed level-1 goes into the
    current category (as 添加二级指标 would refuse the name); one undo takes it back."""
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    names = [[l2.name for l2 in l1.children] for l1 in form.indicators]
    quantity = form.indicators[0].children[0]
    QApplication.clipboard().setText("产出指标\t自创指标\t巡查次数\t≥24次\n")
    view.setCurrentIndex(cell(window, quantity.indicators[0].uid, "name"))
    view.setFocus()
    window.action("paste").trigger()
    assert [[l2.name for l2 in l1.children] for l1 in form.indicators] == names
    assert quantity.indicators[1].name == "巡查次数"
    window.action("undo").trigger()
    assert all(i.name != "巡查次数" for i in quantity.indicators)


def test_clearing_several_cells_is_one_undo_step(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quality = form.indicators[0].children[1]
    row = quality.indicators[0]
    before = (row.name, row.target)
    model = view.selectionModel()
    model.clearSelection()
    for key in ("name", "target"):
        model.select(cell(window, row.uid, key), model.SelectionFlag.Select)
    view.setFocus()
    steps = window.doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert (row.name, row.target) == ("", "") and window.doc.undo_stack.count() == steps + 1
    window.action("undo").trigger()
    assert (row.name, row.target) == before


def test_undo_and_redo_put_the_selection_back_as_it_was(window, qtbot, answers):
    """After undoing a deletion the restored row is selected alone, so a second Ctrl+- does
    not take two rows (or two categories) at once."""
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quality = form.indicators[0].children[1]
    doomed = quality.indicators[0]
    view.setCurrentIndex(cell(window, doomed.uid, "name"))
    view.setFocus()
    window.action("delete_rows").trigger()
    after = view.selection_state()
    window.action("undo").trigger()
    state = view.selection_state()
    assert state.cells == ((doomed.uid, "name"),) and state.current == (doomed.uid, "name")
    window.action("redo").trigger()
    assert view.selection_state() == after


def test_moving_the_cursor_while_a_cell_is_edited_lands_where_asked(window, qtbot):
    """Qt commits an open editor when the current cell changes under it (a finding or an undo
    revealing another row); the cursor goes to that row, not one further down as after Enter."""
    window.show_form("f3")  # its 成本指标 has several rows
    view = window.page.indicator_view
    form = window.doc.form("f3")
    l2 = next(l2 for l1 in form.indicators for l2 in l1.children if len(l2.indicators) >= 2)
    first, other = l2.indicators[0], l2.indicators[1]  # another row (Qt: SubmitModelCache)
    view.setCurrentIndex(cell(window, first.uid, "target"))
    view.edit(view.currentIndex())
    QApplication.focusWidget().setText("≥5次")

    assert view.select(other.uid, "target")

    assert first.target == "≥5次"  # committed on the way
    assert view.currentIndex() == cell(window, other.uid, "target")


def test_a_paste_that_would_make_a_form_too_big_to_save_is_refused_whole(window, answers):
    """A column of 5001 rows pasted (a spreadsheet's whole sheet, by mistake) would build a
    form no project file may hold: saved, autosaved or recovered, it would be refused. Nothing
    is pasted, and one message says why and what to do."""
    from desktop.core.limits import MAX_ROWS, tree_rows

    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    rows, steps = tree_rows(form), window.doc.undo_stack.count()
    QApplication.clipboard().setText("".join(f"指标{i}\t≥{i}次\n" for i in range(MAX_ROWS)))
    view.setCurrentIndex(cell(window, form.indicators[0].children[0].indicators[0].uid, "name"))
    view.setFocus()
    window.action("paste").trigger()
    assert tree_rows(form) == rows and window.doc.undo_stack.count() == steps
    assert len(answers.errors) == 1
    title, text = answers.errors[0]
    assert title == "未做更改" and "超过 5000 行的上限" in text and "分到几张表单" in text
    assert window.doc.label(form) in text
    # a paste that fits is done as before
    QApplication.clipboard().setText("巡查次数\t≥24次\n")
    window.action("paste").trigger()
    assert tree_rows(form) == rows + 1 and len(answers.errors) == 1


def _count_parent_calls(monkeypatch) -> dict[str, int]:
    """Count the indicator model's parent() calls in the returned {"n": …} (set it to 0 to
    start): the selection model and the view ask it for every row they hold."""
    from desktop.ui.indicator_model import IndicatorTreeModel

    calls = {"n": 0}
    parent = IndicatorTreeModel.parent

    def counted(self, index):
        calls["n"] += 1
        return parent(self, index)

    monkeypatch.setattr(IndicatorTreeModel, "parent", counted)
    return calls


def test_pasting_and_undoing_many_rows_selects_them_in_one_go(window, monkeypatch):
    """Pasted rows were selected one by one, and each selection asked the model for the parents
    of all before it: 1000 rows took 5.5 s to paste and as long to undo (quadratic). Now the
    work per row is the same at 400 rows as at 100."""
    calls = _count_parent_calls(monkeypatch)
    per_row = []
    for n in (100, 400):
        window.show_form(PROJECT_FORM)
        view = window.page.indicator_view
        form = window.doc.form(PROJECT_FORM)
        QApplication.clipboard().setText("".join(f"指标{i}\t≥{i}次\n" for i in range(n)))
        view.setCurrentIndex(cell(window, form.indicators[0].children[0].indicators[0].uid, "name"))
        view.setFocus()
        calls["n"] = 0
        window.action("paste").trigger()
        window.action("undo").trigger()
        window.action("redo").trigger()
        QApplication.processEvents()
        per_row.append(calls["n"] / n)
        window.action("undo").trigger()
    assert per_row[1] < 2 * per_row[0] + 20, per_row


def test_moving_and_deleting_many_selected_rows_is_linear(window, monkeypatch):
    """Selected rows moved (Ctrl+Up/Down) or deleted one by one made the view and the
    selection model ask for every row's parent at each: 300 rows moved up in 6 s, 1000 in 80 s.
    Consecutive rows now go as one span: the work per row is the same at 400 as at 100."""
    calls = _count_parent_calls(monkeypatch)
    per_row: dict[str, list[float]] = {"up": [], "down": [], "delete": []}
    for n in (100, 400):
        window.show_form(PROJECT_FORM)
        view = window.page.indicator_view
        form = window.doc.form(PROJECT_FORM)
        quantity = form.indicators[0].children[0]
        first = quantity.indicators[0]
        QApplication.clipboard().setText("".join(f"指标{i}\t≥{i}次\n" for i in range(n)))
        view.setCurrentIndex(cell(window, first.uid, "name"))
        view.setFocus()
        window.action("paste").trigger()
        pasted = [ind.uid for ind in quantity.indicators[1 : n + 1]]
        assert len(pasted) == n
        order = [ind.uid for ind in quantity.indicators]
        steps = (("up", partial(view.move_selection, -1)),
                 ("down", partial(view.move_selection, 1)), ("delete", view.delete_rows))
        for what, step in steps:
            view._select_rows(pasted)
            QApplication.processEvents()
            calls["n"] = 0
            step()
            QApplication.processEvents()
            per_row[what].append(calls["n"] / n)
        assert [ind.uid for ind in quantity.indicators] == [first.uid, *order[n + 1 :]]
        window.action("undo").trigger()  # the delete
        assert [ind.uid for ind in quantity.indicators] == order  # up, then down: as it was
    for what, (small, big) in per_row.items():
        assert big < 2 * small + 20, (what, per_row)
