"""Figures as printed in the editor: 视图 > 显示纸面数字, the 纸面得分 column, the funds block's
纸面执行率 / 纸面得分 and the 纸面总分 field; typed, checked, revealed, undone, saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.model import Project
from desktop.core.scoring import PRINTED, PRINTED_RATE, PRINTED_TOTAL
from desktop.core.storage import save_project
from desktop.ui import printed
from desktop.ui.problems import FINDING_ROLE
from tests.core.test_printed_figures import paper_form
from tests.ui.test_editing import cell, type_into, type_text


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    project = Project(title="纸面")
    project.forms.append(paper_form())
    path = tmp_path / "paper.jixiao"
    save_project(project, path)
    return path


def short_row(window):
    return window.doc.form("f1").indicators[0].children[0].indicators[1]


def differs(window) -> list:
    model = window.problems.view.model()
    rows = [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]
    return [f for f in rows if f.code == "printed-differs"]


def click_problem(window, qtbot, finding) -> None:
    model = window.problems.view.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(FINDING_ROLE) is finding)  # fmt: skip
    rect = window.problems.view.visualRect(model.index(row, 3))
    qtbot.mouseClick(window.problems.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_hidden_until_asked_for_and_the_choice_is_remembered(make_window, paper) -> None:
    window = make_window(paper)
    page, view = window.page, window.page.indicator_view
    assert not window.action("show_printed").isChecked()
    assert not page.printed_shown() and not page.fields[PRINTED_TOTAL].widget.isVisible()
    window.action("show_printed").trigger()
    assert page.printed_shown() and page.fields[PRINTED_TOTAL].widget.isVisible()
    keys = [view.tree.column_key(view.header().logicalIndex(v))
            for v in range(view.header().count())]  # fmt: skip
    assert keys[keys.index("score") + 1] == PRINTED  # just after the computed 得分
    funds = page.funds_view.model()
    shown = [c.label for i, c in enumerate(funds.spec.columns)
             if not page.funds_view.isColumnHidden(i)]  # fmt: skip
    assert shown[-4:] == ["执行率", "纸面执行率", "得分", "纸面得分"]
    assert printed.shown_by_user()
    again = make_window(paper)  # a new window (and a new run) starts with it on
    assert again.action("show_printed").isChecked() and again.page.printed_shown()


def test_typing_a_printed_score_raises_the_finding_on_its_cell(make_window, paper, qtbot):
    window = make_window(paper)
    window.action("show_printed").trigger()
    view = window.page.indicator_view
    short = short_row(window)
    type_into(qtbot, view, cell(window, short.uid, PRINTED), "40")
    assert short.extra[PRINTED] == "40"
    assert window.doc.undo_stack.undoText() == "修改纸面得分：40"
    (finding,) = differs(window)
    assert (finding.uid, finding.key) == (short.uid, PRINTED)
    assert "以计算值为准" in finding.message and "36.0" in finding.message
    assert view.tree.findings_at(cell(window, short.uid, PRINTED)) == [finding]

    view.setCurrentIndex(cell(window, short.uid, "name"))
    click_problem(window, qtbot, finding)
    current = view.currentIndex()
    assert view.tree.node(current).uid == short.uid
    assert view.tree.column_key(current.column()) == PRINTED

    window.doc.undo_stack.undo()  # one step: the value and its finding go
    assert PRINTED not in short.extra and differs(window) == []
    window.doc.undo_stack.redo()
    assert len(differs(window)) == 1
    type_into(qtbot, view, cell(window, short.uid, PRINTED), "36")  # agrees: no finding
    assert differs(window) == []
    view.setCurrentIndex(cell(window, short.uid, PRINTED))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # cleared: the key goes from the file too
    assert PRINTED not in short.extra


def test_printed_rate_and_total_are_typed_revealed_and_saved(make_window, paper, qtbot, answers):
    window = make_window(paper)
    window.action("show_printed").trigger()
    page = window.page
    funds = page.funds_view
    rate = funds.model().index_for_key(f"total.{PRINTED_RATE}")
    type_into(qtbot, funds, rate, "85%")
    total = page.fields[PRINTED_TOTAL].widget
    total.setFocus()
    type_text(total, "93")
    assert window.doc.form("f1").funds["total"][PRINTED_RATE] == "85%"
    assert window.doc.form("f1").header[PRINTED_TOTAL] == "93"
    found = {f.key: f for f in differs(window)}
    assert set(found) == {f"total.{PRINTED_RATE}", PRINTED_TOTAL}
    click_problem(window, qtbot, found[f"total.{PRINTED_RATE}"])
    assert funds.currentIndex() == rate and QApplication.focusWidget() is funds
    click_problem(window, qtbot, found[PRINTED_TOTAL])
    assert QApplication.focusWidget() is total
    assert total.property("severity") == "warning"

    window.files.save()
    assert not window.doc.is_modified()
    window.action("show_printed").trigger()  # off: the figures it holds still show
    reopened = make_window(paper)
    assert not reopened.action("show_printed").isChecked()
    form = reopened.doc.form("f1")
    assert form.header[PRINTED_TOTAL] == "93" and form.funds["total"][PRINTED_RATE] == "85%"
    assert reopened.page.printed_shown()  # shown because the form holds printed figures
    assert reopened.page.fields[PRINTED_TOTAL].widget.text() == "93"
    assert len(differs(reopened)) == 2


def test_a_saved_printed_score_reopens_with_its_column_and_finding(make_window, paper, qtbot):
    window = make_window(paper)
    window.action("show_printed").trigger()
    short = short_row(window)
    type_into(qtbot, window.page.indicator_view, cell(window, short.uid, PRINTED), "40")
    window.files.save()
    window.action("show_printed").trigger()  # the user turns the view off again
    window.close()
    reopened = make_window(paper)
    short = short_row(reopened)
    assert short.extra[PRINTED] == "40" and reopened.page.printed_shown()
    (finding,) = differs(reopened)
    reopened.reveal(finding)
    view = reopened.page.indicator_view
    assert view.tree.column_key(view.currentIndex().column()) == PRINTED


def test_tab_skips_the_hidden_column(make_window, paper, qtbot):
    window = make_window(paper)
    view = window.page.indicator_view
    short = short_row(window)
    editor = type_into(qtbot, view, cell(window, short.uid, "weight"), "45", Qt.Key.Key_Tab)
    assert editor is not None
    assert view.tree.column_key(view.currentIndex().column()) != PRINTED
    assert not view.printed_shown()


def test_target_forms_have_no_printed_column(window) -> None:
    window.action("show_printed").trigger()
    form_id = next(f.id for f in window.doc.project.forms
                   if not window.doc.kind(f).scoring)  # fmt: skip
    window.show_form(form_id)
    assert PRINTED not in window.page.indicator_view.tree.keys
    assert PRINTED_TOTAL not in window.page.fields
