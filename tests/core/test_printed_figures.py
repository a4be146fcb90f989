"""Figures as printed (issue 14, part 6) from the edits' side, the importer's and the printer's.

A clerk transcribing a paper self-evaluation types the paper's own 得分, 执行率 and 总分 beside
the computed ones; an imported paper brings them in; the printed form shows the computed ones.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.core import operations as ops
from desktop.core.checks import check_form
from desktop.core.exporting.xlsx import export_xlsx
from desktop.core.importing import import_files
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Project
from desktop.core.printing import render_pdf
from desktop.core.scoring import (
    PRINTED,
    PRINTED_RATE,
    PRINTED_TOTAL,
    holds_printed,
    score_form,
)
from desktop.core.storage import load_project, save_project
from tests.core.test_printing_render import body, pages_of
from tests.core.test_scoring import form_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def paper_form() -> Form:
    """A complete self-evaluation: 45.0 + 36.0 + execution 8.0 (80.00 % of 10) = 89.0."""
    met = Indicator(name="培训人次", target="≥30人次", actual="30", weight="45")
    short = Indicator(name="课程数", target="≥10门", actual="8", weight="45",
                      deviation="两门课程因场地调整顺延")  # fmt: skip
    funds = {"total": {"adjusted_budget": "100", "executed": "80", "weight": "10"}}
    header = {"year": "2025", "project_name": "职业技能培训", "execution_note": "部分课程顺延"}
    return form_of([("产出指标", "数量指标", met), ("产出指标", "数量指标", short)],
                   funds=funds, header=header)  # fmt: skip


def differs(project: Project, registry: KindRegistry) -> list[tuple[str, str, str]]:
    form = project.forms[0]
    return [(f.section.value, f.key, f.uid) for f in check_form(form, registry)
            if f.code == "printed-differs"]  # fmt: skip


@pytest.fixture
def project() -> Project:
    project = Project()
    project.forms.append(paper_form())
    return project


def test_the_paper_form_scores_in_full(project: Project, registry: KindRegistry) -> None:
    fs = score_form(project.forms[0], registry["project-selfeval"])
    assert (fs.total_text, fs.rate_text, fs.execution_score_text) == ("89.0", "80.00%", "8.0")


# --- typing them: each is one edit, undone without a trace ----------------------------------


def test_a_printed_score_typed_and_undone(project: Project, registry: KindRegistry) -> None:
    form = project.forms[0]
    short = form.indicators[0].children[0].indicators[1]
    edit = ops.set_indicator_cell_edit(form.id, short.uid, PRINTED, "40")
    changes = edit.do(project)
    assert changes.cells == frozenset({(short.uid, PRINTED)})
    assert short.extra[PRINTED] == "40"
    assert differs(project, registry) == [("indicator", PRINTED, short.uid)]
    assert holds_printed(form, registry["project-selfeval"])
    edit.undo(project)
    assert PRINTED not in short.extra and differs(project, registry) == []
    assert not holds_printed(form, registry["project-selfeval"])


def test_a_printed_score_that_agrees_is_kept_quietly(project: Project, registry) -> None:
    short = project.forms[0].indicators[0].children[0].indicators[1]
    ops.set_indicator_cell_edit(project.forms[0].id, short.uid, PRINTED, "36").do(project)
    assert short.extra[PRINTED] == "36" and differs(project, registry) == []


def test_printed_rate_score_and_total_typed_and_undone(project: Project, registry,
                                                       tmp_path: Path) -> None:  # fmt: skip
    form = project.forms[0]
    before = form.model_dump()
    edit = ops.Batch([
        ops.SetFundsCell(form.id, "total", PRINTED_RATE, "85%"),
        ops.SetFundsCell(form.id, "total", PRINTED, "8.5"),
        ops.SetHeader(form.id, PRINTED_TOTAL, "93"),
    ])  # fmt: skip
    changes = edit.do(project)
    assert changes.funds == frozenset({("total", PRINTED_RATE), ("total", PRINTED)})
    assert changes.header == frozenset({PRINTED_TOTAL})
    assert sorted(differs(project, registry)) == sorted([
        ("funds", f"total.{PRINTED}", ""),
        ("funds", f"total.{PRINTED_RATE}", ""),
        ("header", PRINTED_TOTAL, ""),
    ])  # fmt: skip
    save_project(project, tmp_path / "p.jixiao")  # saved and opened again: still there
    again = load_project(tmp_path / "p.jixiao").project
    assert again.forms[0].header[PRINTED_TOTAL] == "93"
    assert again.forms[0].funds["total"][PRINTED_RATE] == "85%"
    edit.undo(project)
    assert form.model_dump() == before and differs(project, registry) == []


def test_clearing_a_printed_figure_removes_it_and_its_finding(project, registry) -> None:
    form = project.forms[0]
    ops.SetHeader(form.id, PRINTED_TOTAL, "93").do(project)
    assert differs(project, registry) == [("header", PRINTED_TOTAL, "")]
    ops.SetHeader(form.id, PRINTED_TOTAL, "").do(project)
    assert PRINTED_TOTAL not in form.header and differs(project, registry) == []


# --- importing a paper: its score, rate and total land in the printed fields -----------------


def _set(path: Path, old: str, new: str) -> None:
    book = load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if str(c.value or "").strip() == old]  # fmt: skip
    assert len(cells) == 1, (old, [c.coordinate for c in cells])
    cells[0].value = new
    book.save(path)


def test_an_imported_papers_figures_are_kept_as_printed(project, registry, tmp_path) -> None:
    paper = tmp_path / "paper.xlsx"
    export_xlsx(project, registry, paper)  # the paper prints 45.0, 36.0, 80.00 %, 8.0, 89.0
    _set(paper, "36.0", "40")  # the paper's own mistakes
    _set(paper, "80.00%", "85%")
    _set(paper, "89.0", "93")
    result = import_files([paper], registry)
    assert result.unplaced == []
    form = result.forms[0].form
    met, short = form.indicators[0].children[0].indicators
    assert (met.extra[PRINTED], short.extra[PRINTED]) == ("45.0", "40")
    assert form.funds["total"][PRINTED_RATE] == "85%"
    assert form.funds["total"][PRINTED] == "8.0"
    assert form.header[PRINTED_TOTAL] == "93"
    # the computed figures stay the rule's, and each paper mistake is a finding
    fs = score_form(form, registry["project-selfeval"])
    assert (fs.total_text, fs.rate_text) == ("89.0", "80.00%")
    found = [(f.section.value, f.key, f.uid) for f in fs.findings if f.code == "printed-differs"]
    assert sorted(found) == [("funds", f"total.{PRINTED_RATE}", ""),
                             ("header", PRINTED_TOTAL, ""),
                             ("indicator", PRINTED, short.uid)]  # fmt: skip
    labels = {c.target for c in result.forms[0].columns}
    assert "纸面得分（另按规则计算）" in labels  # the preview says where the column went


def test_a_bureau_paper_without_scores_brings_no_printed_figures(registry) -> None:
    result = import_files([FIXTURES / "2020-self-evaluation-tables.xlsx"], registry)
    scored = [f.form for f in result.forms if f.kind.scoring]
    assert scored and not any(holds_printed(f, registry[f.kind]) for f in scored)


# --- printing: the computed figures print, the printed ones never replace them ---------------


def test_printed_figures_do_not_print(project: Project, registry: KindRegistry) -> None:
    """The official paper has one 得分, one 执行率 and one 总分 per place: the rule's. The
    figures as printed are the clerk's record of someone else's paper and are not printed."""
    form = project.forms[0]
    met = form.indicators[0].children[0].indicators[0]
    met.extra[PRINTED] = "77.7"
    form.funds["total"] |= {PRINTED: "6.6", PRINTED_RATE: "55.5%"}
    form.header[PRINTED_TOTAL] = "99.9"
    buf = io.BytesIO()
    render_pdf(project, registry, buf)
    text = body(pages_of(buf.getvalue()))
    for computed in ("45.0", "36.0", "80.00%", "8.0", "89.0"):
        assert computed in text, computed
    for printed in ("77.7", "6.6", "55.5", "99.9"):
        assert printed not in text, printed


def test_printed_figures_are_not_exported(project: Project, registry, tmp_path) -> None:
    form = project.forms[0]
    form.indicators[0].children[0].indicators[0].extra[PRINTED] = "77.7"
    form.header[PRINTED_TOTAL] = "99.9"
    out = tmp_path / "out.xlsx"
    export_xlsx(project, registry, out)
    texts = {str(c.value) for ws in load_workbook(out).worksheets for row in ws.iter_rows()
             for c in row if c.value is not None}  # fmt: skip
    assert {"45.0", "89.0"} <= texts and not {"77.7", "99.9"} & texts


def test_findings_name_the_printed_places_in_words(project: Project, registry) -> None:
    form = project.forms[0]
    short = form.indicators[0].children[0].indicators[1]
    short.extra[PRINTED] = "40"
    form.funds["total"][PRINTED_RATE] = "85%"
    form.header[PRINTED_TOTAL] = "93"
    where = sorted(f.where for f in check_form(form, registry) if f.code == "printed-differs")
    assert where == ["产出指标 / 数量指标 / 课程数 / 纸面得分", "纸面总分",
                     "项目资金（万元） / 年度资金总额 / 纸面执行率"]  # fmt: skip
