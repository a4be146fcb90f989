"""The reviewer's checks: each fires on a form written the way real forms are, and stays silent
on the same form written well."""

from __future__ import annotations

import pytest

from desktop.core.checks import check_form, project_funds
from desktop.core.kinds import default_registry
from desktop.core.model import Form, Indicator
from desktop.core.operations import blank_form
from desktop.core.review_checks import review_findings
from desktop.core.rules import ReviewRules, rules
from desktop.core.scoring import score_form

REVIEW_CODES = {
    "name-too-long", "value-too-long", "cost-at-least", "percent-at-least-100",
    "unit-cost-times-quantity", "date-outside-period", "benefit-restates-output",
    "objective-number-unmatched", "weights-by-level1", "over-achievement-unexplained",
    "score-inflated", "budget-change-unexplained",
}  # fmt: skip


def add(form: Form, level1: str, level2: str, *rows: tuple[str, ...]) -> None:
    l2 = form.find_level2(level1, level2)
    assert l2 is not None, (level1, level2)
    for row in rows:
        cells = dict(zip(("name", "target", "actual", "weight", "deviation"), row, strict=False))
        ind = Indicator(**{k: v for k, v in cells.items() if k != "score"})
        l2.indicators.append(ind)


def training_declaration() -> Form:
    """A 2024 declaration like the published ones: a training project of 30万元."""
    kind = default_registry()["project-declaration-2024"]
    form = blank_form(kind, "f1", 2024)
    form.header.update(
        project_name="全市督查系统业务培训经费",
        implementing_unit="某市人民政府办公室",
        project_type="一年期项目",
        project_period="2024年",
        objective="举办全市督查系统培训班2期，培训督查干部300人，提升督查工作水平。",
    )
    form.funds = {"total": {"amount": "30"}, "appropriation": {"amount": "30"},
                  "other": {"amount": "0"}}  # fmt: skip
    add(form, "产出指标", "数量指标", ("培训班期数", "2期"), ("培训人数", "≥300人"))
    add(form, "产出指标", "质量指标", ("培训出勤率", "≥95%"))
    add(form, "产出指标", "时效指标", ("培训完成时间", "2024年11月前"))
    add(form, "产出指标", "成本指标", ("人均培训成本", "≤1000元/人"))
    add(form, "效益指标", "社会效益指标", ("督查工作效率提升", "≥10%"))
    add(form, "满意度指标", "服务对象满意度指标", ("参训人员满意度", "≥90%"))
    return form


def codes(form: Form, rules: ReviewRules | None = None) -> set[str]:
    kind = default_registry()[form.kind]
    score = score_form(form, kind) if kind.scoring else None
    found = review_findings(form, kind, score, project_funds(form, kind), *(rules,) if rules else ())
    return {x.code for x in found}


def test_a_well_written_declaration_is_silent() -> None:
    assert codes(training_declaration()) == set()
    found = check_form(training_declaration(), default_registry())  # wired into the checker
    assert not {x.code for x in found} & REVIEW_CODES


def l2(form: Form, level1: str, level2: str):
    found = form.find_level2(level1, level2)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("edit", "code", "says"),
    [
        (lambda f: setattr(l2(f, "产出指标", "成本指标").indicators[0], "target", "≤800元/人"),
         "unit-cost-times-quantity", "× 培训人数 ≥300人 = 24万元，与项目资金 30万元 不符"),
        (lambda f: setattr(l2(f, "产出指标", "成本指标").indicators[0], "target", "≥1000元/人"),
         "cost-at-least", "请写成“≤1000元/人”"),
        (lambda f: setattr(l2(f, "产出指标", "质量指标").indicators[0], "target", "≥100%"),
         "percent-at-least-100", "请写“100%”"),
        (lambda f: setattr(l2(f, "产出指标", "时效指标").indicators[0], "target", "2025年3月前"),
         "date-outside-period", "不在项目期（2024年）内"),
        (lambda f: add(f, "效益指标", "社会效益指标", ("培训人数", "≥300人")),
         "benefit-restates-output", "重复了产出指标“培训人数（≥300人）”"),
        (lambda f: f.header.update(objective=f.header["objective"] + "编印培训教材500册。"),
         "objective-number-unmatched", "“500册”"),
        (lambda f: setattr(l2(f, "产出指标", "数量指标").indicators[1], "name",
                           "全市各县区督查系统业务骨干及新入职督查干部参加集中培训的总人数"),
         "name-too-long", "最多 30 个字"),
        (lambda f: setattr(l2(f, "产出指标", "数量指标").indicators[1], "target",
                           "≥300人，其中县区督查干部不少于200人，市直部门督查联络员不少于100人，"
                           "新入职人员全部参训，培训内容涵盖督查业务、公文写作和信息报送等"),
         "value-too-long", "最多 60 个字"),
    ],
)  # fmt: skip
def test_each_declaration_check_fires(edit, code: str, says: str) -> None:
    form = training_declaration()
    edit(form)
    kind = default_registry()[form.kind]
    all_found = review_findings(form, kind, None, project_funds(form, kind))
    found = [x for x in all_found if x.code == code]
    assert found, f"{code} should fire"
    assert says in found[0].message
    assert {x.code for x in all_found} == {code}  # nothing else


def test_limits_are_data_a_region_can_change() -> None:
    form = training_declaration()
    assert "name-too-long" in codes(form, rules().review.model_copy(update={"name_max": 4}))
    l2(form, "产出指标", "时效指标").indicators[0].target = "2025年3月前"
    form.header["project_period"] = "2024-2025年"
    assert "date-outside-period" not in codes(form)


# --- self-evaluations ----------------------------------------------------------------------


def selfeval() -> Form:
    """A project self-evaluation as published: 10 for execution, 50/30/10 by level 1."""
    kind = default_registry()["project-selfeval"]
    form = blank_form(kind, "f1", 2023)
    form.header.update(project_name="农村饮水安全维修养护", department="某县水务局",
                       objective_expected="维修养护供水工程20处。",
                       objective_actual="完成维修养护供水工程20处。")  # fmt: skip
    form.funds = {
        "total": {"initial_budget": "50", "adjusted_budget": "50", "executed": "50",
                  "weight": "10"},
    }  # fmt: skip
    add(form, "产出指标", "数量指标", ("维修养护工程数量", "20处", "20处", "20"))
    add(form, "产出指标", "质量指标", ("工程验收合格率", "100%", "100%", "15"))
    add(form, "产出指标", "时效指标", ("完成时间", "2023年11月前", "2023年10月", "15"))
    add(form, "效益指标", "社会效益指标", ("受益人口", "≥5000人", "5200人", "30"))
    add(form, "满意度指标", "服务对象满意度指标", ("受益群众满意度", "≥90%", "95%", "10"))
    return form


def test_a_well_written_selfeval_is_silent() -> None:
    assert codes(selfeval()) == set()


def test_weights_by_level1_follow_the_region() -> None:
    form = selfeval()
    l2(form, "产出指标", "数量指标").indicators[0].weight = "10"
    l2(form, "效益指标", "社会效益指标").indicators[0].weight = "40"
    assert "weights-by-level1" in codes(form)


def test_over_achievement_needs_an_explanation() -> None:
    form = selfeval()
    ind = l2(form, "效益指标", "社会效益指标").indicators[0]
    ind.actual = "12000人"
    assert "over-achievement-unexplained" in codes(form)
    ind.deviation = "新增两处工程并网，受益人口增加"
    assert "over-achievement-unexplained" not in codes(form)


def test_budget_change_needs_an_explanation() -> None:
    form = selfeval()
    form.funds["total"]["adjusted_budget"] = "80"
    form.funds["total"]["executed"] = "80"
    assert "budget-change-unexplained" in codes(form)
    form.header["execution_note"] = "年中追加防汛应急维修资金30万元"
    assert "budget-change-unexplained" not in codes(form)


def test_full_score_against_partial_evidence() -> None:
    form = selfeval()
    ind = l2(form, "效益指标", "社会效益指标").indicators[0]
    ind.actual = "部分村组尚未通水"
    ind.extra = {"band": "达成", "score": "30"}
    assert "score-inflated" in codes(form)
    ind.extra = {"band": "部分达成", "score": "20"}
    assert "score-inflated" not in codes(form)
