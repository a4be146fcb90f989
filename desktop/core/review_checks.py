"""The checks a finance bureau reviewer adds: what published review practice asks beyond the
form's own rules. All are warnings (a reviewer will ask), each message says what to write.

Thresholds and words are data: the `review` section of the rule vocabulary (forms/rules.json,
which a region's own rules.json overrides), so a bureau changes a number, not code. Messages
come from the findings catalogue.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from desktop.core.catalogue import finding
from desktop.core.findings import Finding, Section
from desktop.core.kinds import Expects, FormKind
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.money import fmt
from desktop.core.rules import ReviewRules, rules
from desktop.core.scoring import BAND_KEY, SCORE_KEY, FormScore
from desktop.core.values import Dimension, ParsedValue, ValueKind, parse_value

_WAN = Decimal(10000)
_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": _WAN, "亿元": Decimal(10) ** 8}


_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千)?([^\d\s，。、；：,.;:（）()“”\"]{1,3})")
_YEAR = re.compile(r"(19|20)\d\d")
_HAS_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_FILLERS = {"无", "暂无", "不涉及", "空", "0"}


def _comparable_name(name: str) -> bool:
    """A real name, not a filler such as “……” or “无”."""
    return bool(_HAS_WORD.search(name)) and name.strip() not in _FILLERS


_PUNCTUATION = re.compile(r"[\s（）()“”\"、，。：:]")


def _norm(name: str) -> str:
    return _PUNCTUATION.sub("", name)


_BUDGET, _COST, _BENEFIT = Expects.BUDGET, Expects.COST, Expects.BENEFIT
_TIMELINESS = Expects.TIMELINESS
_OUTPUTS = (Expects.QUANTITY, Expects.QUALITY, Expects.TIMELINESS)
_COUNT, _PERCENT = Dimension.COUNT, Dimension.PERCENT
_MONEY, _MONEY_RATE = Dimension.MONEY, Dimension.MONEY_RATE
_AT_LEAST = ("≥", ">")

# An indicator that is not blank, with its categories, what its category expects and its value.
Row = tuple[Level1, Level2, Indicator, Expects, ParsedValue]


def rows_of(form: Form, kind: FormKind) -> list[Row]:
    """Every indicator of the form that is not blank, in order."""
    rows: list[Row] = []
    for l1 in form.indicators:
        for l2 in l1.children:
            rule = kind.level2_def(l1.name, l2.name)
            expects = rule.expects if rule else Expects.ANY
            for ind in l2.indicators:
                if not ind.is_blank():
                    rows.append((l1, l2, ind, expects, parse_value(ind.target)))
    return rows


class _ReviewCheck:
    def __init__(self, form: Form, kind: FormKind, score: FormScore | None, rules: ReviewRules,
                 funds: tuple[Decimal, str, str] | None, rows: list[Row] | None = None):  # fmt: skip
        self.form, self.kind, self.score, self.rules = form, kind, score, rules
        self.funds = funds
        self.out: list[Finding] = []
        self.rows = rows_of(form, kind) if rows is None else rows

    def at(self, l1: Level1, l2: Level2, ind: Indicator, column: str, code: str,
           **fields: Any) -> Finding:  # fmt: skip
        label = self.kind.column_labels.get(column, column)
        where = f"{l1.name} / {l2.name} / {ind.name.strip() or '（未命名）'} / {label}"
        return finding(code, self.form.id, Section.INDICATOR, where, key=column,
                       uids=(l1.uid, l2.uid, ind.uid), **fields)  # fmt: skip

    def on(self, l1: Level1, l2: Level2, ind: Indicator, column: str, code: str,
           **fields: Any) -> None:  # fmt: skip
        self.out.append(self.at(l1, l2, ind, column, code, **fields))

    def on_form(self, code: str, section: Section, where: str, key: str = "",
                **fields: Any) -> None:  # fmt: skip
        self.out.append(finding(code, self.form.id, section, where, key=key, **fields))

    def run(self) -> list[Finding]:
        self.rows_pass()
        self.objective_numbers()
        if self.score is not None:
            self.weights_by_level1()
            self.over_achievement()
            self.inflated_scores()
            self.budget_change()
        return self.out

    # --- every form ----------------------------------------------------------------------

    def rows_pass(self) -> None:
        """The checks of single rows, in one pass over the rows (the hot part of a form's
        review); each check's findings keep their own order: lengths, cost direction, ≥100%,
        unit cost, dates, benefits."""
        r = self.rules
        name_max, value_max = r.name_max, r.value_max
        lengths: list[Finding] = []
        direction: list[Finding] = []
        hundred: list[Finding] = []
        costs: list[Row] = []
        counts: dict[str, list[tuple[Indicator, Decimal]]] = {}
        timely: list[Row] = []
        outputs: list[Row] = []
        benefits: list[Row] = []
        for row in self.rows:
            l1, l2, ind, expects, v = row
            dim, number = v.dimension, v.number
            if expects is not _BUDGET:  # not the budget execution rows: their names are the
                # template's; stripping only shortens, so only the long ones are stripped
                name, target = ind.name, ind.target
                if len(name) > name_max and len(name := name.strip()) > name_max:
                    lengths.append(self.at(l1, l2, ind, "name", "name-too-long",
                                           length=len(name), limit=name_max))  # fmt: skip
                if len(target) > value_max and len(target := target.strip()) > value_max:
                    lengths.append(self.at(l1, l2, ind, "target", "value-too-long",
                                           length=len(target), limit=value_max))  # fmt: skip
            if dim is _COUNT:
                if number is not None and v.unit:
                    counts.setdefault(v.unit, []).append((ind, number))
            elif dim is _PERCENT and v.operator in _AT_LEAST and number is not None and number >= 100:
                hundred.append(self.at(l1, l2, ind, "target", "percent-at-least-100",
                                       text=ind.target.strip()))  # fmt: skip
            if expects is _COST:
                costs.append(row)
                if v.operator in _AT_LEAST and (dim is _MONEY or dim is _MONEY_RATE):
                    upper = f"≤{fmt(number)}{v.unit}" if number is not None else "≤30万元"
                    direction.append(self.at(l1, l2, ind, "target", "cost-at-least",
                                             text=ind.target.strip(), upper=upper))  # fmt: skip
            elif expects is _BENEFIT:
                benefits.append(row)
            elif expects in _OUTPUTS:
                outputs.append(row)
                if expects is _TIMELINESS:
                    timely.append(row)
        self.out += lengths
        self.out += direction
        self.out += hundred
        self.unit_cost(costs, counts)
        self.dates_in_period(timely)
        self.benefit_restates_output(outputs, benefits)

    def unit_cost(self, costs: list[Row], counts: dict[str, list[tuple[Indicator, Decimal]]]) -> None:
        """300人 × 1000元/人 must not exceed the funds (or, as the only cost, equal them);
        `costs` are the cost rows, `counts` the rows counting something, by unit."""
        funds = self.funds
        if funds is None:
            return
        funds_yuan = funds[0] * _YUAN.get(funds[1], Decimal(1))
        for l1, l2, ind, _, v in costs:
            if v.dimension is not Dimension.MONEY_RATE or v.number is None or not v.unit:
                continue
            money, _, per = v.unit.partition("/")
            if money not in _YUAN or "/" in per:
                continue  # 元/人/天 needs days too: not judged
            matches = counts.get(per, [])
            if len(matches) != 1:
                continue
            qty_ind, qty = matches[0]
            product = v.number * _YUAN[money] * qty
            tolerance = funds_yuan * self.rules.unit_cost_tolerance
            only_cost = len(costs) == 1
            if product > funds_yuan + tolerance or (
                only_cost and abs(product - funds_yuan) > tolerance
            ):
                self.on(l1, l2, ind, "target", "unit-cost-times-quantity",
                        cost=ind.target.strip(), quantity_name=qty_ind.name.strip(),
                        quantity=qty_ind.target.strip(), product=fmt(product / _WAN),
                        funds=fmt(funds_yuan / _WAN))  # fmt: skip

    def _period_years(self) -> tuple[int, int] | None:
        for key in self.rules.period_fields:
            years = [int(m.group()) for m in _YEAR.finditer(self.form.header.get(key, ""))]
            if years:
                return min(years), max(years)
        year = self.form.header.get("year", "").strip()
        return (int(year), int(year)) if _YEAR.fullmatch(year) else None

    def dates_in_period(self, timely: list[Row]) -> None:
        """The dates of the timeliness rows `timely` within the project's period."""
        if not timely:
            return
        period = self._period_years()
        if period is None:
            return
        low, high = period
        shown = f"{low}年" if low == high else f"{low}—{high}年"
        for l1, l2, ind, _, v in timely:
            dates = [p.date for p in (v, *v.parts) if p.date is not None]
            bad = [d for d in dates if d.year is not None and not low <= d.year <= high]
            if bad:
                self.on(l1, l2, ind, "target", "date-outside-period", text=ind.target.strip(),
                        period=shown, example=f"{high}年11月底前")  # fmt: skip

    def benefit_restates_output(self, outputs: list[Row], benefits: list[Row]) -> None:
        """A benefit row named as an output row, or holding the same count."""
        if not benefits:
            return
        found: dict[str, Indicator] = {}
        for _, _, ind, _, v in outputs:
            if _comparable_name(ind.name):
                found.setdefault(_norm(ind.name), ind)
            if v.kind is ValueKind.QUANTITY and v.dimension is Dimension.COUNT:
                found.setdefault(f"={v.number}{v.unit}", ind)
        for l1, l2, ind, _, v in benefits:
            same = found.get(_norm(ind.name))
            if same is None and v.kind is ValueKind.QUANTITY and v.dimension is Dimension.COUNT:
                same = found.get(f"={v.number}{v.unit}")
            if same is not None and _comparable_name(ind.name):
                self.on(l1, l2, ind, "name", "benefit-restates-output", name=ind.name.strip(),
                        text=ind.target.strip(), other=same.name.strip(),
                        other_text=same.target.strip())  # fmt: skip

    def _numbers(self) -> set[Decimal]:
        """Every number the indicators mention, in their values and names."""
        numbers = set()
        for _, _, ind, _, v in self.rows:
            for p in (v, *v.parts):
                if p.number is not None:
                    numbers.add(p.number.normalize())
            numbers.update(Decimal(m.group(1)).normalize()
                           for m in _NUMBER_UNIT.finditer(ind.name))  # fmt: skip
        return numbers

    def objective_numbers(self) -> None:
        numbers: set[Decimal] | None = None  # found only when an objective names a quantity
        dims = set(self.rules.objective_dimensions)
        labels = {f.key: f.label for f in self.kind.header}
        for key in self.rules.objective_fields:
            text = self.form.header.get(key, "")
            missing = []
            for m in _NUMBER_UNIT.finditer(text):
                value = parse_value(m.group(0))
                if value.dimension is None or value.dimension not in dims or value.unit is None:
                    continue
                number = value.number.normalize() if value.number is not None else None
                if number is None:
                    continue
                if numbers is None:
                    numbers = self._numbers()
                if number not in numbers:
                    missing.append(f"{fmt(number)}{value.unit}")
            if missing:
                label = labels.get(key, key)
                self.on_form(
                    "objective-number-unmatched",
                    Section.HEADER,
                    f"表头 / {label}",
                    key,
                    label=label,
                    numbers="、".join(dict.fromkeys(missing)),
                )

    # --- self-evaluations -----------------------------------------------------------------

    def weights_by_level1(self) -> None:
        s = self.kind.scoring
        assert s is not None and self.score is not None
        if not s.by_level1 or any(r.weight is None for r in self.score.rows):
            return
        sums: dict[str, Decimal] = {}
        for r in self.score.rows:
            pool = s.pool(r.level1)
            if pool is not None:
                sums[pool] = sums.get(pool, Decimal(0)) + (r.weight or 0)
        wrong = [f"{name} {fmt(sums.get(name, Decimal(0)))} 分（应为 {fmt(points)} 分）"
                 for name, points in s.by_level1.items()
                 if sums.get(name, Decimal(0)) != points]  # fmt: skip
        if wrong:
            self.on_form("weights-by-level1", Section.FORM, "分值", details="；".join(wrong))

    def _row(self, uid: str) -> tuple[Level1, Level2, Indicator] | None:
        return next(((a, b, c) for a, b, c, _, _ in self.rows if c.uid == uid), None)

    def over_achievement(self) -> None:
        for l1, l2, ind, expects, v in self.rows:
            a = parse_value(ind.actual)
            if (expects in (Expects.COST, Expects.BUDGET) or v.kind is not ValueKind.QUANTITY or a.kind is not ValueKind.QUANTITY
                    or not v.number or a.number is None or v.unit != a.unit
                    or v.direction == "lower" or v.dimension is Dimension.PERCENT):  # fmt: skip
                continue
            ratio = a.number / v.number
            if ratio >= self.rules.over_achievement and not ind.deviation.strip():
                self.on(l1, l2, ind, "deviation", "over-achievement-unexplained",
                        actual=ind.actual.strip(), target=ind.target.strip(),
                        ratio=f"{ratio:.0%}")  # fmt: skip

    def inflated_scores(self) -> None:
        assert self.score is not None
        words = self.rules.partial_words
        for r in self.score.rows:
            if r.weight is None or r.score is None or r.score < r.weight:
                continue
            row = self._row(r.uid)
            if row is None:
                continue
            l1, l2, ind = row
            actual = ind.actual.strip()
            said = next((w for w in words if w in actual), None)
            band = ind.extra.get(BAND_KEY, "")
            if said is not None or (band and band != "达成" and band != "full"):
                self.on(l1, l2, ind, SCORE_KEY, "score-inflated", score=fmt(r.score),
                        actual=actual, said=said or band)  # fmt: skip

    def budget_change(self) -> None:
        spec = self.kind.funds
        if spec is None:
            return
        total = spec.total_row
        initial = _amount(self.form.funds_cell(total, "initial_budget"))
        adjusted = _amount(self.form.funds_cell(total, "adjusted_budget"))
        if initial is None or adjusted is None or not initial:
            return
        change = abs(adjusted - initial) / initial
        if change < self.rules.budget_change:
            return
        for key in self.rules.change_note_fields:
            if self.form.header.get(key, "").strip():
                return
        label = next((f.label for f in self.kind.header
                      if f.key in self.rules.change_note_fields), "说明")  # fmt: skip
        key = next(iter(self.rules.change_note_fields), "")
        self.on_form("budget-change-unexplained", Section.HEADER, f"表头 / {label}", key,
                     initial=fmt(initial), adjusted=fmt(adjusted), change=f"{change:.0%}",
                     label=label)  # fmt: skip


def _amount(text: str) -> Decimal | None:
    from desktop.core.money import parse_amount

    return parse_amount(text) if text.strip() else None


def review_findings(
    form: Form,
    kind: FormKind,
    score: FormScore | None,
    funds: tuple[Decimal, str, str] | None,
    review_rules: ReviewRules | None = None,
    *,
    rows: list[Row] | None = None,
) -> list[Finding]:
    """The reviewer's findings on a form; `funds` is `checks.project_funds` of it, `rows` its
    `rows_of` when the caller has them already (the form's own checks collect them)."""
    return _ReviewCheck(form, kind, score, review_rules or rules().review, funds, rows).run()
