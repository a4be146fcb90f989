"""Figures as printed in the editor: a paper self-evaluation's own 得分, 执行率 and 总分, typed by
a clerk beside the computed ones (纸面得分 / 纸面执行率 / 纸面总分).

The core keeps them (`desktop.core.scoring`: Indicator.extra["printed_score"], the funds total
row's printed_score and printed_rate, the header's printed_total) and compares them with the
rule's figures (`printed-differs`). Here: the extra indicator and funds columns and the header
field that show them, and when they are shown: when the user turns on 视图 > 显示纸面数字 (a
setting of the user's, remembered between runs: a clerk who transcribes papers wants it on for
every project) or when the form already holds a printed figure. They are never printed.
"""

from __future__ import annotations

from desktop.core.findings import Section
from desktop.core.kinds import FieldType, FormKind, Funds, FundsColumn, HeaderField, IndicatorColumn
from desktop.core.model import Form
from desktop.core.scoring import (
    PRINTED,
    PRINTED_RATE,
    PRINTED_TOTAL,
    RATE,
    SCORE_KEY,
    holds_printed,
)
from desktop.ui.i18n import tr
from desktop.ui.settings import settings

SETTING = "view/show-printed"
FUNDS_KEYS = (PRINTED_RATE, PRINTED)


def shown_by_user() -> bool:
    """Whether the user turned 显示纸面数字 on (an INI file keeps booleans as text)."""
    value = settings().value(SETTING, False)
    return value is True or str(value).lower() == "true"


def set_shown_by_user(on: bool) -> None:
    settings().setValue(SETTING, bool(on))


def applies(kind: FormKind | None) -> bool:
    """Self-evaluation kinds with scoring and a 得分 column have figures to print."""
    return bool(kind and kind.scoring and any(c.key == SCORE_KEY for c in kind.columns))


def wanted(form: Form, kind: FormKind | None) -> bool:
    """Whether a form's page shows the printed column and fields when it opens."""
    if kind is None or not applies(kind):
        return False
    return shown_by_user() or holds_printed(form, kind)


def indicator_column() -> IndicatorColumn:
    return IndicatorColumn(key=PRINTED, label=tr("纸面得分"), type="number", width=0.6)


def indicator_tip() -> str:
    return tr("照录纸质自评表上印的得分，只作核对，不参与计分、不打印；"
              "与按评分规则计算的得分不一致时列入问题列表。")  # fmt: skip


def funds_spec(spec: Funds, kind: FormKind | None) -> Funds:
    """The funds block with 纸面执行率 after 执行率 and 纸面得分 after 得分 on the total row, for
    a kind that scores budget execution; else the block as the kind has it."""
    keys = [c.key for c in spec.columns]
    if not applies(kind) or RATE not in keys or SCORE_KEY not in keys:
        return spec
    only = (spec.total_row,)
    columns: list[FundsColumn] = []
    for column in spec.columns:
        columns.append(column)
        if column.key == RATE:
            columns.append(FundsColumn(key=PRINTED_RATE, label=tr("纸面执行率"), type="number",
                                       only_rows=only))  # fmt: skip
        elif column.key == SCORE_KEY:
            columns.append(FundsColumn(key=PRINTED, label=tr("纸面得分"), type="number",
                                       only_rows=only))  # fmt: skip
    return spec.model_copy(update={"columns": tuple(columns)})


def total_field() -> HeaderField:
    """纸面总分: a header value the kind does not list (it is not printed)."""
    return HeaderField(key=PRINTED_TOTAL, label=tr("纸面总分"), type=FieldType.TEXT)


def is_printed_place(section: Section, key: str) -> bool:
    """Whether a finding's or an edit's place is one of the printed cells or the field."""
    if section is Section.INDICATOR:
        return key == PRINTED
    if section is Section.FUNDS:
        return key.partition(".")[2] in FUNDS_KEYS
    return section is Section.HEADER and key == PRINTED_TOTAL
