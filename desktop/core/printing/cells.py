"""Text on the paper: the paragraph styles of the forms, and a Paragraph that splits by text.

ReportLab's own Paragraph.split drops the spaces at line ends in CJK wrapping mode, so a cell
continued on the next page would not read as typed; `TextCell` splits its source text instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from desktop.core.printing.fonts import BODY, HEADING, HEI, SONG
from desktop.core.printing.markup import clean, to_markup

_BIG = 1e9


def _style(
    name: str,
    font: str,
    size: float,
    leading: float,
    align: Literal[0, 1, 2, 4] = TA_LEFT,
    **kw: Any,
) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading, alignment=align, wordWrap="CJK", **kw
    )


TITLE = _style("title", HEI, 18, 26, TA_CENTER)
ATTACHMENT = _style("attachment", HEI, 16, 24, spaceAfter=4)  # 附件1: 3号黑体, top left
SUBTITLE = _style("subtitle", SONG, 12, 18, TA_CENTER)
CELL = _style("cell", SONG, 10, 13)
CELL_CENTER = _style("cell-center", SONG, 10, 13, TA_CENTER)
HEAD = _style("head", HEI, 10, 13, TA_CENTER)
FOOTNOTE = _style("footnote", SONG, 9, 13, spaceBefore=4)
SECTION = _style("section", HEI, 13, 22, spaceBefore=8, spaceAfter=2, keepWithNext=1)
BODY_TEXT = _style("body", SONG, 12, 21, firstLineIndent=24)
CLOSING = _style("closing", SONG, 12, 21, TA_RIGHT)


@cache
def _continuing(style: ParagraphStyle) -> ParagraphStyle:
    """The style for the rest of a split paragraph: no first-line indent, no space before."""
    if not style.firstLineIndent and not style.spaceBefore:
        return style
    return ParagraphStyle(f"{style.name}-rest", parent=style, firstLineIndent=0, spaceBefore=0)


class TextCell(Paragraph):
    """A Paragraph made from user text, which remembers the text to split it as typed."""

    def __init__(self, text: str, style: ParagraphStyle, chain: Sequence[str] = BODY):
        self.source = clean(text)
        self.chain = tuple(chain)
        super().__init__(to_markup(self.source, self.chain, style.fontName), style)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        leading = self.style.leading
        lines = int((availHeight + 1e-6) // leading)
        total = self.wrap(availWidth, _BIG)[1]
        if total <= availHeight + 1e-6:
            return [self]
        if lines < 2 or len(self.source) < 2:
            return []
        limit = lines * leading + 1e-6
        lo, hi = 1, len(self.source) - 1  # the longest head that fits is in [lo, hi]
        if self._height_of(self.source[:lo], availWidth) > limit:
            return []
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._height_of(self.source[:mid], availWidth) <= limit:
                lo = mid
            else:
                hi = mid - 1
        head, rest = self.source[:lo], self.source[lo:]
        if rest.startswith("\n"):
            rest = rest[1:]
        self.wrap(availWidth, _BIG)  # keep this cell drawable at its width
        return [
            TextCell(head, self.style, self.chain),
            TextCell(rest, _continuing(self.style), self.chain),
        ]

    def _height_of(self, text: str, width: float) -> float:
        return Paragraph(to_markup(text, self.chain, self.style.fontName), self.style).wrap(
            width, _BIG
        )[1]


def text(value: str, style: ParagraphStyle = CELL) -> TextCell:
    """A cell of user text in the body fonts."""
    return TextCell(value, style, BODY)


def label(value: str, style: ParagraphStyle = HEAD) -> TextCell:
    """A printed label (column head, field name) in the heading fonts."""
    return TextCell(value, style, HEADING)
