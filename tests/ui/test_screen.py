"""A clerk's screen (1366×768): the header and the funds block fit, the layout is remembered,
the problems list follows new findings, counts what it shows and words severities as the CLI."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.cli import SEVERITY_ZH
from desktop.core import operations as ops
from desktop.core.findings import Severity
from desktop.ui.problems import FINDING_ROLE
from tests.ui.conftest import sample

SELFEVAL = "2020-self-evaluation.jixiao"
SCORED = "f3"  # a project self-evaluation with a funds block of four rows


def _at_office_size(make_window, path):
    window = make_window(path)
    window.resize(1366, 738)  # 768 less the title bar
    window.show_form("f1")
    window.work.clear_page()  # lay the page out again at this size
    window.show_form(SCORED)
    return window


def test_header_and_funds_fit_at_1366_by_768(make_window, qtbot, tmp_path):
    path = tmp_path / "s.jixiao"
    path.write_bytes(sample(SELFEVAL).read_bytes())
    window = _at_office_size(make_window, path)
    page = window.page
    qtbot.waitUntil(lambda: page.scroll.viewport().height() > 0)
    qtbot.wait(50)
    assert page.scroll.verticalScrollBar().maximum() == 0  # nothing hidden: no scrolling
    assert page.funds_view.isVisible()
    assert page.indicator_view.height() >= 120  # and the indicators keep room to work


def test_the_layout_is_remembered(make_window, qtbot, tmp_path):
    path = tmp_path / "s.jixiao"
    path.write_bytes(sample(SELFEVAL).read_bytes())
    first = _at_office_size(make_window, path)
    first.resizeDocks([first.problems_dock], [260], Qt.Orientation.Vertical)
    first.page.splitter.setSizes([150, 400])
    first.page._on_split_moved()
    first.work.setSizes([180, 1186])
    qtbot.wait(50)
    sizes = (first.page.splitter.sizes()[0], first.problems_dock.height(), first.work.sizes()[0])
    first.close()
    second = make_window(path)
    second.show_form(SCORED)
    qtbot.wait(50)
    assert abs(second.page.splitter.sizes()[0] - sizes[0]) <= 2
    assert abs(second.problems_dock.height() - sizes[1]) <= 2
    assert abs(second.work.sizes()[0] - sizes[2]) <= 2


def test_problems_count_what_they_show_in_the_clis_words(window):
    panel = window.problems
    window.show_form("f3")
    panel.only_current.setChecked(True)
    findings = window.doc.findings("f3")
    errors = sum(f.severity is Severity.ERROR for f in findings)
    notes = len(findings) - errors
    assert panel.summary.text() == f"本表 {errors} 个错误，{notes} 个提示"
    panel.only_current.setChecked(False)
    everything = window.doc.findings()
    errors = sum(f.severity is Severity.ERROR for f in everything)
    assert panel.summary.text() == f"共 {errors} 个错误，{len(everything) - errors} 个提示"
    words = {panel.view.model().index(r, 0).data() for r in range(panel.view.model().rowCount())}
    assert words <= set(SEVERITY_ZH.values()) and "警告" not in words


def test_the_problems_list_follows_a_new_finding(make_window, qtbot):
    window = make_window(sample(SELFEVAL))
    panel = window.problems
    panel.view.setFixedHeight(120)  # a few rows: the new one is out of sight unless followed
    panel.view.scrollToTop()
    last = window.doc.project.forms[-1]
    ind = next(ind for _, _, ind in last.iter_indicators())
    before = {id(f) for f in window.doc.findings(last.id)}
    window.doc.apply(ops.set_indicator_cell_edit(last.id, ind.uid, "target", "5"), "指标值")
    new = [f for f in window.doc.findings(last.id) if id(f) not in before and f.uid == ind.uid]
    assert new
    proxy = panel.view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(FINDING_ROLE) == new[0])
    rect = panel.view.visualRect(proxy.index(row, 0))
    assert panel.view.viewport().rect().intersects(rect)
