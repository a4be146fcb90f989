"""The print preview: the PDF's own pages, shown inside the program, with paging and zoom.

What is shown is exactly what prints (the same PDF bytes), so the preview is also where a clerk
sees the fingerprint in the footer before signing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import tr
from desktop.ui.pdf_output import load_pdf

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class PreviewDialog(QDialog):
    def __init__(self, printing, parent: QWidget | None = None):
        super().__init__(parent)
        self.printing = printing
        self.scopes = printing.scopes()
        self.form_ids: list[str] | None = self.scopes[0][1]
        self.document: QPdfDocument | None = None
        self.setWindowTitle(tr("打印预览"))
        self.setObjectName("previewDialog")
        self.resize(980, 900)

        bar = QToolBar(self)
        style = self.style()
        self.scope = QComboBox()
        self.scope.setObjectName("previewScope")
        for label, _ in self.scopes:
            self.scope.addItem(label)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope.setMaximumWidth(360)
        self.scope.currentIndexChanged.connect(self.load)
        if len(self.scopes) > 1:
            bar.addWidget(QLabel(tr("范围：")))
            bar.addWidget(self.scope)
            bar.addSeparator()
        self.previous_action = bar.addAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), tr("上一页"), self.previous_page
        )
        self.previous_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.page_box = QSpinBox()
        self.page_box.setObjectName("previewPage")
        self.page_box.setMinimum(1)
        self.page_box.valueChanged.connect(lambda n: self.go_to(n - 1))
        bar.addWidget(self.page_box)
        self.page_count = QLabel()
        bar.addWidget(self.page_count)
        self.next_action = bar.addAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), tr("下一页"), self.next_page
        )
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        bar.addSeparator()
        zoom_out = bar.addAction(tr("缩小"), lambda: self.zoom(1 / ZOOM_STEP))
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(64)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        zoom_in = bar.addAction(tr("放大"), lambda: self.zoom(ZOOM_STEP))
        zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        bar.addAction(tr("适合宽度"), lambda: self.fit(QPdfView.ZoomMode.FitToWidth))
        bar.addAction(tr("整页"), lambda: self.fit(QPdfView.ZoomMode.FitInView))
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.print_action = bar.addAction(tr("打印…"), self.print_pages)
        self.export_action = bar.addAction(tr("导出 PDF…"), self.export)
        bar.addAction(tr("关闭"), self.reject)

        self.banner = QLabel()
        self.banner.setObjectName("previewWarnings")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3d1; padding: 4px 8px;")
        self.banner.hide()

        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8f95; }")
        self.view.pageNavigator().currentPageChanged.connect(self._on_page)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        self._show_zoom()

    # --- the document ---------------------------------------------------------------------

    def load(self, scope: int) -> bool:
        """Render the chosen scope and show it; False when nothing could be printed."""
        form_ids = self.scopes[scope][1]
        data = self.printing.pdf(form_ids)
        if data is None:
            return False
        self.form_ids = form_ids
        old, self.document = self.document, load_pdf(data, self)
        self.view.setDocument(self.document)
        if old is not None:
            old.deleteLater()
        count = self.document.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(count, 1))
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.page_count.setText(tr(" / 共 {0} 页").format(count))
        warnings = self.printing.warnings_text(form_ids)
        self.banner.setText(warnings)
        self.banner.setVisible(bool(warnings))
        self._on_page(0)
        self._show_zoom()
        return True

    def page_total(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    # --- paging and zoom ---------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_total() and page != self.current_page():
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def _on_page(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page + 1 < self.page_total())

    def effective_zoom(self) -> float:
        """The zoom on screen, also when the page is fitted to the window."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document is None:
            return self.view.zoomFactor()
        size = self.document.pagePointSize(max(self.current_page(), 0))
        dpi = self.logicalDpiX() / 72
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        factor = width / (size.width() * dpi)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitInView:
            factor = min(factor, height / (size.height() * dpi))
        return factor

    def zoom(self, step: float) -> None:
        low, high = ZOOM_RANGE
        factor = min(max(self.effective_zoom() * step, low), high)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)

    def _show_zoom(self, *args) -> None:
        self.zoom_label.setText(f"{self.effective_zoom() * 100:.0f}%")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_zoom()

    # --- print and export what is shown -----------------------------------------------------

    def print_pages(self) -> None:
        self.printing.print_document(
            self.form_ids, ask=False, current_page=self.current_page(), parent=self
        )

    def export(self) -> None:
        self.printing.export_pdf(self.form_ids, ask=False, parent=self)
