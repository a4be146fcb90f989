"""What a printed PDF holds, read back with pdfminer: every glyph with its size and place, the
rules, and the text lines of each cell — for tests that check the paper, not the code."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfminer.converter
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTCurve, LTLine, LTRect

CLOSING = "）」』》，。、；：！？"
OPENING = "（「『《"


class _SizedChar(LTChar):
    """pdfminer's glyph, keeping the font size it was set in (`Tf`)."""

    def __init__(self, matrix, font, fontsize, *args, **kwargs):
        super().__init__(matrix, font, fontsize, *args, **kwargs)
        self.fontsize = fontsize


pdfminer.converter.LTChar = _SizedChar  # type: ignore[misc]


@dataclass(frozen=True)
class Glyph:
    text: str
    size: float  # the font size it is drawn at, after any scaling
    x0: float
    x1: float
    base: float  # the baseline
    font: str

    @property
    def ink(self) -> tuple[float, float, float, float]:
        """A conservative box of the glyph's ink: its advance, baseline to cap height."""
        return (
            self.x0 + 0.5,
            self.base - 0.1 * self.size,
            self.x1 - 0.5,
            self.base + 0.8 * self.size,
        )


@dataclass
class Page:
    glyphs: list[Glyph]
    vertical: list[tuple[float, float, float]]  # x, y0, y1
    horizontal: list[tuple[float, float, float]]  # y, x0, x1


def _walk(item):
    yield item
    if hasattr(item, "__iter__") and not isinstance(item, LTChar):
        for child in item:
            yield from _walk(child)


def read(data: bytes) -> list[Page]:
    pages = []
    for layout in extract_pages(io.BytesIO(data), laparams=None):  # glyphs, not paragraphs
        page = Page([], [], [])
        for item in _walk(layout):
            if isinstance(item, LTChar):
                m = item.matrix
                size = (m[0] ** 2 + m[1] ** 2) ** 0.5 * item.fontsize
                page.glyphs.append(
                    Glyph(item.get_text(), round(size, 2), item.x0, item.x1, m[5], item.fontname)
                )
            elif isinstance(item, LTRect):
                x0, y0, x1, y1 = item.bbox
                page.vertical += [(x0, y0, y1), (x1, y0, y1)]
                page.horizontal += [(y0, x0, x1), (y1, x0, x1)]
            elif isinstance(item, LTLine | LTCurve) and isinstance(item, LTComponent):
                x0, y0, x1, y1 = item.bbox
                if abs(x1 - x0) < 0.5:
                    page.vertical.append((x0, y0, y1))
                elif abs(y1 - y0) < 0.5:
                    page.horizontal.append((y0, x0, x1))
        pages.append(page)
    return pages


def crossings(page: Page) -> list[tuple[str, float, float]]:
    """Glyphs whose ink crosses a rule: (glyph, x, baseline)."""
    out = []
    for g in page.glyphs:
        if not g.text.strip():
            continue
        x0, y0, x1, y1 = g.ink
        for x, ry0, ry1 in page.vertical:
            if x0 < x < x1 and ry0 < y1 and y0 < ry1:
                out.append((g.text, g.x0, g.base))
        for y, rx0, rx1 in page.horizontal:
            if y0 < y < y1 and rx0 < x1 and x0 < rx1:
                out.append((g.text, g.x0, g.base))
    return out


def cell_lines(page: Page) -> list[str]:
    """The text lines of the page cut at the rules: each piece is one line of one cell."""
    rows: dict[float, list[Glyph]] = {}
    for g in page.glyphs:
        rows.setdefault(round(g.base, 1), []).append(g)
    out = []
    for base, glyphs in rows.items():
        glyphs.sort(key=lambda g: g.x0)
        rules = sorted(x for x, y0, y1 in page.vertical if y0 <= base <= y1)
        piece: list[str] = []
        last_x = None
        for g in glyphs:
            cut = last_x is not None and any(last_x <= x <= g.x0 + 0.5 for x in rules)
            if cut and piece:
                out.append("".join(piece).strip())
                piece = []
            piece.append(g.text)
            last_x = g.x1 - 0.5
        if piece:
            out.append("".join(piece).strip())
    return [line for line in out if line]


def text(page: Page) -> str:
    """The page's text in reading order: lines from the top, each from the left."""
    return "".join(g.text for g in sorted(page.glyphs, key=lambda g: (-round(g.base), g.x0)))


def cell_texts(page: Page) -> list[str]:
    """The text of each ruled cell of the page (lines joined), in reading order; text outside
    any cell (titles, signature lines) comes as one piece per line."""
    cells: dict[tuple, list[Glyph]] = {}
    for g in page.glyphs:
        left = [x for x, y0, y1 in page.vertical if x <= g.x0 + 0.5 and y0 <= g.base <= y1]
        right = [x for x, y0, y1 in page.vertical if x >= g.x1 - 0.5 and y0 <= g.base <= y1]
        above = [y for y, x0, x1 in page.horizontal if y > g.base and x0 <= g.x0 and x1 >= g.x1]
        below = [y for y, x0, x1 in page.horizontal if y < g.base and x0 <= g.x0 and x1 >= g.x1]
        if left and right and above and below:
            edges = (max(left), min(right), min(above), max(below))
            key: tuple = tuple(round(e) for e in edges)  # blocks share rules, give or take
        else:
            key = ("line", round(g.base))
        cells.setdefault(key, []).append(g)
    ordered = sorted(cells.values(), key=lambda gs: (-max(g.base for g in gs), gs[0].x0))
    return [
        "".join(g.text for g in sorted(gs, key=lambda g: (-round(g.base), g.x0))).strip()
        for gs in ordered
    ]
