"""The checks a budget reviewer makes, run on the model and reported as findings.

What a category must hold comes from the form kind (required, must quantify, what it measures);
this module only knows how to look. Checks run per form: an edit re-checks its own form only,
and value parsing is cached, so a re-check after a keystroke costs well under a millisecond.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import Decimal
from functools import lru_cache

from desktop.core import catalogue
from desktop.core.catalogue import finding, phrase
from desktop.core.filler import is_filler
from desktop.core.findings import Finding, Section, Severity
from desktop.core.gcpause import gc_paused
from desktop.core.kinds import Expects, FieldType, FormKind, KindRegistry, Level2Def, Rule
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.money import convert, fmt, parse_amount, plain, yuan_factor
from desktop.core.review_checks import Row, review_findings
from desktop.core.rules import Rules, on_rules_changed, rules, rules_in_force
from desktop.core.scoring import FormScore, score_form
from desktop.core.values import (
    Dimension,
    ParsedValue,
    ValueKind,
    is_placeholder,
    parse_value,
    starts_unlike_placeholder,
)

E, W = Severity.ERROR, Severity.WARNING
# "指标1：" numbering that some templates print before every name; "……" filler rows.
_NAME_NUMBERING = re.compile(r"^指标\s*\d+\s*[：:]\s*")
_HAS_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_YEAR = re.compile(r"(19|20)\d\d")
EMPTY = ValueKind.EMPTY
_TIME_KINDS = {ValueKind.DATE, ValueKind.PERIOD}
_TIME_DIMENSIONS = {Dimension.DURATION, Dimension.PERCENT, Dimension.COUNT_RATE}
_OUTPUT = {Expects.QUANTITY, Expects.QUALITY, Expects.TIMELINESS}


def form_label(form: Form, kind: FormKind | None) -> str:
    """The form as a person names it: its 项目名称 or department name, else its kind and id."""
    if kind is not None and kind.name_field:
        name = form.header.get(kind.name_field, "").strip()
        if name:
            return name
    return phrase("form-by-kind", kind=kind.name if kind else form.kind, id=form.id)


def _header_place(label: str) -> str:
    return f"{phrase('header')} / {label}"


def _comparable_name(name: str) -> str:
    """The name without template numbering, or "" when nothing real is left to compare."""
    name = name.strip()
    first = name[:1]
    if "\u4e00" <= first <= "\u9fff" and first != "指" and starts_unlike_placeholder(name):
        return name  # the common case: a name that starts with a 汉字 no placeholder has
    if name.startswith("指标"):
        name = _NAME_NUMBERING.sub("", name)
    if not name or is_placeholder(name):
        return ""
    if "\u4e00" <= name[0] <= "\u9fff" or _HAS_WORD.search(name):  # most names start with a 汉字
        return name
    return ""


class _FormCheck:
    """Everything found on one form; one instance per check run."""

    def __init__(self, form: Form, kind: FormKind, funds: tuple[Decimal, str, str] | None):
        self.form = form
        self.kind = kind
        self.project_funds = funds  # project_funds() of the form
        self.overrides = kind.checks.levels
        self.out: list[Finding] = []
        # the money amounts of the cost indicators, summed while the tree is walked
        self.cost_total = Decimal(0)
        self.cost_count = 0
        # every indicator that is not blank, with what it is and its value, in order, for the
        # reviewer's checks (None until the tree is walked)
        self.rows: list[Row] | None = None

    def add(
        self,
        code: str,
        section: Section,
        where: str,
        *,
        variant: str = "",
        key: str = "",
        uids: tuple[str, ...] = (),
        **fields: object,
    ) -> None:
        level = catalogue.severity(code, self.overrides)
        if level is not None:
            self.out.append(
                finding(code, self.form.id, section, where, variant=variant, key=key, uids=uids,
                        level=level, **fields)
            )  # fmt: skip

    def run(self) -> list[Finding]:
        self.header()
        self.funds()
        self.tables()
        self.categories()
        self.cost_vs_funds()
        return self.out

    # --- header, funds, tables -------------------------------------------------------------

    def header(self) -> None:
        header = self.form.header
        for f in self.kind.header:
            text = header.get(f.key, "").strip()
            if not text:
                if f.required:
                    self.add("field-empty", Section.HEADER, _header_place(f.label), key=f.key,
                             label=f.label)  # fmt: skip
            elif f.type is FieldType.MONEY and parse_amount(text) is None:
                self.add("funds-not-number", Section.HEADER, _header_place(f.label), key=f.key,
                         label=f.label, unit=f.unit, text=text)  # fmt: skip
            elif f.type is FieldType.YEAR and not _YEAR.fullmatch(text):
                self.add("field-year", Section.HEADER, _header_place(f.label), key=f.key,
                         label=f.label, text=text)  # fmt: skip

    def _sum_rule(
        self,
        where: str,
        section: Section,
        key_of: dict[str, str],
        cells: dict[str, str],
        total: str,
        parts: list[str],
        labels: dict[str, str],
        unit: str,
    ) -> None:
        """total = sum(parts), when the total and at least one part are filled in."""
        amounts = {}
        for k in [total, *parts]:
            text = cells.get(k, "").strip()
            if not text:
                continue
            amount = parse_amount(text)
            if amount is None:
                self.add("funds-not-number", section, f"{where} / {labels[k]}", variant="cell",
                         key=key_of[k], label=labels[k], unit=unit, text=text)  # fmt: skip
                return
            amounts[k] = amount
        filled = [p for p in parts if p in amounts]
        if total not in amounts or not filled:
            return
        summed = sum((amounts[p] for p in filled), Decimal(0))
        if abs(summed - amounts[total]) > _RULES.checks.funds_sum_tolerance:
            expr = " + ".join(f"{labels[p]} {fmt(amounts[p])}" for p in filled)
            self.add("funds-sum", section, f"{where} / {labels[total]}", key=key_of[total],
                     total_label=labels[total], total=fmt(amounts[total]), unit=unit, parts=expr,
                     summed=fmt(summed))  # fmt: skip

    def funds(self) -> None:
        spec = self.kind.funds
        if spec is None:
            return
        labels = {r.key: r.label.removeprefix("其中：") for r in spec.rows}
        for col in spec.columns:
            if col.type != "money":
                continue
            cells = {r.key: self.form.funds_cell(r.key, col.key) for r in spec.rows}
            where = f"{spec.label}" + (f" / {col.label}" if col.label else "")
            key_of = {r.key: f"{r.key}.{col.key}" for r in spec.rows}
            self._sum_rule(
                where,
                Section.FUNDS,
                key_of,
                cells,
                spec.total_row,
                list(spec.part_rows),
                labels,
                spec.unit,
            )

    def tables(self) -> None:
        for table in self.kind.tables:
            total = next((c.key for c in table.columns if c.role == "total"), None)
            parts = [c.key for c in table.columns if c.role == "part"]
            labels = {c.key: c.label for c in table.columns}
            name_col = table.columns[0].key
            for i, row in enumerate(self.form.tables.get(table.key, [])):
                label = row.get(name_col, "").strip() or phrase("row", n=i + 1)
                where = f"{table.label} / {label}"
                if total is not None:
                    key_of = {k: f"{table.key}.{i}.{k}" for k in labels}
                    self._sum_rule(
                        where, Section.TABLE, key_of, row, total, parts, labels, table.unit or ""
                    )

    # --- the indicator tree ------------------------------------------------------------------

    def categories(self) -> None:
        """Walk the tree once; per level-2 count what is filled for the 'missing' checks."""
        if not self.kind.categories:
            return
        self.rows = []
        names: dict[str, str] = {}  # indicator name -> the level-2 it first appeared in
        filled: dict[tuple[str, str], int] = {}
        uids: dict[tuple[str, str], str] = {}
        level1_uids: dict[str, str] = {}
        for l1 in self.form.indicators:
            level1_uids.setdefault(l1.name, l1.uid)
            open_children = l1.name in self.kind.open_level1
            for l2 in l1.children:
                rule = self.kind.level2_def(l1.name, l2.name)
                if rule is None and not open_children:
                    self.add("category-unknown", Section.CATEGORY, f"{l1.name} / {l2.name}",
                             uids=(l1.uid, l2.uid), kind=self.kind.name, level1=l1.name,
                             level2=l2.name)  # fmt: skip
                key = (l1.name, l2.name)
                filled[key] = filled.get(key, 0) + self.level2(l1, l2, rule, names)
                uids.setdefault(key, l2.uid)
        for l1_def in self.kind.categories:
            # The place: the level-1 (and level-2) rows when the form has them.
            up = (level1_uids[l1_def.name],) if l1_def.name in level1_uids else ()
            if l1_def.required and not any(n for (a, _), n in filled.items() if a == l1_def.name):
                self.add("category-missing", Section.CATEGORY, l1_def.name, variant="level1",
                         uids=up, level1=l1_def.name)  # fmt: skip
                continue
            for d in l1_def.children:
                key = (l1_def.name, d.name)
                if d.rule is not Rule.OPTIONAL and not filled.get(key):
                    place = (*up, uids[key]) if key in uids else up
                    self.add("category-missing", Section.CATEGORY, f"{l1_def.name} / {d.name}",
                             uids=place, level2=d.name)  # fmt: skip

    def level2(self, l1: Level1, l2: Level2, rule: Level2Def | None, names: dict[str, str]) -> int:
        """Check one level-2 category and its indicators; returns how many are filled in.

        One pass over the rows (this is the hot loop of a full check); placeholder rows are
        judged after it, because whether they are a warning or the category's error depends
        on the other rows.
        """
        expects = rule.expects if rule else Expects.ANY
        output = expects in _OUTPUT
        target_rule = (
            self.kind.checks.unit_required,
            self.kind.column_labels.get("target", "指标值"),
            l2.name,
            rule.rule if rule else Rule.OPTIONAL,
            expects,
        )
        n_filled = 0
        placeholders: list[tuple[int, Indicator]] = []
        seen: set[str] = set()
        rows = self.rows
        assert rows is not None
        costs = expects is Expects.COST and rule is not None
        for i, ind in enumerate(l2.indicators):
            raw, target = ind.name, ind.target
            blank = False
            if not (raw and target) or not (raw.strip() or target.strip()):
                blank = ind.is_blank()
                if blank and not (raw and target):
                    self.on_cell(l1, l2, ind, i, "name", "indicator-blank")
                    continue
            value = parse_value(target)
            if not blank:
                rows.append((l1, l2, ind, expects, value))
            if costs:
                cost = _amount_yuan(value)
                if cost is not None and not _RATE_NAME.search(raw):
                    self.cost_total += cost
                    self.cost_count += 1
            if not target and is_filler(ind):
                continue  # the template's unfilled row: printed as on paper, not an indicator
            n_filled += 1
            name = _comparable_name(raw)
            if name:
                if name in seen:
                    self.on_cell(l1, l2, ind, i, "name", "indicator-duplicate", level2=l2.name,
                                 name=name)  # fmt: skip
                elif names.setdefault(name, l2.name) != l2.name:
                    self.on_cell(l1, l2, ind, i, "name", "indicator-repeated", name=name,
                                 first=names[name], level2=l2.name)  # fmt: skip
                seen.add(name)
            if value.placeholder or (value.kind is EMPTY and _placeholder_name(raw)):
                placeholders.append((i, ind))
                continue
            if not name and not raw.strip():
                self.on_cell(l1, l2, ind, i, "name", "name-empty")
            funds_name = output and raw.rstrip().endswith(_FUNDS_SUFFIXES)
            for code, variant, fields in _target_findings(*target_rule, funds_name, target):
                self.on_cell(l1, l2, ind, i, "target", code, variant, **dict(fields))
        if placeholders:
            self.placeholders(l1, l2, rule, placeholders, n_filled)
        return n_filled

    def placeholders(self, l1: Level1, l2: Level2, rule: Level2Def | None,
                     rows: list[tuple[int, Indicator]], n_filled: int) -> None:  # fmt: skip
        """Rows holding only 无/0: the category's error when nothing else is there, else a
        warning on each."""
        if len(rows) < n_filled:
            for i, ind in rows:
                self.on_cell(l1, l2, ind, i, "target", "indicator-placeholder")
        elif rule is not None and rule.rule is not Rule.OPTIONAL:
            self.add("category-placeholder", Section.CATEGORY, f"{l1.name} / {l2.name}",
                     uids=(l1.uid, l2.uid), level2=l2.name)  # fmt: skip

    def on_cell(
        self,
        l1: Level1,
        l2: Level2,
        ind: Indicator,
        index: int,
        column: str,
        code: str,
        variant: str = "",
        **fields: object,
    ) -> None:
        label = self.kind.column_labels.get(column, column)
        name = ind.name.strip() or phrase("row", n=index + 1)
        where = f"{l1.name} / {l2.name} / {name} / {label}"
        self.add(code, Section.INDICATOR, where, variant=variant, key=column,
                 uids=(l1.uid, l2.uid, ind.uid), **fields)  # fmt: skip

    def cost_vs_funds(self) -> None:
        if catalogue.severity("cost-vs-funds", self.overrides) is None:
            return
        if self.project_funds is None:
            return
        amount, unit, label = self.project_funds
        total, count = self.cost_total, self.cost_count
        if count == 0:
            return
        funds_yuan = amount * (yuan_factor(unit) or 1)
        if abs(total - funds_yuan) > _RULES.checks.cost_vs_funds_tolerance_yuan:
            self.add("cost-vs-funds", Section.FORM, phrase("cost-indicators"),
                     cost=fmt(convert(total, unit)), unit=unit, count=count, label=label,
                     funds=fmt(amount), diff=fmt(convert(abs(total - funds_yuan), unit)))  # fmt: skip


def _amount_yuan(value: ParsedValue) -> Decimal | None:
    """A cost value as an amount of the form's year: 3万元 and, on annual forms, 3万元/年."""
    if value.yuan is not None:
        return value.yuan
    if value.dimension is Dimension.MONEY_RATE and value.number is not None and value.unit:
        money, _, per = value.unit.partition("/")
        factor = yuan_factor(money)
        if per in _RULES.units.per_year and factor is not None:
            return value.number * factor
    return None


def project_funds(form: Form, kind: FormKind) -> tuple[Decimal, str, str] | None:
    """The form's funds as (amount, unit, label), from its funds block or funds header field."""
    if kind.funds is not None:
        spec = kind.funds
        amount = parse_amount(form.funds_cell(spec.total_row, spec.primary_column))
        return (amount, spec.unit, spec.total_label) if amount is not None else None
    for f in kind.header:
        if f.funds_total and f.unit:
            amount = parse_amount(form.header.get(f.key, ""))
            label = f.label.split("（")[0]
            return (amount, f.unit, label) if amount is not None else None
    return None


_Fields = tuple[tuple[str, object], ...]


@lru_cache(maxsize=16384)
def _target_findings(
    unit_required: bool,
    label: str,
    level2: str,
    rule: Rule,
    expects: Expects,
    funds_name: bool,
    text: str,
) -> tuple[tuple[str, str, _Fields], ...]:
    """(code, variant, template fields) for a target value in its category.

    A pure function of the value and the category's rule, so it is cached like the parse:
    values repeat across a department's forms far more than names do.
    """
    value = parse_value(text)
    if value.kind is ValueKind.EMPTY:
        return (("value-empty", "", (("label", label),)),)
    if value.unit_conflict:
        return (("value-unit-conflict", "", (("text", text), ("conflict", value.unit_conflict))),)
    if rule is Rule.MUST_QUANTIFY and not value.is_quantified:
        vague = phrase("vague") if value.vague else ""
        fields = (("level2", level2), ("text", text), ("vague", vague))
        return (("value-not-quantified", "", fields),)
    out: list[tuple[str, str, _Fields]] = []
    dim = value.dimension
    if value.kind is ValueKind.QUANTITY and value.number is not None and not value.placeholder:
        if dim is None and unit_required:
            out.append(("value-unit-missing", "", (("text", text),)))
        low, high = _RULES.checks.percent_range
        if dim is Dimension.PERCENT and not (low <= value.number <= high):
            out.append(("value-percent-range", "",
                        (("text", text), ("low", plain(low)), ("high", plain(high)))))  # fmt: skip
    money = dim is Dimension.MONEY or dim is Dimension.MONEY_RATE
    if expects is Expects.COST and dim is not None and not money:
        out.append(("value-unit-conflict", "cost", (("text", text), ("unit", value.unit))))
    if expects is Expects.QUALITY and dim in (Dimension.COUNT, Dimension.COUNT_RATE):
        out.append(("quality-count", "", (("text", text),)))
    if expects is Expects.TIMELINESS and not (
        value.kind in _TIME_KINDS or dim in _TIME_DIMENSIONS or value.date is not None
    ):
        out.append(("timeliness-no-time", "", (("text", text),)))
    if expects in _OUTPUT and (money or (dim is None and value.number is not None and funds_name)):
        out.append(("output-is-funds", "", ()))
    return tuple(out)


def _placeholder_name(name: str) -> bool:
    """A name cell that holds nothing or only a placeholder (无, 0, —)."""
    return not name.strip() or is_placeholder(name)


_RULES = rules()
_RATE_NAME = re.compile("(?!)")  # words in a name that make a money amount a rate (单价, 人均)
_FUNDS_SUFFIXES: tuple[str, ...] = ()  # names that describe money itself (经费, 资金)


def _compile(r: Rules) -> None:
    global _RULES, _RATE_NAME, _FUNDS_SUFFIXES
    _RULES = r
    _RATE_NAME = re.compile("|".join(re.escape(w) for w in r.words.rate_names))
    _FUNDS_SUFFIXES = r.words.funds_suffixes
    _target_findings.cache_clear()


_compile(_RULES)
on_rules_changed(_compile)
catalogue.on_language_changed(_target_findings.cache_clear)


def _check(form: Form, registry: KindRegistry) -> tuple[list[Finding], FormScore | None]:
    """A form's findings, and its scores when it is a self-evaluation (kept, so the editor
    and the printer need not score it again)."""
    kind = registry.get(form.kind)
    if kind is None:
        return [
            finding("form-kind-unknown", form.id, Section.FORM, phrase("form-kind"), kind=form.kind)
        ], None
    funds = project_funds(form, kind)
    check = _FormCheck(form, kind, funds)
    found = check.run()
    if kind.scoring is None:
        return [*found, *review_findings(form, kind, None, funds, rows=check.rows)], None
    score = score_form(form, kind)
    return [
        *found,
        *score.findings,
        *review_findings(form, kind, score, funds, rows=check.rows),
    ], score  # self-evaluations: what stops or questions a score


def check_form(form: Form, registry: KindRegistry) -> list[Finding]:
    return _check(form, registry)[0]


class ProjectChecker:
    """Findings of a whole project, kept per form so an edit re-checks only its form."""

    def __init__(self, project: Project, registry: KindRegistry):
        self.project = project
        self.registry = registry
        self._by_form: dict[str, list[Finding]] = {}
        self._scores: dict[str, FormScore | None] = {}

    def _store(self, form: Form) -> list[Finding]:
        """Check `form` and keep its findings; the caller has put the project's rules in
        force (`self._rules()`), once for all the forms it checks: switching the rules
        recompiles the value patterns and empties the caches."""
        found, self._scores[form.id] = _check(form, self.registry)
        if not self.project.review.is_empty():
            # only a reviewed project needs the review module (and its edits): a plain
            # `jixiao check` does not import them
            from desktop.core.review import comment_findings

            kind = self.registry.get(form.kind)
            found = [*found, *comment_findings(self.project, form, kind)]
        self._by_form[form.id] = found
        return found

    def _rules(self) -> AbstractContextManager[Rules]:
        return rules_in_force(self.registry.rules)  # a project file's own vocabulary

    def check_all(self) -> list[Finding]:
        self._by_form, self._scores = {}, {}
        with gc_paused(), self._rules():
            for form in self.project.forms:
                self._store(form)
        return self.findings()

    def recheck(self, form_id: str) -> list[Finding]:
        """Re-check one form after an edit; returns that form's findings."""
        form = self.project.form(form_id)
        if form is None:
            self._by_form.pop(form_id, None)
            self._scores.pop(form_id, None)
            return []
        with self._rules():
            return self._store(form)

    def sync(self) -> None:
        """Check the forms not checked yet and forget the removed ones (after a batch of forms
        was added or removed as one step)."""
        present = {f.id for f in self.project.forms}
        for form_id in [k for k in self._by_form if k not in present]:
            self.recheck(form_id)
        new = [form for form in self.project.forms if form.id not in self._by_form]
        if new:
            with self._rules():
                for form in new:
                    self._store(form)

    def score(self, form_id: str) -> FormScore | None:
        """The scores of a self-evaluation form as of its last check; None for other kinds."""
        return self._scores.get(form_id)

    def findings(self, form_id: str | None = None) -> list[Finding]:
        if form_id is not None:
            return list(self._by_form.get(form_id, []))
        order = [f.id for f in self.project.forms]
        return [x for fid in order for x in self._by_form.get(fid, [])]

    def has_errors(self) -> bool:
        return any(x.severity is E for xs in self._by_form.values() for x in xs)
