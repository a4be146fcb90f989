"""Printed self-evaluations: the computed cells (执行率, 得分, 总分) as scoring shows them, the
rate explanation only when there is one, and the report followed by its attached tables."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from desktop.core.fingerprint import form_fingerprint
from desktop.core.kinds import Family, KindRegistry, PrintHints
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.printing import printable_forms, render_pdf_bytes
from desktop.core.resources import samples_dir
from desktop.core.scoring import score_form
from desktop.core.storage import load_project

WHEN = datetime.datetime(2025, 3, 14, 9, 26)
FOOTER = re.compile(r"(附件\d+)?第(\d+)页共(\d+)页指纹([0-9a-f-]{14})")


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pages_of(data: bytes) -> list[str]:
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def footers(pages: list[str]) -> list[tuple[str, int, int, str]]:
    """(附件N or "", page, of pages, fingerprint) of each page."""
    out = []
    for page in pages:
        m = FOOTER.search(page)
        assert m is not None, page[-200:]
        out.append((m.group(1) or "", int(m.group(2)), int(m.group(3)), m.group(4)))
    return out


def body(pages: list[str]) -> str:
    return "".join(FOOTER.split(p)[0] for p in pages)


def printed(project: Project, registry: KindRegistry, ids: list[str] | None = None) -> list[str]:
    return pages_of(render_pdf_bytes(project, registry, ids, printed_at=WHEN))


@pytest.fixture(scope="module")
def sample() -> Project:
    return load_project(samples_dir() / "2020-self-evaluation.jixiao").project


@pytest.fixture(scope="module")
def sample_pages(sample: Project, registry: KindRegistry) -> list[str]:
    return printed(sample, registry)


def form_pages(project: Project, pages: list[str], form_id: str) -> list[str]:
    mark = form_fingerprint(project.form(form_id))
    return [p for p, f in zip(pages, footers(pages), strict=True) if f[3] == mark]


def ind(name: str, target: str, actual: str, weight: str, **extra: str) -> Indicator:
    return Indicator(name=name, target=target, actual=actual, weight=weight, extra=extra)


def scored_form(**header: str) -> Form:
    """A project self-evaluation with every score there, worked by hand:
    执行率 114 ÷ 120 = 95.00% → 10 × 0.95 = 9.5; 养护里程 30 × 80 ÷ 100 = 24.0;
    每公里成本 (≤) 20 × 2 ÷ 2.5 = 16.0; 通行条件改善 judged 27 → 27.0;
    群众满意度 10 × 85 ÷ 90 = 9.44 → 9.4; 总分 9.5 + 24.0 + 16.0 + 27.0 + 9.4 = 85.9."""
    return Form(
        id="s1",
        kind="project-selfeval",
        header={"year": "2025", "project_name": "乡村道路养护", **header},
        funds={
            "total": {
                "initial_budget": "100",
                "adjusted_budget": "120",
                "executed": "114",
                "weight": "10",
            }
        },
        indicators=[
            Level1(
                name="产出指标",
                children=[
                    Level2(
                        name="数量指标", indicators=[ind("养护里程", "≥100公里", "80公里", "30")]
                    ),
                    Level2(
                        name="成本指标", indicators=[ind("每公里成本", "≤2万元", "2.5万元", "20")]
                    ),
                ],
            ),
            Level1(
                name="效益指标",
                children=[
                    Level2(
                        name="社会效益指标",
                        indicators=[
                            ind("通行条件改善", "明显改善", "较好", "30", band="达成", score="27")
                        ],
                    )
                ],
            ),
            Level1(
                name="满意度指标",
                children=[
                    Level2(
                        name="服务对象满意度指标",
                        indicators=[ind("群众满意度", "≥90%", "85%", "10")],
                    )
                ],
            ),
        ],
    )


# --- the computed cells ------------------------------------------------------------------------


def test_a_complete_form_prints_every_score_and_the_totals(registry: KindRegistry) -> None:
    form = scored_form()
    text = body(printed(Project(forms=[form]), registry))
    assert "年度资金总额100120114" + "10" + "95.00%" + "9.5" in text
    assert "养护里程≥100公里80公里" + "30" + "24.0" in text
    assert "每公里成本≤2万元2.5万元" + "20" + "16.0" in text
    assert "通行条件改善明显改善较好" + "30" + "27.0" in text
    assert "群众满意度≥90%85%" + "10" + "9.4" in text
    assert "总分" + "100" + "85.9" in text
    scores = score_form(form, registry["project-selfeval"])
    assert scores.total_text == "85.9" and scores.grade == "良"
    assert "良" not in text  # the official form has no cell for the grade


def test_the_sample_prints_what_jixiao_score_shows(
    sample: Project, sample_pages: list[str], registry: KindRegistry
) -> None:
    patrol = body(form_pages(sample, sample_pages, "f4"))  # 打私巡查专项经费
    assert "年度资金总额232317.991078.22%7.8" in patrol
    campaign = body(form_pages(sample, sample_pages, "f3"))  # 打私专项整治经费
    assert "年度资金总额59.759.7510100.00%10.0" in campaign
    assert "指标5：实测专项经费0.50.331.8" in campaign  # 3 × 0.3 ÷ 0.5
    assert "指标3：封堵井口、断道费2.57.231.0" in campaign  # ≤: 3 × 2.5 ÷ 7.2 = 1.04
    for form_id in ("f3", "f4", "f5"):
        form = sample.form(form_id)
        scores = score_form(form, registry[form.kind])
        text = body(form_pages(sample, sample_pages, form_id))
        for row in scores.rows:
            if row.score is not None:
                ind = next(i for _, _, i in form.iter_indicators() if i.uid == row.uid)
                cells = (ind.name, ind.target, ind.actual, ind.weight, scores.score_text(row.uid))
                assert squash("".join(cells)) in text, (form_id, row.name)
        # Not every row has a score yet: the 总分 cell stays blank, the weights add up.
        assert not scores.complete
        assert re.search(r"总分100(?![\d.])", text), form_id


def test_scores_print_only_where_scoring_has_them(registry: KindRegistry) -> None:
    form = scored_form()
    form.indicators[0].children[0].indicators[0].actual = ""  # 养护里程: no score yet
    form.indicators[2].children[0].indicators[0].weight = ""  # 群众满意度: no weight
    text = body(printed(Project(forms=[form]), registry))
    assert "养护里程≥100公里" + "30" + "成本指标" in text  # no actual value: no 得分
    assert "每公里成本≤2万元2.5万元2016.0" in text
    # No weight, no score; and neither a weights total with a gap in it, nor a total of the
    # scores found so far.
    assert "群众满意度≥90%85%" + "总分" + "绩效指标" in text
    assert "95.00%9.5" in text  # the execution rate does not depend on the indicators


def test_unscored_kinds_keep_their_cells_as_typed(sample: Project, sample_pages: list[str]) -> None:
    department = body(form_pages(sample, sample_pages, "f2"))  # no 分值 / 得分 columns
    assert "总分" not in department
    assert "年度资金总额194.27194.80" in department


def test_hostile_weights_and_values_still_print(registry: KindRegistry) -> None:
    form = scored_form()
    first = form.indicators[0].children[0].indicators[0]
    first.weight, first.actual = "<b>30</b>", "9" * 80
    form.funds["total"]["executed"] = "1e999"
    form.funds["total"]["weight"] = "&amp;"
    text = body(printed(Project(forms=[form]), registry))
    assert "<b>30</b>" in text and "&amp;" in text and "9" * 80 in text


# --- the rate explanation ------------------------------------------------------------------------


def test_the_rate_explanation_prints_under_the_funds_only_when_filled(
    registry: KindRegistry,
) -> None:
    filled = body(
        printed(Project(forms=[scored_form(execution_note="部分工程款待结算")]), registry)
    )
    assert "执行率偏差原因部分工程款待结算" in filled
    assert filled.index("其他资金") < filled.index("执行率偏差原因") < filled.index("年度总体目标")
    for blank in ("", "  \n "):
        text = body(printed(Project(forms=[scored_form(execution_note=blank)]), registry))
        assert "执行率偏差原因" not in text


# --- the report and its attachments ------------------------------------------------------------


def test_the_report_prints_followed_by_its_tables_numbered_in_order(
    sample: Project, sample_pages: list[str], registry: KindRegistry
) -> None:
    marks = footers(sample_pages)
    starts = [i for i, m in enumerate(marks) if m[1] == 1]
    assert [marks[i][0] for i in starts] == ["", "附件1", "附件2", "附件3", "附件4"]
    assert [marks[i][3] for i in starts] == [form_fingerprint(f) for f in sample.forms]
    assert sample_pages[0].startswith("部门预算整体绩效自评报告")
    titles = ["部门预算整体绩效自评表"] + ["项目（政策）支出绩效自评表"] * 3
    for n, (i, title) in enumerate(zip(starts[1:], titles, strict=True), 1):
        assert sample_pages[i].startswith(f"附件{n}{title}(2020年度)")
    for i, (attachment, page, pages, _) in enumerate(marks):
        # Each table keeps its own numbering; every page of an attachment says which it is.
        start = max(s for s in starts if s <= i)
        assert page == i - start + 1 and pages == marks[start][2]
        assert attachment == marks[start][0]
    assert printable_forms(sample, registry) == [(f, registry[f.kind]) for f in sample.forms]


def test_each_attached_form_prints_once(sample: Project, registry: KindRegistry) -> None:
    reordered = Project(forms=[*sample.forms[3:], sample.forms[0], *sample.forms[1:3]])
    pages = printed(reordered, registry)
    starts = [m for m in footers(pages) if m[1] == 1]
    assert len(starts) == len(sample.forms)
    # The report first, wherever it is in the file; its tables in project order.
    order = ["f1", "f4", "f5", "f2", "f3"]
    assert [m[3] for m in starts] == [form_fingerprint(sample.form(i)) for i in order]
    assert [m[0] for m in starts] == ["", "附件1", "附件2", "附件3", "附件4"]


def test_choosing_the_report_prints_its_tables(
    sample: Project, sample_pages: list[str], registry: KindRegistry
) -> None:
    assert printed(sample, registry, ["f1"]) == sample_pages
    assert printed(sample, registry, ["f3", "f1", "f5"]) == sample_pages
    ids = [f.id for f, _ in printable_forms(sample, registry, ["f4", "f1"])]
    assert ids == ["f1", "f2", "f3", "f4", "f5"]


def test_a_table_chosen_alone_prints_on_its_own(sample: Project, registry: KindRegistry) -> None:
    pages = printed(sample, registry, ["f4"])
    assert pages[0].startswith("项目（政策）支出绩效自评表(2020年度)项目名称打私巡查专项经费")
    assert all(m[0] == "" for m in footers(pages))
    assert "附件" not in body(pages)


def test_forms_of_other_families_are_not_attached(sample: Project, registry: KindRegistry) -> None:
    target = Form(id="t1", kind="project-target-national", header={"project_name": "道路养护"})
    project = Project(forms=[sample.form("f1"), target])
    assert [f.id for f, _ in printable_forms(project, registry, ["f1"])] == ["f1"]
    pages = printed(project, registry)
    assert [m[0] for m in footers(pages) if m[1] == 1] == ["", ""]
    assert not any(p.startswith("附件") for p in pages)


def test_the_report_kind_names_the_families_it_attaches(registry: KindRegistry) -> None:
    report = registry["selfeval-report"]
    assert report.print.attach_families == (Family.DEPARTMENT_SELFEVAL, Family.PROJECT_SELFEVAL)
    with pytest.raises(ValidationError):
        PrintHints(attach_families=("no-such-family",))
