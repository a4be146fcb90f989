"""The pages: A4 portrait or landscape per form, and a footer that ties paper to file.

Each form starts on a new page and is numbered on its own (`第 x 页 共 y 页`), so a form's
total is known only when it ends: the canvas keeps the pages of the form being printed, and
writes them with their footers when the next form begins, compressed: memory stays flat however
many forms are printed. The footer also carries the form's fingerprint, the file name and the
print time, and an attached table's number (附件2), so that a loose page says where it belongs.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFPage, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop.core.printing.fonts import BODY, SONG, draw_runs, fonts, runs_width

FOOTER_SIZE = 7
PAGE_NUMBER_SIZE = 9


@dataclass(frozen=True)
class Page:
    """A page size with its margins; the frame is what is left for the form."""

    id: str
    size: tuple[float, float]
    side: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * self.side

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom


PORTRAIT = Page("portrait", A4, 20 * mm, 15 * mm, 17 * mm)
LANDSCAPE = Page("landscape", landscape(A4), 15 * mm, 12 * mm, 15 * mm)
PAGES = {p.id: p for p in (PORTRAIT, LANDSCAPE)}


@dataclass(frozen=True)
class Footer:
    """What the footer says on every page of one form."""

    form_index: int
    fingerprint: str
    source_name: str
    printed_at: str
    attachment: str = ""  # 附件2: an attached table's number, before its page number


class FormStart(Flowable):
    """A zero-size mark at the top of a form's first page: the pages from here are its pages."""

    def __init__(self, footer: Footer):
        super().__init__()
        self.footer = footer

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.jixiao_footer = self.footer  # type: ignore[attr-defined]


def _shorten(text: str, width: float, size: float) -> str:
    """`text` cut in the middle with an ellipsis until it fits `width`."""
    runs = fonts().runs(text, BODY)
    if runs_width(runs, size) <= width:
        return text
    keep = len(text)
    while keep > 4:
        keep -= max(1, keep // 10)
        short = f"{text[: keep // 2]}…{text[len(text) - keep // 2 :]}"
        if runs_width(fonts().runs(short, BODY), size) <= width:
            return short
    return "…"


class FooterCanvas(Canvas):
    """A canvas that holds a form's pages back until the form ends, to number them `共 y 页`;
    then they are written (at the next form's first page, or at the end), so that only one
    form's pages are ever held."""

    def __init__(self, *args: Any, **kwargs: Any):
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = SONG  # never a standard font, which is not embedded
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self.jixiao_footer: Footer | None = None
        self.pages_written = 0

    def _state(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _OWN}

    def showPage(self) -> None:
        state = self._state()
        if self._held and _form_of(self._held[0]) != _form_of(state):
            self._flush()
            self.__dict__.update(state)  # back to the page being ended
        self._held.append(state)
        self._startPage()  # type: ignore[attr-defined]

    def _flush(self) -> None:
        """Write the held pages (all of one form) with their footers."""
        held, self._held = self._held, []
        for page, state in enumerate(held, 1):
            self.__dict__.update(state)
            if self.jixiao_footer is not None:
                self._draw_footer(self.jixiao_footer, page, len(held))
            Canvas.showPage(self)
            _pack(self._doc.Pages.pages[-1])  # type: ignore[attr-defined]
        self.pages_written += len(held)

    def save(self) -> None:
        self._flush()
        Canvas.save(self)

    def _draw_footer(self, footer: Footer, page: int, pages: int) -> None:
        """The page number centred; under it, in small type, what ties the page to its file."""
        width, _ = self._pagesize  # type: ignore[attr-defined]
        page_def = PORTRAIT if width < PORTRAIT.size[0] + 1 else LANDSCAPE
        room = width - 2 * page_def.side
        fs = fonts()
        self.saveState()
        number = fs.runs(f"{footer.attachment}　第 {page} 页 共 {pages} 页".lstrip("　"), BODY)
        y = page_def.bottom / 2
        draw_runs(
            self, (width - runs_width(number, PAGE_NUMBER_SIZE)) / 2, y, number, PAGE_NUMBER_SIZE
        )
        mark = f"指纹 {footer.fingerprint}"
        when = f"打印于 {footer.printed_at}"
        if footer.source_name:
            fixed = runs_width(fs.runs(f"{mark}　文件 　{when}", BODY), FOOTER_SIZE)
            name = _shorten(footer.source_name, room - fixed, FOOTER_SIZE)
            line = f"{mark}　文件 {name}　{when}"
        else:
            line = f"{mark}　{when}"
        trace = fs.runs(line, BODY)
        draw_runs(
            self,
            (width - runs_width(trace, FOOTER_SIZE)) / 2,
            y - FOOTER_SIZE - 4,
            trace,
            FOOTER_SIZE,
        )
        self.restoreState()


def _pack(page: PDFPage) -> None:
    """Compress a written page's content now rather than when the file is saved: the document
    keeps a few kilobytes per page instead of its drawing operators as text. (Deflate alone,
    without ReportLab's ASCII85 layer on top, which only makes the file a quarter bigger.)"""
    stream = page.stream
    if not page.compression or not isinstance(stream, str) or not stream:
        return
    packed = PDFStream(content=zlib.compress(stream.encode("utf-8")))
    packed.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
    packed.__Comment__ = "page stream"  # type: ignore[attr-defined]
    page.Contents = packed
    page.stream = None


_OWN = frozenset({"_held", "pages_written"})  # the canvas's own bookkeeping, not page state


def _form_of(state: dict[str, Any]) -> int:
    footer = state.get("jixiao_footer")
    return footer.form_index if footer is not None else -1


class Later(Flowable):
    """Flowables made only when the document reaches this place (the next form's), so that a
    long print never holds the layout of every form at once."""

    locChanger = 1  # never pulled into a keep-together group: it is replaced before that

    def __init__(self, make: Callable[[], list[Flowable]]):
        super().__init__()
        self.make = make

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0  # replaced before it is laid out


class _Document(BaseDocTemplate):
    def filterFlowables(self, flowables: list[Flowable]) -> None:
        while flowables and isinstance(flowables[0], Later):
            flowables[0:1] = flowables[0].make()


def document(out: Any, first: Page, *, title: str) -> BaseDocTemplate:
    """A document whose page templates are the two A4 orientations, `first` first."""
    templates = []
    for page in sorted(PAGES.values(), key=lambda p: p is not first):
        frame = Frame(
            page.side,
            page.bottom,
            page.frame_width,
            page.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=page.id,
        )
        templates.append(PageTemplate(id=page.id, frames=[frame], pagesize=page.size))
    return _Document(
        out,
        pagesize=first.size,
        pageTemplates=templates,
        title=title,
        creator="jixiao",
        leftMargin=first.side,
        rightMargin=first.side,
        topMargin=first.top,
        bottomMargin=first.bottom,
    )
