"""The bundled Chinese fonts: registration, a font per character, and what none of them can draw.

The paper must look the same on a PC without Chinese fonts, so only the bundled TrueType files
are used and embedded (as subsets; ReportLab's TTFont does that). AR PL SungtiL GB is a Song
face like the official forms but covers GB2312 only; WenQuanYi Micro Hei covers far more (㎡,
rare characters in names), so every character is drawn in the first font of a chain that has it.
DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, symbols) and Symbola (monochrome emoji up
to Unicode 9) come last, so pasted foreign names and emoji print instead of becoming boxes.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.core.printing.errors import PrintError
from desktop.core.resources import resources_dir

SONG = "JixiaoSong"
HEI = "JixiaoHei"
SANS = "JixiaoSans"
SYMBOLS = "JixiaoSymbols"

BODY: tuple[str, ...] = (SONG, HEI, SANS, SYMBOLS)  # cell text, like the official forms
HEADING: tuple[str, ...] = (HEI, SONG, SANS, SYMBOLS)  # titles and heads, set in 黑体
MISSING_MARK = "□"  # printed for a character no bundled font has

_FILES = {
    SONG: ("gbsn00lp.ttf", 0),
    HEI: ("wqy-microhei.ttc", 0),
    SANS: ("DejaVuSans.ttf", 0),
    SYMBOLS: ("symbola.ttf", 0),
}
_lock = threading.Lock()
_registered: FontSet | None = None


def bundled_font_paths() -> list[Path]:
    """The font files, for the Qt layer to load the same faces."""
    return [resources_dir() / "fonts" / name for name, _ in _FILES.values()]


def is_invisible(ch: str) -> bool:
    """Whitespace, controls and format marks: nothing to draw, so never a missing glyph."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f"


class FontsMissing(PrintError):
    """A bundled font file is missing or damaged: the installation is broken."""

    def __init__(self, file: str):
        super().__init__(f"打印字体文件 {file} 缺失或已损坏，请重新安装本程序。")


class FontSet:
    """The registered fonts with the characters each one has."""

    def __init__(self, coverage: dict[str, dict[int, int]]):
        self._coverage = coverage

    def font_for(self, ch: str, chain: Sequence[str] = BODY) -> str | None:
        """The first font in `chain` with a glyph for `ch`, or None when none has one."""
        code = ord(ch)
        for font in chain:
            if code in self._coverage[font]:
                return font
        return None

    def runs(self, text: str, chain: Sequence[str] = BODY) -> list[tuple[str, str]]:
        """`text` cut into (font, piece) runs. Spaces join the run they are in; a character no
        font has is drawn as MISSING_MARK (it was reported before printing)."""
        first = chain[0]
        cover = self._coverage[first]
        if all(ord(c) in cover for c in text):
            return [(first, text)] if text else []
        out: list[tuple[str, str]] = []
        current, piece = first, list[str]()
        for ch in text:
            if is_invisible(ch):
                font = current
            else:
                found = self.font_for(ch, chain)
                if found is None:
                    ch, found = MISSING_MARK, self.font_for(MISSING_MARK, chain) or first
                font = found
            if font != current:
                if piece:
                    out.append((current, "".join(piece)))
                current, piece = font, []
            piece.append(ch)
        if piece:
            out.append((current, "".join(piece)))
        return out

    def missing(self, text: str) -> str:
        """The characters of `text` that no bundled font can draw, each once, in order."""
        out: dict[str, None] = {}
        for ch in text:
            if ch not in out and not is_invisible(ch) and self.font_for(ch, BODY) is None:
                out[ch] = None
        return "".join(out)


def _astral_safe_cmap(
    make: Callable[[str, Sequence[int]], str],
) -> Callable[[str, Sequence[int]], str]:
    """ReportLab writes a character beyond U+FFFF (an emoji) into the ToUnicode map as five
    hex digits, which PDF readers reject, so its text cannot be copied or searched. Rewrite
    those entries as the UTF-16 surrogate pair the PDF format asks for."""

    def fixed(fontname: str, subset: Sequence[int]) -> str:
        text = str(make(fontname, subset))
        for code in {c for c in subset if c > 0xFFFF}:
            pair = chr(code).encode("utf-16-be").hex().upper()
            text = text.replace(f" <{code:04X}>", f" <{pair}>")
        return text

    fixed.astral_safe = True  # type: ignore[attr-defined]
    return fixed


def fonts() -> FontSet:
    """Register the bundled fonts with ReportLab (once, thread-safe) and return them."""
    global _registered
    with _lock:
        if _registered is None:
            if not getattr(ttfonts.makeToUnicodeCMap, "astral_safe", False):
                ttfonts.makeToUnicodeCMap = _astral_safe_cmap(ttfonts.makeToUnicodeCMap)  # type: ignore[assignment]
            coverage: dict[str, dict[int, int]] = {}
            folder = resources_dir() / "fonts"
            for name, (file, index) in _FILES.items():
                try:
                    font = TTFont(name, str(folder / file), subfontIndex=index)
                except (OSError, ttfonts.TTFError) as exc:
                    raise FontsMissing(file) from exc
                pdfmetrics.registerFont(font)
                coverage[name] = font.face.charToGlyph
            _registered = FontSet(coverage)
        return _registered


def runs_width(runs: Sequence[tuple[str, str]], size: float) -> float:
    return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs)


def draw_runs(
    canvas: Canvas, x: float, y: float, runs: Sequence[tuple[str, str]], size: float
) -> None:
    """Draw font runs on one line starting at (x, y), for text outside Paragraphs."""
    for font, piece in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)
