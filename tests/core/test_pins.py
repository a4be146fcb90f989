"""Pins for behaviour that a one-token change of the code used to leave unnoticed: each test
here was written against a mutant that survived every other test (mutmut, issue 10)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from desktop.core.checks import ProjectChecker, check_form
from desktop.core.findings import Section
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Indicator, Project
from desktop.core.operations import blank_form
from desktop.core.scoring import WEIGHT, fill_default_weights
from desktop.core.values import DateSpec, Dimension, ValueKind, parse_value
from tests.core.test_checks import make_form, with_rows


@pytest.mark.parametrize(
    ("text", "number"),
    [("两次", 2), ("十次", 10), ("十二个月", 12), ("二十三人", 23), ("一百零五次", 105)],
)
def test_chinese_numerals(text: str, number: int) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.QUANTITY and value.number == number


def test_a_period_with_a_year_keeps_the_year_beside_words() -> None:
    value = parse_value("2024年每季度发放一次")
    assert value.kind is ValueKind.PERIOD and value.period == "每季度"
    assert value.date == DateSpec(2024, None, None)
    assert value.phrase == "发放一次" and [p.number for p in value.parts] == [1]


def test_a_date_followed_by_words_keeps_the_quantities_in_them() -> None:
    value = parse_value("11月前完成5次培训")
    assert value.kind is ValueKind.DATE and value.date == DateSpec(None, 11, None, None, "before")
    assert [(p.number, p.unit) for p in value.parts] == [(5, "次")]


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("500元/人", Dimension.MONEY_RATE),
        ("2次/年", Dimension.COUNT_RATE),
        ("3米/秒", Dimension.OTHER),
        ("3万元", Dimension.MONEY),
    ],
)
def test_rates_take_the_dimension_of_their_head(text: str, dimension: Dimension) -> None:
    assert parse_value(text).dimension is dimension


def test_two_money_units_on_one_number_are_a_conflict() -> None:
    value = parse_value("3万元千元")
    assert value.unit_conflict == "一个数值后面跟了两个金额单位“万元”和“千元”"
    assert parse_value("3万元%").unit_conflict == "金额单位“万元”和百分号“%”不能用在同一个数值上"


def test_a_blank_row_is_marked_on_its_name_cell(registry: KindRegistry) -> None:
    form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "≥4次"), ("", "")]))
    blank = next(x for x in check_form(form, registry) if x.code == "indicator-blank")
    assert blank.key == "name" and blank.where.endswith("/ 第2行 / 三级指标")


def test_recheck_of_a_removed_form_forgets_its_findings(registry: KindRegistry) -> None:
    first, second = make_form(registry), make_form(registry)
    second.id = "f2"
    second.indicators[0].children[0].indicators[0].target = ""
    project = Project(forms=[first, second])
    checker = ProjectChecker(project, registry)
    checker.check_all()
    assert checker.has_errors() and checker.findings("f2")
    project.forms.remove(second)
    assert checker.recheck("f2") == []
    assert checker.findings("f2") == [] and checker.findings() == []
    assert not checker.has_errors() and checker.score("f2") is None


def _selfeval_variant(registry: KindRegistry, **change: object) -> FormKind:
    data = registry["project-selfeval"].model_dump(mode="json")
    data.update(change)
    return FormKind.model_validate(data)


def test_default_weights_fill_the_execution_weight_only_where_there_is_one(
    registry: KindRegistry,
) -> None:
    kind = registry["project-selfeval"]
    form = blank_form(kind, "f1", year=2024)
    form.indicators[0].children[0].indicators.append(Indicator(name="培训", target="10次"))
    fill_default_weights(form, kind)
    assert form.funds[kind.funds.total_row][WEIGHT] == "10"
    # No points for budget execution: the weight cell stays empty.
    data = kind.model_dump(mode="json")["scoring"]
    data.update(budget_execution="0", free="10")
    no_points = _selfeval_variant(registry, scoring=data)
    form = blank_form(no_points, "f1", year=2024)
    fill_default_weights(form, no_points)
    assert WEIGHT not in form.funds.get(no_points.funds.total_row, {})
    # No weight column: nothing is written for it.
    funds = kind.model_dump(mode="json")["funds"]
    funds["columns"] = [c for c in funds["columns"] if c["key"] != WEIGHT]
    no_cell = _selfeval_variant(registry, funds=funds)
    form = blank_form(no_cell, "f1", year=2024)
    fill_default_weights(form, no_cell)
    assert WEIGHT not in form.funds.get(no_cell.funds.total_row, {})
    assert D(10) == no_cell.scoring.budget_execution


def test_a_chinese_numeral_in_a_sentence_keeps_its_own_text() -> None:
    value = parse_value("完成两次培训")
    assert [(p.text, p.number, p.unit) for p in value.parts] == [("两次", 2, "次")]


def test_a_month_range_may_end_in_december() -> None:
    assert parse_value("10-12月").date == DateSpec(None, 10, None, 12, "on")
    assert parse_value("10-13月").date is None or parse_value("10-13月").kind is not ValueKind.DATE


def test_cost_vs_funds_is_a_finding_about_the_whole_form(registry: KindRegistry) -> None:
    form = make_form(registry, rows=with_rows(成本指标=[("培训费", "1万元")]))
    hit = next(x for x in check_form(form, registry) if x.code == "cost-vs-funds")
    assert hit.section is Section.FORM and hit.uids == () and hit.where == "成本指标"
