"""PDF pages on screen and on paper: a QPdfDocument over the core's PDF bytes, the print dialog,
and drawing pages to a printer in strips (a 1200 dpi page would otherwise need half a gigabyte).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from desktop.core.printing import PrintError
from desktop.ui.i18n import tr

STRIP_PIXELS = 512  # rows of a page rendered at a time when printing


def load_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument over PDF bytes; the buffer it reads lives as long as the document."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def choose_printer(parent, pages: int, title: str, current_page: int | None) -> QPrinter | None:
    """Qt's print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    dialog.setMinMax(1, pages)
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(option.PrintPageRange, True)
    dialog.setOption(option.PrintCurrentPage, current_page is not None)
    dialog.setOption(option.PrintSelection, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def chosen_pages(printer: QPrinter, count: int, current_page: int | None) -> list[int]:
    """The 0-based pages the print dialog asked for."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage and current_page is not None:
        return [current_page]
    if mode == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        return [p for p in range(count) if ranges.contains(p + 1)]
    return list(range(count))


def _strips(height: int) -> Iterator[tuple[int, int]]:
    for top in range(0, height, STRIP_PIXELS):
        yield top, min(STRIP_PIXELS, height - top)


def print_pages(document: QPdfDocument, printer: QPrinter, pages: Sequence[int]) -> int:
    """Draw the pages onto the printer, each scaled to its paper and turned to the page's own
    orientation; returns the number of pages sent. Raises PrintError when the printer cannot
    be started."""
    printer.setFullPage(True)  # the PDF has its own margins
    painter = QPainter()
    sent = 0
    try:
        for page in pages:
            size = document.pagePointSize(page)
            landscape = size.width() > size.height()
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
            )
            if sent == 0:
                if not painter.begin(printer):
                    raise PrintError(tr("无法开始打印：打印机不可用或输出文件无法写入。"))
            elif not printer.newPage():
                raise PrintError(tr("打印中断：打印机没有接受下一页。"))
            paper = printer.pageLayout().fullRectPixels(printer.resolution())
            scale = min(paper.width() / size.width(), paper.height() / size.height())
            width, height = round(size.width() * scale), round(size.height() * scale)
            left, top = (paper.width() - width) // 2, (paper.height() - height) // 2
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(QSize(width, height))
            for y, rows in _strips(height):
                options.setScaledClipRect(QRect(0, y, width, rows))
                painter.drawImage(left, top + y, document.render(page, QSize(width, rows), options))
            sent += 1
    finally:
        if painter.isActive():
            painter.end()
    return sent


class Busy:
    """The wait cursor while a PDF is made (a big project takes seconds)."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc) -> None:
        QGuiApplication.restoreOverrideCursor()
