"""User text to ReportLab Paragraph markup: the text is data, never markup.

`x<y`, `AT&T`, `<b>` and `&amp;` must print exactly as typed, so the text is cut into font runs
first and each run is escaped before it is wrapped in a `<font>` tag; line breaks become `<br/>`
and runs of spaces stay spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from desktop.core.printing.fonts import BODY, fonts

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPACE_RUN = re.compile(r"  +")
_VARIATION = re.compile("[\ufe00-\ufe0f]")
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"  # Hebrew, Arabic, Syriac, Thaana, NKo …
_RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL} \u00a0]*[{_RTL}])?")


def _visual_order(text: str) -> str:
    """ReportLab draws left to right; a Hebrew or Arabic name inside a line must read right to
    left, so each right-to-left run is reversed. Not a full bidi algorithm: Arabic letters are
    not joined, digits inside such a run keep their place, and a run wrapped over two lines
    keeps its pieces in line order — enough for a foreign name in a Chinese form."""
    return _RTL_RUN.sub(lambda m: m.group()[::-1], text)


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities, so the Paragraph parser sees them as characters."""
    return text.translate(_ESCAPES)


def clean(text: str) -> str:
    """The text as it will be printed: one kind of line break, tabs as spaces, no control or
    format characters (they have no glyph and would print as boxes)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    if text.isprintable():
        return text
    text = _VARIATION.sub("", text)
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf"))


def _keep_spaces(escaped: str) -> str:
    # The parser collapses spaces; a no-break space after the first keeps what was typed.
    return _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group()) - 1), escaped)


def to_markup(text: str, chain: Sequence[str] = BODY, base: str | None = None) -> str:
    """Paragraph markup that prints `text` as typed, each character in a font that has it;
    `base` is the paragraph style's font (runs in it need no tag), the chain's first by default."""
    base = base or chain[0]
    out: list[str] = []
    text = clean(text)
    if _RTL_RUN.search(text):
        text = _visual_order(text)
    for font, piece in fonts().runs(text, chain):
        body = _keep_spaces(escape(piece)).replace("\n", "<br/>")
        out.append(body if font == base else f'<font name="{font}">{body}</font>')
    return "".join(out)
