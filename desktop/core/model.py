"""The project model: a unit's set of forms, each with header, funds, tables and indicator tree.

Cells hold the text as the user typed it; meaning is derived by the value parser, so a file
always round-trips exactly what was on the paper. In-memory ids (forms keep theirs in the file,
categories and indicators get fresh ones per session) let the editor and the checks point at a
row that moves.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_serializer

PROJECT_FORMAT = "jixiao-project"
# Version 2 (this wave) adds optional sections: each new field has a default and is written only
# when it differs from it, so a version-1 file is a valid version-2 file. Add new optional fields
# under version 2; bump again only for a change an older reader must not misread.
PROJECT_VERSION = 2

_ids = itertools.count(1)


def _new_id() -> str:
    return f"n{next(_ids)}"


# Column keys with a fixed meaning; any other indicator column lives in `extra`.
STANDARD_COLUMNS = ("name", "target", "actual", "weight", "deviation")


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Indicator(_Node):
    """A level-3 indicator (三级指标) with its cells."""

    uid: str = Field(default_factory=_new_id, exclude=True)
    name: str = ""
    target: str = ""
    actual: str = ""
    weight: str = ""
    deviation: str = ""
    extra: dict[str, str] = Field(default_factory=dict)

    @field_serializer("extra")
    def _sorted_extra(self, extra: dict[str, str]) -> dict[str, str]:
        return dict(sorted(extra.items()))

    def get(self, key: str) -> str:
        if key in STANDARD_COLUMNS:
            return str(getattr(self, key))
        return self.extra.get(key, "")

    def set(self, key: str, text: str) -> None:
        if key in STANDARD_COLUMNS:
            setattr(self, key, text)
        elif text:
            self.extra[key] = text
        else:
            self.extra.pop(key, None)

    def is_blank(self) -> bool:
        if (self.name + self.target + self.actual + self.weight + self.deviation).strip():
            return False
        return not any(v.strip() for v in self.extra.values())


class Level2(_Node):
    """A level-2 category (二级指标) and its indicators."""

    uid: str = Field(default_factory=_new_id, exclude=True)
    name: str
    indicators: list[Indicator] = Field(default_factory=list)


class Level1(_Node):
    """A level-1 category (一级指标) and its level-2 categories."""

    uid: str = Field(default_factory=_new_id, exclude=True)
    name: str
    children: list[Level2] = Field(default_factory=list)


def _sorted(d: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(d.items()))


class Form(_Node):
    """One form of a given kind. `id` is persisted so a CLI user can name it."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    kind: str
    header: dict[str, str] = Field(default_factory=dict)
    funds: dict[str, dict[str, str]] = Field(default_factory=dict)
    tables: dict[str, list[dict[str, str]]] = Field(default_factory=dict)
    indicators: list[Level1] = Field(default_factory=list)
    # What is written on the signature lines (填报人, 联系电话, 日期 …), by the line's label as the
    # kind names it; a line left out prints blank, to be filled in by hand.
    # Kept sorted by `set_signature` (a field serializer would write it even when empty).
    signature: dict[str, str] = Field(default_factory=dict)

    def set_signature(self, line: str, value: str) -> None:
        """Write `value` on the signature line `line` ("" clears it)."""
        values = dict(self.signature)
        if value.strip():
            values[line] = value
        else:
            values.pop(line, None)
        self.signature = _sorted(values)

    @field_serializer("header")
    def _ser_header(self, header: dict[str, str]) -> dict[str, str]:
        return _sorted(header)

    @field_serializer("funds")
    def _ser_funds(self, funds: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        return {k: _sorted(v) for k, v in sorted(funds.items())}

    @field_serializer("tables")
    def _ser_tables(
        self, tables: dict[str, list[dict[str, str]]]
    ) -> dict[str, list[dict[str, str]]]:
        return {k: [_sorted(r) for r in rows] for k, rows in sorted(tables.items())}

    def funds_cell(self, row: str, column: str) -> str:
        return self.funds.get(row, {}).get(column, "")

    def iter_indicators(self) -> Iterator[tuple[Level1, Level2, Indicator]]:
        """(level-1, level-2, indicator) for every indicator, in order."""
        for l1 in self.indicators:
            for l2 in l1.children:
                for ind in l2.indicators:
                    yield l1, l2, ind

    def find_level2(self, level1: str, level2: str) -> Level2 | None:
        for l1 in self.indicators:
            if l1.name == level1:
                for l2 in l1.children:
                    if l2.name == level2:
                        return l2
        return None


MAX_BLANK_ROWS = 50


class PrintSettings(_Node):
    """How a project's forms are printed, as a bureau asks for them (all optional)."""

    title_prefix: str = ""  # before every title: 银川市本级 + 部门整体支出预算绩效目标表
    attachment: str = ""  # above the title, as the notice numbers the form: 附件2
    blank_rows: int = Field(default=1, ge=1, le=MAX_BLANK_ROWS)  # per category, in a blank form
    # The signature lines to print, by label; None prints the kind's own lines, () none.
    signature: tuple[str, ...] | None = None

    def is_default(self) -> bool:
        return self == PrintSettings()


# A reviewer's verdict on a form, as the official forms print it (综合评定等级 / 审核意见).
VERDICTS = {"pass": "通过", "revise": "退回修改", "reject": "退回,不予纳入财政项目库"}


class Anchor(_Node):
    """Where a review comment points, in terms that survive save and load.

    In-memory uids are per session, so an indicator is addressed by its categories, its name
    and its position in its level-2 category at the time of the comment; `review.resolve`
    finds it again by name first (so it follows a row that moved), then by position (so it
    follows a row that was renamed). `section` is form, header, funds, table, category or
    indicator; `key` is the header field, "row.column" of the funds, or the indicator column.
    """

    section: str = "form"
    key: str = ""
    level1: str = ""
    level2: str = ""
    name: str = ""
    index: int = -1


class Comment(_Node):
    """A reviewer's comment on a form or one of its parts; resolving keeps it as history."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    form_id: str
    anchor: Anchor = Field(default_factory=Anchor)
    text: str
    author: str = ""
    created: str = ""  # ISO 8601, as the reviewer's PC had it
    resolved: bool = False
    resolved_by: str = ""
    resolved_at: str = ""
    reply: str = ""  # what the clerk or reviewer wrote when resolving


class Verdict(_Node):
    """One verdict given on a form; a form's current verdict is its last one."""

    form_id: str
    verdict: str = Field(pattern=r"^(pass|revise|reject)$")
    reviewer: str = ""
    date: str = ""
    note: str = ""


class Review(_Node):
    """The finance bureau's comments and verdicts; never part of any form's content."""

    comments: list[Comment] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.comments or self.verdicts)


class _Positions(dict[str, int]):
    """Project's lookup index: not content, so any two are equal (two projects with the same
    forms are equal whatever was looked up in them)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Positions)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, _Positions)

    __hash__ = None


class Project(_Node):
    """A project file's content: a unit's forms, of any mix of kinds."""

    format: str = PROJECT_FORMAT
    version: int = Field(default=PROJECT_VERSION, strict=True)
    app_version: str = ""
    title: str = ""
    # Last year's project file (version 2, optional): relative to this file's folder when it
    # was chosen beside it. The editor shows last year's target and actual next to this year's
    # target, and the checks compare the two (desktop/core/lastyear.py).
    last_year: str = ""
    forms: list[Form] = Field(default_factory=list)
    # Version-2 optional sections (written only when not empty):
    review: Review = Field(default_factory=Review)
    # The definitions of the form kinds the forms use, by id, as they were when saved, so a
    # file opens on a PC that lacks the kind (see desktop.core.embedded).
    kinds: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # The rule vocabulary the project is checked with, when a bureau overrode the built-in one:
    # the override as a rules file holds it (see desktop.core.embedded).
    rules: dict[str, Any] = Field(default_factory=dict)
    print_settings: PrintSettings = Field(default_factory=PrintSettings)
    # form id -> position in `forms`: checked on every use, made again when found out of date
    _positions: _Positions = PrivateAttr(default_factory=lambda: _Positions())

    def form(self, form_id: str) -> Form | None:
        """The (first) form with this id, found through an id -> position index: the editor
        asks for every row of its forms list, so a scan would make that quadratic. The index
        is read from pydantic's dict of private attributes: `self._positions` goes through
        BaseModel.__getattr__, which took 3 of this method's 3.6 µs."""
        forms = self.forms
        private = self.__pydantic_private__
        at: int | None = private["_positions"].get(form_id) if private else None
        if at is not None and at < len(forms) and forms[at].id == form_id:
            return forms[at]
        positions = _Positions()
        for i, f in enumerate(forms):
            positions.setdefault(f.id, i)
        self._positions = positions
        at = positions.get(form_id)
        return forms[at] if at is not None else None

    def new_form_id(self) -> str:
        used = {f.id for f in self.forms}
        n = len(self.forms) + 1
        while f"f{n}" in used:
            n += 1
        return f"f{n}"
