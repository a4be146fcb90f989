"""Last year beside this year in the editor: link, columns beside the target, warnings, undo."""

from __future__ import annotations

from pathlib import Path

from desktop.core.kinds import default_registry
from desktop.core.lastyear import CODE_QUANTITY_DROP, LAST_ACTUAL_KEY, LAST_TARGET_KEY
from desktop.core.model import Indicator
from desktop.core.operations import add_form, new_project
from desktop.core.storage import load_project, save_project
from desktop.ui.problems import FINDING_ROLE

REG = default_registry()


def _files(tmp_path: Path) -> tuple[Path, Path]:
    last = new_project(REG["project-target-2026"])
    last.forms[0].header["project_name"] = "培训项目"
    last.forms[0].find_level2("产出指标", "数量指标").indicators = [
        Indicator(name="培训人次", target="≥300人次")
    ]
    selfeval = add_form(last, REG["project-selfeval"])
    selfeval.header["project_name"] = "培训项目"
    selfeval.find_level2("产出指标", "数量指标").indicators = [
        Indicator(name="培训人次", target="≥300人次", actual="326人次")
    ]
    this = new_project(REG["project-target-2026"])
    this.forms[0].header["project_name"] = "培训项目"
    this.forms[0].find_level2("产出指标", "数量指标").indicators = [
        Indicator(name="培训人次", target="≥200人次")
    ]
    (tmp_path / "2025").mkdir()
    (tmp_path / "2026").mkdir()
    paths = tmp_path / "2025" / "培训.jixiao", tmp_path / "2026" / "培训.jixiao"
    save_project(last, paths[0])
    save_project(this, paths[1])
    return paths


def codes(window) -> list[str]:
    model = window.problems.model
    return [model.index(r, 0).data(FINDING_ROLE).code for r in range(model.rowCount())]


def test_link_shows_last_year_beside_the_target_and_warns(make_window, answers, tmp_path):
    last, this = _files(tmp_path)
    window = make_window(this)
    window.show_form("f1")
    assert LAST_TARGET_KEY not in window.page.indicator_view.tree.keys
    answers.open_file = str(last)
    window.action("link_last_year").trigger()
    assert window.doc.project.last_year == "../2025/培训.jixiao"

    view = window.page.indicator_view
    tree = view.tree
    ind = window.doc.form("f1").find_level2("产出指标", "数量指标").indicators[0]
    assert tree.index_for(ind.uid, LAST_TARGET_KEY).data() == "≥300人次"
    assert tree.index_for(ind.uid, LAST_ACTUAL_KEY).data() == "326人次"
    header = view.header()
    target = header.visualIndex(tree.keys.index("target"))
    assert header.visualIndex(tree.keys.index(LAST_TARGET_KEY)) == target + 1
    assert "last-year-target-below-actual" in codes(window)

    window.doc.undo_stack.undo()  # the link is one undo step
    assert window.doc.project.last_year == ""
    assert LAST_TARGET_KEY not in window.page.indicator_view.tree.keys
    assert "last-year-target-below-actual" not in codes(window)


def test_the_link_is_saved_and_followed_when_reopened(make_window, answers, tmp_path):
    last, this = _files(tmp_path)
    window = make_window(this)
    answers.open_file = str(last)
    window.action("link_last_year").trigger()
    assert window.files.save()
    assert load_project(this).project.last_year == "../2025/培训.jixiao"
    again = make_window(this)
    again.show_form("f1")
    assert LAST_TARGET_KEY in again.page.indicator_view.tree.keys
    ind = again.doc.form("f1").find_level2("产出指标", "数量指标").indicators[0]
    ind_cell = again.page.indicator_view.tree.index_for(ind.uid, "target")
    assert ind_cell.isValid()
    assert CODE_QUANTITY_DROP not in codes(again)  # below last year's actual is said first


def test_a_missing_last_year_file_is_said_and_nothing_breaks(make_window, answers, tmp_path):
    _, this = _files(tmp_path)
    window = make_window(this)
    answers.open_file = str(tmp_path / "nope.jixiao")
    window.action("link_last_year").trigger()
    assert window.doc.project.last_year == ""
    assert "未关联" in window.statusBar().currentMessage()


def test_a_note_on_the_indicator_silences_the_quantity_drop(make_window, answers, tmp_path,
                                                            monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QInputDialog

    last, this = _files(tmp_path)
    project = load_project(this).project
    ind = project.forms[0].find_level2("产出指标", "数量指标").indicators[0]
    ind.target = "≥250人次"
    ind.name = "培训人次"
    save_project(project, this)
    # last year's actual is gone from the comparison when the selfeval is removed
    old = load_project(last).project
    old.forms = old.forms[:1]
    save_project(old, last)
    window = make_window(this)
    answers.open_file = str(last)
    window.action("link_last_year").trigger()
    window.show_form("f1")
    assert CODE_QUANTITY_DROP in codes(window)
    view = window.page.indicator_view
    uid = window.doc.form("f1").find_level2("产出指标", "数量指标").indicators[0].uid
    view.setCurrentIndex(view.tree.index_for(uid, "name"))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("培训改为按班次计", True)))  # fmt: skip
    window.action("last_year_note").trigger()
    assert CODE_QUANTITY_DROP not in codes(window)
    assert window.doc.form("f1").find_level2("产出指标", "数量指标").indicators[0].get("note")
    window.doc.undo_stack.undo()
    assert CODE_QUANTITY_DROP in codes(window)
