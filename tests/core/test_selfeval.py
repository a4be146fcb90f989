"""Generating a self-evaluation from a target form: from each target layout of the samples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.checks import check_form
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Project
from desktop.core.operations import blank_form, delete_form, insert_form
from desktop.core.scoring import score_form
from desktop.core.selfeval import SelfEvalError, make_selfeval, selfeval_for
from desktop.core.storage import dumps, load_project, save_project


def sample(sample_paths: list[Path], prefix: str) -> Project:
    return load_project(next(p for p in sample_paths if p.name.startswith(prefix))).project


def tree(form: Form) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """level-1 → level-2 → (name, target, weight) rows."""
    return {
        l1.name: {
            l2.name: [(i.name, i.target, i.weight) for i in l2.indicators] for l2 in l1.children
        }
        for l1 in form.indicators
    }


def weight_sums(form: Form) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for l1, _, ind in form.iter_indicators():
        if ind.weight:
            sums[l1.name] = sums.get(l1.name, Decimal(0)) + Decimal(ind.weight)
    return sums


def test_from_a_2026_project_target(registry: KindRegistry, sample_paths: list[Path]) -> None:
    project = sample(sample_paths, "2026")
    form = selfeval_for(project, "f2", registry)
    assert form.kind == "project-selfeval" and form.id == project.new_form_id()
    assert form.header == {
        "year": "2026",
        "project_name": "信息化运维项目保障",
        "department": "银川市矿产资源管理所",
        "implementing_unit": "银川市矿产资源管理所本级",
        "objective_expected": project.form("f2").header["objective"],
    }
    # 项目年度金额 30000 元 → 3 万元; the execution weight is the national 10.
    assert form.funds == {"total": {"initial_budget": "3", "adjusted_budget": "3", "weight": "10"}}
    got = tree(form)
    assert list(got["效益指标"]) == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    assert got["效益指标"]["生态效益指标"] == []  # its 无 / 无 row is not a target
    assert got["满意度指标"] == {"服务对象满意度指标": [("工作人员满意度", "100%", "10")]}
    assert got["产出指标"]["数量指标"] == [("系统运维次数", "全年≥10次", "12.5")]
    assert weight_sums(form) == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert all(not i.actual and not i.extra for _, _, i in form.iter_indicators())


def test_from_each_2026_project_the_amount_converts(
    registry: KindRegistry, sample_paths: list[Path]
) -> None:
    project = sample(sample_paths, "2026")
    budgets = [
        selfeval_for(project, f.id, registry).funds["total"]["adjusted_budget"]
        for f in project.forms
        if f.kind == "project-target-2026"
    ]
    assert budgets == ["3", "13.5", "6.3", "4.08"]


def test_from_a_2024_declaration(registry: KindRegistry, sample_paths: list[Path]) -> None:
    project = sample(sample_paths, "2024")
    form = selfeval_for(project, "f1", registry)
    assert form.kind == "project-selfeval"
    assert form.header["project_name"] == "市政府办公室工作经费"
    assert "department" not in form.header  # 主管部门及代码 was left blank
    assert form.funds == {
        "total": {"initial_budget": "150", "adjusted_budget": "150", "weight": "10"},
        "appropriation": {"initial_budget": "150", "adjusted_budget": "150"},
        "other": {"initial_budget": "0", "adjusted_budget": "0"},
    }
    assert weight_sums(form) == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    output = [i.weight for l1, _, i in form.iter_indicators() if l1.name == "产出指标"]
    assert output == ["2.1"] * 20 + ["2"] * 4  # 50 over 24 in tenths, first rows take the rest
    fs = score_form(form, registry["project-selfeval"])
    assert fs.weights_total == 100
    assert {x.code for x in fs.findings} == {"actual-missing", "exec-funds-missing"}


def test_from_the_national_layout(registry: KindRegistry) -> None:
    source = blank_form(registry["project-target-national"], "f1", 2025)
    source.header.update(project_name="示例项目", department="某局", objective="完成任务")
    source.funds = {"total": {"amount": "80"}}
    rows = {
        ("产出指标", "数量指标"): [("培训次数", "≥4次"), ("印发手册", "≥500册")],
        ("成本指标", "经济成本指标"): [("培训费", "≤8万元")],
        ("效益指标", "社会效益指标"): [("业务水平", "有效提升")],
        ("满意度指标", "服务对象满意度指标"): [("参训人员满意度", "≥90%")],
    }
    for (l1, l2), items in rows.items():
        place = source.find_level2(l1, l2)
        place.indicators = [Indicator(name=n, target=t) for n, t in items]
    form = make_selfeval(
        source, registry["project-target-national"], registry["project-selfeval"], "f2"
    )
    got = tree(form)
    assert got["成本指标"]["经济成本指标"] == [("培训费", "≤8万元", "16.6")]
    assert got["产出指标"]["数量指标"] == [
        ("培训次数", "≥4次", "16.7"),
        ("印发手册", "≥500册", "16.7"),
    ]
    assert weight_sums(form) == {
        "产出指标": Decimal("33.4"),
        "成本指标": Decimal("16.6"),
        "效益指标": 30,
        "满意度指标": 10,
    }
    assert form.funds["total"]["adjusted_budget"] == "80"
    codes = {x.code for x in check_form(form, registry)}
    assert "category-unknown" not in codes and "weights-total" not in codes


def test_from_a_2022_department_form(registry: KindRegistry, sample_paths: list[Path]) -> None:
    project = sample(sample_paths, "2022")
    form = selfeval_for(project, "f1", registry)
    assert form.kind == "department-selfeval"
    assert form.header["project_name"] == form.header["budget_unit"] == "新疆巴州自然资源局"
    assert form.header["objective_set"] == project.forms[0].header["objective"]
    # The task table's amounts, summed: 1011.11 + 81.58 + 176.45 + 125 + 13.6.
    assert form.funds == {
        "total": {"adjusted_budget": "1407.74"},
        "appropriation": {"adjusted_budget": "1407.74"},
    }
    got = tree(form)
    assert list(got) == ["项目完成", "效益指标", "满意度指标"]  # 产出指标 is 项目完成 here
    assert len(got["项目完成"]["成本指标"]) == 8
    assert got["满意度指标"]["满意度指标"][0] == ("使用人员满意度", ">=90%", "")
    assert not any(x.code == "category-unknown" for x in check_form(form, registry))


def test_from_a_2026_department_form(registry: KindRegistry, sample_paths: list[Path]) -> None:
    project = sample(sample_paths, "2026")
    form = selfeval_for(project, "f1", registry)
    assert form.kind == "department-selfeval"
    assert form.header["objective_set"] == project.form("f1").header["duties"]
    got = tree(form)
    # A category the self-evaluation layout does not know is kept; the required one is added.
    assert list(got) == ["预算执行绩效目标", "项目完成"]
    assert len(got["预算执行绩效目标"]["预算调剂"]) == 3
    assert got["项目完成"]["数量指标"] == []
    assert all(
        not i.extra for _, _, i in form.iter_indicators()
    )  # 财政政策性绩效目标 is not a column


def test_only_target_forms(registry: KindRegistry, sample_paths: list[Path]) -> None:
    project = sample(sample_paths, "2020")
    with pytest.raises(SelfEvalError, match="不是绩效目标表"):
        selfeval_for(project, "f3", registry)
    with pytest.raises(SelfEvalError, match="f9"):
        selfeval_for(project, "f9", registry)


def test_add_to_the_project_and_save(
    registry: KindRegistry, sample_paths: list[Path], tmp_path: Path
) -> None:
    project = sample(sample_paths, "2026")
    form = selfeval_for(project, "f3", registry)
    index = insert_form(project, len(project.forms), form)
    path = tmp_path / "带自评.jixiao"
    save_project(project, path)
    again = load_project(path).project
    assert dumps(again) == dumps(project) and again.forms[index].kind == "project-selfeval"
    assert delete_form(project, form.id) == (index, form)


def test_cli_selfeval(sample_paths: list[Path], tmp_path: Path, capsys) -> None:
    source = next(p for p in sample_paths if p.name.startswith("2026"))
    out = tmp_path / "自评.jixiao"
    assert main(["selfeval", str(source), "--form", "f3", "-o", str(out)]) == 0
    assert "补充工作经费" in capsys.readouterr().out
    forms = load_project(out).project.forms
    assert [(f.id, f.kind) for f in forms] == [("f1", "project-selfeval")]
    assert forms[0].funds["total"]["adjusted_budget"] == "13.5"
    before = out.read_bytes()
    assert main(["selfeval", str(source), "--form", "f3", "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err and out.read_bytes() == before
    assert main(["selfeval", str(source), "--form", "f9", "-o", str(tmp_path / "x.jixiao")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "f9" in err
    broken = tmp_path / "坏.jixiao"
    broken.write_text("not json", encoding="utf-8")
    assert main(["selfeval", str(broken), "--form", "f1", "-o", str(tmp_path / "y.jixiao")]) == 2
    assert "坏.jixiao" in capsys.readouterr().err and not (tmp_path / "y.jixiao").exists()
