"""The rule vocabulary: units and their factors, the words checks look for, tolerances, bands.

These are data (`forms/rules.json`), not code, so a bureau can adapt them to its region: a
`rules.json` in the user data folder's `forms/` overrides any part of the bundled file (objects
are merged key by key, lists and values replace). Both are validated strictly, so a mistake is
reported with the file and the field. A broken bundled file is a packaging bug and stops the
program; a broken override is skipped with a warning and the bundled rules stay in force.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from desktop.core.catalogue import phrase
from desktop.core.display import validation_line
from desktop.core.resources import data_root, user_forms_dir

RULES_FILE = "rules.json"  # in forms/; the kind loader leaves it alone
RULES_FORMAT = "jixiao-rules"
RULES_VERSION = 1

_Words = tuple[str, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _nonempty(words: _Words, what: str) -> None:
    if any(not w.strip() for w in words):
        raise ValueError(f"{what}: empty words are not allowed")
    if len(set(words)) != len(words):
        raise ValueError(f"{what}: a word is listed twice")


class SameAs(_Strict):
    """A unit compared as another one when scoring (日 as 天; ‰ as % × 0.1)."""

    unit: str = Field(min_length=1)
    factor: Decimal = Field(default=Decimal(1), gt=0)


class Units(_Strict):
    """Every unit the value parser knows, by what it measures; money with its factor in 元."""

    money: dict[str, Decimal]
    percent: _Words
    count: _Words
    duration: _Words
    area: _Words
    length: _Words
    score: _Words
    other: _Words  # known, so that 千克 is not read as 千 × 克
    multipliers: dict[str, Decimal] = Field(min_length=1)  # 万 千 亿 written before a unit or alone
    chinese_numeral_units: _Words = Field(
        min_length=1
    )  # units a Chinese numeral may count (两次, 十二个月)
    same_as: dict[str, SameAs] = Field(default_factory=dict)
    per_year: _Words = ("年",)  # money per these counts as an amount of the form's year

    @model_validator(mode="after")
    def _consistent(self) -> Units:
        if self.money.get("元") != 1:
            raise ValueError("money needs 元 with factor 1")
        if any(f <= 0 for f in [*self.money.values(), *self.multipliers.values()]):
            raise ValueError("factors must be greater than 0")
        if any(len(m) != 1 for m in self.multipliers):
            raise ValueError("multipliers are single characters such as 万")
        seen: set[str] = set()
        for name, words in self.by_dimension().items():
            _nonempty(words, name)
            twice = seen & set(words)
            if twice:
                raise ValueError(f"{name}: {sorted(twice)} already listed under another dimension")
            seen |= set(words)
        unknown = set(self.chinese_numeral_units) - seen
        if unknown:
            raise ValueError(f"chinese_numeral_units: {sorted(unknown)} are not listed units")
        return self

    def by_dimension(self) -> dict[str, _Words]:
        """Unit words by the name of what they measure (money, percent, count, …)."""
        return {
            "money": tuple(self.money),
            "percent": self.percent,
            "count": self.count,
            "duration": self.duration,
            "area": self.area,
            "length": self.length,
            "score": self.score,
            "other": self.other,
        }


class Words(_Strict):
    placeholders: _Words = Field(min_length=1)  # a cell holding only one of these is empty
    vague: _Words = Field(min_length=1)  # words no reviewer can measure (进一步, 有效)
    ratings: _Words = Field(min_length=1)  # words that grade a result (满意, 合格)
    periods: _Words = Field(min_length=1)  # 全年, 每季度, 年底 …
    rate_names: _Words = Field(
        min_length=1
    )  # in an indicator name: the money is a rate, not a total (单价, 人均)
    funds_suffixes: _Words = Field(
        min_length=1
    )  # names ending so describe money itself (经费, 资金)

    @model_validator(mode="after")
    def _consistent(self) -> Words:
        for name in type(self).model_fields:
            _nonempty(getattr(self, name), name)
        return self


_Op = Literal["≥", "≤", ">", "<", "="]


class Operators(_Strict):
    words: dict[str, _Op] = Field(min_length=1)  # 不低于 → ≥
    suffixes: dict[str, _Op] = Field(min_length=1)  # 10次以上 → ≥10次


class CheckRules(_Strict):
    funds_sum_tolerance: Decimal = Field(ge=0)  # in the form's money unit
    cost_vs_funds_tolerance_yuan: Decimal = Field(ge=0)
    percent_range: tuple[Decimal, Decimal]

    @model_validator(mode="after")
    def _consistent(self) -> CheckRules:
        low, high = self.percent_range
        if low >= high:
            raise ValueError("percent_range needs low < high")
        return self


_TargetFamily = Literal["department-target", "project-target"]  # kinds.Family values


class SelfEvalRules(_Strict):
    """How self-evaluations are made from target forms and read as real papers are written."""

    kinds: dict[_TargetFamily, str]  # target form family -> the self-evaluation kind's id
    # Target-form header fields that fill self-evaluation fields of another name, when empty.
    header_aliases: dict[str, _Words] = Field(default_factory=dict)
    # Level-1 names that mean the same on different layouts (项目完成 for 产出), 指标 left off.
    level1_synonyms: dict[str, _Words] = Field(default_factory=dict)

    # whole names (regular expressions) of the official template's unfilled rows: 指标1, ……
    filler_names: _Words = Field(min_length=1)
    on_time_phrases: _Words = Field(min_length=1)  # an actual that says a deadline was met
    late_share: Decimal = Field(ge=0, le=1)  # share of the weight for a date after the deadline
    implausible_times: Decimal = Field(gt=1)  # an actual this many times the target is doubted
    restating_words: _Words = Field(min_length=1)  # an actual that says the target was reached

    @model_validator(mode="after")
    def _consistent(self) -> SelfEvalRules:
        for pattern in self.filler_names:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"filler_names: “{pattern}” is not a pattern: {exc}") from None
        return self


class BandRule(_Strict):
    """A band of a judged indicator: [low, high) of the weight, or [low, high] when closed."""

    key: str = Field(min_length=1)
    label: str = Field(min_length=1)
    low: Decimal = Field(ge=0, le=1)
    high: Decimal = Field(ge=0, le=1)
    closed: bool = False


class ScoringRules(_Strict):
    """The national scoring rule; a form kind's `scoring` starts from these."""

    total_points: Decimal = Field(gt=0)
    budget_execution: Decimal = Field(ge=0)
    by_level1: dict[str, Decimal]  # the 50/30/10 split
    grades: dict[str, Decimal]
    explain_rate_below: Decimal | None = Field(gt=0, le=1)
    bands: tuple[BandRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ScoringRules:
        total = self.budget_execution + sum(self.by_level1.values(), Decimal(0))
        if total != self.total_points:
            raise ValueError(
                f"budget_execution + by_level1 must be total_points {self.total_points}, "
                f"not {total}"
            )
        if not self.grades or min(self.grades.values()) != 0:
            raise ValueError("grades need a lowest cut-off of 0 so that every total has a grade")
        keys = [b.key for b in self.bands]
        if len(set(keys)) != len(keys):
            raise ValueError("bands need unique keys")
        ordered = sorted(self.bands, key=lambda b: b.low)
        if ordered[0].low != 0 or ordered[-1].high != 1 or not ordered[-1].closed:
            raise ValueError("bands must cover 0 to 1 of the weight, the top one closed")
        for below, above in pairwise(ordered):
            if below.high != above.low or below.closed:
                raise ValueError("bands must follow each other without gap or overlap")
        return self


class ReviewRules(_Strict):
    """What the finance bureau's reviewer checks look for (desktop.core.review_checks)."""

    name_max: int = Field(ge=1)  # characters the online system takes for a name
    value_max: int = Field(ge=1)  # ... and for a value
    unit_cost_tolerance: Decimal = Field(ge=0)  # share of the funds
    over_achievement: Decimal = Field(gt=1)  # actual ÷ target from which it must be explained
    budget_change: Decimal = Field(ge=0)  # share of the initial budget
    objective_fields: _Words  # header fields holding the 年度总体目标
    period_fields: _Words  # header fields holding the 项目期
    change_note_fields: _Words  # header fields that explain a budget change
    partial_words: _Words  # words in a result that do not support full marks
    objective_dimensions: tuple[
        Literal["count", "area", "length", "percent", "other", "duration", "score"], ...
    ]  # what a figure in the objective must measure to need an indicator


class Rules(_Strict):
    format: Literal["jixiao-rules"]
    version: int
    units: Units
    words: Words
    operators: Operators
    checks: CheckRules
    selfeval: SelfEvalRules
    scoring: ScoringRules
    review: ReviewRules

    @model_validator(mode="after")
    def _version(self) -> Rules:
        if self.version > RULES_VERSION:
            raise ValueError(f"version {self.version} is newer than this program ({RULES_VERSION})")
        return self


class RulesError(Exception):
    """A rules file that cannot be used; the message names the file and the field."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesError(phrase("rules-unreadable", path=path, error=exc)) from exc
    if not isinstance(data, dict):
        raise RulesError(phrase("rules-not-object", path=path))
    return data


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`: objects merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merged(old, value)
        else:
            out[key] = value
    return out


def _validated(data: dict[str, Any], path: Path) -> Rules:
    try:
        return Rules.model_validate(data)
    except ValidationError as exc:
        raise RulesError(f"{path}: {validation_line(exc)}") from exc


def load_rules(bundled: Path, override: Path | None = None) -> tuple[Rules, list[str]]:
    """The rules from `bundled` with `override` laid over it, and the warnings to show.

    A broken bundled file raises RulesError; a broken override is left out with a warning.
    """
    base = _read(bundled)
    rules = _validated(base, bundled)
    if override is None or not override.is_file():
        return rules, []
    try:
        data = _read(override)
        if data.get("format") != RULES_FORMAT:
            raise RulesError(phrase("rules-format", path=override, format=RULES_FORMAT))
        return _validated(_merged(base, data), override), []
    except RulesError as exc:
        return rules, [phrase("rules-ignored", error=exc)]


# A vocabulary that travels inside a project file is laid over the built-in one like a user
# override; a real one is a few KB (the whole built-in file is 6 KB), so a larger one is refused
# before its words are compiled into patterns.
MAX_EMBEDDED_CHARS = 256 * 1024

_local: Rules | None = None  # this PC's: the bundled file with the user's override
_active: Rules | None = None  # in force: this PC's, or a project file's own
_warnings: list[str] = []
_listeners: list[Callable[[Rules], None]] = []


def _bundled_path() -> Path:
    return data_root() / "forms" / RULES_FILE


def local_rules() -> Rules:
    """This PC's rules: the bundled file and the user's override; loaded once."""
    global _local
    if _local is None:
        _local, found = load_rules(_bundled_path(), user_forms_dir() / RULES_FILE)
        _warnings.extend(found)
    return _local


def rules() -> Rules:
    """The rules in force: this PC's (`local_rules`), or those a project file carries while
    that project is checked (`rules_in_force`)."""
    global _active
    if _active is None:
        _active = local_rules()
    return _active


def rules_warnings() -> list[str]:
    """Why the user's override was not used, if it was not (one line each)."""
    local_rules()
    return list(_warnings)


_builtin: tuple[dict[str, Any], Rules] | None = None


def _builtin_pair() -> tuple[dict[str, Any], Rules]:
    global _builtin
    if _builtin is None:
        data = _read(_bundled_path())
        _builtin = data, _validated(data, _bundled_path())
    return _builtin


def builtin_rules() -> Rules:
    """The bundled rules alone, as every PC without an override has them."""
    return _builtin_pair()[1]


def _changes(base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What `new` changes in `base`, as an override laid over `base` gives it back."""
    out: dict[str, Any] = {}
    for key, value in new.items():
        old = base.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            sub = _changes(old, value)
            if sub:
                out[key] = sub
        elif value != old:
            out[key] = value
    return out


_overrides: dict[int, tuple[Rules, dict[str, Any]]] = {}


def override_of(r: Rules) -> dict[str, Any]:
    """`r` as an override of the built-in rules (what a bureau changed, with the format and
    version of a rules file), or {} when it is the built-in rules."""
    cached = _overrides.get(id(r))
    if cached is not None and cached[0] is r:
        return cached[1]
    base = builtin_rules().model_dump(mode="json", exclude={"format", "version"})
    found = _changes(base, r.model_dump(mode="json", exclude={"format", "version"}))
    out = {"format": RULES_FORMAT, "version": RULES_VERSION, **found} if found else {}
    if len(_overrides) > 16:
        _overrides.clear()
    _overrides[id(r)] = (r, out)
    return out


_embedded: dict[str, Rules] = {}


def rules_from_override(override: dict[str, Any]) -> Rules:
    """The built-in rules with `override` (a rules file's content, as a project file carries
    it) laid over them; RulesError names the field. The same override gives the same object,
    so a season of files from one bureau costs one validation and no switching."""
    try:
        text = json.dumps(override, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise RulesError(phrase("rules-embedded-unreadable", error=exc)) from None
    found = _embedded.get(text)
    if found is not None:
        return found
    if len(text) > MAX_EMBEDDED_CHARS:
        raise RulesError(phrase("rules-embedded-too-big", size=len(text) // 1024,
                                most=MAX_EMBEDDED_CHARS // 1024))  # fmt: skip
    if override.get("format") != RULES_FORMAT:
        raise RulesError(phrase("rules-embedded-format", format=RULES_FORMAT))
    try:
        found = Rules.model_validate(_merged(_builtin_pair()[0], override))
    except ValidationError as exc:
        raise RulesError(validation_line(exc)) from None
    except RecursionError:
        raise RulesError(phrase("rules-embedded-deep")) from None
    if len(_embedded) > 16:
        _embedded.clear()
    _embedded[text] = found
    return found


def on_rules_changed(listener: Callable[[Rules], None]) -> None:
    """Call `listener` whenever `use_rules` puts other rules in force (modules that compile
    patterns from the vocabulary rebuild them)."""
    _listeners.append(listener)


def use_rules(new: Rules, local: bool = False) -> Rules:
    """Put `new` in force (and, with `local`, make it this PC's rules); returns the rules it
    replaces (so tests can put them back). Putting the rules in force again costs nothing."""
    global _active, _local
    old = rules()
    if local:
        _local = new
    if new is not old:
        _active = new
        for listener in _listeners:
            listener(new)
    return old


@contextmanager
def rules_in_force(r: Rules | None) -> Iterator[Rules]:
    """`r` in force for the duration (a project's own vocabulary while it is checked), the
    rules before it afterwards; None leaves the rules in force as they are."""
    if r is None:
        yield rules()
        return
    old = use_rules(r)
    try:
        yield r
    finally:
        use_rules(old)
