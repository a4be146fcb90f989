"""One form's printed layout, driven by its kind: title, header block, funds, tables, the
indicator table with merged categories, verdict, footnote and signature lines.

Every block is a ruled `Grid`; the blocks are stacked without gaps so they read as one table,
as on the official forms. Cells hold the text as typed; the computed cells (执行率, 得分, 总分) of
a scored kind print what `score_form` shows in the editor, and stay blank where it has nothing
(a missing actual value, an incomplete total), to be completed by hand or after correction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from desktop.core.kinds import (
    RULE_WORDS,
    Family,
    FieldGroup,
    FieldType,
    FormKind,
    HeaderField,
    IndicatorColumn,
    Level1Def,
    Table,
    TableColumn,
)
from desktop.core.model import Form, Indicator, PrintSettings
from desktop.core.printing import cells
from desktop.core.printing.cells import label, text
from desktop.core.printing.pages import Page
from desktop.core.printing.signature import SignatureBlock
from desktop.core.printing.table import Continuation, Grid, Span, with_continuation
from desktop.core.scoring import RATE, FormScore, score_form, weight_text

CONTINUED = "（续）"
CONTINUED_VERTICAL = "︵续︶"
NOT_APPLICABLE = "—"
TICK_BOX = "□"
MIN_ROW = 18.0  # room to write by hand in an empty row
BLANK_SECTION_LINES = 3  # room under an empty heading of a report, to write by hand
BLANK_DATE = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
BLANK_MULTILINE = 3 * cells.CELL.leading
NARROW_LABEL = 22.0  # a column that prints its label one character per line (绩效指标)
LEVEL_WIDTHS = (1.0, 1.2)  # relative widths of the level-1 and level-2 columns
SCORE_COLUMN = "score"  # the 得分 column, of the indicator table and of the funds block


@dataclass
class _Rows:
    """Rows and spans of a grid being built."""

    ncols: int
    rows: list[list[Flowable | None]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def add(self, row: list[Flowable | None]) -> int:
        assert len(row) == self.ncols, row
        self.rows.append(row)
        return len(self.rows) - 1

    def span(self, c0: int, r0: int, c1: int, r1: int, cont: Continuation = None) -> None:
        if (c0, r0) != (c1, r1):
            self.spans.append(Span(c0, r0, c1, r1, cont))

    def grid(self, widths: list[float], page: Page, header_rows: int = 0) -> Grid:
        return Grid(
            widths,
            self.rows,
            header_rows=header_rows,
            spans=self.spans,
            max_height=page.frame_height,
            min_row_height=MIN_ROW,
        )


def _blank() -> Flowable:
    return text("")


def _label_width(page: Page) -> float:
    return 110.0 if page.frame_width > 600 else 96.0


def _value(f: HeaderField, form: Form) -> Flowable:
    value = form.header.get(f.key, "")
    if not value.strip() and f.type is FieldType.MULTILINE:
        return Spacer(0, BLANK_MULTILINE)
    return text(value)


def _continued(
    name: str, style: ParagraphStyle | None = None, *, vertical: bool = False
) -> Callable[[], Flowable]:
    """The label a merged cell shows on the pages after its first, （续） on a line of its own;
    in a column one character wide (绩效指标 set vertically) with the vertical brackets ︵续︶.
    Made only when a page break comes inside the cell (most forms fit on a page)."""
    shown = f"{name}\n{CONTINUED_VERTICAL if vertical else CONTINUED}"
    if style is not None:
        return lambda: text(shown, style)
    return lambda: label(shown)


def _head(name: str) -> Flowable:
    """A label cell, which reads `name（续）` under a page break inside its row."""
    return with_continuation(label(name), _continued(name))


def _category(shown: str, name: str) -> Flowable:
    """A category cell of the indicator table: data, in the body font, continued like a label."""
    return with_continuation(text(shown, cells.CELL_CENTER), _continued(name, cells.CELL_CENTER))


# --- the header block --------------------------------------------------------------------------


def _explain_field(kind: FormKind) -> HeaderField | None:
    """The field that explains a low execution rate (执行率偏差原因). It prints right under the
    funds block it explains, and only when filled: the official form has no such row, and most
    projects have nothing to explain."""
    if kind.scoring is None:
        return None
    return next((f for f in kind.header if f.key == kind.scoring.explain_field), None)


def _header_rows(kind: FormKind) -> list[tuple[HeaderField, ...]]:
    """Header fields as printed rows: the kind's `header_layout`, then one field per row;
    the year prints in the subtitle, grouped fields print in their own block, the rate
    explanation under the funds."""
    fields = {f.key: f for f in kind.header}
    hints = kind.print
    skip = {k for g in hints.field_groups for k in g.fields} | set(hints.closing)
    if "{year}" in kind.subtitle:
        skip |= {f.key for f in kind.header if f.type is FieldType.YEAR}
    explain = _explain_field(kind)
    if explain is not None:
        skip.add(explain.key)
    rows = [
        tuple(fields[k] for k in row if explain is None or k != explain.key)
        for row in hints.header_layout
    ]
    placed = {f.key for row in rows for f in row}
    rows += [(f,) for f in kind.header if f.key not in placed and f.key not in skip]
    return [row for row in rows if row]


def _fields_grid(rows: list[tuple[HeaderField, ...]], form: Form, page: Page) -> Grid:
    per_row = max(len(r) for r in rows)
    lw = _label_width(page)
    vw = (page.frame_width - per_row * lw) / per_row
    b = _Rows(2 * per_row)
    for row in rows:
        cells_: list[Flowable | None] = []
        for f in row:
            cells_ += [_head(f.label), _value(f, form)]
        cells_ += [None] * (b.ncols - len(cells_))
        r = b.add(cells_)
        b.span(2 * len(row) - 1, r, b.ncols - 1, r)
    return b.grid([lw, vw] * per_row, page)


def _funds_score(column: str, row: str, total_row: str, scores: FormScore | None) -> str:
    """A computed funds cell: the execution rate and its score, on the total row."""
    if scores is None or row != total_row:
        return ""
    return {RATE: scores.rate_text, SCORE_COLUMN: scores.execution_score_text}.get(column, "")


def _funds_grid(kind: FormKind, form: Form, page: Page, scores: FormScore | None) -> Grid:
    spec = kind.funds
    assert spec is not None
    lw = _label_width(page)
    n = len(spec.columns)
    row_label_w = lw * 1.3
    vw = (page.frame_width - lw - row_label_w) / n
    b = _Rows(2 + n)
    first: int | None = None
    if any(c.label for c in spec.columns):
        first = b.add([label(spec.label), _blank(), *(label(c.label) for c in spec.columns)])
    for row in spec.rows:
        values: list[Flowable | None] = []
        for c in spec.columns:
            if c.only_rows and row.key not in c.only_rows:
                values.append(text(NOT_APPLICABLE, cells.CELL_CENTER))
            elif c.type == "computed":
                shown = _funds_score(c.key, row.key, spec.total_row, scores)
                values.append(text(shown, cells.CELL_CENTER))
            else:
                values.append(text(form.funds_cell(row.key, c.key), cells.CELL_CENTER))
        r = b.add([label(spec.label) if first is None else None, text(row.label), *values])
        first = r if first is None else first
    assert first is not None  # the funds block has at least one row
    b.span(0, first, 0, len(b.rows) - 1, _continued(spec.label))
    return b.grid([lw, row_label_w, *[vw] * n], page)


def _columns_with_groups(
    columns: Sequence[TableColumn | IndicatorColumn], first_col: int, b: _Rows, heads: list[int]
) -> None:
    """Column heads in one or two header rows, a group label spanning its columns."""
    two = len(heads) == 2
    c = first_col
    i = 0
    while i < len(columns):
        col = columns[i]
        if two and col.group:
            j = i
            while j + 1 < len(columns) and columns[j + 1].group == col.group:
                j += 1
            b.rows[heads[0]][c] = label(col.group)
            b.span(c, heads[0], c + j - i, heads[0])
            for k in range(i, j + 1):
                b.rows[heads[1]][c + k - i] = label(columns[k].label)
            c += j - i + 1
            i = j + 1
        else:
            b.rows[heads[0]][c] = label(col.label)
            if two:
                b.span(c, heads[0], c, heads[1])
            c += 1
            i += 1


def _relative(weights: list[float], total: float) -> list[float]:
    s = sum(weights)
    return [total * w / s for w in weights]


def _table_grid(table: Table, form: Form, page: Page) -> Grid:
    cols = table.columns
    widths = [NARROW_LABEL, *_relative([c.width for c in cols], page.frame_width - NARROW_LABEL)]
    heads = 2 if any(c.group for c in cols) else 1
    b = _Rows(1 + len(cols))
    head_rows = [b.add([None] * b.ncols) for _ in range(heads)]
    b.rows[0][0] = label(table.label)
    _columns_with_groups(cols, 1, b, head_rows)
    data = form.tables.get(table.key, []) or [{}, {}]
    for row in data:
        values = [
            text(row.get(c.key, ""), cells.CELL_CENTER if c.type == "money" else cells.CELL)
            for c in cols
        ]
        b.add([None, *values])
    b.span(0, 0, 0, len(b.rows) - 1, _continued(table.label, vertical=True))
    return b.grid(widths, page, header_rows=heads)


def _group_grid(group: FieldGroup, kind: FormKind, form: Form, page: Page) -> Grid:
    fields = {f.key: f for f in kind.header}
    lw = _label_width(page)
    n = len(group.fields)
    vw = (page.frame_width - lw) / n
    b = _Rows(1 + n)
    b.add([label(group.label), *(label(fields[k].label) for k in group.fields)])
    b.add([None, *(_value(fields[k], form) for k in group.fields)])
    b.span(0, 0, 0, 1, _continued(group.label))
    return b.grid([lw, *[vw] * n], page, header_rows=1)  # the heads repeat on every page


def header_block(
    kind: FormKind, form: Form, page: Page, scores: FormScore | None = None
) -> list[Grid]:
    """Plain fields, then funds and tables, then the long texts (as on the official forms)."""
    rows = _header_rows(kind)
    short = [r for r in rows if all(f.type is not FieldType.MULTILINE for f in r)]
    long = [r for r in rows if r not in short]
    order = {f.key: i for i, f in enumerate(kind.header)}
    out: list[Grid] = []
    if short:
        out.append(_fields_grid(short, form, page))
    if kind.funds is not None:
        out.append(_funds_grid(kind, form, page, scores))
    explain = _explain_field(kind)
    if explain is not None and form.header.get(explain.key, "").strip():
        out.append(_fields_grid([(explain,)], form, page))
    out += [_table_grid(t, form, page) for t in kind.tables]
    tail: list[tuple[int, Grid]] = [
        (order[r[0].key], _fields_grid([r], form, page)) for r in long
    ] + [(order[g.fields[0]], _group_grid(g, kind, form, page)) for g in kind.print.field_groups]
    out += [g for _, g in sorted(tail, key=lambda t: t[0])]
    return out


# --- the indicator table -----------------------------------------------------------------------


def _indicator_widths(kind: FormKind, page: Page) -> list[float]:
    hints = kind.print.column_widths
    narrow = [NARROW_LABEL] if kind.indicator_label else []
    rest = page.frame_width - sum(narrow)
    if hints:
        return _relative(list(hints), page.frame_width)
    return narrow + _relative([*LEVEL_WIDTHS, *(c.width for c in kind.columns)], rest)


def _level2_text(kind: FormKind, level1: str, level2: str) -> str:
    rule = kind.level2_def(level1, level2)
    if rule is not None and rule.show_rule:
        return f"{level2}\n（{RULE_WORDS[rule.rule]}）"
    return level2


def _groups(
    kind: FormKind, form: Form, blank_rows: int = 1
) -> Iterator[tuple[str, list[tuple[str, list[Indicator | None]]]]]:
    """(level-1 name, [(level-2 name, indicators)]) as printed; a blank form prints the kind's
    categories so it can be filled in by hand."""
    if form.indicators:
        repeated = {c.name for c in kind.categories} - {c.name for c in _blank_categories(kind)}
        for l1 in form.indicators:
            if l1.name in repeated and all(
                ind.is_blank() for l2 in l1.children for ind in l2.indicators
            ):
                continue  # the empty copy of a category printed under another one
            yield l1.name, [(l2.name, _rows(l2.indicators, blank_rows)) for l2 in l1.children]
    else:
        for c in _blank_categories(kind):
            yield c.name, [(d.name, _rows([], blank_rows)) for d in c.children]


def _rows(indicators: list[Indicator], blank_rows: int) -> list[Indicator | None]:
    """A category's rows as printed: its indicators, or blank rows to fill in by hand."""
    return list(indicators) if indicators else [None] * blank_rows


def _blank_categories(kind: FormKind) -> list[Level1Def]:
    """The level-1 categories a blank form prints: a category whose weight is shared with
    another that already has it as a level-2 category (成本指标, which newer rules make a
    level-1 category and the paper lists under 产出指标) is the same thing placed elsewhere,
    and printed once."""
    shared = kind.scoring.share_with if kind.scoring is not None else {}
    out = []
    for c in kind.categories:
        host = shared.get(c.name)
        hosts = [h for h in kind.categories if h.name == host]
        if hosts and any(d.name == c.name for d in hosts[0].children):
            continue
        out.append(c)
    return out


def _indicator_cells(
    kind: FormKind, ind: Indicator | None, scores: FormScore | None
) -> list[Flowable | None]:
    out: list[Flowable | None] = []
    for col in kind.columns:
        if ind is None:
            out.append(_blank())
        elif col.type == "computed":
            shown = scores.score_text(ind.uid) if scores and col.key == SCORE_COLUMN else ""
            out.append(text(shown, cells.CELL_CENTER))
        else:
            style = (
                cells.CELL if col.key == "name" or col.type == "multiline" else cells.CELL_CENTER
            )
            out.append(text(ind.get(col.key), style))
    return out


def indicator_table(
    kind: FormKind,
    form: Form,
    page: Page,
    scores: FormScore | None = None,
    settings: PrintSettings | None = None,
) -> Grid:
    widths = _indicator_widths(kind, page)
    lead = 1 if kind.indicator_label else 0
    l1c, l2c, first_value = lead, lead + 1, lead + 2
    heads = 2 if any(c.group for c in kind.columns) else 1
    b = _Rows(len(widths))
    head_rows = [b.add([None] * b.ncols) for _ in range(heads)]
    for c, name in ((l1c, kind.level1_label), (l2c, kind.level2_label)):
        b.rows[0][c] = label(name)
        b.span(c, 0, c, heads - 1)
    _columns_with_groups(kind.columns, first_value, b, head_rows)
    blank_rows = settings.blank_rows if settings is not None else 1
    for level1, children in _groups(kind, form, blank_rows):
        r1 = len(b.rows)
        for level2, indicators in children or [("", [])]:
            r2 = len(b.rows)
            for i, ind in enumerate(indicators or [None]):
                row: list[Flowable | None] = [None] * lead
                row.append(_category(level1, level1) if len(b.rows) == r1 else None)
                row.append(
                    _category(_level2_text(kind, level1, level2), level2) if i == 0 else None
                )
                b.add(row + _indicator_cells(kind, ind, scores))
            b.span(l2c, r2, l2c, len(b.rows) - 1, _continued(level2, cells.CELL_CENTER))
        b.span(l1c, r1, l1c, len(b.rows) - 1, _continued(level1, cells.CELL_CENTER))
    last = len(b.rows) - 1
    if lead:
        b.rows[0][0] = label(kind.indicator_label)
        b.span(0, 0, 0, max(last, heads - 1), _continued(kind.indicator_label, vertical=True))
    _total_row(kind, b, scores)
    _verdict_row(kind, b, first_value)
    return b.grid(widths, page, header_rows=heads)


def _weights_total(scores: FormScore) -> str:
    """The 分值 total, once every scored row (and the execution rate) has a weight: a sum
    with gaps in it would read as the form's total."""
    weights = [r.weight for r in scores.rows]
    if scores.execution is not None:
        weights.append(scores.execution.weight)
    return weight_text(scores.weights_total) if weights and None not in weights else ""


def _total_row(kind: FormKind, b: _Rows, scores: FormScore | None) -> None:
    """总分 for self-evaluation kinds: the label up to the 分值/得分 columns, then the total
    of the weights and the total score (blank until every score is there, as scoring says).
    The grade is not printed: the official forms have no cell for it."""
    if kind.family not in (Family.PROJECT_SELFEVAL, Family.DEPARTMENT_SELFEVAL):
        return
    keys = [c.key for c in kind.columns]
    scored = [i for i, k in enumerate(keys) if k in ("weight", SCORE_COLUMN)]
    if not scored:
        return
    shown = {}
    if scores is not None:
        shown = {"weight": _weights_total(scores), SCORE_COLUMN: scores.total_text}
    at = b.ncols - len(keys) + scored[0]
    totals = [text(shown.get(k, ""), cells.CELL_CENTER) for k in keys[scored[0] :]]
    r = b.add([label("总分"), *[None] * (at - 1), *totals])
    b.span(0, r, at - 1, r)


def _verdict_row(kind: FormKind, b: _Rows, first_value: int) -> None:
    options = kind.print.review_verdict
    if not options:
        return
    boxes = "\u3000\u3000\u3000".join(f"{o}{TICK_BOX}" for o in options)  # as on the paper
    r = b.add(
        [
            label(kind.print.review_label),
            *[None] * (first_value - 1),
            text(boxes),
            *[None] * (b.ncols - first_value - 1),
        ]
    )
    b.span(0, r, first_value - 1, r)
    b.span(first_value, r, b.ncols - 1, r)


# --- whole forms -------------------------------------------------------------------------------


def _title(
    kind: FormKind, form: Form, attachment: int = 0, settings: PrintSettings | None = None
) -> list[Flowable]:
    """The title and year; an attached table has its 附件N above, at the left, as GB/T 9704
    places an attachment's number. The project's print settings may put a label there (附件2：,
    as the notice that asks for the form numbers it) and a prefix before the title (银川市本级)."""
    settings = settings or PrintSettings()
    mark = f"附件{attachment}" if attachment else settings.attachment.strip()
    out: list[Flowable] = [label(mark, cells.ATTACHMENT)] if mark else []
    out.append(label(settings.title_prefix.strip() + kind.title, cells.TITLE))
    if kind.subtitle:
        year = form.header.get("year", "").strip() or "\u3000" * 4  # room to write the year
        out.append(text(kind.subtitle.replace("{year}", year), cells.SUBTITLE))
    out.append(Spacer(0, 8))
    return out


def _report(
    kind: FormKind, form: Form, attachment: int = 0, settings: PrintSettings | None = None
) -> list[Flowable]:
    """A narrative report: each long text under its heading, then the closing lines."""
    out = _title(kind, form, attachment, settings)
    skip = set(kind.print.closing) | {kind.name_field or ""}
    name = form.header.get(kind.name_field or "", "").strip()
    if name:
        out.insert(-1, text(f"（{name}）", cells.SUBTITLE))
    for f in kind.header:
        value = form.header.get(f.key, "")
        if f.key in skip or f.type is FieldType.YEAR:
            continue
        if f.type is FieldType.MULTILINE:
            out.append(label(f.label, cells.SECTION))
            paragraphs = [text(p, cells.BODY_TEXT) for p in value.splitlines() if p.strip()]
            out += paragraphs or [Spacer(0, BLANK_SECTION_LINES * cells.BODY_TEXT.leading)]
        elif value.strip():
            out.append(text(f"{f.label}：{value}", cells.BODY_TEXT))
    if kind.print.closing:
        out.append(Spacer(0, 18))
    fields = {f.key: f for f in kind.header}
    for key in kind.print.closing:
        value = form.header.get(key, "").strip()
        blank = BLANK_DATE if key == "date" else "\u3000" * 8
        out.append(text(value or f"{fields[key].label}：{blank}", cells.CLOSING))
    return out


def _align_rules(grids: list[Grid], page: Page) -> None:
    """The blocks are stacked as one table: each block's vertical rules move onto those of the
    blocks above where they are close (a label column, a value column)."""
    reach = page.frame_width * 0.06
    main = grids[-1].x[1:-1] if grids else []
    for grid in grids[:-1]:  # first the blocks take the main table's rules (its first column)
        grid.snap_rules(main, reach)
    rules: set[float] = set()
    for grid in grids:  # then each block those of the blocks above it
        if rules:
            grid.snap_rules(sorted(rules), reach)
        rules.update(grid.x[1:-1])


def signature_lines(kind: FormKind, settings: PrintSettings | None = None) -> tuple[str, ...]:
    """The signature lines a form prints: those of its kind the project chose (all by
    default), in the kind's order."""
    if settings is not None and settings.signature is not None:
        return tuple(line for line in kind.print.signature if line in settings.signature)
    return kind.print.signature


def form_story(
    kind: FormKind,
    form: Form,
    page: Page,
    attachment: int = 0,
    settings: PrintSettings | None = None,
) -> list[Flowable]:
    """The flowables of one form, in reading order; `attachment` numbers a table printed as
    附件N of the report before it (0: printed on its own)."""
    trailer: list[Flowable] = []
    if kind.print.footnote and kind.family is not Family.REPORT:
        trailer.append(text(kind.print.footnote, cells.FOOTNOTE))
    lines = signature_lines(kind, settings)
    if lines:
        values = [form.signature.get(line, "") for line in lines]
        trailer.append(SignatureBlock(lines, page.frame_width, values))
    if kind.family is Family.REPORT:
        return _report(kind, form, attachment, settings) + trailer
    scores = score_form(form, kind) if kind.scoring is not None else None
    grids = header_block(kind, form, page, scores)
    if kind.categories:
        grids.append(indicator_table(kind, form, page, scores, settings))
    _align_rules(grids, page)
    story = _title(kind, form, attachment, settings) + [g.table() for g in grids[:-1]]
    return story + (grids[-1].story(trailer) if grids else trailer)
