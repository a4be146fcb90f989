"""Every finding code, with a real-looking value that fires it and the same value written as a
reviewer wants it, which does not (issue 14).

The two base forms are clean: a 2026 project target form and a project self-evaluation, written
as the published forms are. Each row changes one thing. A code added to the catalogue must get a
row here (or a named test elsewhere, for the few that need more than one form).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.catalogue import CATALOGUE
from desktop.core.checks import check_form
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.printing.glyphs import unprintable

TARGET_ROWS = {
    ("产出指标", "数量指标"): [("维修改造供水工程", "≥3处")],
    ("产出指标", "质量指标"): [("工程验收合格率", "≥95%")],
    ("产出指标", "时效指标"): [("完工时间", "2026年11月底前")],
    ("产出指标", "成本指标"): [("工程维修改造成本", "≤30万元")],
    ("效益指标", "社会效益"): [("受益人口", "≥5000人")],
    ("效益指标", "可持续影响"): [("工程持续发挥效益年限", "≥5年")],
    ("满意度指标", "服务对象满意度"): [("受益群众满意度", "≥90%")],
}
SELFEVAL_ROWS = {  # name, target, actual, weight
    ("产出指标", "数量指标"): [("维修改造供水工程", "≥3处", "3处", "30")],
    ("产出指标", "质量指标"): [("供水水质", "有效提升", "有效提升", "20")],
    ("效益指标", "社会效益指标"): [("受益人口", "≥5000人", "5200人", "30")],
    ("满意度指标", "服务对象满意度指标"): [("受益群众满意度", "≥90%", "95%", "10")],
}


def target_form(registry: KindRegistry) -> Form:
    kind = registry["project-target-2026"]
    header = {
        "year": "2026", "project_name": "农村饮水安全巩固提升工程", "department": "某县水利局",
        "implementing_unit": "某县农村供水管理站", "project_type": "延续性项目",
        "project_period": "2026年1月-2026年12月", "amount": "300000",
        "objective": "完成3处农村供水工程维修改造，受益人口不少于5000人。",
    }  # fmt: skip
    return Form(id="f1", kind=kind.id, header=header, indicators=[
        Level1(name=c.name, children=[
            Level2(name=d.name, indicators=[
                Indicator(name=n, target=t) for n, t in TARGET_ROWS.get((c.name, d.name), [])])
            for d in c.children])
        for c in kind.categories])  # fmt: skip


def selfeval_form(registry: KindRegistry) -> Form:
    kind = registry["project-selfeval"]
    header = {
        "year": "2025", "project_name": "农村饮水安全巩固提升工程", "department": "某县水利局",
        "implementing_unit": "某县农村供水管理站",
        "objective_expected": "完成3处农村供水工程维修改造。",
        "objective_actual": "完成3处农村供水工程维修改造，受益5200人。",
    }  # fmt: skip
    funds = {"total": {"adjusted_budget": "30", "executed": "30", "weight": "10"},
             "appropriation": {"adjusted_budget": "30", "executed": "30"}}  # fmt: skip
    indicators = []
    for c in kind.categories:
        l1 = Level1(name=c.name)
        for d in c.children:
            rows = SELFEVAL_ROWS.get((c.name, d.name), [])
            l1.children.append(Level2(name=d.name, indicators=[
                Indicator(name=n, target=t, actual=a, weight=w) for n, t, a, w in rows]))
        indicators.append(l1)
    form = Form(id="f1", kind=kind.id, header=header, funds=funds, indicators=indicators)
    judged = row(form, "质量指标")
    judged.extra.update(band="达成", score="20")
    return form


def row(form: Form, level2: str, index: int = 0) -> Indicator:
    return next(l2 for l1 in form.indicators for l2 in l1.children if l2.name == level2
                ).indicators[index]  # fmt: skip


def level2(form: Form, name: str) -> Level2:
    return next(l2 for l1 in form.indicators for l2 in l1.children if l2.name == name)


Change = Callable[[Form], object]


def setter(level2_name: str, **cells: str) -> Change:
    def change(form: Form) -> None:
        ind = row(form, level2_name)
        for key, text in cells.items():
            ind.set(key, text)

    return change


def header(**fields: str) -> Change:
    return lambda form: form.header.update(fields)


def funds(row_key: str, **cells: str) -> Change:
    return lambda form: form.funds.setdefault(row_key, {}).update(cells)


def add_row(level2_name: str, **cells: str) -> Change:
    return lambda form: level2(form, level2_name).indicators.append(Indicator(**cells))


def clear(level2_name: str) -> Change:
    return lambda form: level2(form, level2_name).indicators.clear()


def rename(old: str, new: str) -> Change:
    return lambda form: setattr(level2(form, old), "name", new)


def kind_id(new: str) -> Change:
    return lambda form: setattr(form, "kind", new)


def nothing(form: Form) -> None:
    return None


T, S = "target", "selfeval"

# code: (base form, change that fires it, the same written right)
TABLE: dict[str, tuple[str, Change, Change]] = {
    "field-empty": (T, header(project_name=""), header(project_name="农村饮水安全巩固提升工程")),
    "field-year": (T, header(year="26年"), header(year="2026")),
    "form-kind-unknown": (T, kind_id("某市2019年旧表"), nothing),
    "funds-not-number": (S, funds("total", adjusted_budget="三十万"),
                         funds("total", adjusted_budget="30")),
    "funds-sum": (S, funds("appropriation", adjusted_budget="25"),
                  funds("appropriation", adjusted_budget="30")),
    "category-missing": (T, clear("质量指标"), nothing),
    "category-placeholder": (T, setter("质量指标", name="无", target="无"), nothing),
    "category-unknown": (T, rename("质量指标", "质量标准"), nothing),
    "cost-vs-funds": (T, setter("成本指标", target="≤50万元"), setter("成本指标", target="≤30万元")),
    "indicator-blank": (T, add_row("数量指标"), nothing),
    "indicator-duplicate": (T, add_row("数量指标", name="维修改造供水工程", target="≥2处"),
                            add_row("数量指标", name="新建供水管网", target="≥2公里")),
    "indicator-placeholder": (T, add_row("数量指标", name="无", target="无"), nothing),
    "indicator-repeated": (T, add_row("社会效益", name="维修改造供水工程", target="≥3处"),
                           add_row("社会效益", name="农村自来水普及率", target="≥90%")),
    "name-empty": (T, setter("数量指标", name=""), setter("数量指标", name="维修改造供水工程")),
    "output-is-funds": (T, setter("数量指标", name="工程维修经费", target="≥30万元"),
                        setter("数量指标", name="维修改造供水工程", target="≥3处")),
    "quality-count": (T, setter("质量指标", target="≥2次/月"), setter("质量指标", target="≥95%")),
    "timeliness-no-time": (T, setter("时效指标", target="按要求"),
                           setter("时效指标", target="2026年11月底前")),
    "value-empty": (T, setter("数量指标", target=""), setter("数量指标", target="≥3处")),
    "value-not-quantified": (T, setter("数量指标", target="有效提升"),
                             setter("数量指标", target="≥3处")),
    "value-percent-range": (T, setter("质量指标", target="≥120%"), setter("质量指标", target="≥95%")),
    "value-unit-conflict": (T, setter("成本指标", target="≤30次"),
                            setter("成本指标", target="≤30万元")),
    "value-unit-missing": (T, setter("数量指标", target="≥3"), setter("数量指标", target="≥3处")),
    "actual-implausible": (S, setter("数量指标", actual="33处", deviation="超额完成"),
                           setter("数量指标", actual="4处", deviation="超额完成")),
    "actual-missing": (S, setter("数量指标", actual=""), setter("数量指标", actual="3处")),
    "actual-unit-mismatch": (S, setter("数量指标", actual="3万元"), setter("数量指标", actual="3")),
    "deviation-missing": (S, setter("数量指标", actual="2处"),
                          setter("数量指标", actual="2处", deviation="1处因汛期推迟至次年")),
    "exec-funds-missing": (S, funds("total", executed=""), funds("total", executed="30")),
    "exec-rate-explain": (S, funds("total", executed="20"),
                          lambda f: (funds("total", executed="20")(f),
                                     header(execution_note="1处工程结余资金已上缴")(f))),
    "exec-rate-mismatch": (S, funds("total", rate="90%"), funds("total", rate="100%")),
    "printed-differs": (S, setter("数量指标", printed_score="25"),
                        setter("数量指标", printed_score="30")),
    "qualitative-band": (S, setter("质量指标", band="达成", score="10"),
                         setter("质量指标", band="部分达成", score="14")),
    "score-missing": (S, setter("质量指标", band="", score=""),
                      setter("质量指标", band="达成", score="18")),
    "score-over-weight": (S, setter("质量指标", score="25"), setter("质量指标", score="20")),
    "weight-invalid": (S, setter("数量指标", weight="三十"), setter("数量指标", weight="30")),
    "weight-missing": (S, setter("数量指标", weight=""), setter("数量指标", weight="30")),
    "weights-total": (S, setter("数量指标", weight="25"), setter("数量指标", weight="30")),
}

# Codes pinned by a table of their own (the reviewer's checks fire one by one on a clean
# declaration that stays silent), or that need more than one form or the printing fonts.
_REVIEW = "tests/core/test_review_checks.py::"
_DECLARATION = _REVIEW + "test_each_declaration_check_fires"
ELSEWHERE = {
    "glyph-missing": "tests/core/test_finding_table.py::test_glyph_missing_fires_and_stays_silent",
    "last-year-quantity-drop":
        "tests/core/test_lastyear.py::test_a_quantity_drop_without_a_note_is_a_warning",
    "last-year-target-below-actual":
        "tests/core/test_lastyear.py::test_target_below_last_years_actual_is_a_warning",
    "unit-cost-times-quantity": _DECLARATION,
    "cost-at-least": _DECLARATION,
    "percent-at-least-100": _DECLARATION,
    "date-outside-period": _DECLARATION,
    "benefit-restates-output": _DECLARATION,
    "objective-number-unmatched": _DECLARATION,
    "name-too-long": _DECLARATION,
    "value-too-long": _DECLARATION,
    "weights-by-level1": _REVIEW + "test_weights_by_level1_follow_the_region",
    "over-achievement-unexplained": _REVIEW + "test_over_achievement_needs_an_explanation",
    "budget-change-unexplained": _REVIEW + "test_budget_change_needs_an_explanation",
    "score-inflated": _REVIEW + "test_full_score_against_partial_evidence",
    "review-comment":
        "tests/core/test_review.py::test_open_comments_and_verdict_are_findings_until_resolved",
    "review-verdict":
        "tests/core/test_review.py::test_open_comments_and_verdict_are_findings_until_resolved",
}


def codes(form: Form, registry: KindRegistry) -> list[str]:
    return [x.code for x in check_form(form, registry)]


def base(which: str, registry: KindRegistry) -> Form:
    return target_form(registry) if which == T else selfeval_form(registry)


@pytest.mark.parametrize("which", [T, S])
def test_the_base_forms_are_clean(which: str, registry: KindRegistry) -> None:
    assert codes(base(which, registry), registry) == []


@pytest.mark.parametrize("code", sorted(TABLE))
def test_each_code_fires_and_stays_silent(code: str, registry: KindRegistry) -> None:
    which, fire, quiet = TABLE[code]
    fired = base(which, registry)
    fire(fired)
    assert code in codes(fired, registry), code
    kept = base(which, registry)
    quiet(kept)
    assert code not in codes(kept, registry), code


def test_every_code_of_the_catalogue_is_in_the_table() -> None:
    assert set(TABLE) | set(ELSEWHERE) == set(CATALOGUE)
    assert not set(TABLE) & set(ELSEWHERE)
    root = Path(__file__).resolve().parents[2]
    for code, test in ELSEWHERE.items():
        path, name = test.split("::")
        assert f"def {name}(" in (root / path).read_text("utf-8"), (code, test)
        if name == "test_each_declaration_check_fires":
            assert f'"{code}"' in (root / path).read_text("utf-8"), code


def test_glyph_missing_fires_and_stays_silent(registry: KindRegistry) -> None:
    form = target_form(registry)
    kind = registry[form.kind]
    assert unprintable(form, kind) == []
    row(form, "数量指标").name = "维修改造供水工程\U000f0000"  # a private-use character
    assert [c.finding().code for c in unprintable(form, kind)] == ["glyph-missing"]
