"""A table as read from a workbook sheet, a Word document or a web page: text cells and merges.

Every reader turns its format into `Grid`s, so finding and mapping forms is written once. A
merged range keeps its text in its top-left cell (the origin); `text(r, c)` answers for any
cell of the range, which is what "unmerging" means here. Addresses are the ones a person finds
the cell by: A1 on a sheet, 「表格2 第3行第4列」 in a document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Pos = tuple[int, int]

# Real forms have a few thousand cells; these bound what a hostile file can make us hold.
MAX_CELLS = 400_000
MAX_MERGED_CELLS = 1_000_000
MAX_TEXT_CHARS = 40_000_000


class GridTooLarge(Exception):
    """More cells, merged cells or text than any form has; the file is refused."""


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    return f"{column_letters(col)}{row + 1}"


@dataclass
class Grid:
    """One sheet (or one document's tables and paragraphs, in reading order)."""

    name: str
    cells: dict[Pos, str] = field(default_factory=dict)  # origins only, non-empty text
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    address_of: Callable[[int, int], str] = a1
    _origin: dict[Pos, Pos] = field(default_factory=dict, repr=False)
    n_rows: int = 0
    n_cols: int = 0
    _merged: int = 0
    _chars: int = 0

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if r2 < r1 or c2 < c1 or (r1, c1) == (r2, c2):
            return
        self._merged += (r2 - r1 + 1) * (c2 - c1 + 1)
        if self._merged > MAX_MERGED_CELLS:
            raise GridTooLarge("合并单元格的范围过大")
        self.merges.append((r1, c1, r2, c2))
        self._grow(r2, c2)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    self._origin[(r, c)] = (r1, c1)
                    self.cells.pop((r, c), None)

    def set(self, row: int, col: int, text: str) -> None:
        text = clean(text)
        if text and (row, col) not in self._origin:
            self.cells[(row, col)] = text
            self._chars += len(text)
            if len(self.cells) > MAX_CELLS or self._chars > MAX_TEXT_CHARS:
                raise GridTooLarge("单元格或文字过多")
            self._grow(row, col)

    def _grow(self, row: int, col: int) -> None:
        self.n_rows = max(self.n_rows, row + 1)
        self.n_cols = max(self.n_cols, col + 1)

    def origin(self, row: int, col: int) -> Pos:
        return self._origin.get((row, col), (row, col))

    def text(self, row: int, col: int) -> str:
        return self.cells.get(self.origin(row, col), "")

    def row_texts(self, row: int) -> list[tuple[int, str]]:
        """(column, text) of each distinct cell in the row, merges counted once, left to right."""
        out: list[tuple[int, str]] = []
        seen: set[Pos] = set()
        for c in range(self.n_cols):
            o = self.origin(row, c)
            if o in seen:
                continue
            seen.add(o)
            t = self.cells.get(o, "")
            if t:
                out.append((c, t))
        return out

    def address(self, pos: Pos) -> str:
        return self.address_of(*pos)


_SPACES = re.compile(r"\s+")
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def clean(text: str) -> str:
    """Cell text as typed, less the control characters and the padding around it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROL).strip()


def norm(text: str) -> str:
    """The form of a label used for matching: 「一级 指标：」 → 「一级指标」, brackets' width ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text).replace("\u3000", "")
    text = text.lstrip("*★").rstrip(":：")
    return text


_RULE_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")


def norm_category(text: str) -> str:
    """A category as printed 「数量指标（必填量化）」 or 「经济效益」 → 「数量」, 「经济效益」."""
    text = norm(text)
    text = _RULE_SUFFIX.sub("", text)
    if text.endswith("指标") and len(text) > 2:
        text = text[:-2]
    return text


def first_match(labels: Iterable[str], text: str) -> bool:
    n = norm(text)
    return any(n == norm(label) for label in labels if label)
