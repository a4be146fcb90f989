"""The indicator tree's context menu after the library dock was floated and another form
chosen (found by the monkey, seed 424242 on the 2024 sample: "Internal C++ object (QAction)
already deleted" from contextMenuEvent, and no menu)."""

from __future__ import annotations

SAMPLE_FORM_A = "补充工作经费"
SAMPLE_FORM_B = "政府聘用人员"


def open_context_menu(editor) -> None:
    target = editor.where("cell", view="indicatorView", row=0, column=0)
    editor.xdo("mousemove", str(target[0] + 20), str(target[1] + 5), "click", "3")
    editor.wait_for(lambda: editor.state()["popup"] is not None, what="the context menu")
    editor.key("Escape")
    editor.sync()


def test_context_menu_after_floating_the_library_and_switching_forms(launch):
    editor = launch()
    editor.click("item", text=SAMPLE_FORM_A, view="projectTree")
    open_context_menu(editor)
    editor.key("ctrl+l")  # 指标库
    editor.where("widget", name="librarySearch", timeout=20)
    editor.click("widget", name="qt_dockwidget_floatbutton", within="libraryDock")
    editor.click("item", text=SAMPLE_FORM_B, view="projectTree")
    editor.sync()
    open_context_menu(editor)
    assert editor.errors() == [], editor.output()
