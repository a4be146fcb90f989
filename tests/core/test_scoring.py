"""Scoring of self-evaluations: each rule on hand-worked examples, and the 2020 sample's tables."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from desktop.cli import main
from desktop.core.checks import check_form
from desktop.core.findings import Severity
from desktop.core.kinds import FormKind, KindError, KindRegistry, Scoring, load_kind
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.resources import data_root
from desktop.core.scoring import (
    BANDS,
    FormScore,
    IndicatorScore,
    Method,
    band_of,
    default_weights,
    format_rate,
    format_score,
    score_form,
    spread,
)
from desktop.core.storage import load_project, save_project

D = Decimal


@pytest.fixture(scope="module")
def kind(registry: KindRegistry) -> FormKind:
    return registry["project-selfeval"]


def variant(kind: FormKind, **settings) -> FormKind:
    """The project self-evaluation kind with other scoring settings (a province's variant)."""
    return kind.model_copy(update={"scoring": Scoring(**settings)})


FULL_EXECUTION = {"total": {"adjusted_budget": "100", "executed": "100", "weight": "90"}}


def form_of(rows: list[tuple], funds: dict | None = None, header: dict | None = None) -> Form:
    """A form from (level-1, level-2, indicator) rows; by default execution is 100 % of 90."""
    funds = FULL_EXECUTION if funds is None else funds
    form = Form(id="f1", kind="project-selfeval", header=header or {}, funds=funds)
    for l1_name, l2_name, ind in rows:
        l1 = next((x for x in form.indicators if x.name == l1_name), None)
        if l1 is None:
            l1 = Level1(name=l1_name)
            form.indicators.append(l1)
        l2 = next((x for x in l1.children if x.name == l2_name), None)
        if l2 is None:
            l2 = Level2(name=l2_name)
            l1.children.append(l2)
        l2.indicators.append(ind)
    return form


def one(
    kind: FormKind,
    target: str,
    actual: str,
    weight: str = "10",
    where: tuple[str, str] = ("产出指标", "数量指标"),
    deviation: str = "",
    **extra: str,
) -> tuple[IndicatorScore, list[str]]:
    """Score a single indicator; returns its row and the codes found (besides the total)."""
    ind = Indicator(
        name="指标", target=target, actual=actual, weight=weight, deviation=deviation, extra=extra
    )
    fs = score_form(form_of([(*where, ind)]), kind)
    return fs.rows[0], [x.code for x in fs.findings if x.code != "weights-total"]


# --- quantitative, higher is better -------------------------------------------------------------


def test_higher_is_weight_times_ratio(kind: FormKind) -> None:
    row, codes = one(kind, "0.5", "0.3", weight="3", deviation="未完成")
    assert (row.score, row.method) == (D("1.8"), Method.HIGHER)  # 3 × 0.3 ÷ 0.5
    assert codes == []
    row, _ = one(kind, "≥95%", "90%")
    assert row.score == D("9.5")  # 10 × 90 ÷ 95 = 9.47…


def test_higher_is_capped_at_the_weight(kind: FormKind) -> None:
    assert one(kind, "5", "共9.75", weight="11")[0].score == D("11.0")  # not 21.45
    assert one(kind, "=4人", "5人")[0].score == D("10.0")
    assert one(kind, "全年≥10次", "12次")[0].score == D("10.0")


def test_higher_reads_one_number_in_a_sentence(kind: FormKind) -> None:
    assert one(kind, "100%", "完成率98%")[0].score == D("9.8")


# --- quantitative, lower is better -------------------------------------------------------------


def test_lower_full_up_to_target_then_target_over_actual(kind: FormKind) -> None:
    row, _ = one(kind, "≤3万元", "2.5万元")
    assert (row.score, row.method) == (D("10.0"), Method.LOWER)
    assert one(kind, "≤3万元", "3万元")[0].score == D("10.0")
    assert one(kind, "≤3万元", "4万元", deviation="超支")[0].score == D("7.5")  # 10 × 3 ÷ 4
    assert one(kind, "<8小时", "10小时", deviation="x")[0].score == D("8.0")


def test_cost_category_is_lower_is_better_without_an_operator(kind: FormKind) -> None:
    cost = ("产出指标", "成本指标")
    assert one(kind, "2.5", "7.2", weight="3", where=cost)[0].score == D("1.0")  # 3 × 2.5 ÷ 7.2
    assert one(kind, "0.5", "0.3", weight="3", where=cost)[0].score == D("3.0")
    # The same numbers under 数量指标 are higher-is-better.
    assert one(kind, "0.5", "0.3", weight="3")[0].score == D("1.8")
    national_cost = ("成本指标", "经济成本指标")
    assert one(kind, "2万元", "2.5万元", where=national_cost)[0].score == D("8.0")


def test_durations_are_lower_is_better_unless_the_operator_says_otherwise(kind: FormKind) -> None:
    assert one(kind, "3个工作日", "4个工作日", deviation="x")[0].score == D("7.5")
    assert one(kind, "3个工作日", "2个工作日")[0].score == D("10.0")
    assert one(kind, "≥40学时", "30学时", deviation="x")[0].score == D("7.5")  # higher


def test_linear_formula_falls_to_zero_at_twice_the_target(kind: FormKind) -> None:
    linear = variant(kind, lower_formula="linear")
    assert one(linear, "≤10万元", "10万元")[0].score == D("10.0")
    assert one(linear, "≤10万元", "12万元")[0].score == D("8.0")  # 10 × (2 − 1.2)
    assert one(linear, "≤10万元", "15万元")[0].score == D("5.0")
    assert one(linear, "≤10万元", "20万元")[0].score == D("0.0")
    assert one(linear, "≤10万元", "25万元")[0].score == D("0.0")
    assert one(kind, "≤10万元", "15万元")[0].score == D("6.7")  # ratio: 10 × 10 ÷ 15


# --- zero and missing values --------------------------------------------------------------------


def test_zero_targets_are_met_or_not(kind: FormKind) -> None:
    assert one(kind, "≤0起", "0起")[0].score == D("10.0")
    row, codes = one(kind, "≤0起", "1起")
    assert row.score == D("0.0") and codes == ["deviation-missing"]
    assert one(variant(kind, lower_formula="linear"), "≤0起", "2起")[0].score == D("0.0")
    assert one(kind, "≥0次", "0次")[0].score == D("10.0")
    assert one(kind, "0", "0")[0].score == D("10.0")  # a bare 0 is still a number to compare


def test_zero_actual_on_a_positive_target_scores_zero(kind: FormKind) -> None:
    row, codes = one(kind, "≥5次", "0次")
    assert row.score == D("0.0") and codes == ["deviation-missing"]
    assert one(kind, "≤5次", "0次")[0].score == D("10.0")


def test_missing_actual_is_a_finding_not_a_zero(kind: FormKind) -> None:
    ind = Indicator(name="培训", target="≥4次", actual="", weight="10")
    fs = score_form(form_of([("产出指标", "数量指标", ind)]), kind)
    assert fs.rows[0].score is None and not fs.complete and fs.grade is None
    assert fs.total == D("90.0")  # the execution row alone
    hit = next(x for x in fs.findings if x.code == "actual-missing")
    assert (hit.severity, hit.key, hit.uid) == (Severity.ERROR, "actual", ind.uid)
    assert hit.where == "产出指标 / 数量指标 / 培训 / 实际完成值"
    assert fs.total_text == "" and fs.score_text(ind.uid) == ""


# --- units ---------------------------------------------------------------------------------------


def test_units_must_match(kind: FormKind) -> None:
    # A bare actual is in the target's unit (issue 14): ("100%", "98") scores, see test_papers.
    for target, actual in (("≥10次", "10人"), ("5", "9.75万元"), ("≥30人次", "32万元")):
        row, codes = one(kind, target, actual)
        assert row.score is None and codes == ["actual-unit-mismatch"], (target, actual)
    row, codes = one(kind, "≥10次", "10人")
    assert row.note == "单位不一致"


def test_yuan_and_wan_yuan_convert(kind: FormKind) -> None:
    assert one(kind, "≤30000元", "2.5万元")[0].score == D("10.0")
    assert one(kind, "≤2万元", "25000元", deviation="x")[0].score == D("8.0")  # 2 ÷ 2.5
    assert one(kind, "≤3.05万元/年", "3万元")[0].score == D("10.0")  # per year on a year's form
    assert one(kind, "≥95%", "950‰")[0].score == D("10.0")
    assert one(kind, "5", "共9.75")[0].score == D("10.0")  # old forms: bare numbers both sides


# --- rounding and the total ----------------------------------------------------------------------


def test_rounding_half_up_to_the_kinds_decimals(kind: FormKind) -> None:
    assert one(kind, "4", "1", weight="1")[0].score == D("0.3")  # 0.25 → 0.3, not 0.2
    two = variant(kind, decimals=2)
    assert one(two, "1", "1.16", weight="3", where=("产出指标", "成本指标"))[0].score == D("2.59")
    assert one(kind, "1", "1.16", weight="3", where=("产出指标", "成本指标"))[0].score == D("2.6")
    assert format_score(D("10"), kind) == "10.0"
    assert format_score(D("0.25"), kind) == "0.3"
    assert format_score(D("2.585"), two) == "2.59"


def test_total_is_the_sum_of_the_shown_scores(kind: FormKind) -> None:
    rows = [
        (
            "产出指标",
            "数量指标",
            Indicator(name=f"指标{i}", target="3次", actual="2次", weight="1", deviation="x"),
        )
        for i in range(3)
    ]
    fs = score_form(
        form_of(rows, {"total": {"adjusted_budget": "1", "executed": "1", "weight": "97"}}), kind
    )
    assert [r.score for r in fs.rows] == [D("0.7")] * 3  # each 2 ÷ 3 = 0.666…
    assert fs.total == D("99.1")  # 97 + 3 × 0.7, not 97 + 2.0
    assert fs.total_text == "99.1" and fs.complete and fs.grade == "优"


# --- grades --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.9", "良"),
        ("80", "良"),
        ("79.9", "中"),
        ("60", "中"),
        ("59.9", "差"),
        ("0", "差"),
    ],
)
def test_grade_boundaries(kind: FormKind, total: str, grade: str) -> None:
    assert kind.scoring is not None and kind.scoring.grade(D(total)) == grade


def test_grade_of_a_complete_form(kind: FormKind) -> None:
    ind = Indicator(name="满意度", target="≥90%", actual="80%", weight="10", deviation="x")
    fs = score_form(
        form_of(
            [("满意度指标", "服务对象满意度指标", ind)],
            {"total": {"adjusted_budget": "10", "executed": "9", "weight": "90"}},
        ),
        kind,
    )
    # 90 × 0.9 = 81.0 and 10 × 80 ÷ 90 = 8.9: 89.9 is 良, a tenth short of 优.
    assert (fs.execution.score, fs.rows[0].score, fs.total) == (D("81.0"), D("8.9"), D("89.9"))
    assert fs.grade == "良"


def test_other_grade_cut_offs(kind: FormKind) -> None:
    strict = variant(kind, grades={"优秀": 95, "合格": 60, "不合格": 0})
    assert strict.scoring.grade(D("94.9")) == "合格"
    assert strict.scoring.grade(D("95")) == "优秀"


# --- judged (qualitative) indicators -------------------------------------------------------------


def test_qualitative_needs_band_and_score(kind: FormKind) -> None:
    row, codes = one(kind, "有效提升", "达成")
    assert row.score is None and codes == ["score-missing"]
    row, codes = one(kind, "有效提升", "达成", band="部分达成")
    assert codes == ["score-missing"] and row.band == "部分达成"
    fs = score_form(
        form_of(
            [
                (
                    "效益指标",
                    "社会效益指标",
                    Indicator(
                        name="x",
                        target="有效提升",
                        actual="达成",
                        weight="10",
                        extra={"band": "部分达成"},
                    ),
                )
            ]
        ),
        kind,
    )
    assert "6–8 分（不含 8）" in fs.findings[0].message


@pytest.mark.parametrize(
    ("band", "score", "codes", "shown"),
    [
        ("达成", "8", [], "达成"),  # 80 % belongs to 达成
        ("达成", "10", [], "达成"),
        ("部分达成", "8", ["qualitative-band"], "部分达成"),
        ("部分达成", "7.9", [], "部分达成"),
        ("部分达成", "6", [], "部分达成"),
        ("未达成", "6", ["qualitative-band"], "未达成"),
        ("未达成", "5.9", [], "未达成"),
        ("未达成", "0", [], "未达成"),
        ("达成", "10.5", ["score-over-weight"], "达成"),
        ("很好", "9", ["qualitative-band"], "达成"),  # unknown band; the score still counts
        ("", "7", [], "部分达成"),  # a score alone implies its band
    ],
)
def test_band_edges(kind: FormKind, band: str, score: str, codes: list, shown: str) -> None:
    extra = {"band": band} if band else {}
    row, found = one(kind, "有效提升", "达成", deviation="说明", score=score, **extra)
    assert [c for c in found if c != "deviation-missing"] == codes
    assert row.score == D(score).quantize(D("0.1")) and row.judged and row.band == shown


def test_judged_score_not_a_number(kind: FormKind) -> None:
    row, codes = one(kind, "有效提升", "达成", band="达成", score="满分")
    assert row.score is None and codes == ["score-missing"]


def test_judged_score_below_weight_wants_a_deviation_note(kind: FormKind) -> None:
    assert one(kind, "有效提升", "部分", band="部分达成", score="7")[1] == ["deviation-missing"]


def test_bands_are_not_guessed_from_the_text(kind: FormKind) -> None:
    row, codes = one(kind, "满意", "非常满意")
    assert row.score is None and codes == ["score-missing"]


def test_measured_rows_ignore_a_band(kind: FormKind) -> None:
    row, codes = one(kind, "≥10次", "5次", deviation="x", band="达成", score="10")
    assert (row.score, row.method, codes) == (D("5.0"), Method.HIGHER, [])


def test_number_target_with_words_as_actual_can_be_judged(kind: FormKind) -> None:
    row, codes = one(kind, "100%", "达成")
    assert codes == ["score-missing"] and row.score is None
    assert one(kind, "100%", "达成", band="达成", score="10")[0].score == D("10.0")


def test_band_of() -> None:
    assert band_of(D(8), D(10)) is BANDS[0]
    assert band_of(D("7.99"), D(10)) is BANDS[1]
    assert band_of(D("5.99"), D(10)) is BANDS[2]
    assert band_of(D(11), D(10)) is None


# --- budget execution ----------------------------------------------------------------------------


def execution(kind: FormKind, header: dict | None = None, **cells: str) -> FormScore:
    ind = Indicator(name="x", target="1次", actual="1次", weight="90")
    return score_form(form_of([("产出指标", "数量指标", ind)], {"total": cells}, header), kind)


def test_execution_rate_and_score(kind: FormKind) -> None:
    fs = execution(kind, adjusted_budget="23", executed="17.99", weight="10")
    assert fs.execution.rate == D("17.99") / D(23)
    assert (fs.rate_text, fs.execution_score_text) == ("78.22%", "7.8")
    over = execution(kind, adjusted_budget="10", executed="12", weight="10")
    assert over.execution.score == D("10.0") and over.rate_text == "120.00%"


def test_execution_rate_below_90_percent_needs_explaining(kind: FormKind) -> None:
    fs = execution(kind, adjusted_budget="23", executed="17.99", weight="10")
    hit = next(x for x in fs.findings if x.code == "exec-rate-explain")
    assert (hit.severity, hit.key) == (Severity.WARNING, "execution_note")
    assert "78.22% 低于 90%" in hit.message
    explained = execution(
        kind, {"execution_note": "项目延期"}, adjusted_budget="23", executed="17.99", weight="10"
    )
    assert "exec-rate-explain" not in [x.code for x in explained.findings]
    at_90 = execution(kind, adjusted_budget="10", executed="9", weight="10")
    assert "exec-rate-explain" not in [x.code for x in at_90.findings]
    never = variant(kind, explain_rate_below=None)
    fs = execution(never, adjusted_budget="23", executed="17.99", weight="10")
    assert "exec-rate-explain" not in [x.code for x in fs.findings]


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("78.22%", True),
        ("78.2%", True),
        ("78%", True),
        ("0.78", True),
        ("78.2", True),
        ("78.3%", False),
        ("80%", False),
        ("0.8", False),
        ("一半", False),
    ],
)
def test_typed_rate_must_match(kind: FormKind, typed: str, ok: bool) -> None:
    fs = execution(kind, adjusted_budget="23", executed="17.99", weight="10", rate=typed)
    mismatch = [x for x in fs.findings if x.code == "exec-rate-mismatch"]
    assert (not mismatch) == ok
    if mismatch:
        assert mismatch[0].key == "total.rate" and "78.22%" in mismatch[0].message


def test_execution_with_missing_or_zero_funds(kind: FormKind) -> None:
    fs = execution(kind, adjusted_budget="10", weight="10")
    assert fs.execution.score is None and not fs.complete
    assert [x.key for x in fs.findings if x.code == "exec-funds-missing"] == ["total.executed"]
    fs = execution(kind, adjusted_budget="0", executed="0", weight="10")
    assert fs.execution.rate is None
    assert [x.key for x in fs.findings if x.code == "exec-funds-missing"] == [
        "total.adjusted_budget"
    ]


def test_execution_weight_is_a_cell(kind: FormKind) -> None:
    fs = execution(kind, adjusted_budget="10", executed="10", weight="20")
    assert fs.execution.score == D("20.0") and fs.weights_total == 110
    assert [x.code for x in fs.findings] == ["weights-total"]
    fs = execution(kind, adjusted_budget="10", executed="10")
    assert [x.code for x in fs.findings] == ["weight-missing"]


# --- weights -------------------------------------------------------------------------------------


def test_weights_must_total_100(kind: FormKind) -> None:
    rows = [("产出指标", "数量指标", Indicator(name="a", target="1次", actual="1次", weight="85"))]
    fs = score_form(form_of(rows), kind)
    hit = next(x for x in fs.findings if x.code == "weights-total")
    assert hit.message.startswith("各项分值合计 175 分（含预算执行 90 分）")
    rows[0][2].weight = "10分"  # a typed unit is fine
    assert score_form(form_of(rows), kind).findings == ()


def test_weight_missing_or_not_a_number(kind: FormKind) -> None:
    assert one(kind, "1次", "1次", weight="")[1] == ["weight-missing"]
    row, codes = one(kind, "1次", "1次", weight="十")
    assert codes == ["weight-invalid"] and row.score is None


def test_deviation_note(kind: FormKind) -> None:
    row, codes = one(kind, "≥10次", "8次")
    assert row.score == D("8.0") and codes == ["deviation-missing"]
    assert one(kind, "≥10次", "8次", deviation="因疫情停办两次")[1] == []


def test_blank_and_placeholder_rows_are_not_scored(kind: FormKind) -> None:
    rows = [
        ("产出指标", "数量指标", Indicator(name="……")),
        ("产出指标", "数量指标", Indicator(name="指标2：")),
        ("效益指标", "生态效益指标", Indicator(name="无", target="无")),
        ("产出指标", "数量指标", Indicator(name="a", target="1次", actual="1次", weight="10")),
    ]
    fs = score_form(form_of(rows), kind)
    assert [r.name for r in fs.rows] == ["a"] and fs.findings == ()


def test_spread_in_steps_of_the_rounding_unit() -> None:
    assert spread(D(50), 3, 1) == [D("16.7"), D("16.7"), D("16.6")]
    assert spread(D(50), 3, 2) == [D("16.67"), D("16.67"), D("16.66")]
    assert spread(D(10), 3, 1) == [D("3.4"), D("3.3"), D("3.3")]
    assert spread(D(30), 4, 1) == [D("7.5")] * 4
    assert sum(spread(D(50), 24, 1)) == 50
    assert spread(D(10), 0, 1) == []


def test_default_weights_per_level1_and_shared_cost(kind: FormKind) -> None:
    def ind(name: str) -> Indicator:
        return Indicator(name=name, target="1次")

    rows = [
        ("产出指标", "数量指标", ind("a")),
        ("产出指标", "质量指标", ind("b")),
        ("成本指标", "经济成本指标", ind("c")),  # national layout: shares 产出指标's 50
        ("效益指标", "社会效益指标", ind("d")),
        ("满意度指标", "服务对象满意度指标", ind("e")),
        ("满意度指标", "服务对象满意度指标", ind("f")),
        ("满意度指标", "服务对象满意度指标", ind("g")),
    ]
    form = form_of(rows)
    weights = {i.name: default_weights(form, kind)[i.uid] for _, _, i in form.iter_indicators()}
    assert weights == {
        "a": D("16.7"),
        "b": D("16.7"),
        "c": D("16.6"),
        "d": D(30),
        "e": D("3.4"),
        "f": D("3.3"),
        "g": D("3.3"),
    }
    free = variant(kind, by_level1={}, free=90)
    assert set(default_weights(form, free).values()) == {D("12.9"), D("12.8")}
    assert sum(default_weights(form, free).values()) == 90


# --- settings ------------------------------------------------------------------------------------


def test_scoring_settings_are_validated() -> None:
    assert Scoring().by_level1 == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    Scoring(budget_execution=20, by_level1={"产出指标": 40, "效益指标": 30, "满意度指标": 10})
    Scoring(by_level1={}, free=90)
    for bad in (
        {"budget_execution": 20},  # 110
        {"by_level1": {"产出指标": 50.05, "效益指标": 29.95, "满意度指标": 10}},  # 0.05 steps
        {"share_with": {"成本指标": "安全指标"}},
        {"share_with": {"效益指标": "产出指标"}},
        {"grades": {"优": 90, "良": 80}},
        {"explain_rate_below": 1.5},
    ):
        with pytest.raises(ValidationError):
            Scoring(**bad)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s["by_level1"].update({"安全指标": 0}), "安全指标"),
        (lambda s: s.update(explain_field="nope"), "nope"),
        (lambda s: s.update(weights=1), "weights"),
    ],
)
def test_kind_file_scoring_errors_name_the_field(tmp_path: Path, change, field: str) -> None:
    data = json.loads((data_root() / "forms" / "project-selfeval.json").read_text("utf-8"))
    change(data["scoring"])
    path = tmp_path / "province.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KindError, match=field):
        load_kind(path)


def test_hostile_cells_give_findings_not_tracebacks(kind: FormKind) -> None:
    huge = "9" * 60
    assert one(kind, "≥10次", "8次", weight=huge, deviation="x")[0].score == D(huge) * D("0.8")
    assert one(kind, "有效", "<&>😀" * 1000, band="达成", score=huge)[1] == ["score-over-weight"]
    fs = execution(kind, adjusted_budget="1", executed="9" * 5000, weight="10")
    assert fs.execution.score == D("10.0") and fs.rate_text.endswith("00.00%")
    assert one(kind, "≥" + "9" * 5000 + "次", "1次", deviation="x")[0].score == D("0.0")


def test_format_rate() -> None:
    assert format_rate(D("0.78217")) == "78.22%"
    assert format_rate(D(1)) == "100.00%"


# --- in the checks ------------------------------------------------------------------------------


def test_check_form_reports_scoring_findings_for_scored_kinds(registry: KindRegistry) -> None:
    ind = Indicator(name="培训", target="≥4次", actual="", weight="10")
    form = form_of([("产出指标", "数量指标", ind)])
    assert "actual-missing" in [x.code for x in check_form(form, registry)]
    form.kind = "department-selfeval"  # the 2020 department layout has no scores
    assert "actual-missing" not in [x.code for x in check_form(form, registry)]


# --- the 2020 sample: 附件2–4 ---------------------------------------------------------------------

# Scores the program fills in, computed by hand (see the issue note). None: the indicator has no
# number to compare, so the clerk must pick a band and score it.
SAMPLE_2020 = {
    "打私专项整治经费": {
        "rate": "100.00%",
        "execution": "10.0",
        "scores": [
            "11.0",
            "3.0",
            "3.0",
            "3.0",  # 数量: actual ≥ target, capped
            "1.8",  # 数量: 3 × 0.3 ÷ 0.5
            None,
            None,
            None,  # 质量: 提升效益 / 确保成效 / 物质保障 vs 达成
            None,
            None,  # 时效: 年初和年中 / 2020年 vs 达成
            "3.0",  # 成本: 2次 ≤ 2次
            "2.6",  # 成本: 3 × 1 ÷ 1.16 = 2.59
            "1.0",  # 成本: 3 × 2.5 ÷ 7.2 = 1.04
            "3.0",  # 成本: 0.3 ≤ 0.5
            None,
            None,
            None,  # 效益 ×2, 满意度
        ],
        "as_is": "41.4",  # 10 + 11 + 3 + 3 + 3 + 1.8 + 3 + 2.6 + 1.0 + 3
        "judged_full": ("96.4", "优"),  # + 9 + 6 + 30 + 10
    },
    "打私巡查专项经费": {
        "rate": "78.22%",  # 17.99 ÷ 23
        "execution": "7.8",
        # Bare actuals beside a target of heads and money report the money (issue 14):
        "scores": [
            None,  # 23人/年15.84元万元: 元万元 is no unit, a person must judge
            "5.8",  # 数量: 7 × 5.94 ÷ 7.16 万元
            None,
            None,  # 质量 达标, 时效 全年/全年: a band is suggested, not applied
            "7.0",  # 时效: 6-10月 within 6-10月
            "7.0",  # 成本: 12.05 ≤ 15.84 万元
            "7.0",  # 成本: 5.94 ≤ 7.16 万元
            None,
            None,
            None,  # 效益 ×2 (suggested), 满意度 基本满意以上 vs 100%
        ],
        "as_is": "34.6",  # 7.8 + 5.8 + 7 + 7 + 7
        "judged_full": ("96.6", "优"),  # + 8 + 7 + 7 + 15 + 15 + 10
    },
    "打私保障专项经费": {
        "rate": "100.00%",
        "execution": "10.0",
        "scores": [
            None,  # 按合同、协议 vs 共6.9
            "5.0",  # 数量: 3.2 ≥ 2.3 万元
            "2.1",  # 数量: 5 × 0.7 ÷ 1.7
            "4.8",  # 数量: 5 × 3 ÷ 3.12
            None,
            None,  # 质量, 时效 vs 达成 (suggested)
            "3.6",  # 成本: 5 × 2.3 ÷ 3.2
            "5.0",  # 成本: 0.7 ≤ 1.7
            "5.0",  # 成本: 3 ≤ 3.12
            None,
            None,
            None,
            None,  # 效益 ×2 (suggested), 满意度 ×2
        ],
        "as_is": "35.5",  # 10 + 5 + 2.1 + 4.8 + 3.6 + 5 + 5
        "judged_full": ("95.5", "优"),  # + 10 + 5 + 5 + 15 + 15 + 5 + 5
    },
}


def test_2020_sample_project_tables(registry: KindRegistry, sample_paths: list[Path]) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2020"))
    project = load_project(path).project
    tables = [f for f in project.forms if f.kind == "project-selfeval"]
    kind = registry["project-selfeval"]
    assert [f.header["project_name"] for f in tables] == list(SAMPLE_2020)
    for form in tables:
        want = SAMPLE_2020[form.header["project_name"]]
        fs = score_form(form, kind)
        assert (fs.rate_text, fs.execution_score_text) == (want["rate"], want["execution"])
        assert [fs.score_text(r.uid) or None for r in fs.rows] == want["scores"]
        assert fs.weights_total == 100
        assert (format_score(fs.total, kind), fs.complete, fs.total_text) == (
            want["as_is"],
            False,
            "",
        )
        missing = [x for x in fs.findings if x.code == "score-missing"]
        assert len(missing) == want["scores"].count(None)
        # The clerk judges every remaining indicator 达成 at full marks:
        for r in fs.rows:
            if r.score is None:
                ind = next(i for _, _, i in form.iter_indicators() if i.uid == r.uid)
                ind.extra.update(band="达成", score=ind.weight)
        fs = score_form(form, kind)
        assert (fs.total_text, fs.grade) == want["judged_full"]


def test_2020_sample_findings(registry: KindRegistry, sample_paths: list[Path]) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2020"))
    project = load_project(path).project
    kind = registry["project-selfeval"]
    found = {
        form.header["project_name"]: sorted(
            (x.code, x.where) for x in score_form(form, kind).findings if x.code != "score-missing"
        )
        for form in project.forms
        if form.kind == "project-selfeval"
    }
    deviation = "偏差原因分析及改进措施"
    assert found == {
        "打私专项整治经费": [
            ("deviation-missing", f"产出指标 / 成本指标 / 指标2：宣传费 / {deviation}"),
            ("deviation-missing", f"产出指标 / 成本指标 / 指标3：封堵井口、断道费 / {deviation}"),
            ("deviation-missing", f"产出指标 / 数量指标 / 指标5：实测专项经费 / {deviation}"),
        ],
        # Rows now scored from a bare actual beside 26人2.3万元 (issue 14) that fall short of
        # their weight want a deviation note, as on paper:
        "打私巡查专项经费": [
            ("deviation-missing", f"产出指标 / 数量指标 / 指标2：高温补贴 / {deviation}"),
            ("exec-rate-explain", "表头 / 执行率偏差原因"),
        ],
        "打私保障专项经费": [
            ("deviation-missing", f"产出指标 / 成本指标 / 指标1：巡查设备、服装配置费 / {deviation}"),
            ("deviation-missing", f"产出指标 / 数量指标 / 指标4:人身意外险 / {deviation}"),
        ],
    }


# --- the command line ---------------------------------------------------------------------------


def test_cli_score_text_and_json(sample_paths: list[Path], capsys) -> None:
    path = next(p for p in sample_paths if p.name.startswith("2020"))
    code = main(["score", str(path)])
    out = capsys.readouterr().out
    assert code == 1  # indicators still to be judged
    assert "部门预算整体绩效自评表：不是计分的自评表，跳过。" in out
    assert "预算执行率 78.22%" in out and "未完成：8 项尚无得分" in out
    assert re.search(r"指标5：实测专项经费 +3 +1\.8 +正向：实际 0\.3 ÷ 目标 0\.5 = 60\.00%", out)
    code = main(["score", str(path), "--json"])
    captured = capsys.readouterr()
    forms = json.loads(captured.out)
    assert "跳过" in captured.err
    assert [f["form"] for f in forms] == list(SAMPLE_2020)
    first = forms[0]
    assert first["execution"]["score"] == 10.0 and first["total"] == 41.4
    assert first["rows"][4] | {"note": ""} == {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "指标5：实测专项经费",
        "weight": 3.0,
        "score": 1.8,
        "method": "higher",
        "band": None,
        "note": "",
        "suggested_band": None,
    }
    assert first["rows"][5]["suggested_band"] == "达成"  # 达成 against 提升效益: only suggested
    assert first["rows"][5]["score"] is None
    assert first["complete"] is False and first["grade"] is None


def test_cli_score_complete_form_exits_0(tmp_path: Path, capsys) -> None:
    ind = Indicator(name="培训", target="≥4次", actual="4次", weight="10")
    path = tmp_path / "自评.jixiao"
    save_project(Project(forms=[form_of([("产出指标", "数量指标", ind)])]), path)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].split()[-3:] == ["100", "100.0", "优"]


def test_cli_score_unreadable_file(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "坏.jixiao"
    broken.write_text("{", encoding="utf-8")
    assert main(["score", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "坏.jixiao" in err
