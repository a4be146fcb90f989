"""Tests for desktop.core.values: every value below was copied from a real published form."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.values import (
    DateSpec,
    Dimension,
    ParsedValue,
    ValueKind,
    is_placeholder,
    normalize,
    parse_value,
)

K = ValueKind
D = Dimension
Expected = dict[str, Any]


def qty(op: str | None, number: str, unit: str | None, dim: D | None, **extra: Any) -> Expected:
    """A QUANTITY with its key fields; ``placeholder`` is always checked."""
    fields = {"kind": K.QUANTITY, "operator": op, "number": Decimal(number), "unit": unit}
    return fields | {"dimension": dim, "placeholder": False, "conflict": False} | extra


def qual(vague: bool = False, **extra: Any) -> Expected:
    """A QUALITATIVE value; vagueness and placeholder status are always checked."""
    fields = {"kind": K.QUALITATIVE, "vague": vague, "placeholder": False, "number": None}
    return fields | {"conflict": False} | extra


def date(year: int | None, month: int | None, day: int | None = None, **extra: Any) -> Expected:
    """A DATE; a date alone has no phrase or parts unless the case says so."""
    relation = extra.pop("relation", "on")
    month_end = extra.pop("month_end", None)
    spec = DateSpec(year, month, day, month_end, relation)
    return {"kind": K.DATE, "date": spec, "phrase": None, "parts": ()} | extra


def period(name: str, **extra: Any) -> Expected:
    """A PERIOD; year, rest and parts default to absent so extras are caught."""
    fields = {"kind": K.PERIOD, "period": name, "date": None, "parts": (), "phrase": None}
    return fields | extra


def text(*parts: tuple[str | None, str, str | None], **extra: Any) -> Expected:
    """A TEXT sentence with the (operator, number, unit) of each quantity it mentions."""
    return {"kind": K.TEXT, "parts": parts, "period": None} | extra


def compound(*parts: tuple[str | None, str, str | None], conflict: bool = False) -> Expected:
    """A COMPOUND cell: its parts in order, and whether one of their units contradicts itself."""
    return {"kind": K.COMPOUND, "parts": parts, "conflict": conflict, "number": None}


# Target values (目标值) and actual values (实际完成值) as published, with what they mean.
SEED: list[tuple[str, Expected]] = [
    ("0%", qty(None, "0", "%", D.PERCENT)),
    ("100%", qty(None, "100", "%", D.PERCENT)),
    ("3%", qty(None, "3", "%", D.PERCENT)),
    ("13%", qty(None, "13", "%", D.PERCENT)),
    (
        "全年≥10次",
        period("全年", operator="≥", number=Decimal(10), unit="次", parts=(("≥", "10", "次"),)),
    ),
    ("安全", qual(phrase="安全")),
    ("及时", qual(phrase="及时")),
    ("≤3万元", qty("≤", "3", "万元", D.MONEY, yuan=Decimal(30000))),
    ("有效降低", qual(vague=True, phrase="有效降低")),
    ("有效提升", qual(vague=True)),
    ("无", qual(placeholder=True, phrase="无")),
    ("持续稳定", qual(vague=True)),
    ("2人", qty(None, "2", "人", D.COUNT)),
    ("≥85分", qty("≥", "85", "分", D.SCORE)),
    ("≤3.05万元/年", qty("≤", "3.05", "万元/年", D.MONEY_RATE, yuan=None)),
    ("≤0.65万元/年", qty("≤", "0.65", "万元/年", D.MONEY_RATE)),
    ("≤6.4万元/年", qty("≤", "6.4", "万元/年", D.MONEY_RATE)),
    ("≤1万元/年", qty("≤", "1", "万元/年", D.MONEY_RATE)),
    ("≤0.8万元/年", qty("≤", "0.8", "万元/年", D.MONEY_RATE)),
    ("有所提升", qual(vague=True)),
    ("长期", qual(phrase="长期")),
    ("1人", qty(None, "1", "人", D.COUNT)),
    ("40天内", qty("≤", "40", "天", D.DURATION)),
    ("≤4.6万元/年", qty("≤", "4.6", "万元/年", D.MONEY_RATE)),
    ("≤1.7万元/年", qty("≤", "1.7", "万元/年", D.MONEY_RATE)),
    ("合格", qual(phrase="合格")),
    ("每季度发放一次", period("每季度", phrase="发放一次", parts=((None, "1", "次"),))),
    ("100元/人/天", qty(None, "100", "元/人/天", D.MONEY_RATE)),
    ("50元/人/天", qty(None, "50", "元/人/天", D.MONEY_RATE)),
    ("100元/人/月", qty(None, "100", "元/人/月", D.MONEY_RATE)),
    ("≥90分", qty("≥", "90", "分", D.SCORE)),
    ("≥1次", qty("≥", "1", "次", D.COUNT)),
    ("≥360次", qty("≥", "360", "次", D.COUNT)),
    ("≥75台", qty("≥", "75", "台", D.COUNT)),
    ("≥12个月", qty("≥", "12", "个月", D.DURATION)),
    ("≥200次", qty("≥", "200", "次", D.COUNT)),
    ("全年", period("全年")),
    ("每月", period("每月")),
    ("11月前", date(None, 11, relation="before")),
    ("12个月", qty(None, "12", "个月", D.DURATION)),
    ("2月份", date(None, 2)),
    ("62万元", qty(None, "62", "万元", D.MONEY, yuan=Decimal(620000))),
    ("20万元", qty(None, "20", "万元", D.MONEY, yuan=Decimal(200000))),
    ("10万元", qty(None, "10", "万元", D.MONEY)),
    ("3万元", qty(None, "3", "万元", D.MONEY)),
    ("40万元", qty(None, "40", "万元", D.MONEY)),
    ("15万元", qty(None, "15", "万元", D.MONEY)),
    ("95%", qty(None, "95", "%", D.PERCENT)),
    ("≥1个", qty("≥", "1", "个", D.COUNT)),
    ("≥50次", qty("≥", "50", "次", D.COUNT)),
    ("≥600本", qty("≥", "600", "本", D.COUNT)),
    ("11月份", date(None, 11)),
    ("≤9.8万元", qty("≤", "9.8", "万元", D.MONEY, yuan=Decimal(98000))),
    ("≤0.8万元", qty("≤", "0.8", "万元", D.MONEY, yuan=Decimal(8000))),
    ("≤1.4万元", qty("≤", "1.4", "万元", D.MONEY)),
    ("99%", qty(None, "99", "%", D.PERCENT)),
    ("≥1.1万册", qty("≥", "11000", "册", D.COUNT)),
    ("≥100人", qty("≥", "100", "人", D.COUNT)),
    ("≥200个", qty("≥", "200", "个", D.COUNT)),
    ("≥10个", qty("≥", "10", "个", D.COUNT)),
    ("90%", qty(None, "90", "%", D.PERCENT)),
    ("10月", date(None, 10)),
    ("≤30万元", qty("≤", "30", "万元", D.MONEY)),
    ("≤14万元", qty("≤", "14", "万元", D.MONEY)),
    ("≤12万元", qty("≤", "12", "万元", D.MONEY)),
    ("长期有效", qual(vague=True)),
    ("≥750次", qty("≥", "750", "次", D.COUNT)),
    ("≥250次", qty("≥", "250", "次", D.COUNT)),
    ("1个", qty(None, "1", "个", D.COUNT)),
    ("≥95%", qty("≥", "95", "%", D.PERCENT)),
    ("", {"kind": K.EMPTY, "placeholder": False, "number": None}),
    ("≥350天", qty("≥", "350", "天", D.DURATION)),
    ("≤15万元", qty("≤", "15", "万元", D.MONEY)),
    ("≤5万元", qty("≤", "5", "万元", D.MONEY)),
    ("0", qty(None, "0", None, None, placeholder=True)),
    ("明显提升", qual(vague=True)),
    ("≥90%", qty("≥", "90", "%", D.PERCENT)),
    ("7人", qty(None, "7", "人", D.COUNT)),
    ("≥1次/年", qty("≥", "1", "次/年", D.COUNT_RATE)),
    ("20日内", qty("≤", "20", "日", D.DURATION)),
    ("3332元/人/月", qty(None, "3332", "元/人/月", D.MONEY_RATE, yuan=None)),
    ("3332元/人/年", qty(None, "3332", "元/人/年", D.MONEY_RATE)),
    ("5000元/人/年", qty(None, "5000", "元/人/年", D.MONEY_RATE)),
    ("1128元/人/年", qty(None, "1128", "元/人/年", D.MONEY_RATE)),
    ("有效", qual(vague=True)),
    ("10台", qty(None, "10", "台", D.COUNT)),
    ("10套", qty(None, "10", "套", D.COUNT)),
    ("优/良好", qual(phrase="优/良好", unit=None)),
    ("≥98%", qty("≥", "98", "%", D.PERCENT)),
    ("6200元", qty(None, "6200", "元", D.MONEY, yuan=Decimal(6200))),
    ("580元", qty(None, "580", "元", D.MONEY)),
    ("480元", qty(None, "480", "元", D.MONEY)),
    ("320元", qty(None, "320", "元", D.MONEY)),
    ("有提升", qual(vague=True)),
    ("持续发展", qual(vague=True)),
    ("=4人", qty("=", "4", "人", D.COUNT)),
    ("=5058.32平方米", qty("=", "5058.32", "平方米", D.AREA)),
    ("=5辆", qty("=", "5", "辆", D.COUNT)),
    ("=113人", qty("=", "113", "人", D.COUNT)),
    ("=4条", qty("=", "4", "条", D.COUNT)),
    (">=15次", qty("≥", "15", "次", D.COUNT)),
    (">=5批", qty("≥", "5", "批", D.COUNT)),
    (">=10次", qty("≥", "10", "次", D.COUNT)),
    ("=6套", qty("=", "6", "套", D.COUNT)),
    ("=12次", qty("=", "12", "次", D.COUNT)),
    ("=100%", qty("=", "100", "%", D.PERCENT)),
    (">=90%", qty("≥", "90", "%", D.PERCENT)),
    (">=98%", qty("≥", "98", "%", D.PERCENT)),
    (">=95%", qty("≥", "95", "%", D.PERCENT)),
    ("<=8小时", qty("≤", "8", "小时", D.DURATION)),
    ("<=24小时", qty("≤", "24", "小时", D.DURATION)),
    ("2022年10月31日以前", date(2022, 10, 31, relation="before")),
    ("<=84.26万元", qty("≤", "84.26", "万元", D.MONEY, yuan=Decimal(842600))),
    ("<=0.72万元", qty("≤", "0.72", "万元", D.MONEY)),
    ("<=176.45万元", qty("≤", "176.45", "万元", D.MONEY)),
    ("<=16.8万元", qty("≤", "16.8", "万元", D.MONEY)),
    ("<=8.80万元", qty("≤", "8.80", "万元", D.MONEY, yuan=Decimal(88000))),
    ("<=44万元", qty("≤", "44", "万元", D.MONEY)),
    ("<=60.2万元", qty("≤", "60.2", "万元", D.MONEY)),
    ("有效保障", qual(vague=True)),
    ("显著提高", qual(vague=True)),
    ("1", qty(None, "1", None, None)),
    ("159.15", qty(None, "159.15", None, None)),
    ("160.16", qty(None, "160.16", None, None)),
    ("35.12", qty(None, "35.12", None, None)),
    ("34.64", qty(None, "34.64", None, None)),
    ("打私区域隐患巡查、整治覆盖率100%", text((None, "100", "%"))),
    ("打私区域普法率宣传到位", qual(phrase="打私区域普法率宣传到位")),
    ("排查打私区域内隐患井口并封堵", qual(phrase="排查打私区域内隐患井口并封堵")),
    ("保障援藏干部生活补助足额发放", qual()),
    ("26人每月工资社保到位率100%", text((None, "26", "人"), (None, "100", "%"), period="每月")),
    ("2020年全年", period("全年", date=DateSpec(2020, None, None))),
    (
        "每月支付26位职工工资及社保及工作经费",
        period("每月", phrase="支付26位职工工资及社保及工作经费", parts=((None, "26", "位"),)),
    ),
    ("支出各项打私专项费", qual()),
    ("支付1人援藏干部生活补助费", text((None, "1", "人"))),
    (
        "2020年全年足额发放，保障职工权益",
        period("全年", date=DateSpec(2020, None, None), phrase="足额发放,保障职工权益"),
    ),
    ("2020年足额缴纳", date(2020, None, phrase="足额缴纳")),
    ("不断加强", qual(vague=True)),
    ("有力保障，推进矿产安全", qual(vague=True, phrase="有力保障,推进矿产安全")),
    ("生活补助及时发放，确保干部有效开展相关工作", qual(vague=True)),
    ("＞95%", qty(">", "95", "%", D.PERCENT)),
    ("5", qty(None, "5", None, None)),
    ("2.5", qty(None, "2.5", None, None)),
    ("0.5", qty(None, "0.5", None, None)),
    ("提升效益", qual()),
    ("确保成效", qual()),
    ("物质保障", qual()),
    ("年初和年中", period("年初和年中")),
    ("2020年", date(2020, None)),
    ("2次", qty(None, "2", "次", D.COUNT)),
    ("降低风险成本", qual(phrase="降低风险成本", unit=None)),
    ("工作成效", qual()),
    ("基本满意", qual(phrase="基本满意", operator=None)),
    (
        "23人/年15.84元万元",
        compound((None, "23", "人/年"), (None, "15.84", "元万元"), conflict=True),
    ),
    ("26人/年7.16万元", compound((None, "26", "人/年"), (None, "7.16", "万元"))),
    ("6-10月", date(None, 6, month_end=10)),
    ("23人15.84万元", compound((None, "23", "人"), (None, "15.84", "万元"))),
    ("26人7.16万元", compound((None, "26", "人"), (None, "7.16", "万元"))),
    ("减少隐藏风险", qual()),
    ("提保障，推动工作", qual()),
    ("基本满意以上", qual(operator="≥", phrase="基本满意")),
    ("按合同、协议", qual(phrase="按合同、协议")),
    ("26人2.3万元", compound((None, "26", "人"), (None, "2.3", "万元"))),
    ("26人1.7万元", compound((None, "26", "人"), (None, "1.7", "万元"))),
    ("26人3.12万元", compound((None, "26", "人"), (None, "3.12", "万元"))),
    ("保质、降成本", qual()),
    ("1-8月", date(None, 1, month_end=8)),
    ("降低", qual()),
    # Actual values (实际完成值).
    ("共9.75", qty(None, "9.75", None, None)),
    ("1.1", qty(None, "1.1", None, None)),
    ("1.16", qty(None, "1.16", None, None)),
    ("7.20", qty(None, "7.2", None, None)),
    ("0.3", qty(None, "0.3", None, None)),
    ("达成", qual()),
    ("达标", qual()),
    ("12.05", qty(None, "12.05", None, None)),
    ("5.94", qty(None, "5.94", None, None)),
    ("3.2", qty(None, "3.2", None, None)),
    ("0.7", qty(None, "0.7", None, None)),
    ("3", qty(None, "3", None, None)),
    ("6.9", qty(None, "6.9", None, None)),
    ("区打私区域未发生安全事故及盗采矿产资源行为", qual()),
    ("完成率100%", text((None, "100", "%"))),
    ("准时足额发放。", qual(phrase="准时足额发放")),
    ("194.80", qty(None, "194.8", None, None)),
    ("10.", qty(None, "10", None, None)),
]


def _parts(value: ParsedValue) -> tuple[tuple[str | None, Decimal | None, str | None], ...]:
    return tuple((p.operator, p.number, p.unit) for p in value.parts)


def _check(value: ParsedValue, expected: Expected) -> None:
    """Compare fields; "parts" compares (operator, number, unit), "conflict" its presence."""
    for key, want in expected.items():
        if key == "parts":
            assert _parts(value) == tuple((o, Decimal(n), u) for o, n, u in want), key
            assert all(p.kind is K.QUANTITY for p in value.parts)
        elif key == "conflict":
            assert bool(value.unit_conflict) is want, value.unit_conflict
        else:
            assert getattr(value, key) == want, f"{key}: {getattr(value, key)!r} != {want!r}"


@pytest.mark.parametrize(("typed", "expected"), SEED, ids=[t or "<empty>" for t, _ in SEED])
def test_seed_values_parse_to_their_meaning(typed: str, expected: Expected) -> None:
    value = parse_value(typed)
    assert value.text == typed
    _check(value, expected)


def test_seed_list_covers_every_published_value() -> None:
    assert len(SEED) == 186
    assert len({t for t, _ in SEED}) == len(SEED)


# ---------------------------------------------------------------- derived properties


@pytest.mark.parametrize(
    ("typed", "quantified"),
    [
        ("≥10次", True),
        ("26人2.3万元", True),
        ("11月前", True),
        ("全年", True),
        ("完成率100%", True),
        ("0", False),
        ("无", False),
        ("", False),
        ("有效提升", False),
        ("打私区域普法率宣传到位", False),
    ],
)
def test_is_quantified(typed: str, quantified: bool) -> None:
    assert parse_value(typed).is_quantified is quantified


@pytest.mark.parametrize(
    ("typed", "direction"),
    [
        ("≤3万元", "lower"),
        ("<5%", "lower"),
        ("40天内", "lower"),
        ("≥90%", "higher"),
        (">95%", "higher"),
        ("=4人", "higher"),
        ("100%", "higher"),
        ("全年≥10次", None),
        ("11月前", None),
        ("有效", None),
    ],
)
def test_direction(typed: str, direction: str | None) -> None:
    assert parse_value(typed).direction == direction


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("3万元", Decimal(30000)),
        ("2亿元", Decimal(200000000)),
        ("5千元", Decimal(5000)),
        ("6200元", Decimal(6200)),
        ("全年≤5万元", Decimal(50000)),
        ("≤3.05万元/年", None),
        ("100%", None),
        ("15.84元万元", None),
    ],
)
def test_yuan(typed: str, yuan: Decimal | None) -> None:
    assert parse_value(typed).yuan == yuan


# ---------------------------------------------------------------- normalization


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        (" ≥ 10 次 ", "≥10次"),
        ("\u3000１００％\xa0", "100%"),
        ("＞＝９０．５％", "≥90.5%"),
        ("1，000元", "1,000元"),
        (">=15次", "≥15次"),
        ("≧3个", "≥3个"),
        ("大于等于3次", "≥3次"),
        ("不低于90%", "≥90%"),
        ("不少于5人", "≥5人"),
        ("至少2次", "≥2次"),
        ("<=8小时", "≤8小时"),
        ("≦8小时", "≤8小时"),
        ("小于等于5万元", "≤5万元"),
        ("不高于3%", "≤3%"),
        ("不超过5万元", "≤5万元"),
        ("不多于2次", "≤2次"),
        ("控制在5万元以内", "≤5万元"),
        ("90%以上", "≥90%"),
        ("10次及以上", "≥10次"),
        ("5%以下", "≤5%"),
        ("40天内", "≤40天"),
        ("20日内", "≤20日"),
        ("3个工作日以内", "≤3个工作日"),
        ("12个月之内", "≤12个月"),
        ("≥95%以上", "≥95%"),
        ("500㎡", "500平方米"),
        ("10月内", "10月内"),
        ("2020年内", "2020年内"),
        ("不超过预算", "不超过预算"),
        ("准时足额发放。", "准时足额发放"),
    ],
)
def test_normalize(typed: str, normal: str) -> None:
    assert normalize(typed) == normal


def test_text_keeps_the_original_spelling() -> None:
    value = parse_value(" 不低于 ９０％ ")
    assert value.text == " 不低于 ９０％ "
    assert (value.operator, value.number, value.unit) == ("≥", Decimal(90), "%")


# ---------------------------------------------------------------- more meanings


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("两次", qty(None, "2", "次", D.COUNT)),
        ("十二个月", qty(None, "12", "个月", D.DURATION)),
        ("1,000元", qty(None, "1000", "元", D.MONEY)),
        ("+5%", qty(None, "5", "%", D.PERCENT)),
        ("1.1万", qty(None, "11000", None, None)),
        ("≥1.1万人次/年", qty("≥", "11000", "人次/年", D.COUNT_RATE)),
        ("5千克", qty(None, "5", "千克", D.OTHER)),
        ("3千米", qty(None, "3", "千米", D.LENGTH)),
        ("5吨", qty(None, "5", "吨", D.OTHER)),
        ("5箱", qty(None, "5", "箱", D.OTHER)),
        ("5‰", qty(None, "5", "‰", D.PERCENT)),
        ("2个百分点", qty(None, "2", "个百分点", D.PERCENT)),
        ("100元/人·天", qty(None, "100", "元/人/天", D.MONEY_RATE)),
        ("3年", qty(None, "3", "年", D.DURATION)),
        ("100平米以上", qty("≥", "100", "平方米", D.AREA)),
        ("150%", qty(None, "150", "%", D.PERCENT)),
        ("0.00", qty(None, "0.00", None, None, placeholder=True)),
        ("2020年12月底前", date(2020, 12, relation="before")),
        ("10月内", date(None, 10, relation="within")),
        ("2020年度", date(2020, None)),
        ("2020年≥10次", date(2020, None, operator="≥", parts=(("≥", "10", "次"),))),
        ("2020年12月31日前完成验收", date(2020, 12, 31, relation="before", phrase="完成验收")),
        ("每年10次", period("每年", number=Decimal(10), parts=((None, "10", "次"),))),
        ("5家企业", text((None, "5", "家"))),
        ("95%左右", text((None, "95", "%"))),
        ("满意度不低于90%", text(("≥", "90", "%"))),
        ("一次性补助", text((None, "1", "次"))),
        ("十分满意", qual()),
        ("部门", qual()),
        ("有效期", qual(vague=True)),
        ("-", qual(placeholder=True)),
        ("—", qual(placeholder=True)),
        ("/", qual(placeholder=True)),
        ("暂无", qual(placeholder=True)),
        ("不涉及", qual(placeholder=True)),
        ("n/a", qual(placeholder=True)),
        ("略", qual(placeholder=True)),
        ("空", qual(placeholder=True)),
        ("5人,300元", compound((None, "5", "人"), (None, "300", "元"))),
    ],
)
def test_more_meanings(typed: str, expected: Expected) -> None:
    _check(parse_value(typed), expected)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("万元%", K.QUALITATIVE),
        ("3万元%", K.QUANTITY),
        ("≤3万元%", K.QUANTITY),
        ("15.84元万元", K.QUANTITY),
        ("%万元", K.QUALITATIVE),
        ("良好次", K.QUALITATIVE),
        ("合格%", K.QUALITATIVE),
        ("满意万元", K.QUALITATIVE),
    ],
)
def test_unit_conflicts(typed: str, kind: ValueKind) -> None:
    value = parse_value(typed)
    assert value.kind is kind
    assert value.unit_conflict
    assert "。" not in value.unit_conflict  # it is embedded in a sentence by the checks


@pytest.mark.parametrize(
    "typed", ["5个人", "3部门", "人次", "长期", "成本", "有效期", "安全门", "12个月", "≥12个月"]
)
def test_words_that_merely_end_in_a_unit_are_not_conflicts(typed: str) -> None:
    assert parse_value(typed).unit_conflict is None


def test_qualitative_word_before_a_unit_names_both() -> None:
    value = parse_value("良好次")
    assert (value.phrase, value.unit, value.dimension) == ("良好", "次", D.COUNT)
    assert "良好" in (value.unit_conflict or "") and "次" in (value.unit_conflict or "")


# ---------------------------------------------------------------- robustness and cache

HOSTILE = [
    "<b>",
    "&amp;",
    "<script>alert(1)</script>",
    "😀",
    "👍100%",
    "\x00\x01\x02\x1b[31m",
    "\u200b\ufeff",
    "\n\t\r",
    "5" * 5000,
    "人次" * 2500,
    "1.5人" * 1000 + "x",
    "1人2元" * 800 + "?",
    "≥" * 5000,
    "全年和" * 1600 + "全年",
    "良好" + "人次" * 2000 + "x",
    "满意" * 2000 + "以上x",
    "1-" * 2500 + "月",
    "一二三四五六七八九十" * 500 + "次",
    "9" * 100_000 + "亿",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_parses_quickly(typed: str) -> None:
    start = time.perf_counter()
    value = parse_value.__wrapped__(typed)
    assert time.perf_counter() - start < 1.0
    assert value.text == typed


def test_control_characters_alone_are_not_a_value() -> None:
    assert parse_value("\x1c\x1d\u3000 \t").kind is K.EMPTY


@settings(database=None, max_examples=300)
@given(st.text())
def test_any_text_parses(typed: str) -> None:
    value = parse_value(typed)
    assert isinstance(value, ParsedValue)
    assert value.text == typed


_VALUE_ALPHABET = st.sampled_from(
    [
        *"0123456789.,+-%‰≥≤<>=/、 ",
        *"万元人次年月日天内前每一两十㎡％＞０共",
        *("万元", "个月", "以上", "以下", "全年", "季度", "良好", "有效", "平方米"),
    ]
)


@settings(database=None, max_examples=500)
@given(st.lists(_VALUE_ALPHABET, max_size=12).map("".join))
def test_value_like_text_parses_consistently(typed: str) -> None:
    value = parse_value(typed)
    assert value.text == typed
    assert all(p.kind is K.QUANTITY for p in value.parts)
    if value.kind is K.QUANTITY:
        assert value.number is not None
    if value.kind is K.COMPOUND:
        assert len(value.parts) >= 2
    if value.dimension is D.MONEY and value.unit == "万元" and value.number is not None:
        assert value.yuan == value.number * 10000


def test_cache_returns_equal_results() -> None:
    first = parse_value("全年≥10次")
    assert parse_value("全年≥10次") is first
    assert parse_value.__wrapped__("全年≥10次") == first
    assert parse_value.cache_info().hits >= 1


_NAME_ALPHABET = st.sampled_from(
    [
        *"0０.,+-—–…/ 　\t\u200b空无略暂不涉及适用此项NnAaUuLlOoEe万千亿共合计总累。;,!?≥≤=<>",
        *("N/A", "null", "None", "不少于", "以内", "以上", "平米", "——", "...", "指标", "人次"),
    ]
)


@pytest.mark.parametrize(
    "typed",
    ["无", " 无 ", "N/A", "n/a", "null", "None", "0", "０", "0.00", "共0", "+0", "0万", "——",
     "…", "...", "暂无。", "不涉及", "无此项", "0个", "培训人次", "指标1：无", "≥0", "0以内",
     "不少于0", "无\u200b", "\u3000无\u3000", "NA", "nA", "0,000", ""],
)  # fmt: skip
def test_is_placeholder_is_the_parse(typed: str) -> None:
    assert is_placeholder(typed) == parse_value(typed).placeholder


@settings(database=None, max_examples=1000)
@given(st.lists(_NAME_ALPHABET, max_size=6).map("".join) | st.text(max_size=8))
def test_is_placeholder_agrees_with_the_parse_on_any_text(typed: str) -> None:
    assert is_placeholder(typed) == parse_value(typed).placeholder


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="无暂不涉及空零〇0０-—－/／…. 　培训人次指标数量%≥≤元xX", max_size=6))
def test_a_first_character_that_rules_out_a_placeholder_does(text: str) -> None:
    """starts_unlike_placeholder (the checks' shortcut for names) never calls a placeholder
    no placeholder, and does tell the common names from them by their first character."""
    from desktop.core.values import is_placeholder, starts_unlike_placeholder

    if starts_unlike_placeholder(text):
        assert not is_placeholder(text)


def test_common_names_are_told_by_their_first_character() -> None:
    from desktop.core.values import starts_unlike_placeholder

    assert all(starts_unlike_placeholder(n) for n in ("培训人次", "设备购置数量", "满意度"))
    assert not any(starts_unlike_placeholder(n) for n in ("无", "暂无", "不涉及", "0", "", "—"))
