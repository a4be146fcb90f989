"""The official layout of a form as a grid of cells with merges, for .xlsx and .docx export.

One plan per form, built from the kind's data (labels, header layout, funds, tables, columns,
signature and footnote), so a bureau's variant kind exports in its own layout without code.
The plan is also what the importer reads back: export then import gives the same form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from desktop.core.kinds import Family, FormKind
from desktop.core.model import Form, Indicator
from desktop.core.scoring import FormScore, score_form, weight_text

Role = Literal["title", "subtitle", "label", "value", "head", "sign", "note"]


@dataclass
class Cell:
    text: str
    role: Role = "value"


@dataclass
class Plan:
    """Rows of cells (by column), merges (r1, c1, r2, c2 inclusive) and relative widths."""

    name: str
    n_cols: int
    widths: list[float]
    orientation: str = "portrait"
    rows: list[dict[int, Cell]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    bordered: tuple[int, int] = (0, 0)  # first and last+1 row of the ruled table
    repeat_rows: tuple[int, int] | None = None  # the indicator header, repeated on each page

    def add_row(self) -> int:
        self.rows.append({})
        return len(self.rows) - 1

    def put(self, row: int, col: int, text: str, role: Role = "value", *,
            rows: int = 1, cols: int = 1) -> None:  # fmt: skip
        self.rows[row][col] = Cell(text, role)
        if rows > 1 or cols > 1:
            self.merges.append((row, col, row + rows - 1, col + cols - 1))


def _n_cols(kind: FormKind) -> int:
    n = 4
    if kind.categories:
        n = max(n, (1 if kind.indicator_label else 0) + 2 + len(kind.columns))
    if kind.funds:
        n = max(n, 2 + len(kind.funds.columns))
    for t in kind.tables:
        n = max(n, 1 + len(t.columns))
    return n


def _widths(kind: FormKind, n: int) -> list[float]:
    if kind.categories:
        if kind.print.column_widths:
            widths = list(kind.print.column_widths)
        else:
            widths = ([1.0] if kind.indicator_label else []) + [1.2, 1.4]
            widths += [c.width * 1.4 for c in kind.columns]
        widths += [1.2] * (n - len(widths))
    else:
        widths = [1.6] + [2.8] * (n - 1)
    total = sum(widths)
    page = 150 if kind.print.orientation == "landscape" else 100
    return [w / total * page for w in widths]


def subtitle(kind: FormKind, form: Form) -> str:
    year = form.header.get("year", "")
    if not kind.subtitle or ("{year}" in kind.subtitle and not year):
        return ""
    return kind.subtitle.replace("{year}", year)


def _scores(form: Form, kind: FormKind) -> FormScore | None:
    """The computed scores a self-evaluation prints (得分, 执行率, 总分), as the PDF has them."""
    if kind.scoring is None:
        return None
    try:
        return score_form(form, kind)
    except (ValueError, ArithmeticError):
        return None


def plan_form(form: Form, kind: FormKind, name: str) -> Plan:
    n = _n_cols(kind)
    scores = _scores(form, kind)
    plan = Plan(name=name, n_cols=n, widths=_widths(kind, n), orientation=kind.print.orientation)
    r = plan.add_row()
    plan.put(r, 0, kind.title, "title", cols=n)
    sub = subtitle(kind, form)
    if sub:
        r = plan.add_row()
        plan.put(r, 0, sub, "subtitle", cols=n)
    first_ruled = len(plan.rows)
    _header(plan, form, kind, year_printed=bool(sub))
    _funds(plan, form, kind, scores)
    _tables(plan, form, kind)
    if kind.categories:
        _indicators(plan, form, kind, scores)
        _total(plan, kind, scores)
    if kind.print.review_verdict:
        r = plan.add_row()
        plan.put(r, 0, kind.print.review_label, "label")
        boxes = "    ".join(f"□{v}" for v in kind.print.review_verdict)
        plan.put(r, 1, boxes, "value", cols=n - 1)
    plan.bordered = (first_ruled, len(plan.rows))
    if kind.print.signature:
        labels = list(kind.print.signature)
        per_row = min(len(labels), n)
        for start in range(0, len(labels), per_row):
            r = plan.add_row()
            chunk = labels[start : start + per_row]
            width = n // len(chunk)
            for i, label in enumerate(chunk):
                span = width if i < len(chunk) - 1 else n - i * width
                plan.put(r, i * width, f"{label}：", "sign", cols=span)
    if kind.print.footnote:
        r = plan.add_row()
        plan.put(r, 0, kind.print.footnote, "note", cols=n)
    return plan


def _field_row(plan: Plan, pairs: list[tuple[str, str]]) -> None:
    """One ruled row of label/value pairs sharing the width."""
    n = plan.n_cols
    r = plan.add_row()
    if len(pairs) == 1 or n < 4:
        for label, value in pairs:
            plan.put(r, 0, label, "label")
            plan.put(r, 1, value, "value", cols=n - 1)
            if len(pairs) > 1:
                r = plan.add_row()
        if len(pairs) > 1:
            plan.rows.pop()
        return
    half = n // 2
    (l1, v1), (l2, v2) = pairs[0], pairs[1]
    plan.put(r, 0, l1, "label")
    plan.put(r, 1, v1, "value", cols=half - 1)
    plan.put(r, half, l2, "label")
    plan.put(r, half + 1, v2, "value", cols=n - half - 1)
    for extra in pairs[2:]:
        _field_row(plan, [extra])


def _header(plan: Plan, form: Form, kind: FormKind, year_printed: bool) -> None:
    fields = {f.key: f for f in kind.header}
    grouped = {k for g in kind.print.field_groups for k in g.fields}
    done: set[str] = {"year"} if year_printed else set()
    for row in kind.print.header_layout:
        keys = [k for k in row if k not in done]
        if keys:
            _field_row(plan, [(fields[k].label, form.header.get(k, "")) for k in keys])
            done.update(keys)
    for f in kind.header:
        if f.key in done or f.key in grouped:
            continue
        _field_row(plan, [(f.label, form.header.get(f.key, ""))])
        done.add(f.key)
    n = plan.n_cols
    for group in kind.print.field_groups:
        top = len(plan.rows)
        for key in group.fields:
            r = plan.add_row()
            plan.put(r, 1, fields[key].label, "label")
            plan.put(r, 2, form.header.get(key, ""), "value", cols=n - 2)
        plan.put(top, 0, group.label, "label", rows=len(group.fields))


def _funds(plan: Plan, form: Form, kind: FormKind, scores: FormScore | None) -> None:
    funds = kind.funds
    if funds is None:
        return
    n = plan.n_cols
    top = len(plan.rows)
    single = len(funds.columns) == 1 and not funds.columns[0].label
    if not single:
        r = plan.add_row()
        plan.put(r, 1, "", "head")
        for i, col in enumerate(funds.columns):
            last = i == len(funds.columns) - 1
            plan.put(r, 2 + i, col.label, "head", cols=(n - 2 - i) if last else 1)
    for row in funds.rows:
        r = plan.add_row()
        plan.put(r, 1, row.label, "label")
        for i, col in enumerate(funds.columns):
            last = i == len(funds.columns) - 1
            text = form.funds_cell(row.key, col.key)
            if col.type == "computed":
                text = ""
                if scores is not None and row.key == funds.total_row:
                    text = {"rate": scores.rate_text, "score": scores.execution_score_text}.get(
                        col.key, ""
                    )
            if col.only_rows and row.key not in col.only_rows:
                text = "—"
            plan.put(r, 2 + i, text, "value", cols=(n - 2 - i) if last else 1)
    plan.put(top, 0, funds.label, "label", rows=len(plan.rows) - top)


def _tables(plan: Plan, form: Form, kind: FormKind) -> None:
    n = plan.n_cols
    for table in kind.tables:
        top = len(plan.rows)
        cols = table.columns
        grouped = any(c.group for c in cols)
        r = plan.add_row()
        if grouped:
            r2 = plan.add_row()
        i = 0
        while i < len(cols):
            col = cols[i]
            last = i == len(cols) - 1
            span = (n - 1 - i) if last else 1
            if col.group:
                j = i
                while j < len(cols) and cols[j].group == col.group:
                    j += 1
                width = j - i + ((n - 1 - j) if j == len(cols) else 0)
                plan.put(r, 1 + i, col.group, "head", cols=width)
                for k in range(i, j):
                    klast = k == len(cols) - 1
                    plan.put(r2, 1 + k, cols[k].label, "head", cols=(n - 1 - k) if klast else 1)
                i = j
                continue
            plan.put(r, 1 + i, col.label, "head", rows=2 if grouped else 1, cols=span)
            i += 1
        for row in form.tables.get(table.key, []):
            r = plan.add_row()
            for i, col in enumerate(cols):
                last = i == len(cols) - 1
                plan.put(r, 1 + i, row.get(col.key, ""), "value", cols=(n - 1 - i) if last else 1)
        plan.put(top, 0, table.label, "label", rows=len(plan.rows) - top)


def _indicators(plan: Plan, form: Form, kind: FormKind, scores: FormScore | None) -> None:
    n = plan.n_cols
    lead = 1 if kind.indicator_label else 0
    cols = kind.columns
    grouped = any(c.group for c in cols)
    top = plan.add_row()
    second = plan.add_row() if grouped else top
    hrows = 2 if grouped else 1
    plan.put(top, lead, kind.level1_label, "head", rows=hrows)
    plan.put(top, lead + 1, kind.level2_label, "head", rows=hrows)
    base = lead + 2
    i = 0
    while i < len(cols):
        col = cols[i]
        span = (n - base - i) if i == len(cols) - 1 else 1
        if col.group:
            j = i
            while j < len(cols) and cols[j].group == col.group:
                j += 1
            width = j - i + ((n - base - j) if j == len(cols) else 0)
            plan.put(top, base + i, col.group, "head", cols=width)
            for k in range(i, j):
                kspan = (n - base - k) if k == len(cols) - 1 else 1
                plan.put(second, base + k, cols[k].label, "head", cols=kspan)
            i = j
            continue
        plan.put(top, base + i, col.label, "head", rows=hrows, cols=span)
        i += 1
    plan.repeat_rows = (top, second)
    rules = kind.level2_rules
    for l1 in form.indicators:
        l1_top = len(plan.rows)
        for l2 in l1.children:
            l2_top = len(plan.rows)
            name2 = l2.name
            d = rules.get((l1.name, l2.name))
            if d is not None and d.show_rule:
                name2 = f"{l2.name}（{_RULE_ZH[d.rule]}）"
            rows: list[Indicator | None] = list(l2.indicators) or [None]
            for ind in rows:
                r = plan.add_row()
                for i, col in enumerate(cols):
                    span = (n - base - i) if i == len(cols) - 1 else 1
                    text = ind.get(col.key) if ind is not None and col.type != "computed" else ""
                    if ind is not None and col.key == "score" and scores is not None:
                        text = scores.score_text(ind.uid)
                    plan.put(r, base + i, text, "value", cols=span)
            plan.put(l2_top, lead + 1, name2, "value", rows=len(plan.rows) - l2_top)
        if len(plan.rows) == l1_top:
            plan.add_row()
        plan.put(l1_top, lead, l1.name, "value", rows=len(plan.rows) - l1_top)
    if lead:
        plan.put(top, 0, kind.indicator_label, "head", rows=len(plan.rows) - top)


def _total(plan: Plan, kind: FormKind, scores: FormScore | None) -> None:
    """总分 under a self-evaluation's indicators: the weights' total and the total score."""
    if kind.family not in (Family.PROJECT_SELFEVAL, Family.DEPARTMENT_SELFEVAL):
        return
    keys = [c.key for c in kind.columns]
    if "weight" not in keys and "score" not in keys:
        return
    n = plan.n_cols
    base = n - len(keys) if len(keys) + 3 > n else (1 if kind.indicator_label else 0) + 2
    first = min(keys.index(k) for k in ("weight", "score") if k in keys)
    r = plan.add_row()
    plan.put(r, 0, "总分", "label", cols=base + first)
    for i, key in enumerate(keys[first:], first):
        text = ""
        if scores is not None and key == "weight":
            weights = [x.weight for x in scores.rows]
            if scores.execution is not None:
                weights.append(scores.execution.weight)
            text = weight_text(scores.weights_total) if weights and None not in weights else ""
        elif scores is not None and key == "score":
            text = scores.total_text
        last = i == len(keys) - 1
        plan.put(r, base + i, text, "value", cols=(n - base - i) if last else 1)


_RULE_ZH = {"must-quantify": "必填量化", "required": "必填", "optional": "选填"}
