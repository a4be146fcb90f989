"""Self-evaluation scores, computed from the form so that nobody adds them up by hand.

Scores are never stored: each is derived from the weight, target and actual cells by the rules
of the form kind's `Scoring` settings (national rule by default). The only scores a person
gives are for indicators that cannot be measured against a number — the user picks a band
(`Indicator.extra["band"]`) and types the score within it (`Indicator.extra["score"]`).
Each score is rounded for display and the total is the sum of the rounded scores, which is what
a reviewer adding up the printed column gets.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from functools import lru_cache

from desktop.core import catalogue
from desktop.core.catalogue import finding, phrase
from desktop.core.filler import is_filler
from desktop.core.findings import Finding, Section, Severity
from desktop.core.kinds import EXECUTION_COLUMNS, Expects, FormKind, Scoring
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.money import parse_amount, plain, yuan_factor
from desktop.core.rules import BandRule, rules
from desktop.core.values import DateSpec, Dimension, ParsedValue, ValueKind, parse_value

E, W = Severity.ERROR, Severity.WARNING
BUDGET, EXECUTED = EXECUTION_COLUMNS
WEIGHT, RATE = "weight", "rate"  # funds columns of the total row: 分值, 执行率 (typed on old forms)
BAND_KEY, SCORE_KEY = "band", "score"  # Indicator.extra keys of a judged indicator
# Figures as a transcribed or imported paper printed them, kept beside the computed ones:
# Indicator.extra[PRINTED], funds total row [PRINTED] and [PRINTED_RATE], header [PRINTED_TOTAL].
PRINTED, PRINTED_RATE, PRINTED_TOTAL = "printed_score", "printed_rate", "printed_total"
_PRINTED_LABELS = {PRINTED: "printed-score", PRINTED_RATE: "printed-rate"}  # catalogue phrases


def _column_label(labels: dict[str, str], column: str) -> str:
    """A column's label in a finding's place: the kind's, or the printed figures' own name."""
    if column in labels:
        return labels[column]
    return phrase(_PRINTED_LABELS[column]) if column in _PRINTED_LABELS else column

def holds_printed(form: Form, kind: FormKind) -> bool:
    """Whether a form keeps any figure as printed: an indicator's, the funds total row's or
    the header's printed total (the editor then shows the printed column and fields)."""
    if form.header.get(PRINTED_TOTAL, "").strip():
        return True
    total = kind.funds.total_row if kind.funds is not None else None
    if total is not None and any(
        form.funds_cell(total, key).strip() for key in (PRINTED, PRINTED_RATE)
    ):
        return True
    return any(ind.extra.get(PRINTED, "").strip() for _, _, ind in form.iter_indicators())


SCORING_CODES = frozenset(
    {
        "actual-implausible",
        "actual-missing",
        "printed-differs",
        "actual-unit-mismatch",
        "deviation-missing",
        "exec-funds-missing",
        "exec-rate-explain",
        "exec-rate-mismatch",
        "qualitative-band",
        "score-missing",
        "score-over-weight",
        "weight-invalid",
        "weight-missing",
        "weights-total",
    }
)


@dataclass(frozen=True, slots=True)
class Band:
    """A band of a judged indicator: [low, high) of the weight, or [low, high] when closed."""

    key: str
    label: str
    low: Decimal
    high: Decimal
    closed: bool = False

    def contains(self, fraction: Decimal) -> bool:
        return self.low <= fraction and (
            fraction <= self.high if self.closed else fraction < self.high
        )

    def range_text(self, weight: Decimal) -> str:
        low, high = plain(weight * self.low), plain(weight * self.high)
        text = phrase("band-range", low=low, high=high)
        return text if self.closed else text + phrase("band-open", high=high)


def bands() -> tuple[Band, ...]:
    """The bands of a judged indicator, best first, as the rules in force define them."""
    return _bands(rules().scoring.bands)


@lru_cache(maxsize=4)
def _bands(defined: tuple[BandRule, ...]) -> tuple[Band, ...]:
    return tuple(Band(b.key, b.label, b.low, b.high, b.closed) for b in defined)


BANDS = bands()  # as loaded at start; `bands()` follows rules put in force later


def band_of(score: Decimal, weight: Decimal) -> Band | None:
    """The band a score falls in, or None when it is outside 0…weight."""
    if weight <= 0:
        return None
    fraction = score / weight
    return next((b for b in bands() if b.contains(fraction)), None)


def _band_names(separator: str) -> str:
    """达成 / 部分达成 / 未达成, or “达成”“部分达成”或“未达成”."""
    keys = [b.key for b in bands()]
    if separator:
        return separator.join(keys)
    quoted = [f"“{k}”" for k in keys]
    return "".join(quoted[:-1]) + phrase("band-or") + quoted[-1] if len(quoted) > 1 else quoted[0]


class Method(StrEnum):
    """How a row's score was found; shown by the CLI and usable by the editor."""

    HIGHER = "higher"  # weight × min(actual ÷ target, 1)
    LOWER = "lower"  # full weight up to the target, then the kind's formula
    DEADLINE = "deadline"  # a date or 按期完成 against the target's deadline
    BAND = "band"  # judged by the user
    NONE = ""  # not scored yet


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """One indicator's row: its weight, rounded score and how it was found."""

    uid: str
    level1: str
    level2: str
    name: str
    weight: Decimal | None
    score: Decimal | None
    method: Method
    note: str  # plain Chinese: why this score, or what is missing
    band: str | None = None  # the band picked or implied by a judged score
    suggested: str | None = None  # a band the actual text implies, for the user to accept

    @property
    def judged(self) -> bool:
        """Whether the score is the user's (band and score cells) rather than computed."""
        return self.method == Method.BAND


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """The budget execution row: 执行率 = 全年执行数 ÷ 全年预算数."""

    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None  # a fraction, not rounded
    weight: Decimal | None
    score: Decimal | None


@dataclass(frozen=True, slots=True)
class FormScore:
    """A self-evaluation's scores as the 得分 / 执行率 / 总分 cells show them, and its findings."""

    form_id: str
    decimals: int
    rows: tuple[IndicatorScore, ...]
    execution: ExecutionScore | None
    weights_total: Decimal
    total: Decimal  # sum of the rounded scores found so far
    complete: bool  # every row and the execution rate have a score
    grade: str | None  # only when complete
    findings: tuple[Finding, ...]

    def row(self, uid: str) -> IndicatorScore | None:
        return next((r for r in self.rows if r.uid == uid), None)

    def score_text(self, uid: str) -> str:
        """The 得分 cell of an indicator: its shown score, or "" while there is none."""
        row = self.row(uid)
        return "" if row is None or row.score is None else _fixed(row.score, self.decimals)

    @property
    def rate_text(self) -> str:
        """The 执行率 cell: a percentage with two decimals, or ""."""
        ex = self.execution
        return "" if ex is None or ex.rate is None else format_rate(ex.rate)

    @property
    def execution_score_text(self) -> str:
        ex = self.execution
        return "" if ex is None or ex.score is None else _fixed(ex.score, self.decimals)

    @property
    def total_text(self) -> str:
        """The 总分 cell: shown only once every score is there, as on paper."""
        return _fixed(self.total, self.decimals) if self.complete else ""


def format_score(value: Decimal, kind: FormKind) -> str:
    """A score as shown: rounded half up to the kind's decimals, trailing zeros kept (9.0)."""
    return _fixed(value, kind.scoring.decimals if kind.scoring else 1)


def format_rate(rate: Decimal) -> str:
    return f"{_round(rate * 100, 2)}%"


def _round(value: Decimal, decimals: int) -> Decimal:
    """Half up to `decimals`; with room for every digit, so a 60-digit typo cannot raise."""
    context = Context(prec=max(28, value.adjusted() + decimals + 2))
    return value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, context)


def _fixed(value: Decimal, decimals: int) -> str:
    return format(_round(value, decimals), "f")


_plain = plain


def _number(text: str) -> Decimal | None:
    """A typed weight or score: a plain number, a trailing 分 allowed."""
    return parse_amount(text.strip().removesuffix("分"))


# --- comparing a target with an actual value ----------------------------------------------------


def _scale(value: ParsedValue) -> tuple[str | None, Decimal]:
    """The unit values are compared in, and the factor into it: 万元 → (元, 10000).

    Money per 年 counts as money: these forms cover one year. Units the rules make the same
    (日 and 天, ‰ and % × 0.1) compare as one.
    """
    unit = value.unit
    if unit is None:
        return None, Decimal(1)
    units = rules().units
    if value.dimension in (Dimension.MONEY, Dimension.MONEY_RATE):
        money, _, per = unit.partition("/")
        factor = yuan_factor(money)
        if factor is not None:
            return ("元" if per == "" or per in units.per_year else f"元/{per}"), factor
    same = units.same_as.get(unit)
    return (unit, Decimal(1)) if same is None else (same.unit, same.factor)


def _single_quantity(value: ParsedValue) -> ParsedValue | None:
    """The one number a value states (10, ≥95%, 全年≥10次, 完成率98%), or None."""
    if value.unit_conflict:
        return None
    if value.number is not None and value.kind in (
        ValueKind.QUANTITY,
        ValueKind.PERIOD,
        ValueKind.DATE,
    ):
        return value
    if value.kind is ValueKind.TEXT and len(value.parts) == 1:
        part = value.parts[0]
        return part if part.number is not None and not part.unit_conflict else None
    return None


def _digits(number: Decimal | None) -> str | None:
    """The digits of a whole number as typed (215215), or None for a fraction."""
    if number is None or number <= 0 or number.as_tuple().exponent != 0:
        return None  # also 1E+999: only digits as typed
    return None if number.adjusted() > 40 else format(number, "f")


def _deadline(target: ParsedValue) -> DateSpec | None:
    """The deadline a 时效 target sets (12月底前, 2026年6月30日前), or None."""
    date = target.date
    if target.kind is not ValueKind.DATE or date is None or date.month is None:
        return None
    return date if date.relation in ("before", "on") else None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _deadline_met(deadline: DateSpec, actual: ParsedValue, form: Form) -> bool | None:
    """Whether the actual meets the deadline: True, False, or None when it says no date."""
    text = actual.text.strip()
    if actual.kind is not ValueKind.DATE or actual.date is None or actual.date.month is None:
        phrases = rules().selfeval.on_time_phrases
        return True if text and any(p in text for p in phrases) else None
    due = _last_point(deadline, _form_year(form))
    done = actual.date.end
    if done is None:
        month = actual.date.month_end or actual.date.month
        assert month is not None
        done = (actual.date.year or due[0], month, actual.date.day)
    return (done[0], done[1], done[2] or 1) <= due  # a month done counts from its first day


def _last_point(date: DateSpec, year: int) -> tuple[int, int, int]:
    """The last day a date or range covers (12月底 → 12-31; 2023.07-2024.01 → 2024-01-31)."""
    if date.end is not None:
        end_year, end_month, end_day = date.end
        return end_year, end_month, end_day or _last_day(end_year, end_month)
    y = date.year or year
    m = date.month_end or date.month
    assert m is not None
    return y, m, date.day if date.day and not date.month_end else _last_day(y, m)


def _form_year(form: Form) -> int:
    text = form.header.get("year", "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else 2000  # any leap-free year


def _money_part(value: ParsedValue) -> ParsedValue | None:
    """The one amount of money in a target that also counts something (26人2.3万元): what a
    bare actual beside it reports, as papers write it."""
    if value.kind not in (ValueKind.TEXT, ValueKind.COMPOUND):
        return None
    money = [p for p in value.parts if p.dimension is Dimension.MONEY and p.number is not None]
    return money[0] if len(money) == 1 and not money[0].unit_conflict else None


def _lower_is_better(target: ParsedValue, expects: Expects) -> bool:
    if target.operator in ("≥", ">"):
        return False
    if target.operator in ("≤", "<"):
        return True
    return expects is Expects.COST or target.dimension is Dimension.DURATION


def _fraction(target: Decimal, actual: Decimal, lower: bool, formula: str) -> tuple[Decimal, str]:
    """The share of the weight earned, and a note that says how."""
    t, a = _plain(target), _plain(actual)
    if target <= 0:
        if actual <= target if lower else actual >= target:
            return Decimal(1), phrase("score-met-zero", target=t)
        return Decimal(0), phrase("score-missed-zero", target=t, actual=a)
    if lower:
        if actual <= target:
            return Decimal(1), phrase("score-lower-met", target=t, actual=a)
        if formula == "linear":
            share = max(Decimal(0), 2 - actual / target)
            return share, phrase("score-lower-linear", target=t, actual=a, share=format_rate(share))
        share = target / actual
        return share, phrase("score-lower-ratio", target=t, actual=a, share=format_rate(share))
    if actual >= target:
        return Decimal(1), phrase("score-higher-met", target=t, actual=a)
    share = max(Decimal(0), actual / target)
    return share, phrase("score-higher-ratio", target=t, actual=a, share=format_rate(share))


# --- scoring a form ------------------------------------------------------------------------------


def _counts(ind: Indicator) -> bool:
    """Whether a row takes part in scoring: anything but an empty or placeholder-only row, or
    the template's unfilled filler row."""
    if is_filler(ind):
        return False
    if (ind.actual + ind.weight + ind.extra.get(BAND_KEY, "")).strip():
        return True
    if ind.extra.get(SCORE_KEY, "").strip():
        return True
    target = parse_value(ind.target)
    return target.kind is not ValueKind.EMPTY and not target.placeholder


def scored_rows(form: Form) -> Iterator[tuple[Level1, Level2, Indicator]]:
    """The rows that are scored (and get default weights), in order."""
    return ((l1, l2, ind) for l1, l2, ind in form.iter_indicators() if _counts(ind))


@dataclass(slots=True)
class _Row:
    """An indicator being scored, with what its findings and its result need."""

    l1: Level1
    l2: Level2
    ind: Indicator
    path: str
    weight: Decimal | None = None


class _Scorer:
    def __init__(self, form: Form, kind: FormKind):
        if kind.scoring is None:
            raise ValueError(f"form kind {kind.id} is not scored")
        self.form = form
        self.kind = kind
        self.s: Scoring = kind.scoring
        self.out: list[Finding] = []

    def add(self, code: str, section: Section, where: str, key: str, *, variant: str = "",
            uids: tuple[str, ...] = (), **fields: object) -> None:  # fmt: skip
        level = catalogue.severity(code, self.kind.checks.levels)
        if level is not None:
            self.out.append(finding(code, self.form.id, section, where, variant=variant, key=key,
                                    uids=uids, level=level, **fields))  # fmt: skip

    def flag(self, r: _Row, column: str, code: str, variant: str = "", **fields: object) -> None:
        where = f"{r.path} / {_column_label(self.kind.column_labels, column)}"
        self.add(code, Section.INDICATOR, where, column, variant=variant,
                 uids=(r.l1.uid, r.l2.uid, r.ind.uid), **fields)  # fmt: skip

    def result(self, r: _Row, score: Decimal | None, method: Method, note: str,
               band: str | None = None, suggested: str | None = None) -> IndicatorScore:  # fmt: skip
        return IndicatorScore(r.ind.uid, r.l1.name, r.l2.name, r.ind.name, r.weight, score,
                              method, note, band, suggested)  # fmt: skip

    def run(self) -> FormScore:
        rows = []
        for i, (l1, l2, ind) in enumerate(scored_rows(self.form)):
            path = f"{l1.name} / {l2.name} / {ind.name.strip() or phrase('item', n=i + 1)}"
            r = _Row(l1, l2, ind, path)
            rows.append(self.indicator(r))
            self.printed(ind.extra.get(PRINTED, ""), rows[-1].score,
                         lambda code, r=r, **f: self.flag(r, PRINTED, code, **f))  # fmt: skip
        execution = self.execution()
        weights = [r.weight for r in rows] + ([execution.weight] if execution else [])
        weights_total = sum((w for w in weights if w is not None), Decimal(0))
        points = rules().scoring.total_points
        if weights and None not in weights and weights_total != points:
            of_which = (
                phrase("of-which", weight=_plain(execution.weight))
                if execution and execution.weight is not None
                else ""
            )
            self.add("weights-total", Section.FORM, phrase("weights"), "",
                     total=_plain(weights_total), of_which=of_which, points=_plain(points))  # fmt: skip
        scores = [r.score for r in rows] + ([execution.score] if execution else [])
        total = sum((x for x in scores if x is not None), Decimal(0))
        complete = bool(scores) and None not in scores
        self.printed(self.form.header.get(PRINTED_TOTAL, ""), total if complete else None,
                     lambda code, **f: self.add(code, Section.HEADER, phrase("printed-total"),
                                                PRINTED_TOTAL, variant="total", **f))  # fmt: skip
        return FormScore(
            form_id=self.form.id,
            decimals=self.s.decimals,
            rows=tuple(rows),
            execution=execution,
            weights_total=weights_total,
            total=total,
            complete=complete,
            grade=self.s.grade(total) if complete else None,
            findings=tuple(self.out),
        )

    # --- one indicator ---------------------------------------------------------------------

    def indicator(self, r: _Row) -> IndicatorScore:
        ind = r.ind
        text = ind.weight.strip()
        r.weight = _number(text)
        if not text:
            self.flag(r, "weight", "weight-missing")
        elif r.weight is None:
            self.flag(r, "weight", "weight-invalid", text=text)
        actual_value = parse_value(ind.actual)
        target_value = parse_value(ind.target)
        target = _single_quantity(target_value)
        actual = _single_quantity(actual_value)
        if target is None and actual is not None and actual.unit is None:
            target = _money_part(target_value)  # 26人2.3万元 against a bare 3.2
        judged = bool(ind.extra.get(BAND_KEY, "").strip() or ind.extra.get(SCORE_KEY, "").strip())
        if actual_value.kind is ValueKind.EMPTY:
            self.flag(r, "actual", "actual-missing")
            if not judged:
                return self.result(r, None, Method.NONE, phrase("score-no-actual"))
        deadline = _deadline(target_value)
        if deadline is not None:
            met = _deadline_met(deadline, actual_value, self.form)
            if met is not None:
                return self.on_deadline(r, met)
        if target is not None and actual is not None:
            return self.measured(r, target, actual)
        return self.judged(r, measurable=target is not None)

    def on_deadline(self, r: _Row, met: bool) -> IndicatorScore:
        """A deadline target: met scores in full, late by the region's rule (and a note)."""
        if met:
            note = phrase("score-on-time", actual=r.ind.actual.strip(), target=r.ind.target.strip())
            share = Decimal(1)
        else:
            share = rules().selfeval.late_share
            note = phrase("score-late", actual=r.ind.actual.strip(), target=r.ind.target.strip(),
                          share=format_rate(share))  # fmt: skip
        if r.weight is None:
            return self.result(r, None, Method.DEADLINE, note)
        score = _round(r.weight * share, self.s.decimals)
        self.deviation(r, score)
        return self.result(r, score, Method.DEADLINE, note)

    def measured(self, r: _Row, target: ParsedValue, actual: ParsedValue) -> IndicatorScore:
        """Target and actual are numbers: the score follows from them."""
        t_unit, t_factor = _scale(target)
        a_unit, a_factor = _scale(actual)
        if actual.unit is None and actual.operator is None:
            a_unit, a_factor = t_unit, t_factor  # a bare number is in the target's unit
        if t_unit != a_unit:
            none = phrase("unit-none")
            self.flag(r, "actual", "actual-unit-mismatch", actual=r.ind.actual.strip(),
                      actual_unit=actual.unit or none, target=r.ind.target.strip(),
                      target_unit=target.unit or none)  # fmt: skip
            return self.result(r, None, Method.NONE, phrase("score-unit-mismatch"))
        rule = self.kind.level2_def(r.l1.name, r.l2.name)
        lower = _lower_is_better(target, rule.expects if rule else Expects.ANY)
        assert target.number is not None and actual.number is not None
        goal, got = target.number * t_factor, actual.number * a_factor
        if "±" in r.ind.target:  # ±3%以内: a band around zero, whichever the sign
            lower, got = True, abs(got)
        self.plausible(r, target, actual, goal, got, lower)
        share, note = _fraction(goal, got, lower, self.s.lower_formula)
        method = Method.LOWER if lower else Method.HIGHER
        if r.weight is None:
            return self.result(r, None, method, note)
        score = _round(r.weight * share, self.s.decimals)
        self.deviation(r, score)
        return self.result(r, score, method, note)

    def printed(self, text: str, computed: Decimal | None, flag: Callable[..., None]) -> None:
        """A figure as the paper printed it, against the one the rule gives."""
        printed = _number(text.strip())
        if computed is None or printed is None:
            return
        if abs(printed - computed) > Decimal(1).scaleb(-self.s.decimals) / 2:
            flag("printed-differs", printed=text.strip(),
                 computed=_fixed(computed, self.s.decimals))  # fmt: skip

    def plausible(self, r: _Row, target: ParsedValue, actual: ParsedValue, goal: Decimal,
                  got: Decimal, lower: bool) -> None:  # fmt: skip
        """Warn of an actual no paper should show: digits typed twice (215215 against ≥200),
        a rate over 100 %, or far beyond the target."""
        times = rules().selfeval.implausible_times
        shown = r.ind.actual.strip()
        digits = _digits(actual.number)
        if digits is not None and len(digits) >= 4 and goal > 0:
            half = digits[: len(digits) // 2]
            once = Decimal(half) * (got / Decimal(digits))  # the half, in the target's unit
            if digits == half * 2 and goal / times <= once <= goal * times:
                self.flag(r, "actual", "actual-implausible", "doubled", actual=shown, half=half)
                return
        rate = "率" in r.ind.name and target.number is not None and target.number <= 100
        if actual.dimension is Dimension.PERCENT and got > 100 and rate:
            self.flag(r, "actual", "actual-implausible", "percent", actual=shown)
        elif not lower and goal > 0 and got > goal * times and r.ind.deviation.strip():
            # Without a note the reviewer's over-achievement check asks for one; with a note,
            # so far beyond the target the digits or the unit may still be wrong.
            self.flag(r, "actual", "actual-implausible", actual=shown,
                      target=r.ind.target.strip(), times=_plain(times))  # fmt: skip

    def judged(self, r: _Row, measurable: bool) -> IndicatorScore:
        """No number to compare: the user's band and score, checked against each other."""
        band_key = r.ind.extra.get(BAND_KEY, "").strip()
        score_text = r.ind.extra.get(SCORE_KEY, "").strip()
        band = next((b for b in bands() if b.key == band_key), None)
        if band_key and band is None:
            self.flag(r, SCORE_KEY, "qualitative-band", "unknown", band=band_key,
                      bands=_band_names(""))  # fmt: skip
        typed = _number(score_text)
        if typed is None:
            if score_text:
                self.flag(r, SCORE_KEY, "score-missing", "not-number", text=score_text)
            elif band is not None and r.weight is not None:
                self.flag(r, SCORE_KEY, "score-missing", "in-band", band=band.label,
                          range=band.range_text(r.weight))  # fmt: skip
            elif not band_key and (suggested := suggest_band(r.ind)) is not None:
                self.flag(r, SCORE_KEY, "score-missing", "suggested", actual=r.ind.actual.strip(),
                          band=suggested.label)  # fmt: skip
                return self.result(r, None, Method.NONE, phrase("score-suggested", band=suggested.key), None,
                                   suggested.key)  # fmt: skip
            elif measurable:
                self.flag(r, SCORE_KEY, "score-missing", "measurable", actual=r.ind.actual.strip(),
                          bands=_band_names(" / "))  # fmt: skip
            else:
                self.flag(r, SCORE_KEY, "score-missing", bands=_band_names(" / "))
            return self.result(r, None, Method.NONE, phrase("score-choose-band"), band_key or None)
        score = _round(typed, self.s.decimals)
        if r.weight is None:
            return self.result(r, score, Method.BAND, phrase("score-judged"), band_key or None)
        if typed > r.weight:
            self.flag(r, SCORE_KEY, "score-over-weight", score=_plain(typed),
                      weight=_plain(r.weight))  # fmt: skip
        elif band is not None and r.weight > 0 and not band.contains(typed / r.weight):
            self.flag(r, SCORE_KEY, "qualitative-band", score=_plain(typed), band=band.label,
                      range=band.range_text(r.weight))  # fmt: skip
        shown = band or band_of(typed, r.weight)
        self.deviation(r, score)
        note = phrase("score-judged-band", band=shown.label) if shown else phrase("score-judged")
        return self.result(r, score, Method.BAND, note, shown.key if shown else None)

    def deviation(self, r: _Row, score: Decimal) -> None:
        assert r.weight is not None
        if score < r.weight and not r.ind.deviation.strip():
            self.flag(r, "deviation", "deviation-missing", score=_fixed(score, self.s.decimals),
                      weight=_plain(r.weight))  # fmt: skip

    # --- budget execution ------------------------------------------------------------------

    def execution(self) -> ExecutionScore | None:
        spec = self.kind.funds
        if not self.s.budget_execution or spec is None:
            return None
        total = spec.total_row
        labels = {c.key: c.label for c in spec.columns}
        row_label = next(r.label for r in spec.rows if r.key == total)

        def add(column: str, code: str, variant: str = "", **fields: str) -> None:
            where = f"{spec.label} / {row_label} / {_column_label(labels, column)}"
            self.add(code, Section.FUNDS, where, f"{total}.{column}", variant=variant, uids=(),
                     **fields)  # fmt: skip

        def cell(column: str) -> tuple[str, Decimal | None]:
            text = self.form.funds_cell(total, column).strip()
            return text, parse_amount(text)

        weight: Decimal | None = self.s.budget_execution
        if WEIGHT in labels:
            text = self.form.funds_cell(total, WEIGHT).strip()
            weight = _number(text)
            if not text:
                add(WEIGHT, "weight-missing", "execution")
            elif weight is None:
                add(WEIGHT, "weight-invalid", "execution", text=text)
        (budget_text, budget), (executed_text, executed) = cell(BUDGET), cell(EXECUTED)
        for column, text in ((BUDGET, budget_text), (EXECUTED, executed_text)):
            if not text:
                add(column, "exec-funds-missing", label=labels[column])
        rate = None
        if budget is not None and budget <= 0:
            add(BUDGET, "exec-funds-missing", "zero", label=labels[BUDGET])
        elif budget is not None and executed is not None:
            rate = executed / budget
            typed = self.form.funds_cell(total, RATE).strip() if RATE in labels else ""
            if typed and not _same_rate(typed, rate):
                add(RATE, "exec-rate-mismatch", typed=typed, executed_label=labels[EXECUTED],
                    executed=_plain(executed), budget_label=labels[BUDGET], budget=_plain(budget),
                    rate=format_rate(rate))  # fmt: skip
            self.explain(rate)
        score = None
        if rate is not None and weight is not None:
            score = _round(weight * min(rate, Decimal(1)), self.s.decimals)
        self.printed(self.form.funds_cell(total, PRINTED), score,
                     lambda code, **f: add(PRINTED, code, variant="execution", **f))  # fmt: skip
        printed_rate = self.form.funds_cell(total, PRINTED_RATE).strip()
        if printed_rate and rate is not None and not _same_rate(printed_rate, rate):
            add(PRINTED_RATE, "printed-differs", "rate", printed=printed_rate,
                computed=format_rate(rate))  # fmt: skip
        return ExecutionScore(budget, executed, rate, weight, score)

    def explain(self, rate: Decimal) -> None:
        below, field = self.s.explain_rate_below, self.s.explain_field
        if below is None or rate >= below or self.form.header.get(field, "").strip():
            return
        label = next((f.label for f in self.kind.header if f.key == field), field)
        self.add("exec-rate-explain", Section.HEADER, f"{phrase('header')} / {label}", field,
                 rate=format_rate(rate), below=_plain(below * 100), label=label)  # fmt: skip


def _plain_words(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def suggest_band(ind: Indicator) -> Band | None:
    """The top band when the actual text says the target was reached: it restates the target
    (全年 / 全年) or is one of the rule vocabulary's words for it (达成, 已完成). Only a
    suggestion: the user accepts it; nothing applies it silently."""
    actual, target = _plain_words(ind.actual), _plain_words(ind.target)
    if not actual:
        return None
    words = {_plain_words(w) for w in rules().selfeval.restating_words}
    if actual in words or actual == target or (len(target) >= 2 and target in actual):
        return bands()[0]
    return None


def _same_rate(typed: str, rate: Decimal) -> bool:
    """Whether a typed rate (78.2%, 78.2 or 0.782) is the computed one, to the digits typed."""
    text = typed.replace("％", "%").strip()
    percent = text.endswith("%")
    number = parse_amount(text.removesuffix("%"))
    if number is None:
        return False
    exponent = min(int(number.as_tuple().exponent), 0)
    if not percent and number <= 1:  # a fraction: 0.782
        number, exponent = number * 100, exponent + 2
    half_unit = Decimal(1).scaleb(min(exponent, 0)) / 2
    return abs(number - rate * 100) <= half_unit


def score_form(form: Form, kind: FormKind) -> FormScore:
    """Every score of a self-evaluation form, its total and grade, and what stops a score.

    Raises ValueError for a kind that is not scored (`kind.scoring is None`).
    """
    return _Scorer(form, kind).run()


# --- default weights --------------------------------------------------------------------------


def spread(points: Decimal, count: int, decimals: int) -> list[Decimal]:
    """`points` split over `count` rows in steps of the rounding unit, summing exactly to
    `points`; the first rows take the remainder (50 over 3 → 16.7, 16.7, 16.6)."""
    if count <= 0:
        return []
    unit = Decimal(1).scaleb(-decimals)
    base, extra = divmod(int(points / unit), count)
    return [(base + (1 if i < extra else 0)) * unit for i in range(count)]


def default_weights(form: Form, kind: FormKind) -> dict[str, Decimal]:
    """Default weights by indicator uid: each level-1's points (national 50/30/10) spread
    evenly over its indicators, the `free` points over the rest.

    A level-1 with no points of its own and no free points gets no default weight.
    """
    s = kind.scoring
    if s is None:
        return {}
    pools: dict[str | None, list[str]] = {}
    for l1, _, ind in scored_rows(form):
        pools.setdefault(s.pool(l1.name), []).append(ind.uid)
    out: dict[str, Decimal] = {}
    for pool, uids in pools.items():
        points = s.by_level1[pool] if pool is not None else s.free
        if points:
            out.update(zip(uids, spread(points, len(uids), s.decimals), strict=True))
    return out


def weight_text(weight: Decimal) -> str:
    """A weight as typed in a cell: 16.7, 10."""
    return _plain(weight)


def fill_default_weights(form: Form, kind: FormKind) -> None:
    """Set every scored row's weight, and the execution weight, to the defaults."""
    s = kind.scoring
    if s is None:
        return
    weights = default_weights(form, kind)
    for _, _, ind in scored_rows(form):
        ind.weight = weight_text(weights[ind.uid]) if ind.uid in weights else ""
    funds = kind.funds
    if funds is not None and WEIGHT in {c.key for c in funds.columns} and s.budget_execution:
        form.funds.setdefault(funds.total_row, {})[WEIGHT] = weight_text(s.budget_execution)
