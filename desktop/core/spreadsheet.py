"""Cells as spreadsheet text: what goes to Excel or WPS through the clipboard (or a TSV file).

A spreadsheet runs a pasted cell that starts with `=`, `+`, `-` or `@` as a formula, and a
formula can start programs (`=cmd|' /C calc'!A0`) or send data away (`=HYPERLINK(...)`). Such a
cell is written with a leading apostrophe, which spreadsheets take as "this is text" and do not
show; a plain number (`-5`, `+3.5%`) stays as it is. Reading back strips that apostrophe.
"""

from __future__ import annotations

import re

FORMULA_STARTS = "=+-@\t\r\n＝＋－＠"
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def formula_safe(cell: str) -> str:
    """`cell` as text a spreadsheet will not run."""
    if cell and cell[0] in FORMULA_STARTS and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def from_spreadsheet(cell: str) -> str:
    """A cell read back: the apostrophe `formula_safe` added goes again."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell
