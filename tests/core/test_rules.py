"""The rule vocabulary (forms/rules.json): one table each, validated, overridable by a bureau."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from desktop.core import rules as rules_module
from desktop.core.checks import check_form
from desktop.core.kinds import KindRegistry
from desktop.core.money import convert, fmt, plain, yuan_factor
from desktop.core.resources import data_root
from desktop.core.rules import Rules, RulesError, load_rules, rules, use_rules
from desktop.core.scoring import band_of, bands
from desktop.core.values import Dimension, parse_value
from tests.core.test_checks import codes, make_form, with_rows

BUNDLED = data_root() / "forms" / "rules.json"


@pytest.fixture
def restore_rules() -> Iterator[None]:
    before = rules()
    yield
    use_rules(before)


def _override(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"format": "jixiao-rules", "version": 1, **data}), "utf-8")
    return path


@pytest.mark.parametrize("cost", ["3千元/年", "3000元/年", "0.3万元/年", "3千元", "3000元"])
def test_every_money_unit_counts_the_same_in_cost_vs_funds(
    registry: KindRegistry, cost: str
) -> None:
    # Funds 10 万元 = 97,000 元 of 培训费 + 3,000 元 of 资料费, in any money unit, per year or not.
    form = make_form(registry, rows=with_rows(成本指标=[("培训费", "9.7万元"), ("资料费", cost)]))
    assert "cost-vs-funds" not in codes(check_form(form, registry))
    form = make_form(registry, rows=with_rows(成本指标=[("培训费", "8万元"), ("资料费", cost)]))
    hit = next(x for x in check_form(form, registry) if x.code == "cost-vs-funds")
    assert "8.3 万元（2 项）" in hit.message  # the 3千 was added, not dropped


def test_one_money_table() -> None:
    assert parse_value("3千元/年").dimension is Dimension.MONEY_RATE
    for unit, factor in rules().units.money.items():
        assert yuan_factor(unit) == factor
        assert parse_value(f"2{unit}").yuan == 2 * factor
    assert yuan_factor("次") is None
    assert convert(D(30000), "万元") == 3
    with pytest.raises(ValueError, match="次"):
        convert(D(1), "次")


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (D("1.500"), None, "1.5"),
        (D("100"), None, "100"),
        (D("1E+2"), None, "100"),
        (D("-0.0"), None, "0"),
        (D("0.000"), None, "0"),
        (D("2.345"), 2, "2.34"),  # half even, as amounts always were
        (D("2.355"), 2, "2.36"),
        (D("-0.001"), 2, "0"),
        (D("12345678901234567890123456789.5"), 2, "12345678901234567890123456789.5"),
    ],
)
def test_one_number_formatter(value: D, places: int | None, text: str) -> None:
    assert plain(value, places) == text
    if places == 2:
        assert fmt(value) == text


def test_one_placeholder_list_for_values_and_names(registry: KindRegistry) -> None:
    for word in rules().words.placeholders:
        assert parse_value(word).placeholder, word
    # A name made only of a placeholder word is a placeholder row, whatever the word (but ……
    # alone is the template's unfilled filler row, neither an indicator nor a finding).
    form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "≥4次"), ("暂无", "")]))
    assert "indicator-placeholder" in codes(check_form(form, registry))
    assert "value-empty" not in codes(check_form(form, registry))


def test_the_bundled_rules_are_valid_and_complete() -> None:
    loaded, warnings = load_rules(BUNDLED)
    assert warnings == []
    assert loaded.scoring.by_level1 == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert loaded.scoring.budget_execution == 10 and loaded.scoring.total_points == 100
    assert [b.key for b in loaded.scoring.bands] == ["达成", "部分达成", "未达成"]
    assert loaded.checks.percent_range == (0, 100)
    assert loaded.checks.funds_sum_tolerance == D("0.005")
    assert loaded.checks.cost_vs_funds_tolerance_yuan == D("0.5")


def test_a_bureau_override_adds_to_the_bundled_rules(tmp_path: Path, restore_rules) -> None:
    path = _override(
        tmp_path,
        {"units": {"money": {"十万元": "100000"}}, "words": {"vague": ["尽力"]}},
    )
    loaded, warnings = load_rules(BUNDLED, path)
    assert warnings == []
    assert loaded.units.money["十万元"] == 100000 and loaded.units.money["万元"] == 10000
    assert loaded.words.vague == ("尽力",)  # lists replace
    assert loaded.words.ratings == rules().words.ratings  # the rest stays
    assert parse_value("3十万元").dimension is None or parse_value("3十万元").yuan != 300000
    use_rules(loaded)
    assert parse_value("3十万元").yuan == 300000
    assert parse_value("尽力提升").vague and not parse_value("有效提升").vague


def test_rules_put_in_force_change_the_checks(registry: KindRegistry, restore_rules) -> None:
    form = make_form(registry, rows=with_rows(质量指标=[("培训合格率", "≥120%")]))
    assert "value-percent-range" in codes(check_form(form, registry))
    data = rules().model_dump()
    data["checks"]["percent_range"] = ["0", "200"]
    use_rules(Rules.model_validate(data))
    assert "value-percent-range" not in codes(check_form(form, registry))
    data["checks"]["percent_range"] = ["0", "100"]
    data["words"]["rate_names"] = ["培训"]
    use_rules(Rules.model_validate(data))
    form = make_form(registry, rows=with_rows(成本指标=[("培训费", "8万元")]))
    assert "cost-vs-funds" not in codes(check_form(form, registry))  # 培训费 is now a rate


def test_rules_put_in_force_change_the_bands(restore_rules) -> None:
    data = rules().model_dump()
    data["scoring"]["bands"] = [
        {"key": "好", "label": "好", "low": "0.5", "high": "1", "closed": True},
        {"key": "差", "label": "差", "low": "0", "high": "0.5"},
    ]
    use_rules(Rules.model_validate(data))
    assert [b.key for b in bands()] == ["好", "差"]
    assert band_of(D(5), D(10)) is bands()[0]
    assert band_of(D("4.9"), D(10)) is bands()[1]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"surprise": 1}, "surprise"),
        ({"units": {"money": {"元": "2"}}}, "units"),
        ({"units": {"count": ["次", "%"]}}, "count"),
        ({"units": {"multipliers": {"十万": "100000"}}}, "multipliers"),
        ({"words": {"vague": []}}, "words.vague"),
        ({"words": {"periods": ["全年", "全年"]}}, "periods"),
        ({"words": {"placeholders": [" "]}}, "placeholders"),
        ({"checks": {"percent_range": ["100", "0"]}}, "percent_range"),
        ({"checks": {"funds_sum_tolerance": "-1"}}, "funds_sum_tolerance"),
        ({"scoring": {"by_level1": {"产出指标": "60"}}}, "total_points"),
        ({"scoring": {"grades": {"差": "10"}}}, "grades"),
        ({"scoring": {"bands": [{"key": "a", "label": "a", "low": "0", "high": "1"}]}}, "closed"),
        (
            {
                "scoring": {
                    "bands": [
                        {"key": "a", "label": "a", "low": "0.5", "high": "1", "closed": True},
                        {"key": "b", "label": "b", "low": "0", "high": "0.4"},
                    ]
                }
            },
            "gap",
        ),
        ({"operators": {"words": {"至少": "≈"}}}, "operators.words"),
        ({"version": 2}, "newer"),
    ],
)
def test_a_broken_override_is_skipped_naming_file_and_field(
    tmp_path: Path, data: dict, field: str
) -> None:
    path = _override(tmp_path, data)
    loaded, warnings = load_rules(BUNDLED, path)
    assert loaded == load_rules(BUNDLED)[0]  # the bundled rules stay in force
    assert len(warnings) == 1 and str(path) in warnings[0] and field in warnings[0], warnings


def test_an_override_must_say_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text('{"units": {}}', "utf-8")
    _, warnings = load_rules(BUNDLED, path)
    assert "format" in warnings[0]
    path.write_text("{", "utf-8")
    _, warnings = load_rules(BUNDLED, path)
    assert "rules.json" in warnings[0]


def test_a_broken_bundled_file_is_fatal(tmp_path: Path) -> None:
    data = json.loads(BUNDLED.read_text("utf-8"))
    data["checks"]["percent_range"] = ["1"]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RulesError, match=r"rules\.json.*checks\.percent_range"):
        load_rules(path)


def test_the_user_override_is_found_in_the_user_forms_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(rules_module, "user_forms_dir", lambda: tmp_path)
    monkeypatch.setattr(rules_module, "_active", None)
    monkeypatch.setattr(rules_module, "_local", None)
    monkeypatch.setattr(rules_module, "_warnings", [])
    _override(tmp_path, {"words": {"vague": []}})
    assert rules_module.rules().words.vague == load_rules(BUNDLED)[0].words.vague
    assert "words.vague" in rules_module.rules_warnings()[0]


def test_selfeval_vocabulary_is_data(tmp_path: Path) -> None:
    from desktop.core.kinds import Family
    from desktop.core.selfeval import selfeval_kinds

    assert selfeval_kinds() == {
        Family.PROJECT_TARGET: "project-selfeval",
        Family.DEPARTMENT_TARGET: "department-selfeval",
    }
    assert rules().selfeval.level1_synonyms == {"产出": ("项目完成",)}
    path = _override(tmp_path, {"selfeval": {"kinds": {"report": "x"}}})
    _, warnings = load_rules(BUNDLED, path)
    assert "selfeval.kinds" in warnings[0]


def test_a_broken_kind_and_a_broken_rules_file_are_worded_by_one_function(tmp_path) -> None:
    """One wording for a definition that does not validate, whichever file it is in; a key
    from the file is shown escaped (it may hold anything)."""
    from pydantic import ValidationError

    from desktop.core.display import validation_line
    from desktop.core.kinds import FormKind, KindError, load_kind

    data = json.loads(BUNDLED.read_text("utf-8"))
    data["words"]["vague"] = []
    with pytest.raises(ValidationError) as caught:
        Rules.model_validate(data)
    line = validation_line(caught.value)
    assert line.startswith("字段 words.vague 有误：") and line.endswith("（共 1 处）")
    _, warnings = load_rules(BUNDLED, _override(tmp_path, {"words": {"vague": []}}))
    assert f"rules.json: {line}" in warnings[0]
    kind = tmp_path / "k.json"
    kind.write_text(json.dumps({"format": "jixiao-form-kind", "version": 1, "x\x1b": 1}), "utf-8")
    with pytest.raises(ValidationError) as caught:
        FormKind.model_validate(json.loads(kind.read_text("utf-8")))
    with pytest.raises(KindError) as info:
        load_kind(kind)
    assert str(info.value) == f"k.json: {validation_line(caught.value)}"
    assert "\x1b" not in str(info.value)
