"""Project to PDF: the chosen forms, each from a new page, in one document.

A form whose kind names `attach_families` in its print hints (the self-evaluation report)
prints as one document with its attached tables: every form of those families in the same
project, in project order, each from a new page under its number 附件1 … 附件N. A table printed
as an attachment is not printed again on its own, whether the whole project or the report and
the table were chosen; chosen alone, it prints on its own without a number. Each attachment
keeps its own page numbering and fingerprint: it is a form of its own that is signed, stamped
and replaced on its own, and its pages are matched to its own content.
"""

from __future__ import annotations

import datetime
import errno
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from desktop.core.catalogue import phrase
from desktop.core.checks import form_label
from desktop.core.findings import Finding
from desktop.core.fingerprint import form_fingerprint
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Form, Project
from desktop.core.printing.errors import PrintError
from desktop.core.printing.glyphs import Unprintable, unprintable
from desktop.core.printing.layout import form_story
from desktop.core.printing.pages import (
    PAGES,
    Footer,
    FooterCanvas,
    FormStart,
    Later,
    document,
)
from desktop.core.storage import write_atomic


def _write_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return phrase("print-no-permission")
    if isinstance(exc, FileNotFoundError):
        return phrase("print-no-folder")
    if exc.errno == errno.ENOSPC:
        return phrase("print-disk-full")
    return f"{exc.strerror or exc}。"


@dataclass(frozen=True)
class _Printed:
    """A form as it prints: on its own (attachment 0) or as 附件N of the report before it."""

    form: Form
    kind: FormKind
    attachment: int = 0


def _chosen(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None
) -> list[tuple[Form, FormKind]]:
    """The forms asked for with their kinds, in the order asked (all forms by default)."""
    if form_ids:
        forms = []
        for form_id in form_ids:
            form = project.form(form_id)
            if form is None:
                known = "、".join(f.id for f in project.forms) or "无"
                raise PrintError(phrase("print-no-form", id=form_id, known=known))
            forms.append(form)
    else:
        forms = list(project.forms)
    if not forms:
        raise PrintError(phrase("print-nothing"))
    out = []
    for form in forms:
        kind = registry.get(form.kind)
        if kind is None:
            raise PrintError(phrase("print-no-kind", label=form_label(form, None), kind=form.kind))
        out.append((form, kind))
    return out


def _attachments(
    project: Project, registry: KindRegistry, report: Form, kind: FormKind
) -> list[tuple[Form, FormKind]]:
    """The forms `report` prints with, in project order."""
    families = set(kind.print.attach_families)
    out = []
    for form in project.forms:
        attached = registry.get(form.kind)
        if form is not report and attached is not None and attached.family in families:
            out.append((form, attached))
    return out


def _plan(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None
) -> list[_Printed]:
    chosen = _chosen(project, registry, form_ids)
    attached = {
        id(form): attachments
        for form, kind in chosen
        if (attachments := _attachments(project, registry, form, kind))
    }
    with_a_report = {id(f) for attachments in attached.values() for f, _ in attachments}
    out: list[_Printed] = []
    for form, kind in chosen:
        if id(form) in with_a_report and id(form) not in attached:
            continue  # it prints as an attachment of a report
        out.append(_Printed(form, kind))
        for n, (table, table_kind) in enumerate(attached.get(id(form), []), 1):
            out.append(_Printed(table, table_kind, n))
    return out


def printable_forms(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None = None
) -> list[tuple[Form, FormKind]]:
    """The forms that print, with their kinds, in print order: those asked for (all by
    default), each report followed by its attachments. Raises PrintError (a message for the
    user) for an unknown form or kind, or when there is nothing to print."""
    return [(p.form, p.kind) for p in _plan(project, registry, form_ids)]


def unprintable_cells(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None = None
) -> list[Unprintable]:
    """The cells whose characters no bundled font has, in the forms to print."""
    return [
        x
        for form, kind in printable_forms(project, registry, form_ids)
        for x in unprintable(form, kind)
    ]


def print_warnings(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None = None
) -> list[Finding]:
    """What to tell the user before printing, as findings: characters that would print as
    boxes (code `glyph-missing`, severity warning)."""
    return [x.finding() for x in unprintable_cells(project, registry, form_ids)]


def _write(
    project: Project,
    registry: KindRegistry,
    out: BinaryIO,
    form_ids: Sequence[str] | None,
    source_name: str,
    printed_at: datetime.datetime | None,
) -> int:
    plan = _plan(project, registry, form_ids)
    when = (printed_at or datetime.datetime.now()).strftime("%Y-%m-%d %H:%M")

    def form(index: int) -> list[Flowable]:
        """The flowables of the plan's form `index`, then a placeholder for the next form:
        each form is laid out when the document reaches it, and freed once drawn."""
        p = plan[index]
        page = PAGES[p.kind.print.orientation]
        flow: list[Flowable] = [NextPageTemplate(page.id), PageBreak()] if index else []
        mark = f"附件{p.attachment}" if p.attachment else ""
        flow.append(FormStart(Footer(index, form_fingerprint(p.form), source_name, when, mark)))
        flow += form_story(p.kind, p.form, page, p.attachment, project.print_settings)
        if index + 1 < len(plan):
            flow.append(Later(lambda: form(index + 1)))
        return flow

    story = form(0)
    first_page = PAGES[plan[0].kind.print.orientation]
    doc = document(out, first_page, title=project.title or form_label(plan[0].form, plan[0].kind))
    doc.build(story, canvasmaker=FooterCanvas)
    pages: int = doc.canv.pages_written  # type: ignore[attr-defined]  # FooterCanvas counts
    return pages


def render_pdf(
    project: Project,
    registry: KindRegistry,
    out: str | Path | BinaryIO,
    form_ids: Sequence[str] | None = None,
    *,
    source_name: str = "",
    printed_at: datetime.datetime | None = None,
) -> int:
    """Print the forms (all, or those named) into one PDF and return its page count.

    `out` is a path (written atomically: a failed print leaves no half-written file) or a
    binary stream. `source_name` (the project file's name) and `printed_at` go in the footer.
    Raises PrintError (with a message for the user) when a form or its kind is unknown or the
    path cannot be written.
    """
    if isinstance(out, str | Path):
        buffer = io.BytesIO()
        pages = _write(project, registry, buffer, form_ids, source_name, printed_at)
        try:
            write_atomic(Path(out), buffer.getvalue(), backup=False)
        except OSError as exc:
            raise PrintError(phrase("export-unwritable", name=Path(out).name, error=_write_reason(exc))) from exc
        return pages
    return _write(project, registry, out, form_ids, source_name, printed_at)


def render_pdf_bytes(
    project: Project,
    registry: KindRegistry,
    form_ids: Sequence[str] | None = None,
    *,
    source_name: str = "",
    printed_at: datetime.datetime | None = None,
) -> bytes:
    """The PDF in memory, for a preview."""
    buffer = io.BytesIO()
    _write(project, registry, buffer, form_ids, source_name, printed_at)
    return buffer.getvalue()
