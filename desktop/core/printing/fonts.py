"""The bundled Chinese fonts: registration, a font per character, and what none of them can draw.

The paper must look the same on a PC without Chinese fonts, so only the bundled TrueType files
are used and embedded (as subsets; ReportLab's TTFont does that). AR PL SungtiL GB is a Song
face like the official forms but covers GB2312 only; WenQuanYi Micro Hei covers far more (㎡,
rare characters in names), so every character is drawn in the first font of a chain that has it.
DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, symbols) and Symbola (monochrome emoji up
to Unicode 9) come last, so pasted foreign names and emoji print instead of becoming boxes;
they are loaded the first time a character is in neither Chinese face (most prints never need
them).

The scripts units in China write besides Chinese have their own faces, chosen by block before the
chain and loaded only when a text needs them: Noto Serif Tibetan (Tibetan), Noto Naskh Arabic
(Uyghur and other Arabic-script languages) — both shaped by HarfBuzz when drawn — and Hanazono
Mincho B cut down to CJK Extension B (𠮷, rare characters of names and places).
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
TIBETAN = "JixiaoTibetan"
ARABIC = "JixiaoArabic"
EXT_B = "JixiaoExtB"
SHAPED = frozenset({TIBETAN, ARABIC})  # drawn through HarfBuzz: joining, stacking, reordering

BODY: tuple[str, ...] = (SONG, HEI, SANS, SYMBOLS)  # cell text, like the official forms
HEADING: tuple[str, ...] = (HEI, SONG, SANS, SYMBOLS)  # titles and heads, set in 黑体
MISSING_MARK = "□"  # printed for a character no bundled font has

_FILES = {
    SONG: ("gbsn00lp.ttf", 0),
    HEI: ("wqy-microhei.ttc", 0),
}
# Registered on first use: the fallbacks when a character is in neither Chinese face, and the
# script faces by Unicode block.
_SCRIPT_FILES = {
    SANS: ("DejaVuSans.ttf", 0),
    SYMBOLS: ("symbola.ttf", 0),
    TIBETAN: ("NotoSerifTibetan-Regular.ttf", 0),
    ARABIC: ("NotoNaskhArabic-Regular.ttf", 0),
    EXT_B: ("HanaMinB-ExtB.ttf", 0),
}
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0F00, 0x0FFF, TIBETAN),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x20000, 0x2A6DF, EXT_B),
)
_lock = threading.Lock()
_script_lock = threading.Lock()
_registered: FontSet | None = None


def bundled_font_paths() -> list[Path]:
    """The font files, for the Qt layer to load the same faces."""
    files = [*_FILES.values(), *_SCRIPT_FILES.values()]
    return [resources_dir() / "fonts" / name for name, _ in files]


def is_invisible(ch: str) -> bool:
    """Whitespace, controls and format marks: nothing to draw, so never a missing glyph."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f"


class FontsMissing(PrintError):
    """A bundled font file is missing or damaged: the installation is broken."""

    def __init__(self, file: str):
        super().__init__(f"打印字体文件 {file} 缺失或已损坏，请重新安装本程序。")


class FontSet:
    """The registered fonts with the characters each one has."""

    def __init__(self, coverage: dict[str, dict[int, int]], widths: dict[str, dict[int, int]]):
        self._coverage = coverage
        self._widths = widths
        self._advance: dict[tuple[str, ...], dict[str, float]] = {}

    def _cover(self, font: str) -> dict[int, int]:
        """The characters `font` has, registering it the first time it is asked about."""
        cover = self._coverage.get(font)
        if cover is None:
            _register_script(self, font)
            cover = self._coverage[font]
        return cover

    def _script_font(self, code: int) -> str | None:
        if code < 0x0600:
            return None
        for lo, hi, font in _SCRIPTS:
            if lo <= code <= hi:
                return font if code in self._cover(font) else None
        return None

    def font_for(self, ch: str, chain: Sequence[str] = BODY) -> str | None:
        """The font with a glyph for `ch`: its script's face, else the first font in `chain`
        that has one; None when none has one."""
        code = ord(ch)
        if code in self._cover(chain[0]):
            return chain[0]
        script = self._script_font(code)
        if script is not None:
            return script
        for font in chain:
            if code in self._cover(font):
                return font
        return None

    def advance(self, ch: str, chain: Sequence[str] = BODY) -> float:
        """The advance width of `ch` in ems, in the font it is drawn in (unshaped)."""
        key = tuple(chain)
        table = self._advance.get(key)
        if table is None:
            table = self._advance[key] = {}
        w = table.get(ch)
        if w is None:
            if ch == "\n" or (is_invisible(ch) and not ch.isspace()):
                w = 0.0  # a line break is never part of a line (nor a reason to load a font)
            else:
                font = self.font_for(ch, chain)
                if font is None:
                    ch2, font = MISSING_MARK, self.font_for(MISSING_MARK, chain) or chain[0]
                else:
                    ch2 = ch
                widths = self._widths[font]
                w = widths.get(ord(ch2), widths.get(-1, 1000)) / 1000
            table[ch] = w
        return w

    def runs(self, text: str, chain: Sequence[str] = BODY) -> list[tuple[str, str]]:
        """`text` cut into (font, piece) runs. Spaces join the run they are in; a character no
        font has is drawn as MISSING_MARK (it was reported before printing)."""
        first = chain[0]
        cover = self._cover(first)
        if all(map(cover.__contains__, map(ord, text))):
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
        cover = self._coverage[SONG]
        if all(map(cover.__contains__, map(ord, text))):
            return ""  # the usual case: every character in the body face
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
    registered = _registered
    if registered is not None:
        return registered
    with _lock:
        if _registered is None:
            if not getattr(ttfonts.makeToUnicodeCMap, "astral_safe", False):
                ttfonts.makeToUnicodeCMap = _astral_safe_cmap(ttfonts.makeToUnicodeCMap)  # type: ignore[assignment]
            coverage: dict[str, dict[int, int]] = {}
            widths: dict[str, dict[int, int]] = {}
            for name, (file, index) in _FILES.items():
                font = _load(name, file, index)
                coverage[name] = font.face.charToGlyph
                widths[name] = _width_table(font)
            _registered = FontSet(coverage, widths)
        return _registered


def _load(name: str, file: str, index: int) -> TTFont:
    try:
        font = TTFont(name, str(resources_dir() / "fonts" / file), subfontIndex=index)
    except (OSError, ttfonts.TTFError) as exc:
        raise FontsMissing(file) from exc
    pdfmetrics.registerFont(font)
    return font


def _width_table(font: TTFont) -> dict[int, int]:
    widths = dict(font.face.charWidths)
    widths[-1] = font.face.defaultWidth
    return widths


def _register_script(fs: FontSet, name: str) -> None:
    with _script_lock:
        if name in fs._coverage:
            return
        file, index = _SCRIPT_FILES[name]
        font = _load(name, file, index)
        fs._widths[name] = _width_table(font)
        fs._coverage[name] = font.face.charToGlyph


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
