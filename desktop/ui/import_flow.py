"""导入… and 导出为 Excel…: the window's import and export, kept out of the window itself.

An import reads the files (or the clipboard's HTML), shows the preview, and adds the chosen
forms as ONE undo step through the document's change funnel (a Batch of AddForm edits), so the
findings of the new forms appear at once and one 撤销 takes the whole import back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.core import operations as ops
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form
from desktop.ui.document import Document
from desktop.ui.i18n import tr

if TYPE_CHECKING:
    from desktop.core.importing import ImportResult

# The readers (spreadsheets, documents, web pages) and the preview are imported when first
# used: the editor's first frame does not wait for them.


def is_importable(path: Path) -> bool:
    """A file the import reads (a workbook, document or web page), by its name."""
    from desktop.core.importing import SUPPORTED

    return path.suffix.lower() in SUPPORTED


class ImportFlow(QObject):
    showForm = Signal(str)

    @classmethod
    def install(cls, window: QMainWindow) -> ImportFlow:
        """Give a main window 导入… / 从剪贴板导入表格 / 导出为 Excel… in its 文件 menu (before the
        last-year entries) and let a workbook dropped on it be imported; the window's own code
        stays as it is."""
        flow = cls(window, window.registry, lambda: window.doc, window.current_form_id,
                   window.show_form)  # fmt: skip
        specs = [
            ("import", tr("导入(&I)…"), flow.import_dialog, True,
             tr("从 Excel/WPS/Word 表格或网页导入绩效表，先预览再添加。")),
            ("import_clipboard", tr("从剪贴板导入表格"), flow.import_clipboard, True, ""),
            ("export_xlsx", tr("导出为 Excel(&L)…"), flow.export_dialog, False, ""),
        ]  # fmt: skip
        file_menu = window.menuBar().actions()[0].menu()
        before = window.actions["link_last_year"] if "link_last_year" in window.actions.actions else None
        added: list[QAction] = []
        for action_id, text, handler, writes, tip in specs:
            action = QAction(text, window)
            action.setObjectName(action_id)
            action.setStatusTip(tip)
            action.triggered.connect(lambda checked=False, h=handler: h())
            window.actions.put(action_id, action)
            if writes:
                flow._writing.append(action)
            added.append(action)
        file_menu.insertActions(before, added) if before else file_menu.addActions(added)
        file_menu.insertSeparator(before) if before else None
        window.installEventFilter(flow)
        window.importer = flow
        return flow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A workbook, document or web page dropped on the window is imported, not opened."""
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            data = event.mimeData()  # type: ignore[attr-defined]
            urls = data.urls() if data.hasUrls() else []
            paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
            if paths and all(is_importable(p) for p in paths):
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if event.type() == QEvent.Type.Drop:
                    QTimer.singleShot(0, lambda: self.import_paths(paths))
                return True
        return super().eventFilter(watched, event)

    def __init__(
        self,
        parent: QWidget,
        registry: KindRegistry,
        document: Callable[[], Document | None],
        current_form: Callable[[], str | None],
        show_form: Callable[[str], object] | None = None,
    ):
        super().__init__(parent)
        self._writing: list[QAction] = []
        if show_form is not None:
            self.showForm.connect(show_form)
        self.widget = parent
        self.registry = registry
        self._document = document
        self._current = current_form

    # --- import -----------------------------------------------------------------------------

    def import_dialog(self) -> None:
        from desktop.core.importing import SUPPORTED

        patterns = " ".join(f"*{s}" for s in SUPPORTED)
        paths, _ = QFileDialog.getOpenFileNames(
            self.widget, tr("导入表格"), "", tr("Excel/WPS/Word 表格 ({0})").format(patterns)
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: Sequence[Path]) -> bool:
        """Preview the forms in the files and add the chosen ones; False when nothing was added."""
        from desktop.core.importing import ImportFileError, import_files

        def read(kind_id: str | None) -> ImportResult:
            return import_files(list(paths), self.registry, kind_id)

        try:
            result = read(None)
        except ImportFileError as exc:
            QMessageBox.warning(self.widget, tr("导入失败"), exc.line())
            return False
        source = "、".join(p.name for p in paths)
        return self._preview(result, source, read)

    def import_clipboard(self) -> bool:
        """Tables copied from a web page, WPS or Word (the clipboard's text/html)."""
        from desktop.core.importing import import_html
        data = QApplication.clipboard().mimeData()
        html = data.html() if data is not None and data.hasHtml() else ""
        if not html:
            QMessageBox.information(self.widget, tr("导入失败"), tr("剪贴板中没有表格。"))
            return False

        def read(kind_id: str | None) -> ImportResult:
            return import_html(html, self.registry, kind_id)

        return self._preview(read(None), tr("剪贴板"), read)

    def _preview(self, result: ImportResult, source: str, read) -> bool:
        from desktop.ui.import_preview import ImportPreview

        doc = self._document()
        if doc is None or doc.read_only:
            return False
        dialog = ImportPreview(result, self.registry, source, read, self.widget)
        if dialog.exec() != ImportPreview.DialogCode.Accepted:
            return False
        forms = dialog.chosen_forms()
        return bool(forms) and self.add_forms(doc, forms)

    def add_forms(self, doc: Document, forms: Sequence[Form]) -> bool:
        """The forms, renumbered to fit the project, after the current one: one undo step."""
        used = {f.id for f in doc.project.forms}
        current = self._current()
        index = next(
            (i + 1 for i, f in enumerate(doc.project.forms) if f.id == current),
            len(doc.project.forms),
        )
        edits: list[ops.Edit] = []
        n = len(doc.project.forms) + 1
        for offset, form in enumerate(forms):
            while f"f{n}" in used:
                n += 1
            copy = form.model_copy(deep=True, update={"id": f"f{n}"})
            used.add(copy.id)
            edits.append(ops.AddForm(copy, index + offset))
        text = tr("导入 {0} 张表").format(len(edits))
        if not doc.apply(ops.Batch(edits), text):
            return False
        self.showForm.emit(edits[0].form_id)
        return True

    # --- export -----------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from desktop.core.exporting.xlsx import ExportError, export_xlsx

        doc = self._document()
        if doc is None:
            return
        base = doc.path.with_suffix(".xlsx") if doc.path else Path("绩效表.xlsx")
        official, rows, word = (
            tr("Excel 工作簿 (*.xlsx)"),
            tr("一体化行格式 (*.xlsx)"),
            tr("Word 文档 (*.docx)"),
        )
        path, chosen = QFileDialog.getSaveFileName(
            self.widget, tr("导出"), str(base), ";;".join([official, rows, word])
        )
        if not path:
            return
        out = Path(path)
        try:
            if chosen == word or out.suffix.lower() == ".docx":
                from desktop.core.exporting.docx import export_docx

                export_docx(doc.project, self.registry, out.with_suffix(".docx"))
            else:
                shape = "rows" if chosen == rows else "official"
                export_xlsx(doc.project, self.registry, out.with_suffix(".xlsx"), shape=shape)
        except ExportError as exc:
            QMessageBox.warning(self.widget, tr("导出失败"), str(exc))
