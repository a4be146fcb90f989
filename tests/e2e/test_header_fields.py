"""Header fields with suggestions, typed on a real keyboard through a real popup."""

from __future__ import annotations

import pytest

FIELD = "header_department"  # 主管部门 of a project form


def open_field_with_suggestions(editor) -> None:
    """The steps of issue 11: the project form 补充工作经费, its 主管部门 field emptied and
    银川 typed, which opens the completer's popup (other forms of the project use 银川…)."""
    editor.click("item", text="补充工作经费", view="projectTree")
    editor.click("widget", name=FIELD)
    editor.wait_for(lambda: (editor.state()["focus"] or {}).get("name") == FIELD, what="focus")
    editor.key("ctrl+a", "BackSpace")
    editor.wait_for(lambda: editor.text(FIELD) == "", what="an empty field")
    editor.type("银川")
    editor.wait_for(lambda: editor.text(FIELD) == "银川", what="银川 typed")
    editor.wait_for(lambda: editor.state()["popup"] is not None, what="the suggestion list")


@pytest.mark.parametrize(
    "keys",
    [["x"], ["Escape"], ["Down", "Return"], ["Down", "Down", "Return"], ["Escape", "y", "Tab"]],
    ids=["letter", "escape", "down-enter", "down-down-enter", "escape-letter-tab"],
)
def test_keys_in_the_suggestion_list_keep_the_editor_alive(launch, keys):
    editor = launch()
    open_field_with_suggestions(editor)
    editor.key(*keys)
    editor.sync()
    editor.settle(0.5)
    text = editor.text(FIELD)
    assert text.startswith("银川"), text


def test_clicking_a_suggestion_fills_the_field(launch):
    editor = launch()
    open_field_with_suggestions(editor)
    popup = editor.state()["popup"]
    x, y, w, _ = popup["rect"]
    editor.click_rect([x, y + 2, w, 16])  # the first suggestion
    editor.settle(0.5)
    chosen = editor.text(FIELD)
    assert chosen.startswith("银川") and len(chosen) > 2, chosen
    assert editor.state()["popup"] is None
    editor.type("局")  # the field still takes typing after the popup went
    editor.wait_for(lambda: editor.text(FIELD) == chosen + "局", what=f"{chosen}局")


def test_a_thirty_digit_amount_is_a_finding_not_a_crash(launch):
    """项目年度金额 typed as 30 digits: the funds check raised decimal.InvalidOperation inside
    QUndoStack.push, and PySide6 turned that into a segmentation fault."""
    editor = launch()
    editor.click("item", text="补充工作经费", view="projectTree")
    editor.click("widget", name="header_amount")
    editor.key("ctrl+a", "BackSpace")
    editor.type("1234567890" * 3)
    editor.wait_for(lambda: editor.text("header_amount") == "1234567890" * 3, what="the amount")
    editor.key("Tab")
    editor.sync()
