"""Form kinds: the layouts of the official forms, read from data files in forms/.

A bureau's local variant is a new JSON file, not new code, so everything a check or the printer
needs to know about a layout lives here, validated strictly so a mistake in a definition is
reported with the file and the field instead of surfacing later as odd behaviour.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from desktop.core.catalogue import CATALOGUE, phrase
from desktop.core.display import validation_line
from desktop.core.resources import data_root, user_forms_dir
from desktop.core.rules import RULES_FILE, Rules, rules, rules_warnings

KIND_FORMAT = "jixiao-form-kind"
KIND_VERSION = 1


class _Strict(BaseModel):
    """Definitions refuse unknown keys: a typo in a bureau's file must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Family(StrEnum):
    """What a form is for; decides which checks and printing rules apply."""

    DEPARTMENT_TARGET = "department-target"
    PROJECT_TARGET = "project-target"
    DEPARTMENT_SELFEVAL = "department-selfeval"
    PROJECT_SELFEVAL = "project-selfeval"
    REPORT = "report"


class FieldType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    MONEY = "money"
    ENUM = "enum"
    YEAR = "year"
    CODE = "code"


class Rule(StrEnum):
    """How a level-2 category must be filled (必填量化 / 必填 / 选填)."""

    MUST_QUANTIFY = "must-quantify"
    REQUIRED = "required"
    OPTIONAL = "optional"


# The words the published forms print after a category name: 数量指标（必填量化）.
RULE_WORDS = {Rule.MUST_QUANTIFY: "必填量化", Rule.REQUIRED: "必填", Rule.OPTIONAL: "选填"}
_RULE_SUFFIX = re.compile(
    r"\s*[（(](" + "|".join(sorted(RULE_WORDS.values(), key=len, reverse=True)) + r")[）)]\s*$"
)


def category_name(cell: str) -> str:
    """A category cell as copied from a form: `数量指标（必填量化）` names `数量指标`."""
    return _RULE_SUFFIX.sub("", " ".join(cell.split()))


class Expects(StrEnum):
    """What a level-2 category measures; lets checks spot a count under quality and the like."""

    QUANTITY = "quantity"
    QUALITY = "quality"
    TIMELINESS = "timeliness"
    COST = "cost"
    BENEFIT = "benefit"
    SATISFACTION = "satisfaction"
    BUDGET = "budget"
    ANY = "any"


class HeaderField(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    unit: Literal["元", "万元"] | None = None
    options: tuple[str, ...] = ()
    names_form: bool = False  # the field a person uses to name the form (项目名称, 部门名称)
    funds_total: bool = False  # a money field that is the form's funds when it has no funds block

    @model_validator(mode="after")
    def _money_has_unit(self) -> HeaderField:
        if self.type is FieldType.MONEY and self.unit is None:
            raise ValueError("money fields need a unit (元 or 万元)")
        if self.type is FieldType.ENUM and not self.options:
            raise ValueError("enum fields need options")
        if self.funds_total and self.type is not FieldType.MONEY:
            raise ValueError("funds_total needs a money field")
        return self


class FundsRow(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    role: Literal["total", "part", "info"] = "part"


class FundsColumn(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = ""
    type: Literal["money", "number", "computed"] = "money"
    only_rows: tuple[str, ...] = ()  # e.g. 分值 only on the total row; other rows print "—"


class Funds(_Strict):
    """The funds block: rows (total and its parts) by columns (budget, executed, …)."""

    label: str
    unit: Literal["元", "万元"]
    rows: tuple[FundsRow, ...]
    columns: tuple[FundsColumn, ...]
    primary_column: str  # the amount cost indicators are compared with

    @model_validator(mode="after")
    def _consistent(self) -> Funds:
        row_keys = [r.key for r in self.rows]
        col_keys = [c.key for c in self.columns]
        if len(set(row_keys)) != len(row_keys) or len(set(col_keys)) != len(col_keys):
            raise ValueError("funds rows and columns need unique keys")
        if sum(r.role == "total" for r in self.rows) != 1:
            raise ValueError("funds need exactly one row with role 'total'")
        if self.primary_column not in col_keys:
            raise ValueError(f"primary_column '{self.primary_column}' is not a column")
        for c in self.columns:
            unknown = set(c.only_rows) - set(row_keys)
            if unknown:
                raise ValueError(f"column '{c.key}' names unknown rows {sorted(unknown)}")
        return self

    @cached_property
    def total_row(self) -> str:
        return next(r.key for r in self.rows if r.role == "total")

    @cached_property
    def total_label(self) -> str:
        return next(r.label for r in self.rows if r.role == "total")

    @cached_property
    def part_rows(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows if r.role == "part")


class TableColumn(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    group: str = ""  # a spanning header above several columns, e.g. 预算金额（万元）
    type: Literal["text", "multiline", "money"] = "text"
    role: Literal["total", "part", "none"] = "none"
    width: float = 1.0


class Table(_Strict):
    """A repeating table in the header block, e.g. the 2022 task list."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    unit: Literal["元", "万元"] | None = None
    columns: tuple[TableColumn, ...]


class IndicatorColumn(_Strict):
    """A level-3 column. Keys name, target, actual, weight, deviation have fixed meanings."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    group: str = ""  # a spanning header above several columns, e.g. 三级指标
    type: Literal["text", "multiline", "value", "number", "computed"] = "text"
    width: float = 1.0


class Level2Def(_Strict):
    name: str
    rule: Rule = Rule.OPTIONAL
    expects: Expects = Expects.ANY
    show_rule: bool = (
        False  # print the rule under the name, as the 2024 form does: 数量指标（必填量化）
    )


class Level1Def(_Strict):
    name: str
    required: bool = False  # at least one indicator somewhere under it
    children: tuple[Level2Def, ...]
    open_children: bool = False  # users may add level-2 categories not listed here


# The funds columns budget execution is scored from (全年预算数, 全年执行数).
EXECUTION_COLUMNS = ("adjusted_budget", "executed")


class Scoring(_Strict):
    """How a self-evaluation is scored; the defaults are the national rule.

    Provinces differ in the split of the 100 points, the formula for lower-is-better
    indicators, rounding and grade cut-offs, so these are data. "10 for execution, 90 spread
    freely" is `by_level1: {}` with `free: 90`.
    """

    budget_execution: Decimal = Field(
        default_factory=lambda: rules().scoring.budget_execution, ge=0
    )
    by_level1: dict[str, Decimal] = Field(default_factory=lambda: dict(rules().scoring.by_level1))
    # A level-1 whose indicators share another's points, e.g. the national layout's 成本指标
    # sharing 产出指标's 50.
    share_with: dict[str, str] = Field(default_factory=dict)
    free: Decimal = Field(default=Decimal(0), ge=0)  # spread over level-1s without points
    lower_formula: Literal["ratio", "linear"] = "ratio"  # target ÷ actual, or zero at 2× target
    decimals: Literal[1, 2] = 1
    grades: dict[str, Decimal] = Field(default_factory=lambda: dict(rules().scoring.grades))
    explain_rate_below: Decimal | None = Field(
        default_factory=lambda: rules().scoring.explain_rate_below, gt=0, le=1
    )
    explain_field: str = "execution_note"  # the header field that explains a low rate

    @model_validator(mode="after")
    def _consistent(self) -> Scoring:
        points = [self.budget_execution, *self.by_level1.values(), self.free]
        total = sum(points, Decimal(0))
        points_total = rules().scoring.total_points
        if total != points_total:
            raise ValueError(
                f"budget_execution + by_level1 + free must be {points_total}, not {total}"
            )
        unit = Decimal(1).scaleb(-self.decimals)
        if any(p < 0 or p % unit for p in points):
            raise ValueError(f"points must be multiples of {unit} (the rounding unit), ≥ 0")
        for shared, owner in self.share_with.items():
            if shared in self.by_level1 or owner not in self.by_level1:
                raise ValueError(
                    f"share_with '{shared}' → '{owner}': the first must have no points of its "
                    "own, the second must be in by_level1"
                )
        if not self.grades or min(self.grades.values()) > 0:
            raise ValueError("grades need a lowest cut-off of 0 so that every total has a grade")
        return self

    def pool(self, level1: str) -> str | None:
        """The level-1 whose points an indicator under `level1` shares; None: the free points."""
        if level1 in self.by_level1:
            return level1
        return self.share_with.get(level1)

    def grade(self, total: Decimal) -> str:
        """The grade of the highest cut-off the total reaches."""
        ranked = sorted(self.grades.items(), key=lambda g: g[1], reverse=True)
        return next((name for name, low in ranked if total >= low), ranked[-1][0])


class FieldGroup(_Strict):
    """Header fields printed side by side under one label, e.g. 年度总体目标 over 预期目标 and
    实际完成情况: the label on the left, the fields' labels as column heads, their texts below."""

    label: str
    fields: tuple[str, ...] = Field(min_length=1)


class PrintHints(_Strict):
    orientation: Literal["portrait", "landscape"] = "portrait"
    # Relative widths of the indicator table's printed columns, left to right: the
    # indicator_label column (when the kind has one), level 1, level 2, then `columns`.
    column_widths: tuple[float, ...] = ()
    header_layout: tuple[tuple[str, ...], ...] = ()  # rows of header field keys
    field_groups: tuple[FieldGroup, ...] = ()
    closing: tuple[str, ...] = ()  # header fields printed right-aligned at the end (落款, 日期)
    review_label: str = "综合评定等级"
    signature: tuple[str, ...] = (
        "填报人",
        "联系电话",
        "单位负责人（签字）",
        "单位（盖章）",
        "日期",
    )
    review_verdict: tuple[str, ...] = ()  # 通过 / 退回修改 / 退回,不予纳入财政项目库
    footnote: str = ""
    # The forms of these families in the same project print after this one as its attached
    # tables, 附件1 … 附件N in project order (a self-evaluation report and its tables).
    attach_families: tuple[Family, ...] = ()


_Level = Literal["error", "warning", "off"]


class Checks(_Strict):
    """Per-kind switches for the checks that some layouts do not want."""

    cost_vs_funds: _Level = "error"
    unit_required: bool = True
    # A finding code's severity on this kind, instead of the catalogue's ("off": not reported).
    severity: dict[str, _Level] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_codes(self) -> Checks:
        unknown = set(self.severity) - set(CATALOGUE)
        if unknown:
            raise ValueError(f"severity names unknown finding codes {sorted(unknown)}")
        return self

    @cached_property
    def levels(self) -> dict[str, str]:
        """Severity overrides by code, `cost_vs_funds` included."""
        return {"cost-vs-funds": self.cost_vs_funds, **self.severity}


class Aliases(_Strict):
    """Other names a layout's labels go by in the workbooks and documents clerks already have.

    Import matches labels ignoring spaces (「一级 指标」), the width of brackets and colons and a
    leading 「*」; these lists add the other wordings a bureau uses for the same thing. Keys name
    header fields, funds rows and columns, indicator columns (and "TABLE.COLUMN" for a table's
    columns); categories map a category name to the names it is also printed under.
    """

    titles: tuple[str, ...] = ()
    header: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    funds_label: tuple[str, ...] = ()
    funds_rows: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    funds_columns: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    tables: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    level1_label: tuple[str, ...] = ()
    level2_label: tuple[str, ...] = ()
    columns: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    categories: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Columns that hold the comparison (≥, ＝) or the unit of the target value on their own;
    # import joins them into the target cell as typed: ≥ | 95 | % → ≥95%.
    operator_columns: tuple[str, ...] = ()
    unit_columns: tuple[str, ...] = ()


class FormKind(_Strict):
    format: Literal["jixiao-form-kind"]
    version: int
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    family: Family
    year: int | None = None
    title: str
    description: str = ""  # region, year, what it holds: shown where a kind is chosen
    subtitle: str = ""
    header: tuple[HeaderField, ...] = ()
    funds: Funds | None = None
    tables: tuple[Table, ...] = ()
    indicator_label: str = "绩效指标"
    columns: tuple[IndicatorColumn, ...] = ()
    level1_label: str = "一级指标"
    level2_label: str = "二级指标"
    categories: tuple[Level1Def, ...] = ()
    scoring: Scoring | None = None
    checks: Checks = Checks()
    print: PrintHints = PrintHints()
    aliases: Aliases = Aliases()

    @model_validator(mode="after")
    def _consistent(self) -> FormKind:
        if self.version > KIND_VERSION:
            raise ValueError(f"version {self.version} is newer than this program ({KIND_VERSION})")
        keys = [f.key for f in self.header]
        if len(set(keys)) != len(keys):
            raise ValueError("header field keys must be unique")
        if sum(f.names_form for f in self.header) > 1:
            raise ValueError("at most one header field may have names_form")
        col_keys = [c.key for c in self.columns]
        if len(set(col_keys)) != len(col_keys):
            raise ValueError("indicator column keys must be unique")
        if self.categories and "name" not in col_keys:
            raise ValueError("an indicator table needs a column with key 'name'")
        for row in self.print.header_layout:
            for key in row:
                if key not in keys:
                    raise ValueError(f"print.header_layout names unknown header field '{key}'")
        for key in [k for g in self.print.field_groups for k in g.fields] + [*self.print.closing]:
            if key not in keys:
                raise ValueError(f"print hints name unknown header field '{key}'")
        printed = (1 if self.indicator_label else 0) + 2 + len(self.columns)
        if self.print.column_widths and len(self.print.column_widths) != printed:
            raise ValueError(
                f"print.column_widths needs {printed} widths (one per printed indicator column)"
            )
        names1 = [c.name for c in self.categories]
        if len(set(names1)) != len(names1):
            raise ValueError("level-1 category names must be unique")
        for c in self.categories:
            names2 = [d.name for d in c.children]
            if len(set(names2)) != len(names2):
                raise ValueError(f"level-2 names under '{c.name}' must be unique")
        if self.scoring is not None:
            self._scoring_fits(keys, names1)
        self._aliases_fit(keys, col_keys)
        return self

    def _aliases_fit(self, header_keys: list[str], column_keys: list[str]) -> None:
        a = self.aliases
        funds_rows = {r.key for r in self.funds.rows} if self.funds else set()
        funds_cols = {c.key for c in self.funds.columns} if self.funds else set()
        table_cols = {f"{t.key}.{c.key}" for t in self.tables for c in t.columns}
        names = {c.name for c in self.categories} | {d.name for c in self.categories for d in c.children}
        for what, given, known in (
            ("header", a.header, set(header_keys)),
            ("funds_rows", a.funds_rows, funds_rows),
            ("funds_columns", a.funds_columns, funds_cols),
            ("tables", a.tables, table_cols),
            ("columns", a.columns, set(column_keys)),
            ("categories", a.categories, names),
        ):
            unknown = set(given) - known
            if unknown and what in ("header", "columns"):  # a variant may drop funds columns
                raise ValueError(f"aliases.{what} names unknown keys {sorted(unknown)}")

    def _scoring_fits(self, header_keys: list[str], level1_names: list[str]) -> None:
        s = self.scoring
        assert s is not None
        unknown = (set(s.by_level1) | set(s.share_with)) - set(level1_names)
        if unknown:
            raise ValueError(f"scoring names unknown level-1 categories {sorted(unknown)}")
        if s.explain_rate_below is not None and s.explain_field not in header_keys:
            raise ValueError(f"scoring.explain_field '{s.explain_field}' is not a header field")
        funds_columns = {c.key for c in self.funds.columns} if self.funds else set()
        if s.budget_execution and not set(EXECUTION_COLUMNS) <= funds_columns:
            raise ValueError(
                f"scoring budget execution needs funds columns {list(EXECUTION_COLUMNS)}"
            )

    @cached_property
    def name_field(self) -> str | None:
        return next((f.key for f in self.header if f.names_form), None)

    @cached_property
    def level2_rules(self) -> dict[tuple[str, str], Level2Def]:
        return {(c.name, d.name): d for c in self.categories for d in c.children}

    @cached_property
    def value_columns(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.type == "value")

    @cached_property
    def column_labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}

    @cached_property
    def header_labels(self) -> dict[str, str]:
        return {f.key: f.label for f in self.header}

    @cached_property
    def funds_labels(self) -> dict[str, str]:
        """Each funds cell ("row.column") as the form labels it: the row, then the column."""
        if self.funds is None:
            return {}
        return {
            f"{r.key}.{c.key}": " ".join(x for x in (r.label, c.label) if x)
            for r in self.funds.rows
            for c in self.funds.columns
        }

    @cached_property
    def open_level1(self) -> frozenset[str]:
        """Level-1 categories under which users may add level-2 categories of their own."""
        return frozenset(c.name for c in self.categories if c.open_children)

    def level2_def(self, level1: str, level2: str) -> Level2Def | None:
        return self.level2_rules.get((level1, level2))


class KindError(Exception):
    """A form kind file that cannot be used; the message names the file and the field."""


def load_kind(path: Path) -> FormKind:
    """Read and validate one form kind file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KindError(phrase("kind-unreadable", name=path.name, error=exc)) from exc
    try:
        return FormKind.model_validate(data)
    except ValidationError as exc:
        raise KindError(f"{path.name}: {validation_line(exc)}") from exc


class KindRegistry:
    """All form kinds known to this program, by id; `warnings` say which files were left out."""

    def __init__(
        self,
        kinds: dict[str, FormKind],
        warnings: list[str] | None = None,
        rules: Rules | None = None,
    ):
        self._kinds = dict(kinds)
        self.warnings = list(warnings or [])
        # The rule vocabulary the kinds were read under and a project read with this registry
        # is checked with (a project file's own; see desktop.core.embedded); None: any.
        self.rules = rules

    @classmethod
    def from_dirs(cls, dirs: list[Path], user_dirs: list[Path] | None = None) -> KindRegistry:
        """Every kind file in the folders.

        `dirs` hold the bundled kinds: a broken file there raises KindError (a packaging bug),
        and a later folder's kind replaces an earlier one's. `user_dirs` hold a user's or a
        bureau's own kinds: a broken file is left out with a warning naming the file and the
        field, and so is a file whose id is already taken (a bundled kind is never replaced
        silently; a local variant needs an id of its own).
        """
        kinds: dict[str, FormKind] = {}
        for d in dirs:
            for path in _kind_files(d):
                kind = load_kind(path)
                kinds[kind.id] = kind
        warnings: list[str] = []
        for d in user_dirs or []:
            for path in _kind_files(d):
                try:
                    kind = load_kind(path)
                except KindError as exc:
                    warnings.append(phrase("kind-skipped", path=path, error=exc))
                    continue
                if kind.id in kinds:
                    warnings.append(phrase("kind-id-taken", path=path, id=kind.id,
                                           other=kinds[kind.id].name))  # fmt: skip
                    continue
                kinds[kind.id] = kind
        return cls(kinds, warnings)

    def get(self, kind_id: str) -> FormKind | None:
        return self._kinds.get(kind_id)

    def with_kinds(self, kinds: dict[str, FormKind], rules: Rules | None = None) -> KindRegistry:
        """A copy in which `kinds` replace or add to this registry's (a file's own kinds),
        read under `rules` (by default this registry's)."""
        return KindRegistry({**self._kinds, **kinds}, rules=rules or self.rules)

    def __getitem__(self, kind_id: str) -> FormKind:
        return self._kinds[kind_id]

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def all(self) -> list[FormKind]:
        return sorted(self._kinds.values(), key=lambda k: (k.family, -(k.year or 0), k.id))


def _kind_files(folder: Path) -> list[Path]:
    """The form kind files in a folder: every *.json but the rule vocabulary."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if p.name != RULES_FILE)


_default: KindRegistry | None = None


def default_registry() -> KindRegistry:
    """The bundled form kinds plus any in the user's forms folder; loaded once.

    Raises KindError for a broken bundled kind; a broken user kind is only a warning
    (`registry.warnings`, which also carries the warnings about the user's rules file).
    """
    global _default
    if _default is None:
        _default = KindRegistry.from_dirs([data_root() / "forms"], [user_forms_dir()])
        _default.warnings[:0] = rules_warnings()
        _default.rules = rules()
    return _default
