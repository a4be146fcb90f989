"""Export of the official layout to .docx: the title above, the ruled table, signature below."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.core.catalogue import phrase
from desktop.core.exporting.layout import Plan, plan_form
from desktop.core.exporting.xlsx import BODY_FONT, TITLE_FONT, ExportError, ExportReport, _forms
from desktop.core.kinds import KindRegistry
from desktop.core.model import Project

_ILLEGAL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def export_docx(
    project: Project,
    registry: KindRegistry,
    out: Path,
    *,
    form_ids: Sequence[str] | None = None,
) -> ExportReport:
    """Each form on its own A4 page(s), in its official layout; ExportError when it cannot."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    report = ExportReport()
    for i, form in enumerate(_forms(project, form_ids)):
        kind = registry.get(form.kind)
        if kind is None:
            raise ExportError(phrase("export-no-kind", id=form.id, kind=form.kind))
        plan = plan_form(form, kind, form.id)
        section = document.sections[-1] if i == 0 else document.add_section()
        landscape = plan.orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(18))
        _write(document, plan, section, Pt, WD_ALIGN_PARAGRAPH, qn)
        report.sheets.append(form.id)
    if project.title:
        document.core_properties.title = project.title
    try:
        document.save(str(out))
    except OSError as exc:
        raise ExportError(phrase("export-unwritable", name=out.name, error=exc.strerror or exc)) from None
    return report


def _text(text: str) -> str:
    return text.translate(_ILLEGAL)


def _paragraph(
    document: Any, cell: Any, align: Any, pt: Any, bold: bool = False, size: float = 10.5,
    font: str = BODY_FONT, qn: Any = None,
) -> Any:
    p = document.add_paragraph()
    run = p.add_run(_text(cell.text))
    run.bold = bold
    run.font.size = pt(size)
    run.font.name = font
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    p.alignment = align
    return p


def _write(document: Any, plan: Plan, section: Any, Pt: Any, ALIGN: Any, qn: Any) -> None:
    lo, hi = plan.bordered
    for row in plan.rows[:lo]:
        for cell in row.values():
            title = cell.role == "title"
            _paragraph(document, cell, ALIGN.CENTER, Pt, bold=title, size=16 if title else 12,
                       font=TITLE_FONT if title else BODY_FONT, qn=qn)  # fmt: skip
    n = plan.n_cols
    table = document.add_table(rows=hi - lo, cols=n)
    table.style = "Table Grid"
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(plan.widths)
    for c, w in enumerate(plan.widths):
        for cell in table.columns[c].cells:
            cell.width = int(usable * w / total)
    for r in range(lo, hi):
        for c, cell in plan.rows[r].items():
            target = table.cell(r - lo, c)
            target.text = _text(cell.text)
            if cell.role in ("head", "label"):
                for run in target.paragraphs[0].runs:
                    run.bold = True
            if cell.role != "value" or len(cell.text) <= 12:
                target.paragraphs[0].alignment = ALIGN.CENTER
    for r1, c1, r2, c2 in plan.merges:
        if lo <= r1 < hi:
            a, b = table.cell(r1 - lo, c1), table.cell(r2 - lo, c2)
            keep = a.text
            merged = a.merge(b)
            if merged.text != keep:  # merging joins the texts of empty cells as blank lines
                merged.text = keep
                if keep:
                    for run in merged.paragraphs[0].runs:
                        run.bold = plan.rows[r1][c1].role in ("head", "label")
    for row in plan.rows[hi:]:
        texts = [c.text for _, c in sorted(row.items())]
        p = document.add_paragraph()
        p.add_run(_text("        ".join(texts)))
