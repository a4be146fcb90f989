"""The indicator tree's context menu, and 指标库 chosen from it (found by the monkey, seed 424242
on the 2024 sample: the menu's exec() made the dock's toggle action a Python child of the menu,
deleting the menu killed its wrapper, and the next form's page raised "Internal C++ object
(QAction) already deleted")."""

from __future__ import annotations

SAMPLE_FORM_A = "补充工作经费"
SAMPLE_FORM_B = "政府聘用人员"


def open_context_menu(editor) -> None:
    target = editor.where("cell", view="indicatorView", row=0, column=0)
    editor.xdo("mousemove", str(target[0] + 20), str(target[1] + 5), "click", "3")
    editor.wait_for(lambda: editor.state()["popup"] is not None, what="the context menu")


def test_context_menu_after_floating_the_library_and_switching_forms(launch):
    editor = launch()
    editor.click("item", text=SAMPLE_FORM_A, view="projectTree")
    open_context_menu(editor)
    editor.key("Escape")
    editor.sync()
    editor.key("ctrl+l")  # 指标库
    editor.where("widget", name="librarySearch", timeout=20)
    editor.click("widget", name="qt_dockwidget_floatbutton", within="libraryDock")
    editor.click("item", text=SAMPLE_FORM_B, view="projectTree")
    editor.sync()
    open_context_menu(editor)
    editor.key("Escape")
    editor.sync()
    assert editor.errors() == [], editor.output()


def test_library_chosen_from_the_context_menu_then_another_form(launch):
    editor = launch()
    editor.click("item", text=SAMPLE_FORM_A, view="projectTree")
    open_context_menu(editor)
    editor.key("Up")  # from nothing chosen, Up picks the last entry: 指标库
    editor.key("Return")
    editor.where("widget", name="librarySearch", timeout=20)
    editor.click("item", text=SAMPLE_FORM_B, view="projectTree")
    editor.sync()
    open_context_menu(editor)
    editor.key("Escape")
    editor.sync()
    assert editor.errors() == [], editor.output()
