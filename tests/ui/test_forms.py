"""The project tree: forms grouped by kind; add, duplicate, rename, delete, reorder, undo; and
every form of every sample opens and takes an edit in each of its parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.core import operations as ops
from desktop.core.kinds import default_registry
from desktop.core.model import Indicator
from desktop.ui.project_model import FORM_ID_ROLE
from tests.ui.conftest import SAMPLES, count_page_builds, sample


def tree_forms(window) -> list[list[str]]:
    model = window.project_model
    return [
        [
            model.index(r, 0, model.index(g, 0)).data(FORM_ID_ROLE)
            for r in range(model.rowCount(model.index(g, 0)))
        ]
        for g in range(model.rowCount())
    ]


def test_selecting_a_form_in_the_tree_shows_it(window, qtbot):
    model = window.project_model
    assert tree_forms(window) == [["f1"], ["f2", "f3", "f4", "f5"]]
    index = model.index(2, 0, model.index(1, 0))
    window.project_tree.setCurrentIndex(index)
    assert window.current_form_id() == "f4"
    assert window.page.title.text().startswith(window.doc.label(window.doc.form("f4")))


def test_add_duplicate_rename_move_delete_forms_and_undo_all(window, answers, qtbot):
    doc = window.doc
    original = doc.project.model_dump()
    window.show_form("f3")
    answers.kind = (default_registry()["project-target-2026"], 2026)
    window.action("add_form").trigger()
    added = window.current_form_id()
    assert [f.id for f in doc.project.forms].index(added) == 3  # right after the current
    assert tree_forms(window)[1] == ["f2", "f3", added, "f4", "f5"]

    window.show_form("f2")
    window.action("duplicate_form").trigger()
    copy = window.current_form_id()
    assert doc.label(doc.form(copy)) == "信息化运维项目保障（副本）"

    window.action("rename_form").trigger()
    editor = window.project_tree.indexWidget(window.project_tree.currentIndex())
    editor.setText("运维项目二")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: doc.form(copy).header["project_name"] == "运维项目二")
    assert window.page.title.text().startswith("运维项目二")

    window.project_tree.setFocus()
    qtbot.keyClick(window.project_tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert tree_forms(window)[1][:2] == [copy, "f2"]
    qtbot.keyClick(window.project_tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert tree_forms(window)[1][:2] == [copy, "f2"]  # first of its kind: stays

    qtbot.keyClick(window.project_tree, Qt.Key.Key_Delete)
    assert doc.project.form(copy) is None and window.current_form_id() is not None
    assert "已删除表单" in window.statusBar().currentMessage()

    while doc.undo_stack.canUndo():
        window.action("undo").trigger()
    assert doc.project.model_dump() == original
    assert not window.isWindowModified()
    while doc.undo_stack.canRedo():
        window.action("redo").trigger()
    assert doc.project.form(copy) is None and doc.project.form(added) is not None


def _type_a_name_in_the_list(window, qtbot, form_id: str, name: str) -> None:
    """Rename `form_id` in the forms list, the name typed and its editor left open."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.show_form(form_id)
    window.action("rename_form").trigger()
    editor = window.project_tree.indexWidget(window.project_tree.currentIndex())
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.setText(name)


@pytest.mark.parametrize("operation", ["delete_form", "duplicate_form", "form_down"])
def test_a_form_operation_with_the_rename_editor_open_renames_first(
    window, qtbot, capsys, operation
):
    """The name typed in the forms list is its own step, before the operation, as an open
    cell's value is. It was committed in the middle of the step instead, as the list closed
    its editor: for a deleted form that raised ("no form f3") inside the list's row removal."""
    doc = window.doc
    _type_a_name_in_the_list(window, qtbot, "f3", "运维项目三")
    window.action(operation).trigger()
    assert "Traceback" not in capsys.readouterr().err
    assert doc.undo_stack.count() == 2
    assert doc.undo_stack.text(0) == "修改“项目名称”"
    renamed = [f for f in doc.project.forms if f.header.get("project_name") == "运维项目三"]
    assert len(renamed) == (0 if operation == "delete_form" else 1)
    assert tree_forms(window) == [
        [f.id for f in doc.project.forms if f.kind == kind]
        for kind in dict.fromkeys(f.kind for f in doc.project.forms)
    ]
    doc.undo_stack.undo()
    assert doc.form("f3").header["project_name"] == "运维项目三"
    doc.undo_stack.undo()
    assert doc.form("f3").header["project_name"] != "运维项目三"


def test_a_name_committed_for_a_form_a_step_removed_is_dropped(window, qtbot, capsys, monkeypatch):
    """Should an editor still be open when a step removes its form (nothing committed it
    first), the list drops its name quietly, without raising inside the row removal."""
    from desktop.ui import form_operations

    monkeypatch.setattr(form_operations, "finish_cell_editing", lambda: False)
    doc = window.doc
    _type_a_name_in_the_list(window, qtbot, "f3", "运维项目三")
    window.action("delete_form").trigger()
    assert "Traceback" not in capsys.readouterr().err
    assert doc.project.form("f3") is None and doc.undo_stack.count() == 1
    assert tree_forms(window) == [["f1"], ["f2", "f4", "f5"]]
    doc.undo_stack.undo()
    assert tree_forms(window) == [["f1"], ["f2", "f3", "f4", "f5"]]


def test_the_forms_list_keeps_a_collapsed_group_and_opens_a_new_one(window, answers):
    """The forms list follows an added form row by row: what the user collapsed stays so,
    and the group a new kind brings is open."""
    doc, tree, model = window.doc, window.project_tree, window.project_model
    tree.collapse(model.index(0, 0))
    window.show_form("f3")
    window.action("duplicate_form").trigger()
    assert not tree.isExpanded(model.index(0, 0)) and tree.isExpanded(model.index(1, 0))
    answers.kind = (default_registry()["department-selfeval"], 2026)
    window.action("add_form").trigger()
    added = model.index_for_form(window.current_form_id())
    assert model.rowCount() == 3 and tree.isExpanded(added.parent())
    assert tree.currentIndex() == added and not tree.isExpanded(model.index(0, 0))
    doc.undo_stack.undo()
    assert model.rowCount() == 2 and tree_forms(window) == [["f1"], ["f2", "f3", "f6", "f4", "f5"]]


def test_a_form_step_builds_one_page_the_one_it_shows(window, monkeypatch):
    """Undoing a duplicate builds no page: it shows the form the copy was made from, whose
    page was kept, and not first a page for the form the forms list moved to. Deleting a form
    shows the next."""
    built = count_page_builds(monkeypatch)
    window.show_form("f3")
    window.action("duplicate_form").trigger()
    copy = window.current_form_id()
    built.clear()
    window.action("undo").trigger()
    assert built == [] and window.current_form_id() == "f3"
    assert copy not in window.work.kept_pages()  # its form went
    window.action("redo").trigger()
    assert built == [copy] and window.current_form_id() == copy
    built.clear()
    window.action("delete_form").trigger()
    assert built == ["f4"] and window.current_form_id() == "f4"  # the one after it


def test_undo_shows_the_form_it_changes(window):
    window.show_form("f3")
    form = window.doc.form("f3")
    window.page.fields["objective"].widget.setFocus()
    window.doc.apply(ops.SetHeader("f3", "objective", "改过的目标"), "目标")
    window.show_form("f1")
    window.action("undo").trigger()
    assert window.current_form_id() == "f3" and form.header["objective"] != "改过的目标"
    assert window.undo_view.stack() is window.doc.undo_stack


@pytest.mark.parametrize("name", SAMPLES)
def test_every_form_of_every_sample_can_be_edited(make_window, name):
    window = make_window(sample(name))
    doc = window.doc
    for form in list(doc.project.forms):
        window.show_form(form.id)
        page = window.page
        kind = doc.kind(form)
        for field in page.fields.values():
            assert field.text() == field.text_in_model()
        first_field = kind.header[-1]
        page.fields[first_field.key].widget.setFocus()
        page.fields[first_field.key]._on_text("新内容")
        assert form.header[first_field.key] == "新内容"
        if page.funds_view is not None:
            model = page.funds_view.model()
            assert model.setData(model.index(0, 0), "12.5")
            assert form.funds[kind.funds.rows[0].key][kind.funds.columns[0].key] == "12.5"
        for key, view in page.table_views.items():
            model = view.model()
            assert model.setData(model.index(0, 0), "新任务")
            assert form.tables[key][0][kind.tables[0].columns[0].key] == "新任务"
        if kind.categories:
            view = page.indicator_view
            tree = view.tree
            _, l2, ind = next(form.iter_indicators())
            for key in tree.keys[1:]:
                index = tree.index_for(ind.uid, key)
                if tree.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    assert tree.setData(index, f"≥{len(key)}次")
                    assert ind.get(key) == f"≥{len(key)}次"
            view.setCurrentIndex(tree.index_for(ind.uid, "name"))
            view.add_indicator()
            assert any(i.is_blank() for i in l2.indicators)
        else:
            assert page.indicator_view is None
    stack = doc.undo_stack
    while stack.canUndo():
        stack.undo()
    assert not window.isWindowModified()


def test_blank_rows_are_flagged_and_removable(window):
    window.show_form("f2")
    view = window.page.indicator_view
    quantity = window.doc.form("f2").indicators[0].children[0]
    view.setCurrentIndex(view.tree.index_for(quantity.indicators[0].uid, "name"))
    view.add_indicator()
    blank = quantity.indicators[1]
    assert isinstance(blank, Indicator)
    codes = [f.code for f in view.tree.findings_at(view.tree.index_for(blank.uid, "name"))]
    assert codes == ["indicator-blank"]


def test_problems_can_be_limited_to_the_current_form(window):
    panel = window.problems
    everything = panel.view.model().rowCount()
    assert everything == panel.model.rowCount() > 1
    window.show_form("f3")
    panel.only_current.setChecked(True)
    shown = [panel.view.model().index(r, 1).data() for r in range(panel.view.model().rowCount())]
    assert shown and set(shown) == {window.doc.label(window.doc.form("f3"))}
    window.show_form("f1")
    assert panel.view.model().rowCount() == len(window.doc.findings("f1"))
    panel.only_current.setChecked(False)
    assert panel.view.model().rowCount() == everything
    errors = sum(f.severity == "error" for f in window.doc.findings())
    assert panel.summary.text().startswith(f"共 {errors} 个错误")


def test_a_project_is_named_by_its_unit_and_year(window, answers, monkeypatch, registry):
    kind = registry["project-target-2026"]
    window.files.new_document((kind, 2026))
    form_id = window.doc.project.forms[0].id
    assert f"（{form_id}）" not in window.project_model.index_for_form(form_id).data()
    assert f"（{form_id}）" not in window.page.title.text()
    window.doc.apply(ops.SetHeader(form_id, "department", "某单位"), "主管部门")
    assert "某单位 2026" in window.windowTitle()
    suggested = []

    def save_name(parent, title, start, filters):
        suggested.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    window.files.save_as()
    assert Path(suggested[0]).name == "某单位 2026.jixiao"


def test_the_kind_chooser_describes_each_kind_and_shows_its_first_page(qtbot, tmp_path, monkeypatch):
    from desktop.ui import dialogs, thumbnails

    monkeypatch.setattr(thumbnails, "cache_dir", lambda: tmp_path / "cache")
    registry = default_registry()
    dialog = dialogs.KindDialog(registry, "选择表样")
    qtbot.addWidget(dialog)
    for row, kind in enumerate(registry.all()):
        dialog.list.setCurrentRow(row)
        assert kind.description and kind.description in dialog.description.text()
    picture = dialog.picture.pixmap()
    assert not picture.isNull() and picture.width() == thumbnails.WIDTH
    cached = list((tmp_path / "cache").glob("*.png"))
    assert len(cached) == len(registry.all())
    rendered = []
    monkeypatch.setattr(thumbnails, "render", lambda *a: rendered.append(a))
    dialog.list.setCurrentRow(0)  # from the cache now: nothing rendered again
    assert rendered == [] and not dialog.picture.pixmap().isNull()


def test_the_kind_chooser_preselects_the_last_kind_used(qtbot, tmp_path, monkeypatch):
    from desktop.ui import dialogs, thumbnails

    monkeypatch.setattr(thumbnails, "cache_dir", lambda: tmp_path / "cache")
    registry = default_registry()
    kinds = registry.all()
    first = dialogs.KindDialog(registry, "选择表样")
    qtbot.addWidget(first)
    assert "selfeval" not in first.kind().family  # nothing used yet: a target form
    assert first.kind().year == max(k.year or 0 for k in kinds)
    first.list.setCurrentRow(4)
    first.accept()
    second = dialogs.KindDialog(registry, "选择表样")
    qtbot.addWidget(second)
    assert second.kind() is kinds[4]
