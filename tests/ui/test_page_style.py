"""A form page shows its findings in colour without a style sheet over the page.

A style sheet on the page made Qt build, lay out and paint every widget of it (the indicator
tree included) through its slower style-sheet style: a quarter of the time to show a form
(issue 12). Fields, the form's notice and the score summary are coloured on their own."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from desktop.core import operations as ops
from desktop.ui.marks import ERROR_BACKGROUND, WARNING_BACKGROUND
from tests.ui.conftest import sample
from tests.ui.test_editing import PROJECT_FORM

BASE = QPalette.ColorRole.Base
WINDOW = QPalette.ColorRole.Window


def _sheets(page) -> list[str]:
    widgets = [page, *page.findChildren(QWidget)]
    return [w.objectName() or type(w).__name__ for w in widgets if w.styleSheet()]


def test_no_style_sheet_over_the_page(window):
    window.show_form(PROJECT_FORM)
    assert _sheets(window.page) == []


def test_a_field_with_a_finding_is_coloured_and_loses_it_when_fixed(window, qtbot):
    window.show_form(PROJECT_FORM)
    editor = window.page.fields["year"].widget
    plain = editor.parentWidget().palette().color(BASE)
    assert editor.palette().color(BASE) == plain
    window.doc.apply(ops.SetHeader(PROJECT_FORM, "year", "20"), "年度")
    assert editor.property("severity") == "error"
    assert editor.palette().color(BASE) == ERROR_BACKGROUND
    window.doc.apply(ops.SetHeader(PROJECT_FORM, "year", "2026"), "年度")
    assert editor.property("severity") == ""
    assert editor.palette().color(BASE) == plain  # the parent's colour again


def test_the_forms_notice_and_score_summary_are_coloured(make_window):
    window = make_window(sample("2020-self-evaluation.jixiao"))
    window.show_form("f3")  # 执行率偏差原因 missing: a warning field; a score summary
    page = window.page
    assert page.fields["execution_note"].widget.palette().color(BASE) == WARNING_BACKGROUND
    summary = page.score_summary
    assert summary.isVisibleTo(page) and summary.property("complete") == "false"
    assert _sheets(page) == ["scoreSummary"]  # its own, rounded: a label of its own
    window = make_window(sample("2024-project-declarations.jixiao"))
    window.show_form("f4")  # costs that do not add up to the funds: an error notice
    notice = window.page.notice
    assert notice.isVisibleTo(window.page) and notice.property("severity") == "error"
    assert notice.autoFillBackground() and notice.palette().color(WINDOW) == ERROR_BACKGROUND
