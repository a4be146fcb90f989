"""Export to .xlsx: the official layout (one sheet per form) and the 一体化 row shape.

Every cell is written as text, exactly as typed; text that a spreadsheet would take for a
formula (starting with =, +, -, @, a tab or a carriage return) is stored as a string cell with
the quote prefix set, so it is never evaluated, not when opened and not after an edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.catalogue import phrase
from desktop.core.exporting.layout import Plan, plan_form
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Form, Project

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
ROWS_HEADINGS = ("一级指标", "二级指标", "三级指标", "指标内容", "评（扣）分标准", "指标值", "备注")
ROWS_VALUE_LIMIT = 60  # the 一体化 system takes 指标值 up to 60 characters
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

BODY_FONT = "宋体"
TITLE_FONT = "黑体"


class ExportError(Exception):
    """The export cannot be written; the message says why in one line."""


@dataclass
class ExportReport:
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def set_text(cell: Any, text: str) -> None:
    """Write `text` into an openpyxl cell as a string, never as a formula."""
    text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        raise ExportError(phrase("export-cell-too-long", most=MAX_CELL_CHARS))
    cell.value = text if text else None
    if text:
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True


def form_title(form: Form, kind: FormKind | None) -> str:
    name = form.header.get(kind.name_field, "") if kind and kind.name_field else ""
    return name or (kind.name if kind else form.kind)


def _sheet_names(forms: Sequence[Form], registry: KindRegistry) -> list[str]:
    names: list[str] = []
    for i, form in enumerate(forms, 1):
        base = _SHEET_BAD.sub("", form_title(form, registry.get(form.kind))).strip("'") or "表"
        base = f"{i} {base}"[:31]
        name, n = base, 2
        while name in names:
            suffix = f"({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _forms(project: Project, form_ids: Sequence[str] | None) -> list[Form]:
    if not form_ids:
        return list(project.forms)
    out = []
    for fid in form_ids:
        form = project.form(fid)
        if form is None:
            raise ExportError(phrase("selfeval-no-form", id=fid))
        out.append(form)
    return out


def export_xlsx(
    project: Project,
    registry: KindRegistry,
    out: Path,
    *,
    shape: str = "official",
    form_ids: Sequence[str] | None = None,
) -> ExportReport:
    """Write the forms to `out` (.xlsx); ExportError when a form cannot be written."""
    from openpyxl import Workbook

    forms = _forms(project, form_ids)
    wb = Workbook()
    wb.remove(wb.active)
    report = ExportReport()
    for form, name in zip(forms, _sheet_names(forms, registry), strict=True):
        kind = registry.get(form.kind)
        if kind is None:
            raise ExportError(phrase("export-no-kind", id=form.id, kind=form.kind))
        ws = wb.create_sheet(name)
        if shape == "rows":
            _write_rows(ws, form, kind, report)
        else:
            _write_plan(ws, plan_form(form, kind, name))
        report.sheets.append(name)
    if not forms:
        wb.create_sheet("空")
    wb.properties.title = project.title or None
    wb.properties.creator = "Jixiao"
    try:
        wb.save(out)
    except OSError as exc:
        raise ExportError(phrase("export-unwritable", name=out.name, error=exc.strerror or exc)) from None
    return report


def _write_plan(ws: Any, plan: Plan) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {
        "title": Font(name=TITLE_FONT, size=16, bold=True),
        "subtitle": Font(name=BODY_FONT, size=12),
        "head": Font(name=BODY_FONT, size=10.5, bold=True),
        "label": Font(name=BODY_FONT, size=10.5, bold=True),
        "value": Font(name=BODY_FONT, size=10.5),
        "sign": Font(name=BODY_FONT, size=10.5),
        "note": Font(name=BODY_FONT, size=9),
    }
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    for i, w in enumerate(plan.widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w, 1)
    spans = {(m[0], m[1]): m for m in plan.merges}
    lo, hi = plan.bordered
    for r, row in enumerate(plan.rows):
        lines = 1
        for c, cell in row.items():
            x = ws.cell(row=r + 1, column=c + 1)
            set_text(x, cell.text)
            x.font = fonts[cell.role]
            x.alignment = left if cell.role in ("value", "sign", "note") and len(cell.text) > 12 else centre
            m = spans.get((r, c), (r, c, r, c))
            if m[2] == r:  # row height from the text of cells within one row
                width = sum(plan.widths[m[1] : m[3] + 1])
                lines = max(lines, _lines(cell.text, width))
        height = 30 if r == 0 else 15 * lines + 4
        ws.row_dimensions[r + 1].height = min(height, 409)
        if lo <= r < hi:
            for c in range(plan.n_cols):
                ws.cell(row=r + 1, column=c + 1).border = border
    for r1, c1, r2, c2 in plan.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = plan.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if plan.repeat_rows:
        ws.print_title_rows = f"{plan.repeat_rows[0] + 1}:{plan.repeat_rows[1] + 1}"


def _lines(text: str, width: float) -> int:
    """Printed lines of `text` in a column `width` characters wide (汉字 count two)."""
    total = 0
    for line in text.split("\n") or [""]:
        w = sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)
        total += max(1, -(-w // max(int(width * 0.95), 1)))
    return total


def rows_columns(kind: FormKind) -> dict[str, str]:
    """For each 一体化 heading after 二级指标, the key of the kind's column that fills it."""
    from desktop.core.importing.grid import norm

    out: dict[str, str] = {}
    for heading in ROWS_HEADINGS[2:]:
        n = norm(heading)
        for col in kind.columns:
            names = {norm(col.label), *(norm(a) for a in kind.aliases.columns.get(col.key, ()))}
            if n in names and col.key not in out.values():
                out[heading] = col.key
                break
    return out


def _write_rows(ws: Any, form: Form, kind: FormKind, report: ExportReport) -> None:
    from openpyxl.styles import Font

    keys = rows_columns(kind)
    for c, heading in enumerate(ROWS_HEADINGS, 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, heading)
        cell.font = Font(name=BODY_FONT, bold=True)
    r = 1
    for l1, l2, ind in form.iter_indicators():
        r += 1
        values = [l1.name, l2.name] + [ind.get(keys[h]) if h in keys else "" for h in ROWS_HEADINGS[2:]]
        for c, text in enumerate(values, 1):
            set_text(ws.cell(row=r, column=c), text)
        value = ind.get(keys.get("指标值", "target"))
        if len(value) > ROWS_VALUE_LIMIT:
            report.warnings.append(
                f"{ws.title} 第{r}行：指标值超过 {ROWS_VALUE_LIMIT} 字（{len(value)} 字），一体化系统可能不接受。"
            )
    for letter, w in zip("ABCDEFG", (12, 14, 30, 30, 24, 20, 16), strict=True):
        ws.column_dimensions[letter].width = w
