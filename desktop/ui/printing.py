"""Print preview, printing and PDF export in the editor, all from the core's PDF.

The paper is the core's PDF and nothing else: the preview shows its pages, export writes it, and
printing draws its pages as images at the printer's resolution (in strips, so a 1200 dpi page
does not need half a gigabyte). Characters no bundled font has are shown before anything is
printed, and a form that cannot be printed gives the core's message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.findings import Severity
from desktop.core.printing import PrintError, print_warnings, render_pdf, render_pdf_bytes
from desktop.ui import folders, prompts
from desktop.ui.document import Document, Location
from desktop.ui.i18n import tr
from desktop.ui.pdf_output import Busy, choose_printer, chosen_pages, load_pdf, print_pages
from desktop.ui.preview import PreviewDialog

_UNSAFE = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


class Printing:
    """The File menu's 打印预览, 打印 and 导出 PDF: of the current form or the whole project."""

    def __init__(
        self,
        parent: QWidget,
        document: Callable[[], Document | None],
        current_form: Callable[[], str | None],
        status: Callable[[str, int], None],
        reveal: Callable[[Location], None] = lambda where: None,
    ):
        self.parent = parent
        self._document = document
        self.current_form = current_form
        self.status = status
        self.reveal = reveal
        self.preview_dialog: PreviewDialog | None = None

    @property
    def doc(self) -> Document:
        doc = self._document()
        assert doc is not None
        return doc

    # --- what to print ----------------------------------------------------------------------

    def _source_name(self) -> str:
        doc = self.doc
        return doc.path.name if doc.path else tr("未保存的项目")

    def scopes(self) -> list[tuple[str, list[str] | None]]:
        """The choices of what to print: the current form, the whole project."""
        doc = self.doc
        out: list[tuple[str, list[str] | None]] = []
        form_id = self.current_form()
        if form_id is not None:
            out.append((tr("当前表单：{0}").format(doc.label(doc.form(form_id))), [form_id]))
        if len(doc.project.forms) > 1 or form_id is None:
            out.append((tr("整个项目（{0} 张表）").format(len(doc.project.forms)), None))
        return out

    def _ask_scope(self, title: str) -> tuple[bool, list[str] | None]:
        """(go on, form ids to print — None for all)."""
        scopes = self.scopes()
        if len(scopes) == 1:
            return True, scopes[0][1]
        answer = prompts.ask_print_scope(self.parent, title, scopes[0][0], scopes[1][0])
        if answer == "cancel":
            return False, None
        return True, scopes[0][1] if answer == "form" else None

    def confirm(self, form_ids: list[str] | None) -> bool:
        """List the errors of the forms and the characters that would print as boxes; True
        to go on. A form that cannot be printed at all is reported here too."""
        doc = self.doc
        errors = [
            f
            for f in doc.findings()
            if f.severity is Severity.ERROR and (form_ids is None or f.form_id in form_ids)
        ]
        if errors:
            answer = prompts.ask_print_with_errors(self.parent, errors, self._form_names(errors))
            if answer == "goto":
                if self.preview_dialog is not None:
                    self.preview_dialog.close()
                first = errors[0]
                self.reveal(Location(first.form_id, first.section, first.key, first.uid))
            if answer != "print":
                return False
        try:
            warnings = print_warnings(doc.project, doc.registry, form_ids)
        except PrintError as exc:
            prompts.show_error(self.parent, tr("无法打印"), str(exc))
            return False
        return not warnings or prompts.confirm_print_warnings(
            self.parent, warnings, self._form_names(warnings)
        )

    def _form_names(self, warnings) -> dict[str, str] | None:
        doc = self.doc
        ids = {w.form_id for w in warnings}
        if len(ids) < 2:
            return None
        return {i: doc.label(doc.form(i)) for i in ids if doc.project.form(i) is not None}

    def pdf(self, form_ids: list[str] | None) -> bytes | None:
        """The PDF of the forms, or None (after saying why) when it cannot be made."""
        doc = self.doc
        try:
            with Busy():
                return render_pdf_bytes(
                    doc.project, doc.registry, form_ids, source_name=self._source_name()
                )
        except PrintError as exc:
            prompts.show_error(self.parent, tr("无法打印"), str(exc))
            return None

    def warnings_text(self, form_ids: list[str] | None) -> str:
        """For the preview's banner: the characters that will print as boxes, or ""."""
        doc = self.doc
        try:
            warnings = print_warnings(doc.project, doc.registry, form_ids)
        except PrintError:
            return ""
        return prompts.warnings_summary(warnings, self._form_names(warnings))

    # --- the three actions ------------------------------------------------------------------

    def preview(self) -> None:
        if self._document() is None:
            return
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        self.preview_dialog = PreviewDialog(self, self.parent)
        self.preview_dialog.finished.connect(self._preview_closed)
        if self.preview_dialog.load(0):
            self.preview_dialog.open()
        else:
            self.preview_dialog.deleteLater()
            self.preview_dialog = None

    def _preview_closed(self) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.deleteLater()
            self.preview_dialog = None

    def print_document(
        self,
        form_ids: list[str] | None = None,
        ask: bool = True,
        current_page: int | None = None,
        parent=None,
    ) -> int:
        """Print through Qt's print dialog; returns the number of pages sent."""
        if self._document() is None:
            return 0
        if ask:
            go, form_ids = self._ask_scope(tr("打印"))
            if not go:
                return 0
        if not self.confirm(form_ids):
            return 0
        data = self.pdf(form_ids)
        if data is None:
            return 0
        document = load_pdf(data)
        count = document.pageCount()
        printer = choose_printer(
            parent or self.parent, count, self.doc.name() or tr("绩效"), current_page
        )
        if printer is None:
            return 0
        try:
            with Busy():
                sent = print_pages(document, printer, chosen_pages(printer, count, current_page))
        except PrintError as exc:
            prompts.show_error(self.parent, tr("打印失败"), str(exc))
            return 0
        where = printer.printerName() or printer.outputFileName() or tr("打印机")
        self.status(tr("已发送 {0} 页到 {1}。").format(sent, where), 8000)
        return sent

    def default_pdf_path(self, form_ids: list[str] | None) -> Path:
        """Beside the project file, with its name; a single form adds the form's name."""
        doc = self.doc
        if doc.path is not None:
            folder, stem = doc.path.parent, doc.path.stem
        else:
            folder = folders.start_folder()
            stem = (doc.name() or tr("未命名")).translate(_UNSAFE).strip() or tr("未命名")
        if form_ids and len(doc.project.forms) > 1:
            label = doc.label(doc.form(form_ids[0])).translate(_UNSAFE).strip()
            stem = f"{stem}-{label[:40]}"
        return folder / f"{stem}.pdf"

    def export_pdf(
        self, form_ids: list[str] | None = None, ask: bool = True, parent=None
    ) -> Path | None:
        """Write the PDF where the user says; returns its path, or None."""
        if self._document() is None:
            return None
        if ask:
            go, form_ids = self._ask_scope(tr("导出 PDF"))
            if not go:
                return None
        if not self.confirm(form_ids):
            return None
        name, _ = QFileDialog.getSaveFileName(
            parent or self.parent,
            tr("导出 PDF"),
            str(self.default_pdf_path(form_ids)),
            tr("PDF 文件 (*.pdf)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        doc = self.doc
        try:
            with Busy():
                pages = render_pdf(
                    doc.project, doc.registry, path, form_ids, source_name=self._source_name()
                )
        except PrintError as exc:
            prompts.show_error(self.parent, tr("导出失败"), str(exc))
            return None
        self.status(tr("已导出 {0} 页到 {1}").format(pages, path), 8000)
        return path
