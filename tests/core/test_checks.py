"""Checks: each one fires where a reviewer would object and stays quiet where the form is fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.checks import ProjectChecker, check_form, form_label
from desktop.core.findings import Finding, Severity
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Project
from desktop.core.operations import blank_form
from desktop.core.scoring import SCORING_CODES
from desktop.core.storage import load_project

# A project form of the 2024 declaration that passes every check; tests break one thing each.
GOOD_2024 = {
    "数量指标": [("培训次数", "≥4次")],
    "质量指标": [("培训合格率", "≥95%")],
    "时效指标": [("培训完成时间", "11月前")],
    "成本指标": [("培训费", "≤8万元"), ("资料费", "2万元")],
    "社会效益指标": [("干部业务能力", "有效提升")],
    "可持续影响指标": [("培训机制", "长期")],
    "服务对象满意度指标": [("参训人员满意度", "≥90%")],
}


def make_form(
    registry: KindRegistry,
    kind_id: str = "project-declaration-2024",
    rows: dict[str, list[tuple[str, str]]] | None = None,
    **header: str,
) -> Form:
    kind = registry[kind_id]
    form = blank_form(kind, "f1", year=2024)
    form.header.update(
        {
            "project_name": "业务培训",
            "department_code": "某局 001",
            "implementing_unit": "某局",
            "project_type": "一年期项目",
            "project_period": "2024年",
            "objective": "完成培训。",
        }
    )
    form.header.update(header)
    if kind.funds is not None:
        form.funds = {
            "total": {"amount": "10"},
            "appropriation": {"amount": "10"},
            "other": {"amount": "0"},
        }
    for level1 in form.indicators:
        for level2 in level1.children:
            for name, target in (rows if rows is not None else GOOD_2024).get(level2.name, []):
                level2.indicators.append(Indicator(name=name, target=target))
    return form


def codes(findings: list[Finding]) -> list[str]:
    return [x.code for x in findings]


def with_rows(**changes: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    rows = dict(GOOD_2024)
    rows.update({k.replace("_", ""): v for k, v in changes.items()})
    return rows


def test_a_good_form_has_no_findings(registry: KindRegistry) -> None:
    assert check_form(make_form(registry), registry) == []


@pytest.mark.parametrize(
    ("level2", "rows", "code"),
    [
        ("数量指标", [("培训次数", "")], "value-empty"),
        ("数量指标", [("培训次数", "长期")], "value-not-quantified"),
        ("数量指标", [("培训次数", "明显提升")], "value-not-quantified"),
        ("数量指标", [("培训次数", "4")], "value-unit-missing"),
        ("质量指标", [("培训合格率", "120%")], "value-percent-range"),
        ("成本指标", [("培训费", "≤8万元"), ("资料费", "2次")], "value-unit-conflict"),
        ("数量指标", [("培训次数", "4次"), ("培训次数", "5次")], "indicator-duplicate"),
        ("质量指标", [("培训人数", "≥50人")], "quality-count"),
        ("数量指标", [("培训费用", "≥10万元")], "output-is-funds"),
        ("数量指标", [("", "4次")], "name-empty"),
        ("数量指标", [("培训次数", "4次"), ("", "")], "indicator-blank"),
        ("数量指标", [("培训次数", "4次"), ("无", "无")], "indicator-placeholder"),
    ],
)
def test_indicator_checks_fire(registry: KindRegistry, level2: str, rows, code: str) -> None:
    form = make_form(registry, rows={**GOOD_2024, level2: rows})
    found = check_form(form, registry)
    assert code in codes(found), found
    hit = next(x for x in found if x.code == code)
    assert hit.message and hit.where.startswith("产出指标 / " + level2)


def test_unit_conflict_inside_one_value(registry: KindRegistry) -> None:
    form = make_form(registry, rows={**GOOD_2024, "数量指标": [("误餐费", "23人/年15.84元万元")]})
    hit = next(x for x in check_form(form, registry) if x.code == "value-unit-conflict")
    assert "元" in hit.message and "万元" in hit.message


def test_qualitative_value_is_fine_where_not_must_quantify(registry: KindRegistry) -> None:
    form = make_form(registry, rows={**GOOD_2024, "社会效益指标": [("群众获得感", "明显提升")]})
    assert check_form(form, registry) == []


def test_timeliness_without_time_is_a_warning(registry: KindRegistry) -> None:
    form = make_form(
        registry,
        "project-target-2026",
        amount="100000",
        rows={
            **GOOD_2024,
            "社会效益": [("a", "有效提升")],
            "可持续影响": [("b", "长期")],
            "服务对象满意度": [("c", "≥90%")],
            "时效指标": [("整改", "及时")],
        },
    )
    found = [x for x in check_form(form, registry) if x.code == "timeliness-no-time"]
    assert [x.severity for x in found] == [Severity.WARNING]
    form.indicators[0].children[2].indicators[0].target = "5个工作日内"
    assert "timeliness-no-time" not in codes(check_form(form, registry))


def test_category_missing_and_placeholder(registry: KindRegistry) -> None:
    rows = {**GOOD_2024, "社会效益指标": [], "可持续影响指标": [("无", "无")]}
    found = check_form(make_form(registry, rows=rows), registry)
    assert ("category-missing", "效益指标 / 社会效益指标") in [(x.code, x.where) for x in found]
    assert ("category-placeholder", "效益指标 / 可持续影响指标") in [
        (x.code, x.where) for x in found
    ]
    # An optional category may be left with 无 or left out.
    rows = {**GOOD_2024, "经济效益指标": [("无", "0")]}
    assert check_form(make_form(registry, rows=rows), registry) == []


def test_level1_required(registry: KindRegistry) -> None:
    rows = {k: v for k, v in GOOD_2024.items() if k != "服务对象满意度指标"}
    found = check_form(make_form(registry, rows=rows), registry)
    assert ("category-missing", "满意度指标") in [(x.code, x.where) for x in found]


def test_funds_sum(registry: KindRegistry) -> None:
    form = make_form(registry)
    form.funds["appropriation"]["amount"] = "8"
    form.funds["total"]["amount"] = "10"
    form.indicators[0].children[3].indicators[0].target = "≤8万元"
    hit = next(x for x in check_form(form, registry) if x.code == "funds-sum")
    assert "10" in hit.message and "8" in hit.message and hit.key == "total.amount"
    form.funds["other"]["amount"] = "2"
    assert "funds-sum" not in codes(check_form(form, registry))


def test_funds_cell_must_be_a_number(registry: KindRegistry) -> None:
    form = make_form(registry)
    form.funds["other"]["amount"] = "无"
    assert "funds-not-number" in codes(check_form(form, registry))


def test_task_table_sums(registry: KindRegistry) -> None:
    form = make_form(registry, "department-target-2022", department="某局")
    form.tables["tasks"] = [
        {"task": "人员", "total": "100", "appropriation": "100"},
        {"task": "运转", "total": "50", "appropriation": "30", "other": "10"},
    ]
    found = [x for x in check_form(form, registry) if x.code == "funds-sum"]
    assert [x.key for x in found] == ["tasks.1.total"]
    assert "运转" in found[0].where


def test_cost_vs_funds_in_the_same_unit(registry: KindRegistry) -> None:
    form = make_form(registry)  # funds 10 万元, costs 8 + 2 万元
    assert "cost-vs-funds" not in codes(check_form(form, registry))
    form.indicators[0].children[3].indicators[1].target = "20000元"  # 2 万元 typed in 元
    assert "cost-vs-funds" not in codes(check_form(form, registry))
    form.indicators[0].children[3].indicators[1].target = "3万元"
    hit = next(x for x in check_form(form, registry) if x.code == "cost-vs-funds")
    assert "11 万元" in hit.message and "10 万元" in hit.message and "相差 1 万元" in hit.message


def test_cost_rates_are_not_added_to_the_total(registry: KindRegistry) -> None:
    rows = {
        **GOOD_2024,
        "成本指标": [("培训费", "10万元"), ("讲课费标准", "500元/人/天"), ("教材单价", "50元")],
    }
    assert "cost-vs-funds" not in codes(check_form(make_form(registry, rows=rows), registry))


def test_annual_amounts_count_on_annual_forms(registry: KindRegistry) -> None:
    form = make_form(
        registry,
        "project-target-2026",
        amount="30000",
        rows={**GOOD_2024, "成本指标": [("运维费", "≤2万元/年")]},
    )
    hit = next(x for x in check_form(form, registry) if x.code == "cost-vs-funds")
    assert "20000 元" in hit.message and "30000 元" in hit.message


def test_header_required_and_year(registry: KindRegistry) -> None:
    form = make_form(registry, project_type="", year="二〇二四")
    found = {(x.code, x.key) for x in check_form(form, registry)}
    assert ("field-empty", "project_type") in found
    assert ("field-year", "year") in found


def test_unknown_kind_and_category(registry: KindRegistry) -> None:
    assert codes(check_form(Form(id="f1", kind="no-such-kind"), registry)) == ["form-kind-unknown"]
    form = make_form(registry)
    form.indicators[0].children[0].name = "数量"
    assert "category-unknown" in codes(check_form(form, registry))


def test_repeated_names_ignore_template_numbering(registry: KindRegistry) -> None:
    rows = {
        **GOOD_2024,
        "数量指标": [("指标1：培训次数", "4次"), ("指标2：", ""), ("……", "")],
        "成本指标": [("指标3：培训次数", "≤10万元")],
        "社会效益指标": [("指标2：", "")],
    }
    found = check_form(make_form(registry, rows=rows), registry)
    repeated = [x for x in found if x.code == "indicator-repeated"]
    assert [x.where.split(" / ")[1] for x in repeated] == ["成本指标"]


def test_incremental_recheck_touches_only_the_edited_form(registry: KindRegistry) -> None:
    project = Project(forms=[make_form(registry)])
    second = make_form(registry)
    second.id = "f2"
    project.forms.append(second)
    checker = ProjectChecker(project, registry)
    assert checker.check_all() == []
    second.indicators[0].children[0].indicators[0].target = ""
    assert checker.findings() == []  # nothing re-checked yet
    assert codes(checker.recheck("f2")) == ["value-empty"]
    assert checker.has_errors() and checker.findings("f1") == []
    second.indicators[0].children[0].indicators[0].target = "4次"
    assert checker.recheck("f2") == [] and not checker.has_errors()


def test_form_label(registry: KindRegistry) -> None:
    form = make_form(registry)
    assert form_label(form, registry["project-declaration-2024"]) == "业务培训"
    form.header["project_name"] = ""
    assert "f1" in form_label(form, registry["project-declaration-2024"])


# The seeds' real defects, one line each, judged by hand (see the issue note). Errors must be
# exactly these: no false errors, none missed. Warnings are counted by code.
EXPECTED_ERRORS = {
    "2020-self-evaluation.jixiao": {
        (
            "区矿产资源保护中心",
            "value-unit-missing",
            "项目完成 / 数量指标 / 指标1：单位数量 / 年度指标值",
        ),
        (
            "区矿产资源保护中心",
            "value-unit-missing",
            "项目完成 / 数量指标 / 指标2：基本支出 / 年度指标值",
        ),
        (
            "区矿产资源保护中心",
            "value-unit-missing",
            "项目完成 / 数量指标 / 指标3：项目支出 / 年度指标值",
        ),
        *(
            ("打私专项整治经费", "value-unit-missing", f"产出指标 / 数量指标 / {n} / 年度指标值")
            for n in (
                "指标1：打私专项整治行动经费",
                "指标2：打私专项整治行动经费井口、断道费",
                "指标3：宣传费",
                "指标4：封堵井口、断道费",
                "指标5：实测专项经费",
            )
        ),
        (
            "打私专项整治经费",
            "value-unit-conflict",
            "产出指标 / 成本指标 / 指标1：打私专项整治行动经费 / 年度指标值",
        ),
        *(
            ("打私专项整治经费", "value-unit-missing", f"产出指标 / 成本指标 / {n} / 年度指标值")
            for n in ("指标2：宣传费", "指标3：封堵井口、断道费", "指标4：实测专项经费")
        ),
        (
            "打私巡查专项经费",
            "value-unit-conflict",
            "产出指标 / 数量指标 / 指标1：打私巡查经费误餐费 / 年度指标值",
        ),
        # The template's unfilled rows (指标2：, ……) are neither indicators nor findings
        # (issue 14): they were two value-empty errors and two placeholder warnings.
    },
    "2022-department.jixiao": set(),
    "2024-project-declarations.jixiao": {
        *(
            (p, "field-empty", f"表头 / {f}")
            for p in (
                "市政府办公室工作经费",
                "督查室工作经费",
                "政府信息公开工作经费",
                "政府办信息中心工作经费",
                "聘用人员工作经费",
                "信创设备购置经费",
            )
            for f in ("主管部门及代码", "项目属性")
        ),
        ("政府办信息中心工作经费", "value-empty", "产出指标 / 质量指标 / 政务小助手APP / 指标值"),
        ("政府办信息中心工作经费", "value-empty", "产出指标 / 时效指标 / 政务小助手APP / 指标值"),
        ("政府办信息中心工作经费", "category-placeholder", "效益指标 / 可持续影响指标"),
        ("政府办信息中心工作经费", "cost-vs-funds", "成本指标"),
        (
            "聘用人员工作经费",
            "value-not-quantified",
            "产出指标 / 质量指标 / 聘用人员考核情况 / 指标值",
        ),
        (
            "信创设备购置经费",
            "value-not-quantified",
            "产出指标 / 质量指标 / 保障设备替代工作完成度数量 / 指标值",
        ),
    },
    "2026-department-and-projects.jixiao": {
        ("补充工作经费", "cost-vs-funds", "成本指标"),
    },
}
EXPECTED_WARNINGS = {
    # the reviewer's checks: budget raised from 5 to 9.75 with no reason given, and a count far
    # beyond its target with no explanation
    "2020-self-evaluation.jixiao": {
        "output-is-funds": 7,
        "indicator-repeated": 8,
        "budget-change-unexplained": 1,
        "over-achievement-unexplained": 1,
    },
    "2022-department.jixiao": {},
    # quality-count: 差旅费次数 ≥200次, and 聘用人员工作情况汇报 ≥1次/年 (a count per year is still
    # a count, issue 14)
    "2024-project-declarations.jixiao": {"quality-count": 2, "indicator-repeated": 7},
    "2026-department-and-projects.jixiao": {"timeliness-no-time": 1},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_samples_report_their_real_defects(
    registry: KindRegistry, name: str, sample_paths: list[Path]
) -> None:
    path = next(p for p in sample_paths if p.name == name)
    project = load_project(path).project
    found = ProjectChecker(project, registry).check_all()
    found = [x for x in found if x.code not in SCORING_CODES]  # see test_scoring.py
    labels = {f.id: form_label(f, registry.get(f.kind)) for f in project.forms}
    errors = {(labels[x.form_id], x.code, x.where) for x in found if x.severity is Severity.ERROR}
    assert errors == EXPECTED_ERRORS[name]
    warnings: dict[str, int] = {}
    for x in found:
        if x.severity is Severity.WARNING:
            warnings[x.code] = warnings.get(x.code, 0) + 1
    assert warnings == EXPECTED_WARNINGS[name]


def test_cost_vs_funds_message_on_the_2026_sample(
    registry: KindRegistry, sample_paths: list[Path]
) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2026"))
    project = load_project(path).project
    hit = next(
        x for x in ProjectChecker(project, registry).check_all() if x.code == "cost-vs-funds"
    )
    assert hit.message.startswith(
        "成本指标中的金额合计 119000 元（5 项），与项目年度金额 135000 元"
    )


# --- one walk of the tree (issue 12) ---------------------------------------------------------

SAMPLES = sorted((Path(__file__).parents[2] / "resources" / "samples").glob("*.jixiao"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_reviewers_rows_come_from_the_checks_walk(registry: KindRegistry, path: Path) -> None:
    """The rows the form's checks collect are what the reviewer's checks would collect."""
    from desktop.core.checks import _FormCheck, project_funds
    from desktop.core.review_checks import rows_of

    for form in load_project(path).project.forms:
        kind = registry.get(form.kind)
        if kind is None or not kind.categories:
            continue
        check = _FormCheck(form, kind, project_funds(form, kind))
        check.run()
        assert check.rows == rows_of(form, kind)


def test_rows_of_spaces_are_blank_for_the_reviewer_only(registry: KindRegistry) -> None:
    """A row of spaces in name and value is no row for the reviewer's checks but still one for
    the form's (which call its value empty), on both paths."""
    from desktop.core.checks import _FormCheck, project_funds
    from desktop.core.review_checks import rows_of

    form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "≥4次"), ("  ", " ")]))
    kind = registry[form.kind]
    check = _FormCheck(form, kind, project_funds(form, kind))
    found = check.run()
    assert check.rows == rows_of(form, kind)
    assert len(check.rows) == len(rows_of(make_form(registry), kind))
    assert "indicator-blank" not in codes(found)


def test_cost_against_funds_is_summed_in_the_same_walk(registry: KindRegistry) -> None:
    rows = with_rows(成本指标=[("培训费", "≤8万元"), ("资料费", "5万元"), ("人均培训费", "1万元")])
    found = [x for x in check_form(make_form(registry, rows=rows), registry)
             if x.code == "cost-vs-funds"]  # fmt: skip
    assert len(found) == 1 and "13 万元" in found[0].message and "（2 项）" in found[0].message


def test_a_project_with_its_own_vocabulary_switches_rules_once_per_full_check(
    registry: KindRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Putting other rules in force recompiles every value pattern and empties the caches
    (about a millisecond each time): a full check of a file that carries a bureau's vocabulary
    puts it in force once, not once in and once out for every form (300 forms took 5× as long
    to check), and finds what it found form by form."""
    from desktop.core import rules as rules_module
    from desktop.core.embedded import project_registry

    project = Project(title="t")
    for i in range(20):
        form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "≥4次"), ("x" * 41, "2次")]))
        form.id = f"f{i}"
        project.forms.append(form)
    project.rules = {"format": "jixiao-rules", "version": 1, "review": {"name_max": 50}}
    own, _ = project_registry(project, registry)
    assert own.rules is not None and own.rules is not rules_module.rules()
    switches: list[object] = []
    monkeypatch.setattr(rules_module, "_listeners", [*rules_module._listeners, switches.append])
    checker = ProjectChecker(project, own)
    found = checker.check_all()
    assert len(switches) == 2  # in force, and back
    assert "name-too-long" not in codes(found)  # the file's limit (50, not 30) was applied
    assert codes(ProjectChecker(project, registry).check_all()).count("name-too-long") == 20
    switches.clear()
    checker.sync()
    assert switches == []  # nothing to check: nothing switched
    assert [x.code for x in checker.recheck("f3")] == [
        x.code for x in found if x.form_id == "f3"
    ]
