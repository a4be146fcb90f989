"""Text on the paper: the paragraph styles of the forms, and the cell that sets user text.

A `TextCell` breaks its text into lines itself, once per width, in one pass over the text:
- Chinese line breaking (禁则): a line never starts with closing punctuation （，。、；：）」』》…
  and never ends with opening punctuation （「《…; the punctuation moves with its neighbour
  instead of hanging over the cell's rule;
- words of Latin, digits, Uyghur, Tibetan syllables stay whole, and a run wider than the cell is
  broken by character (never between a letter and its combining marks);
- a lone character is not left on the last line of a short label (数量指\\n标 → 数量\\n指标).
Lines are kept as offsets into the text, so a cell taller than a page is split at line
boundaries as often as needed, each piece a view of the same lines: splitting a 200,000-
character cell costs no more than setting it. Nothing is ever shrunk.

Right-to-left text (Uyghur in Arabic script) is broken in logical order and each line is then put
in visual order; the Arabic and Tibetan runs are shaped by HarfBuzz (through ReportLab's
`shapeStr`), so letters join and stack as they should.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.core.printing.fonts import BODY, HEADING, HEI, SHAPED, SONG, fonts
from desktop.core.printing.markup import clean

_BIG = 1e9
_FUZZ = 1e-6

# Kinsoku: what may not start a line, and what may not end one.
NO_START = frozenset(
    "）〕］｝〉》」』】〙〗〟’”｠»、。，．：；！？‰％℃°′″…‥·・ー々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?%㎡㎥㎏㎞"
)
NO_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{￥＄$£€≥≤＞＜>±～~#№")
_TIBETAN_BREAK = frozenset("\u0f0b\u0f0d\u0f0e\u0f0f\u0f10\u0f11\u0f14")
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFC))
_ANY_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_CACHED_TEXT = 400  # longer texts are not kept in the caches below (memory stays bounded)


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
TITLE_PREFIX = _style("title-prefix", HEI, 18, 26, TA_CENTER)
ATTACHMENT = _style("attachment", HEI, 16, 24, spaceAfter=4)  # 附件1: 3号黑体, top left
SUBTITLE = _style("subtitle", SONG, 12, 18, TA_CENTER)
CELL = _style("cell", SONG, 10, 13)
CELL_CENTER = _style("cell-center", SONG, 10, 13, TA_CENTER)
HEAD = _style("head", SONG, 10, 13, TA_CENTER)  # column heads: the table's Song face
FOOTNOTE = _style("footnote", SONG, 9, 13, spaceBefore=4)
SECTION = _style("section", HEI, 13, 22, spaceBefore=8, spaceAfter=2, keepWithNext=1)
BODY_TEXT = _style("body", SONG, 12, 21, firstLineIndent=24)
CLOSING = _style("closing", SONG, 12, 21, TA_RIGHT)


# --- characters ---------------------------------------------------------------------------------


def is_rtl(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _RTL_RANGES)


@cache
def _kind(ch: str) -> int:
    """0: a character that breaks on both sides (CJK and most symbols); 1: part of a word
    (letters, digits, Tibetan, Arabic); 2: a combining mark (stays with what precedes it);
    3: a space."""
    if ch.isspace():
        return 3
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Mc", "Me") or ch == "\u200d":
        return 2
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 0
    if cat[0] in "LN" or ch in "'-_.@/\\:&+*=^|" or ch in _TIBETAN_BREAK:
        return 1
    return 0


def _break_between(a: str, b: str) -> bool:
    """May a line end between `a` and `b`?"""
    kb = _kind(b)
    if kb >= 2 or b in NO_START or a in NO_END:
        return False
    ka = _kind(a)
    if ka == 3:
        return True
    if ka == 1 and kb == 1:
        return a in _TIBETAN_BREAK
    return True


# --- line breaking ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a cell: the text's [start, end) (trailing spaces and the break excluded)."""

    start: int
    end: int
    width: float


def _widths(text: str, chain: Sequence[str], size: float) -> list[float]:
    fs = fonts()
    return [fs.advance(ch, chain) * size for ch in text]


def _units(text: str, lo: int, hi: int) -> list[int]:
    """Break opportunities in text[lo:hi]: the offsets where a new unit may start."""
    out = [lo]
    prev = text[lo] if lo < hi else ""
    for i in range(lo + 1, hi):
        ch = text[i]
        if _break_between(prev, ch):
            out.append(i)
        prev = ch
    return out


def _char_breaks(text: str, lo: int, hi: int) -> list[int]:
    """Every offset in (lo, hi) a run may be cut at when it is wider than its line."""
    return [i for i in range(lo + 1, hi) if _kind(text[i]) != 2]


def break_lines(
    text: str, width: float, size: float, chain: Sequence[str], indent: float = 0.0
) -> Sequence[Line]:
    """`text` set in lines at most `width` wide (the first `indent` narrower); linear. The
    same short text at the same width (a label, a common value) is set once."""
    if len(text) > _CACHED_TEXT:
        return _break_lines(text, width, size, tuple(chain), indent)
    return _break_lines_cached(text, width, size, tuple(chain), indent)


def _break_lines(
    text: str, width: float, size: float, chain: tuple[str, ...], indent: float
) -> tuple[Line, ...]:
    adv = _widths(text, chain, size)
    lines: list[Line] = []
    pos = 0
    n = len(text)
    first = True
    width = max(width, size)  # a column narrower than one character still takes one per line
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        lines += _break_paragraph(text, adv, pos, end, width, indent if first else 0.0)
        first = False
        if nl < 0:
            break
        pos = nl + 1
    return tuple(lines)


_break_lines_cached = lru_cache(maxsize=4096)(_break_lines)


def _trim(text: str, adv: list[float], start: int, end: int, w: float) -> tuple[int, float]:
    while end > start and text[end - 1].isspace():
        end -= 1
        w -= adv[end]
    return end, w


def _break_paragraph(
    text: str, adv: list[float], lo: int, hi: int, width: float, indent: float
) -> list[Line]:
    if lo >= hi:
        return [Line(lo, lo, 0.0)]
    starts = [*_units(text, lo, hi), hi]
    out: list[Line] = []
    line_start, line_w = lo, 0.0
    avail = width - indent
    for u in range(len(starts) - 1):
        a, b = starts[u], starts[u + 1]
        w = sum(adv[a:b])
        ink_end, ink_w = _trim(text, adv, a, b, w)
        if line_start < a and line_w + ink_w > avail + _FUZZ:
            end, lw = _trim(text, adv, line_start, a, line_w)
            out.append(Line(line_start, end, lw))
            line_start, line_w, avail = a, 0.0, width
        if line_start == a and ink_w > avail + _FUZZ:
            # One unbreakable run wider than the line: cut it by character.
            line_start, line_w, avail = _cut_run(text, adv, a, ink_end, avail, width, out)
            line_w += sum(adv[ink_end:b])
            continue
        line_w += w
    end, lw = _trim(text, adv, line_start, hi, line_w)
    out.append(Line(line_start, end, lw))
    _no_lone_last(text, adv, out, starts, width)
    return out


def _cut_run(
    text: str, adv: list[float], a: int, b: int, avail: float, width: float, out: list[Line]
) -> tuple[int, float, float]:
    """Cut text[a:b], one run wider than the line, by character: at the last place that fits,
    moved back before closing punctuation when it can be. Returns the open last line."""
    start, w = a, 0.0
    i = a
    while i < b:
        if i > start and w + adv[i] > avail + _FUZZ:
            cut = i
            while cut > start + 1 and (_kind(text[cut]) == 2 or text[cut] in NO_START):
                cut -= 1
            if _kind(text[cut]) == 2 or text[cut] in NO_START:
                cut = i
            while cut > start + 1 and _kind(text[cut]) == 2:
                cut -= 1
            lw = sum(adv[start:cut])
            out.append(Line(start, cut, lw))
            start, w, avail = cut, sum(adv[cut:i]), width
        w += adv[i]
        i += 1
    return start, w, avail


def _no_lone_last(
    text: str, adv: list[float], lines: list[Line], starts: list[int], width: float
) -> None:
    """A label's last line with one character while the line before has three or more: move
    one unit down, so that 数量指标 in a narrow column reads 数量 / 指标."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    if last.end - last.start != 1 or _kind(text[last.start]) != 0:
        return
    if before.end - before.start < 3 or before.end != last.start:
        return
    i = before.end - 1
    if not _break_between(text[i - 1], text[i]) or text[i] in NO_START:
        return
    moved = adv[i]
    if last.width + moved > width + _FUZZ:
        return
    lines[-2] = Line(before.start, i, before.width - moved)
    lines[-1] = Line(i, last.end, last.width + moved)


# --- drawing ------------------------------------------------------------------------------------


Runs = tuple[tuple[str, str, float], ...]


def _visual_runs(text: str, chain: Sequence[str], size: float) -> Runs:
    """The line's (font, text, width) runs in drawing order, left to right. Right-to-left runs
    (with the spaces and digits between their letters) are reversed as a block; their letters
    are shaped in logical order, HarfBuzz giving the glyphs in visual order. A short line (a
    label, a common value) is worked out once."""
    if len(text) > _CACHED_TEXT:
        return _runs_of(text, tuple(chain), size)
    return _runs_cached(text, tuple(chain), size)


def _runs_of(text: str, chain: tuple[str, ...], size: float) -> Runs:
    fs = fonts()
    if _ANY_RTL.search(text) is None:
        return tuple(_shaped(font, run, size) for font, run in fs.runs(text, chain))
    rtl_base = _first_strong_rtl(text)
    segments = _direction_segments(text)  # (rtl, piece) in logical order
    if rtl_base:
        segments.reverse()
    out: list[tuple[str, str, float]] = []
    for rtl, piece in segments:
        runs = fs.runs(piece, chain)
        if rtl:
            runs = _rtl_runs(runs)
        for font, run in runs:
            out.append(_shaped(font, run, size))
    return tuple(out)


_runs_cached = lru_cache(maxsize=4096)(_runs_of)


def _first_strong_rtl(text: str) -> bool:
    if _ANY_RTL.search(text) is None:
        return False
    for ch in text:
        if is_rtl(ch) and unicodedata.bidirectional(ch) in ("R", "AL"):
            return True
        if unicodedata.bidirectional(ch) == "L":
            return False
    return False


def _direction_segments(text: str) -> list[tuple[bool, str]]:
    """The line cut into left-to-right and right-to-left pieces: a right-to-left piece runs from
    a right-to-left letter to the last one that follows it with only spaces, digits and
    punctuation between (no left-to-right letter)."""
    out: list[tuple[bool, str]] = []
    i, n = 0, len(text)
    start = 0
    while i < n:
        if is_rtl(text[i]):
            if start < i:
                out.append((False, text[start:i]))
            j = i
            last = i
            while j < n and unicodedata.bidirectional(text[j]) != "L":
                if is_rtl(text[j]):
                    last = j
                j += 1
            out.append((True, text[i : last + 1]))
            i = start = last + 1
        else:
            i += 1
    if start < n or not out:
        out.append((False, text[start:]))
    return out


def _rtl_runs(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The font runs of a right-to-left piece in visual order: the runs reversed; a run of
    another font (digits, a Chinese word) keeps its own order inside."""
    out: list[tuple[str, str]] = []
    for font, run in reversed(runs):
        if font in SHAPED:
            out.append((font, run))  # shaped right to left by HarfBuzz
        else:
            out.extend(_reverse_non_digits(font, run))
    return out


def _reverse_non_digits(font: str, run: str) -> list[tuple[str, str]]:
    """A run inside right-to-left text: numbers read left to right, the rest right to left."""
    parts: list[str] = []
    for ch in run:
        if parts and ch.isdigit() == parts[-1][-1].isdigit():
            parts[-1] += ch
        else:
            parts.append(ch)
    return [(font, p if p[0].isdigit() else p[::-1]) for p in reversed(parts)]


def _shaped(font: str, run: str, size: float) -> tuple[str, str, float]:
    """(font, text, width) of a run as drawn: a complex script's run shaped by HarfBuzz (a
    ReportLab ShapedStr, a str that carries its glyphs)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if font in SHAPED:
        shaped = shapeStr(run, font, size)
        data = getattr(shaped, "__shapeData__", None)
        if data is not None:
            return font, shaped, sum(g.x_advance for g in data) * size / 1000
    return font, run, stringWidth(run, font, size)


def shaped_width(text: str, chain: Sequence[str], size: float) -> float:
    """The width of one line as drawn (after shaping)."""
    return sum(w for _, _, w in _visual_runs(text, chain, size))


class TextCell(Flowable):
    """User text or a label, set in lines by `break_lines`; splits between lines."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        chain: Sequence[str] = BODY,
        *,
        _piece: tuple[float, Sequence[Line], int, int] | None = None,
        _source: str | None = None,
    ):
        super().__init__()
        fonts()  # registered before anything is measured or a canvas made
        self._text = clean(text) if _source is None else _source
        self.style = style
        self.chain = tuple(chain)
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._piece = _piece  # (width, lines, lo, hi): a piece of a split cell
        self._laid: tuple[float, Sequence[Line], int, int] | None = _piece
        self.width = self.height = 0.0

    @property
    def is_first(self) -> bool:
        return self._piece is None or self._piece[2] == 0

    @property
    def source(self) -> str:
        """The text this cell (or this piece of a split cell) prints, as typed."""
        if self._piece is None:
            return self._text
        _, lines, lo, hi = self._piece
        a = lines[lo].start if lo > 0 else 0
        b = lines[hi].start if hi < len(lines) else len(self._text)
        return self._text[a:b]

    def _lines(self, width: float) -> tuple[Sequence[Line], int, int]:
        laid = self._laid
        if laid is None or abs(laid[0] - width) > _FUZZ:
            if self._piece is not None:
                # A piece asked at another width: set its own text again.
                self._text, self._piece = self.source.lstrip("\n"), None
            indent = self.style.firstLineIndent if self.is_first else 0.0
            lines = break_lines(self._text, width, self.style.fontSize, self.chain, indent)
            if not self._text:
                lines = []
            laid = self._laid = (width, lines, 0, len(lines))
        return laid[1], laid[2], laid[3]

    def line_count(self, width: float) -> int:
        _, lo, hi = self._lines(width)
        return hi - lo

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, lo, hi = self._lines(availWidth)
        self.width = availWidth
        self.height = (hi - lo) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines, lo, hi = self._lines(availWidth)
        fit = int((availHeight + _FUZZ) // self.style.leading)
        if fit >= hi - lo:
            return [self]
        if fit < 1:
            return []
        cut = lo + fit
        return [self._part(availWidth, lines, lo, cut), self._part(availWidth, lines, cut, hi)]

    def _part(self, width: float, lines: Sequence[Line], lo: int, hi: int) -> TextCell:
        style = self.style if lo == 0 else _continuing(self.style)
        return TextCell("", style, self.chain, _piece=(width, lines, lo, hi), _source=self._text)

    def text_lines(self, width: float) -> list[str]:
        """The lines as printed, for tests and measuring."""
        lines, lo, hi = self._lines(width)
        return [self._text[ln.start : ln.end] for ln in lines[lo:hi]]

    def draw_at(self, canvas: Canvas, x: float, y: float) -> None:
        """Exactly what `drawOn(canvas, x, y)` writes into the page (q, the move, the text, Q),
        without saving and restoring the canvas's state in Python, which drawing text leaves
        alone: a table draws thousands of cells. The move's fixed part is written as it is
        (formatting six numbers for each cell cost more than its text)."""
        code = canvas._code  # type: ignore[attr-defined]
        code.append("q")
        code.append(f"1 0 0 1 {fp_str(x, y)} cm")
        self._draw(canvas)
        code.append("Q")

    def draw(self) -> None:
        self._draw(self.canv)

    def _draw(self, canvas: Canvas) -> None:
        lines, lo, hi = self._lines(self.width)
        if lo == hi:
            return
        t = canvas.beginText()
        style = self.style
        size, leading = style.fontSize, style.leading
        top = self.height
        font_set = ""  # a text object keeps its font from line to line: set it when it changes
        for k, ln in enumerate(lines[lo:hi]):
            piece = self._text[ln.start : ln.end]
            if not piece:
                continue
            runs = _visual_runs(piece, self.chain, size)
            width = sum(w for _, _, w in runs)
            indent = style.firstLineIndent if (lo + k == 0 and self.is_first) else 0.0
            align = style.alignment
            if align == TA_LEFT and _first_strong_rtl(piece):
                align = TA_RIGHT
            if align == TA_CENTER:
                x = (self.width - width) / 2
            elif align == TA_RIGHT:
                x = self.width - width
            else:
                x = indent
            y = top - (k + 0.5) * leading - 0.36 * size
            for font, run, w in runs:
                t.setTextOrigin(x, y)
                if font != font_set:
                    t.setFont(font, size)
                    font_set = font
                t.textOut(run)
                x += w
        canvas.drawText(t)


@cache
def _continuing(style: ParagraphStyle) -> ParagraphStyle:
    """The style for the rest of a split paragraph: no space before."""
    if not style.spaceBefore:
        return style
    return ParagraphStyle(f"{style.name}-rest", parent=style, spaceBefore=0)


def text(value: str, style: ParagraphStyle = CELL) -> TextCell:
    """A cell of user text in the body fonts."""
    return TextCell(value, style, BODY)


def label(value: str, style: ParagraphStyle = HEAD) -> TextCell:
    """A printed label (column head, field name): the body fonts in a table, as the official
    forms set their heads; titles and headings (a 黑体 style) in the heading fonts."""
    return TextCell(value, style, HEADING if style.fontName == HEI else BODY)
