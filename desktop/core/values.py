"""What an indicator value means, derived from the text a user typed.

People type values the way paper forms print them (``全年≥10次``, ``≤3万元``, ``11月前``,
``有效提升``). The text is always kept as typed; :func:`parse_value` works out the operator,
number, unit, date or period behind it so that checks can reason about meaning rather than
characters. Parsing is cached and uses a handful of precompiled patterns because it runs on
every keystroke for every cell of a form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from desktop.core.catalogue import on_language_changed, phrase
from desktop.core.money import digits_bounded
from desktop.core.rules import Rules, on_rules_changed, rules


class ValueKind(StrEnum):
    """The shape of a value, which decides which of the other fields are meaningful."""

    EMPTY = "empty"
    QUANTITY = "quantity"
    COMPOUND = "compound"
    DATE = "date"
    PERIOD = "period"
    QUALITATIVE = "qualitative"
    TEXT = "text"


class Dimension(StrEnum):
    """What a unit measures, so checks can tell money from counts without knowing every unit."""

    MONEY = "money"
    MONEY_RATE = "money_rate"
    COUNT = "count"
    COUNT_RATE = "count_rate"
    PERCENT = "percent"
    DURATION = "duration"
    AREA = "area"
    LENGTH = "length"
    SCORE = "score"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A calendar point or month range as written on forms; parts not written stay None."""

    year: int | None
    month: int | None
    day: int | None
    month_end: int | None = None
    relation: str = "on"
    end: tuple[int, int, int | None] | None = None  # a dotted range's last (year, month, day)


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """The meaning of one typed value; ``text`` is exactly what the user typed."""

    text: str
    kind: ValueKind
    operator: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    dimension: Dimension | None = None
    period: str | None = None
    date: DateSpec | None = None
    parts: tuple[ParsedValue, ...] = ()
    phrase: str | None = None
    placeholder: bool = False
    vague: bool = False
    unit_conflict: str | None = None

    @property
    def yuan(self) -> Decimal | None:
        """A money amount in 元, so totals typed in 元 and 万元 can be compared."""
        if self.dimension is not Dimension.MONEY or self.number is None:
            return None
        factor = _YUAN_PER_UNIT.get(self.unit or "")
        return None if factor is None else _DECIMAL.multiply(self.number, factor)

    @property
    def is_quantified(self) -> bool:
        """Whether a reviewer can measure the value: it carries a number or a time."""
        if self.placeholder:
            return False
        if self.kind is ValueKind.TEXT:
            return bool(self.parts)
        return self.kind in _QUANTIFIED_KINDS

    @property
    def direction(self) -> str | None:
        """Which way a quantity target points: "lower" for ≤ and <, otherwise "higher"."""
        if self.kind is not ValueKind.QUANTITY:
            return None
        return "lower" if self.operator in ("≤", "<") else "higher"


_QUANTIFIED_KINDS = frozenset(
    {ValueKind.QUANTITY, ValueKind.COMPOUND, ValueKind.DATE, ValueKind.PERIOD}
)
# Huge exponents so that no typed digit string can overflow when scaled by 万 or 亿.
_DECIMAL = Context(prec=60, Emax=MAX_EMAX, Emin=MIN_EMIN)

_D = Dimension


def _each(words: str) -> tuple[str, ...]:
    """The tables below are written as space-separated words to keep them readable."""
    return tuple(words.split())


# The vocabulary below comes from the rules (forms/rules.json); _compile builds the tables and
# patterns from it, at import and again whenever other rules are put in force.
_UNITS: dict[str, Dimension] = {}
_YUAN_PER_UNIT: dict[str, Decimal] = {}
_MULTIPLIERS: dict[str, Decimal] = {}
_CN_UNITS: tuple[str, ...] = ()
_PLACEHOLDERS: frozenset[str] = frozenset()
_OPERATOR_WORDS: dict[str, str] = {}
_SUFFIX_OPERATORS: dict[str, str] = {}  # else ≤ (内)
_RATE_HEADS = {_D.MONEY: _D.MONEY_RATE, _D.COUNT: _D.COUNT_RATE}
_NOT_PER = (None, _D.MONEY, _D.PERCENT)  # what cannot follow "/" in a rate
_CN_DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2}
_CN_SCALES = {"十": 10, "百": 100}

# str.translate table: drop every kind of space, fold full-width ASCII, unify symbol variants.
_TRANSLATE: dict[int, str | None] = {c: None for c in range(0x3001) if chr(c).isspace()}
_TRANSLATE |= {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_TRANSLATE |= {0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None}
_TRANSLATE |= {ord(k): v for k, v in {"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤"}.items()}
_TRANSLATE |= {ord("㎡"): "平方米", ord("﹪"): "%", ord("−"): "-"}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that prefers the longest word, so 个月 wins over 个."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_CN_NUM = r"[零一二两三四五六七八九十百]+"
_OP = r"[≥≤=><]"
_TRAILING_DOT_RE = re.compile(r"(?<=[0-9])\.$")
_DATE_RE = re.compile(
    r"(?:(?P<year>(?:19|20)[0-9]{2})年度?)?"
    r"(?:(?P<month>[0-9]{1,2})(?:[-~至到—–](?P<month_end>[0-9]{1,2}))?月份?)?"
    r"(?:(?P<day>[0-9]{1,2})[日号])?"
    r"(?P<relation>底前|末前|以前|之前|前|以后|之后|后|以内|之内|内|底|末|初)?"
)
_DOTTED = r"(?P<{0}year>(?:19|20)[0-9]{{2}})\.(?P<{0}month>[0-9]{{1,2}})(?:\.(?P<{0}day>[0-9]{{1,2}}))?"
# 2023.07, 2023.7.15, 2023.07-2024.01: the dotted dates of papers, alone or as a range
_DOTTED_DATE_RE = re.compile(
    _DOTTED.format("") + r"(?:\s*[-~至到—–]\s*" + _DOTTED.format("end_") + r")?"
)
_LOOSE_UNIT_RE = re.compile(r"[A-Za-z]{1,8}|[\u4e00-\u9fff]{1,2}")
_DIGIT_RE = re.compile(r"[0-9]")
_NEVER = re.compile(r"(?!)")
_OPERATOR_RE = _SUFFIX_RE = _QUANTITY_RE = _PERIOD_RE = _PERIOD_WORD_RE = _NEVER
_COMPOUND_RE = _COMPOUND_PART_RE = _SCAN_RE = _TOKEN_RE = _RATING_UNIT_RE = _NEVER
_BOUND_RE = _VAGUE_RE = _NEVER
# Every character that a placeholder (无, 0, —) can be typed with, or that normalize() drops,
# folds or replaces; and the characters of the placeholder words themselves (see is_placeholder).
_NOT_PLACEHOLDER_RE = _NEVER
_PLACEHOLDER_WORD_CHARS: frozenset[str] = frozenset()
_KEPT: dict[str, bool] = {}  # a character -> whether, upper-cased, no placeholder word has it


def _compile(r: Rules) -> None:
    """Build the unit tables and the patterns from the rule vocabulary."""
    global _UNITS, _YUAN_PER_UNIT, _MULTIPLIERS, _CN_UNITS, _PLACEHOLDERS, _OPERATOR_WORDS
    global _SUFFIX_OPERATORS, _OPERATOR_RE, _SUFFIX_RE, _QUANTITY_RE, _PERIOD_RE
    global _PERIOD_WORD_RE, _COMPOUND_RE, _COMPOUND_PART_RE, _SCAN_RE, _TOKEN_RE
    global _RATING_UNIT_RE, _BOUND_RE, _VAGUE_RE, _NOT_PLACEHOLDER_RE, _PLACEHOLDER_WORD_CHARS
    units = r.units
    _UNITS = {
        unit: Dimension(name) for name, words in units.by_dimension().items() for unit in words
    }
    _YUAN_PER_UNIT = dict(units.money)
    _MULTIPLIERS = dict(units.multipliers)
    _CN_UNITS = units.chinese_numeral_units
    _PLACEHOLDERS = frozenset(w.upper() for w in r.words.placeholders)
    _OPERATOR_WORDS = dict(r.operators.words)
    _SUFFIX_OPERATORS = dict(r.operators.suffixes)
    token = _alternation(_UNITS)
    multiplier = "".join(re.escape(m) for m in _MULTIPLIERS)
    unit = rf"(?:[{multiplier}]?(?:{token})(?:[/·](?:{token}))*|[{multiplier}])"
    cn_unit = _alternation(_CN_UNITS)
    word_ops = _alternation(w for w in _OPERATOR_WORDS if w[0] not in "<>=")
    symbol_ops = _alternation(w for w in _OPERATOR_WORDS if w[0] in "<>=")
    bounds = _alternation(_SUFFIX_OPERATORS)
    periods = _alternation(r.words.periods)
    _OPERATOR_RE = re.compile(rf"{symbol_ops}|(?:{word_ops})(?=[+\-]?[0-9.])")
    _SUFFIX_RE = re.compile(
        rf"(?P<op>{_OP})?(?<![0-9.])(?P<qty>(?P<num>[+\-]?(?:{_NUM}))(?P<unit>{unit})?)"
        rf"(?P<suffix>{bounds}|以内|之内|内)"
    )
    _QUANTITY_RE = re.compile(
        rf"(?:共|合计|总计|累计)?(?:(?P<op>{_OP})?(?P<num>[+\-]?(?:{_NUM}))(?P<unit>[^0-9]*)"
        rf"|(?P<cn_op>{_OP})?(?P<cn>{_CN_NUM})(?P<cn_unit>{cn_unit}))",
        re.S,
    )
    _PERIOD_RE = re.compile(
        rf"(?:(?P<year>(?:19|20)[0-9]{{2}})年)?(?P<period>(?:{periods})"
        rf"(?:[和及与、](?:{periods}))*)[:,、]?(?P<rest>.*)",
        re.S,
    )
    _PERIOD_WORD_RE = re.compile(periods)
    part = rf"{_OP}?[+\-]?(?:{_NUM})[^0-9.≥≤=><+\-、,;]+"
    _COMPOUND_RE = re.compile(rf"(?:{part}[、,;]?){{2,}}")
    _COMPOUND_PART_RE = re.compile(
        rf"(?P<op>{_OP})?(?P<num>[+\-]?(?:{_NUM}))(?P<unit>[^0-9.≥≤=><+\-、,;]+)"
    )
    # Quantities inside a sentence; dates are matched first only so that 2020年 is not a duration.
    _SCAN_RE = re.compile(
        r"(?P<date>(?<![0-9.])(?:(?:19|20)[0-9]{2}年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?"
        r"|[0-9]{1,2}(?:[-~至到][0-9]{1,2})?月(?:[0-9]{1,2}[日号])?))"
        rf"|(?P<op>{_OP})?(?<![0-9.])(?P<num>[+\-]?(?:{_NUM}))(?P<unit>{unit})?"
        rf"|(?P<cn_op>{_OP})?(?P<cn>{_CN_NUM})(?P<cn_unit>{cn_unit})"
    )
    _TOKEN_RE = re.compile(token)
    # Possessive: a run such as 人次人次… must not be re-split every possible way on failure;
    # a unit straight after a rating word (良好次) is a slip of the pen.
    _RATING_UNIT_RE = re.compile(
        rf"(?P<word>{_alternation(r.words.ratings)})?(?P<unit>(?:{token})++)"
    )
    _BOUND_RE = re.compile(rf"(?P<phrase>.+?)(?P<suffix>{bounds})", re.S)
    _VAGUE_RE = re.compile(_alternation(r.words.vague))
    words = set("".join(_PLACEHOLDERS))
    _PLACEHOLDER_WORD_CHARS = frozenset(words)
    maybe = (
        words
        | {c.lower() for c in words}
        | {chr(c) for c in _TRANSLATE}
        | set("".join(_OPERATOR_WORDS) + "".join(_OPERATOR_WORDS.values()))
        | set("".join(_SUFFIX_OPERATORS) + "以内之平米方" + "".join(_MULTIPLIERS))
        | set("共合计总累0123456789.,+-" + "。;,!?" + "≥≤=><")
    )
    _NOT_PLACEHOLDER_RE = re.compile(
        "[^" + "".join(re.escape(c) for c in sorted(maybe)) + "]"
    )
    _KEPT.clear()
    parse_value.cache_clear()
    _analyze_unit.cache_clear()


_RELATIONS = {
    **dict.fromkeys(_each("前 以前 之前 底前 末前"), "before"),
    **dict.fromkeys(_each("后 以后 之后"), "after"),
    **dict.fromkeys(_each("内 以内 之内"), "within"),
}


def _suffix_to_operator(m: re.Match[str]) -> str:
    """Turn ``40天内`` into ``≤40天``; leave dates such as ``10月内`` or ``2020年以内`` alone."""
    unit, qty = m["unit"], m["qty"]
    start = m.start("qty")
    if (
        unit == "月"
        or (unit == "年" and len(m["num"]) == 4)
        or (unit == "日" and start and m.string[start - 1] == "月")
    ):
        return m[0]
    return (m["op"] or _SUFFIX_OPERATORS.get(m["suffix"], "≤")) + qty


def normalize(text: str) -> str:
    """Fold the many ways people type the same value into one spelling before matching."""
    s = text.translate(_TRANSLATE)
    if "平米" in s:
        s = s.replace("平米", "平方米")
    s = _TRAILING_DOT_RE.sub("", s.rstrip("。;,!?"))
    s = _OPERATOR_RE.sub(lambda m: _OPERATOR_WORDS[m[0]], s)
    if "以" in s or "内" in s:
        s = _SUFFIX_RE.sub(_suffix_to_operator, s)
    return s


class _Unit(NamedTuple):
    """A unit as understood: ``factor`` is the 万/千/亿 folded into the number, if any."""

    unit: str | None
    dimension: Dimension | None
    factor: Decimal | None
    conflict: str | None


def _known_dimension(unit: str) -> Dimension | None:
    """The dimension of a listed unit or of a rate built from listed units (元/人/天)."""
    dimension = _UNITS.get(unit)
    if dimension is not None or "/" not in unit:
        return dimension
    head, *per = unit.split("/")
    head_dimension = _UNITS.get(head)
    if head_dimension is None or any(_UNITS.get(p) in _NOT_PER for p in per):
        return None
    return _RATE_HEADS.get(head_dimension, _D.OTHER)


def _conflict(tokens: list[str]) -> str | None:
    """Why a run of units cannot all apply to one number, in words a reviewer understands."""
    money = [t for t in tokens if _UNITS[t] is _D.MONEY]
    percent = [t for t in tokens if _UNITS[t] is _D.PERCENT]
    if len(money) > 1:
        return phrase("conflict-two-money", first=money[0], second=money[1])
    if money and percent:
        return phrase("conflict-money-percent", money=money[0], percent=percent[0])
    if money or percent:
        return phrase("conflict-joined", unit="".join(tokens), first=tokens[0], second=tokens[1])
    return None


@lru_cache(maxsize=1024)
def _analyze_unit(raw: str) -> _Unit | None:
    """Normalize and classify the text after a number; None when it is words, not a unit."""
    unit = raw.replace("·", "/")
    if not unit:
        return _Unit(None, None, None, None)
    dimension = _known_dimension(unit)
    if dimension is not None:
        return _Unit(unit, dimension, None, None)
    factor = _MULTIPLIERS.get(unit[0])
    if factor is not None:
        rest = unit[1:]
        if not rest:
            return _Unit(None, None, factor, None)
        dimension = _known_dimension(rest)
        if dimension is not None:
            return _Unit(rest, dimension, factor, None)
    tokens = _TOKEN_RE.findall(unit)
    if len(tokens) > 1 and "".join(tokens) == unit:
        conflict = _conflict(tokens)
        dimensions = {_UNITS[t] for t in tokens}
        if conflict is None and len(dimensions) > 1:
            return _Unit(unit, _D.OTHER, None, None)
        return _Unit(unit, _UNITS[tokens[0]], None, conflict)
    if _TOKEN_RE.match(unit) is None and _LOOSE_UNIT_RE.fullmatch(unit):
        return _Unit(unit, _D.OTHER, None, None)
    return None


def _cn_number(numeral: str) -> Decimal:
    """The value of a small Chinese numeral such as 两, 十二 or 一百零五."""
    total = current = 0
    for ch in numeral:
        scale = _CN_SCALES.get(ch)
        if scale is None:
            current = _CN_DIGITS[ch]
        else:
            total += (current or 1) * scale
            current = 0
    return Decimal(total + current)


def _quantity(text: str, op: str | None, num: str, raw_unit: str) -> ParsedValue | None:
    """A QUANTITY for a number and the text after it, or None when that text is not a unit."""
    info = _analyze_unit(raw_unit)
    if info is None or not digits_bounded(num):  # too long to compute with: not a quantity
        return None
    number = Decimal(num.replace(",", ""))
    if info.factor is not None:
        number = _DECIMAL.multiply(number, info.factor)
    return ParsedValue(
        text=text,
        kind=ValueKind.QUANTITY,
        operator=op,
        number=number,
        unit=info.unit,
        dimension=info.dimension,
        placeholder=op is None and info.unit is None and number == 0,
        unit_conflict=info.conflict,
    )


def _whole_quantity(text: str, s: str) -> ParsedValue | None:
    """The quantity that ``s`` is in its entirety, if it is one."""
    m = _QUANTITY_RE.fullmatch(s)
    if m is None:
        return None
    if m["cn"] is not None:
        return ParsedValue(
            text=text,
            kind=ValueKind.QUANTITY,
            operator=m["cn_op"],
            number=_cn_number(m["cn"]),
            unit=m["cn_unit"],
            dimension=_UNITS[m["cn_unit"]],
        )
    return _quantity(text, m["op"], m["num"], m["unit"])


def _scan(s: str) -> tuple[ParsedValue, ...]:
    """Every quantity mentioned inside a sentence, in order; dates are skipped."""
    parts = []
    for m in _SCAN_RE.finditer(s):
        if m["num"] is not None:
            part = _quantity(m[0], m["op"], m["num"], m["unit"] or "")
        elif m["cn"] is not None:
            part = _whole_quantity(m[0], m[0])
        else:
            continue
        if part is not None:
            parts.append(part)
    return tuple(parts)


def _dotted_date(s: str) -> DateSpec | None:
    """A dotted date or range (2023.07-2024.01) as a DateSpec, or None."""
    m = _DOTTED_DATE_RE.fullmatch(s)
    if m is None:
        return None
    parts = [(m[f"{p}year"], m[f"{p}month"], m[f"{p}day"]) for p in ("", "end_")]
    points = []
    for year, month, day in parts:
        if year is None:
            continue
        mo, d = int(month), int(day) if day else None
        if not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
            return None
        points.append((int(year), mo, d))
    first, last = points[0], points[-1]
    if len(points) == 2 and (last[0], last[1]) <= (first[0], first[1]):
        return None
    return DateSpec(first[0], first[1], first[2], end=last if len(points) == 2 else None)


def _date_spec(m: re.Match[str]) -> DateSpec | None:
    """The DateSpec of a date match; None when no year or month, or a number is impossible."""
    year, month, month_end, day = m["year"], m["month"], m["month_end"], m["day"]
    if year is None and month is None:
        return None
    mo = int(month) if month else None
    end = int(month_end) if month_end else None
    d = int(day) if day else None
    if mo is not None and not 1 <= mo <= 12:
        return None
    if end is not None and not (mo or 0) < end <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    relation = _RELATIONS.get(m["relation"] or "", "on")
    return DateSpec(int(year) if year else None, mo, d, end, relation)


def _with_rest(
    text: str,
    rest: str,
    kind: ValueKind,
    date: DateSpec | None,
    vague: bool,
    period: str | None = None,
) -> ParsedValue:
    """A PERIOD or DATE followed by more: a quantity (全年≥10次) or words (每季度发放一次)."""
    rest = rest.lstrip(":,、")
    quantity = _whole_quantity(rest, rest) if rest else None
    if quantity is None:
        return ParsedValue(
            text=text,
            kind=kind,
            period=period,
            date=date,
            parts=_scan(rest),
            phrase=rest or None,
            vague=vague,
        )
    return ParsedValue(
        text=text,
        kind=kind,
        operator=quantity.operator,
        number=quantity.number,
        unit=quantity.unit,
        dimension=quantity.dimension,
        period=period,
        date=date,
        parts=(quantity,),
        vague=vague,
        unit_conflict=quantity.unit_conflict,
    )


def _compound(text: str, s: str) -> ParsedValue | None:
    """Several quantities written back to back (26人2.3万元), if that is all ``s`` holds."""
    if _COMPOUND_RE.fullmatch(s) is None:
        return None
    parts = []
    for m in _COMPOUND_PART_RE.finditer(s):
        part = _quantity(m[0], m["op"], m["num"], m["unit"])
        if part is None:
            return None
        parts.append(part)
    conflict = next((p.unit_conflict for p in parts if p.unit_conflict), None)
    return ParsedValue(
        text=text, kind=ValueKind.COMPOUND, parts=tuple(parts), unit_conflict=conflict
    )


def _words(text: str, s: str, vague: bool) -> ParsedValue:
    """A value that is words: TEXT when it mentions a quantity, else QUALITATIVE."""
    parts = _scan(s)
    if parts or _DIGIT_RE.search(s):
        period = _PERIOD_WORD_RE.search(s)
        return ParsedValue(
            text=text,
            kind=ValueKind.TEXT,
            period=period[0] if period else None,
            parts=parts,
            phrase=s,
            vague=vague,
        )
    m = _RATING_UNIT_RE.fullmatch(s)
    if m is not None:
        info = _analyze_unit(m["unit"])
        word = m["word"]
        if word is not None and info is not None:
            conflict = phrase("conflict-rating", word=word, unit=m["unit"])
            return ParsedValue(
                text=text,
                kind=ValueKind.QUALITATIVE,
                unit=info.unit,
                dimension=info.dimension,
                phrase=word,
                vague=vague,
                unit_conflict=conflict,
            )
        if info is not None and info.conflict:
            return ParsedValue(
                text=text,
                kind=ValueKind.QUALITATIVE,
                unit=info.unit,
                dimension=info.dimension,
                vague=vague,
                unit_conflict=info.conflict,
            )
    bound = _BOUND_RE.fullmatch(s)
    if bound is not None:
        return ParsedValue(
            text=text,
            kind=ValueKind.QUALITATIVE,
            operator=_SUFFIX_OPERATORS[bound["suffix"]],
            phrase=bound["phrase"],
            vague=vague,
        )
    return ParsedValue(text=text, kind=ValueKind.QUALITATIVE, phrase=s, vague=vague)


@lru_cache(maxsize=8192)
def parse_value(text: str) -> ParsedValue:
    """The meaning of a typed value; never raises, whatever the text."""
    s = normalize(text)
    if not s:
        return ParsedValue(text=text, kind=ValueKind.EMPTY)
    if s.upper() in _PLACEHOLDERS:
        return ParsedValue(text=text, kind=ValueKind.QUALITATIVE, phrase=s, placeholder=True)
    date_match = _DATE_RE.match(s)
    date = _date_spec(date_match) if date_match else None
    if date is not None and date_match is not None and date_match.end() == len(s):
        return ParsedValue(text=text, kind=ValueKind.DATE, date=date)
    dotted = _dotted_date(s) if "." in s else None
    if dotted is not None:
        return ParsedValue(text=text, kind=ValueKind.DATE, date=dotted)
    quantity = _whole_quantity(text, s)
    if quantity is not None:
        return quantity
    vague = _VAGUE_RE.search(s) is not None
    period = _PERIOD_RE.match(s)
    if period is not None:
        year = period["year"]
        year_only = DateSpec(int(year), None, None) if year else None
        return _with_rest(
            text, period["rest"], ValueKind.PERIOD, year_only, vague, period["period"]
        )
    if date is not None and date_match is not None:
        return _with_rest(text, s[date_match.end() :], ValueKind.DATE, date, vague)
    return _compound(text, s) or _words(text, s, vague)


def is_placeholder(text: str) -> bool:
    """`parse_value(text).placeholder`, without parsing the many texts that cannot be one.

    A placeholder is, once normalized, one of the placeholder words or a bare zero; a text with
    a character that normalize() keeps as it is and that no placeholder word can hold is neither
    (indicator names: 培训人次 is rejected by its first character, not parsed).
    """
    other = _NOT_PLACEHOLDER_RE.search(text)
    if other is not None:
        ch = other[0]
        kept = _KEPT.get(ch)
        if kept is None:
            kept = _KEPT[ch] = not set(ch.upper()) <= _PLACEHOLDER_WORD_CHARS
        if kept:
            return False
    return parse_value(text).placeholder


def starts_unlike_placeholder(text: str) -> bool:
    """Whether the first character of `text` alone makes it no placeholder (培训人次: 培), so
    that `is_placeholder(text)` is False without looking further; False when it cannot tell."""
    ch = text[:1]
    kept = _KEPT.get(ch)
    if kept is None:
        if not ch or _NOT_PLACEHOLDER_RE.match(ch) is None:
            return False
        kept = _KEPT[ch] = not set(ch.upper()) <= _PLACEHOLDER_WORD_CHARS
    return kept


def _forget() -> None:
    """Drop the cached parses: their conflict texts are in the previous language."""
    parse_value.cache_clear()
    _analyze_unit.cache_clear()


_compile(rules())
on_rules_changed(_compile)
on_language_changed(_forget)
