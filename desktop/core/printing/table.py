"""A ruled table that breaks across pages between rows and rebuilds its merged cells per page.

ReportLab's own Table cannot split inside a SPAN, and gives up with a LayoutError on a group or
a cell taller than a page. Here a table is a `Grid` (all rows, the merged cells as `Span`s) and
what goes on a page is a `GridTable` piece of it: the header rows, then a run of body rows. A
span cut by a page break is drawn again on the next page over the rows it still covers, with its
continuation label (e.g. `产出指标（续）`). A row taller than a page is split inside its cells at
line boundaries, as often as it takes: text is never shrunk. Only what cannot split at all (a
merged label taller than the rows it spans and the page, an image) is drawn shrunk. Nothing
raises.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from desktop.core.printing.cells import TextCell

PAD_X = 3.0
PAD_Y = 2.5
LINE_WIDTH = 0.6
_FUZZ = 1e-6
KEEP_WITH_TRAILER = 3  # rows of the table printed with the signature lines after it
OPENING_ROOM = 0.2  # a table starts on a page with at least this share of the page free
_BIG = 1e9

Cells = Sequence[Flowable | None]
# What a cell shows on a later page: a flowable, or a function that makes it, called only if
# the page break comes (most forms fit on a page, and never show their （续） labels).
Continuation = Flowable | Callable[[], Flowable] | None


def _made(cont: Continuation) -> Flowable | None:
    return cont if cont is None or isinstance(cont, Flowable) else cont()


@dataclass(frozen=True)
class Span:
    """A merged cell from (col0, row0) to (col1, row1), inclusive; its content is the cell at
    (row0, col0). `cont` is what it shows on a later page (a continuation label, or nothing)."""

    col0: int
    row0: int
    col1: int
    row1: int
    cont: Continuation = None


def with_continuation(cell: Flowable, cont: Continuation) -> Flowable:
    """Mark `cell` to show `cont` below a page break when its row is split (a label that
    fits on the first page, beside a long text that does not)."""
    cell.grid_continued = cont  # type: ignore[attr-defined]
    return cell


def _measure(cell: Flowable, width: float) -> float:
    """The cell's height at `width`, wrapped once: a cell keeps the one width it is drawn at."""
    known = getattr(cell, "_grid_size", None)
    if known is not None and known[0] == width:
        return float(known[1])
    height = float(cell.wrap(width, _BIG)[1])
    cell._grid_size = (width, height)  # type: ignore[attr-defined]
    return height


class Grid:
    """A whole table: column widths, rows of cells (None where a span covers), header rows
    repeated on every page, spans, and the page height available to it (a frame's height)."""

    def __init__(
        self,
        widths: Sequence[float],
        rows: Sequence[Cells],
        *,
        header_rows: int = 0,
        spans: Sequence[Span] = (),
        max_height: float,
        min_row_height: float = 0.0,
    ):
        self.widths = list(widths)
        self.rows = [list(r) for r in rows]
        self.header_rows = header_rows
        self.max_height = max_height
        self.min_row_height = min_row_height
        self.x = [0.0, *accumulate(self.widths)]
        self.width = self.x[-1]
        n = len(self.widths)
        self.origin: dict[tuple[int, int], Span] = {}
        covered: set[tuple[int, int]] = set()
        for s in spans:
            if not (0 <= s.col0 <= s.col1 < n and 0 <= s.row0 <= s.row1 < len(self.rows)):
                raise ValueError(f"span {s} is outside the table")
            self.origin[(s.row0, s.col0)] = s
            covered.update(
                (r, c) for r in range(s.row0, s.row1 + 1) for c in range(s.col0, s.col1 + 1)
            )
        for r, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"row {r} has {len(row)} cells for {n} columns")
            for c, cell in enumerate(row):
                if cell is None and (r, c) not in covered:
                    raise ValueError(f"cell ({r}, {c}) is empty and not inside a span")
        self.vspans = sorted((s for s in spans if s.row1 > s.row0), key=lambda s: s.row0)
        self.group_first = {s.row0 for s in self.vspans}
        self._natural: list[float] | None = None
        self._continuations: dict[int, Flowable | None] = {}
        self.trailer: list[Flowable] = []
        self.trailer_height = 0.0

    def snap_rules(self, rules: Sequence[float], reach: float, keep: float = 0.7) -> None:
        """Move this table's inner vertical rules onto `rules` (those of the blocks above it)
        where one is within `reach`, so that consecutive blocks read as one table; no column
        loses more than 30 % of its width. Call before anything is measured."""
        x = list(self.x)
        for i in range(1, len(x) - 1):
            near = min(rules, key=lambda r: abs(r - x[i]), default=None)
            if near is None or abs(near - x[i]) > reach:
                continue
            lo = x[i - 1] + keep * (x[i] - x[i - 1])
            hi = x[i + 1] - keep * (x[i + 1] - x[i])
            if lo <= near <= hi:
                x[i] = near
        self.widths = [b - a for a, b in pairwise(x)]
        self.x = x
        self._natural = None

    def continuation(self, span: Span) -> Flowable | None:
        """What `span` shows on the pages after its first, made the first time it is needed
        (and then the same flowable on every page)."""
        key = id(span)
        if key not in self._continuations:
            self._continuations[key] = _made(span.cont)
        return self._continuations[key]

    def cell_width(self, r: int, c: int) -> float:
        span = self.origin.get((r, c))
        right = span.col1 + 1 if span is not None else c + 1
        return self.x[right] - self.x[c] - 2 * PAD_X

    def own_cells(self, r: int, cells: Cells) -> Iterator[tuple[int, Flowable]]:
        """(column, cell) for the cells that size their row: not covered, not a tall span."""
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            span = self.origin.get((r, c))
            if span is None or span.row1 == span.row0:
                yield c, cell

    def row_height(self, r: int, cells: Cells) -> float:
        h = self.min_row_height
        for c, cell in self.own_cells(r, cells):
            h = max(h, _measure(cell, self.cell_width(r, c)) + 2 * PAD_Y)
        return h

    @property
    def natural(self) -> list[float]:
        if self._natural is None:
            self._natural = [self.row_height(r, row) for r, row in enumerate(self.rows)]
        return self._natural

    @property
    def header_height(self) -> float:
        return sum(self.natural[: self.header_rows])

    def table(self) -> GridTable:
        """The whole table as one flowable; the frame splits it into pages."""
        return GridTable(self, self.header_rows, len(self.rows))

    def story(self, trailer: Sequence[Flowable] = ()) -> list[Flowable]:
        """The table followed by `trailer` (a footnote, signature lines), which is kept on the
        page of the table's last row when the two fit on one page, as on a signed form."""
        height = 0.0
        for f in trailer:
            height += f.getSpaceBefore() + f.wrap(self.width, _BIG)[1]
        last = sum(self.natural[max(self.header_rows, len(self.rows) - KEEP_WITH_TRAILER) :])
        if trailer and self.header_height + last + height <= self.max_height:
            self.trailer, self.trailer_height = list(trailer), height
            return [self.table()]
        return [self.table(), *trailer]


@dataclass
class _Box:
    x: float
    top: float  # distance from the piece's top edge
    w: float
    h: float
    cell: Flowable | None
    inner_w: float


class GridTable(Flowable):
    """The header rows and body rows [start, stop) of a grid: one page's piece of it.

    `first_cells` replaces the cells of row `start` when that row was split on the page before;
    `first_is_rest` then says the row is a continuation, so spans starting there are too."""

    def __init__(
        self,
        grid: Grid,
        start: int,
        stop: int,
        *,
        first_cells: Cells | None = None,
        first_is_rest: bool = False,
        last_cells: Cells | None = None,
        shrink: bool = False,
    ):
        super().__init__()
        self.shrink = shrink
        self.hold = False
        self.grid = grid
        self.start = start
        self.stop = stop
        self.first_cells = first_cells
        self.first_is_rest = first_is_rest
        self.last_cells = last_cells
        self._laid: tuple[list[float], list[_Box]] | None = None

    # --- rows of this piece --------------------------------------------------------------------

    def _cells(self, r: int) -> Cells:
        if r == self.start and self.first_cells is not None:
            return self.first_cells
        if r == self.stop - 1 and self.last_cells is not None:
            return self.last_cells
        return self.grid.rows[r]

    def _natural_height(self, r: int) -> float:
        cells = self._cells(r)
        g = self.grid
        return g.natural[r] if cells is g.rows[r] else g.row_height(r, cells)

    def _row_height(self, r: int) -> float:
        """The height drawn: a row taller than a page is split before it gets here; only one
        that cannot split at all is shrunk to the page."""
        g = self.grid
        if self.shrink:
            return min(self._natural_height(r), g.max_height - g.header_height)
        return self._natural_height(r)

    def _continued(self, span: Span) -> bool:
        h = self.grid.header_rows
        if span.row1 < h:
            return False
        first_body = max(span.row0, h)
        return self.start > first_body or (self.start == first_body and self.first_is_rest)

    def _span_rows(self, span: Span) -> tuple[int, int] | None:
        """The first and last position of the span's rows in this piece, if it has any."""
        h = self.grid.header_rows
        first = last = None
        if span.row0 < h:
            first, last = span.row0, min(span.row1, h - 1)
        lo, hi = max(span.row0, self.start), min(span.row1, self.stop - 1)
        if lo <= hi:
            if first is None:
                first = h + lo - self.start
            last = h + hi - self.start
        return None if first is None or last is None else (first, last)

    # --- layout ---------------------------------------------------------------------------------

    def _layout(self) -> tuple[list[float], list[_Box]]:
        if self._laid is not None:
            return self._laid
        g = self.grid
        rows = [*range(g.header_rows), *range(self.start, self.stop)]
        heights = [self._row_height(r) for r in rows]
        placed: list[tuple[int, int, Span, Flowable | None]] = []
        for span in g.vspans:
            if span.row0 >= self.stop:
                break
            where = self._span_rows(span)
            if where is None:
                continue
            p0, p1 = where
            cell = g.continuation(span) if self._continued(span) else g.rows[span.row0][span.col0]
            placed.append((p0, p1, span, cell))
            if cell is not None:
                inner = g.x[span.col1 + 1] - g.x[span.col0] - 2 * PAD_X
                need = _measure(cell, inner) + 2 * PAD_Y
                have = sum(heights[p0 : p1 + 1])
                room = g.max_height - sum(heights)
                if need > have and room > 0:
                    heights[p1] += min(need - have, room)
        tops = [0.0, *accumulate(heights)]
        boxes: list[_Box] = []
        for p, r in enumerate(rows):
            for c, cell in g.own_cells(r, self._cells(r)):
                origin = g.origin.get((r, c))
                right = origin.col1 + 1 if origin is not None else c + 1
                w = g.x[right] - g.x[c]
                boxes.append(_Box(g.x[c], tops[p], w, heights[p], cell, w - 2 * PAD_X))
        for p0, p1, span, cell in placed:
            w = g.x[span.col1 + 1] - g.x[span.col0]
            boxes.append(
                _Box(g.x[span.col0], tops[p0], w, tops[p1 + 1] - tops[p0], cell, w - 2 * PAD_X)
            )
        self._laid = (heights, boxes)
        return self._laid

    def _trailer_height(self) -> float:
        return self.grid.trailer_height if self.stop == len(self.grid.rows) else 0.0

    def _total(self) -> float:
        return sum(self._layout()[0]) + self._trailer_height()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.grid.width
        self.height = self._total()
        return self.width, self.height

    # --- page breaks ----------------------------------------------------------------------------

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        g = self.grid
        if self._total() <= availHeight + _FUZZ:
            return [self]
        used, k = g.header_height, self.start
        while k < self.stop:
            trailer = g.trailer_height if k + 1 == len(g.rows) else 0.0
            if used + self._natural_height(k) + trailer > availHeight + _FUZZ:
                break
            used += self._natural_height(k)
            k += 1
        fresh = availHeight >= g.max_height - 1
        if self.hold and not fresh:
            return []  # cut short to go with the rows after it: it starts a page
        if g.trailer and self.stop == len(g.rows) and k < self.stop:
            # The signature lines keep the table's last rows with them.
            keep = max(self.start + 1, self.stop - KEEP_WITH_TRAILER)
            if keep < k:
                first = self._piece(keep)
                if first._total() <= availHeight + _FUZZ:
                    rest = GridTable(g, keep, self.stop)
                    rest.hold = True
                    return [first, rest]
        if k < self.stop:
            # Begin row k here when it is taller than any page, or when it would otherwise
            # leave the page without any of the table while a fifth of the page is free.
            tall = self._natural_height(k) > g.max_height - g.header_height
            opening = (
                k == self.start == g.header_rows
                and not self.first_is_rest
                and availHeight - used >= g.max_height * OPENING_ROOM
            )
            if tall or opening or (fresh and k == self.start):
                parts = self._split_at(k, availHeight - used - 2 * PAD_Y)
                if parts is not None:
                    return parts
        while k > self.start:
            if k < self.stop and (k == len(g.rows) - 1 or (k - 1) in g.group_first):
                # The last row (a total or verdict row) does not start a page alone, and a
                # group's first row does not end one alone: each goes with its neighbour.
                if k - 1 > self.start:
                    k -= 1
                    continue
                if not fresh:
                    return []
            first = self._piece(k)
            if first._total() <= availHeight + _FUZZ:
                return [first, GridTable(g, k, self.stop)]
            k -= 1
        if not fresh:
            return []
        # Nothing splits even on an empty page (not text): print the row shrunk to the page.
        r = self.start
        shrunk = GridTable(
            g,
            r,
            r + 1,
            first_cells=self.first_cells,
            first_is_rest=self.first_is_rest,
            shrink=True,
        )
        return [shrunk, *([GridTable(g, r + 1, self.stop)] if r + 1 < self.stop else [])]

    def _split_at(self, k: int, avail: float) -> list[Flowable] | None:
        """Rows [start, k) and the top of row k on this page, the rest of row k after."""
        g = self.grid
        parts = _split_cells(g, k, self._cells(k), avail)
        if parts is None:
            return None
        top, bottom = parts
        if k == self.start:
            first = GridTable(g, k, k + 1, first_cells=top, first_is_rest=self.first_is_rest)
        else:
            first = GridTable(
                g,
                self.start,
                k + 1,
                first_cells=self.first_cells,
                first_is_rest=self.first_is_rest,
                last_cells=top,
            )
        return [first, GridTable(g, k, self.stop, first_cells=bottom, first_is_rest=True)]

    def _piece(self, stop: int) -> GridTable:
        return GridTable(
            self.grid,
            self.start,
            stop,
            first_cells=self.first_cells,
            first_is_rest=self.first_is_rest,
        )

    # --- drawing --------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        heights, boxes = self._layout()
        total = self._total()
        canvas.saveState()
        canvas.setLineWidth(LINE_WIDTH)
        for b in boxes:
            bottom = total - b.top - b.h
            canvas.rect(b.x, bottom, b.w, b.h, stroke=1, fill=0)
            if b.cell is not None:
                h = b.h - 2 * PAD_Y
                _draw_cell(canvas, b.cell, b.x + PAD_X, bottom + PAD_Y, b.inner_w, h)
        canvas.restoreState()
        if self._trailer_height():
            y = total - sum(heights)
            for f in self.grid.trailer:
                y -= f.getSpaceBefore() + f.wrap(self.grid.width, _BIG)[1]
                f.drawOn(canvas, 0, y)


def _split_cells(
    g: Grid, r: int, cells: Cells, avail: float
) -> tuple[list[Flowable | None], list[Flowable | None]] | None:
    """Cut a row's cells at `avail` points: (what fits, the rest), or None when no cell that is
    too tall can be split (then nothing would be gained by cutting the row here)."""
    top: list[Flowable | None] = []
    bottom: list[Flowable | None] = []
    split_any = False
    for c, cell in enumerate(cells):
        span = g.origin.get((r, c))
        if cell is None or (span is not None and span.row1 > span.row0):
            top.append(cell)
            bottom.append(cell)
            continue
        width = g.cell_width(r, c)
        if _measure(cell, width) <= avail:
            top.append(cell)
            cont = _made(getattr(cell, "grid_continued", None))
            if cont is not None:
                cell.grid_continued = cont  # type: ignore[attr-defined]  # made once
                cont.grid_continued = cont  # type: ignore[attr-defined]  # on every page it takes
            bottom.append(cont or _blank_like(cell))
            continue
        pieces = cell.split(width, avail) if isinstance(cell, TextCell) else []
        if len(pieces) == 2:
            top.append(pieces[0])
            bottom.append(pieces[1])
            split_any = True
        else:
            top.append(_blank_like(cell))
            bottom.append(cell)
    return (top, bottom) if split_any else None


def _blank_like(cell: Flowable) -> Flowable:
    return TextCell("", cell.style, cell.chain) if isinstance(cell, TextCell) else Spacer(0, 0)


def _draw_cell(canvas: Canvas, cell: Flowable, x: float, y: float, w: float, h: float) -> None:
    """Draw `cell` in the box, centred vertically (a text cell straight at its place, without
    moving the canvas there and back); shrunk to fit when it is taller than the box (rewrapped
    wider as it shrinks, so the text keeps the box's shape)."""
    ch = _measure(cell, w)
    if ch <= h + _FUZZ:
        if isinstance(cell, TextCell):
            cell.draw_at(canvas, x, y + (h - ch) / 2)
        else:
            cell.drawOn(canvas, x, y + (h - ch) / 2)
        return
    h = max(h, 1.0)
    scale = math.sqrt(h / ch)
    for _ in range(8):
        drawn = cell.wrap(w / scale, _BIG)[1] * scale
        if drawn <= h + _FUZZ:
            break
        scale *= min(0.95, math.sqrt(h / drawn))
    canvas.saveState()
    canvas.translate(x, y + (h - drawn) / 2)
    canvas.scale(scale, scale)
    cell.drawOn(canvas, 0, 0)
    canvas.restoreState()
    cell.wrap(w, _BIG)  # back to the width it is measured at, for a later page
