"""Tab-separated text in and out of the clipboard, the way Excel and WPS write and read it.

Spreadsheets put one row per line and a tab between cells; a cell holding a tab, a line break
or a quote is wrapped in double quotes with inner quotes doubled. Rows copied from a printed
indicator table often carry the level-1 and level-2 category cells in front (empty where the
paper merged them), so those leading cells are read as categories.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from desktop.core.kinds import category_name


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; a trailing line break and trailing blank lines are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def _quote(cell: str) -> str:
    if any(c in cell for c in '\t\n"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def to_tsv(rows: list[list[str]]) -> str:
    return "".join("\t".join(_quote(c) for c in row) + "\n" for row in rows)


@dataclass
class PastedRow:
    """One indicator row read from pasted text."""

    cells: dict[str, str]
    level1: str = ""  # category names the text carried, "" when it carried none
    level2: str = ""
    extra: list[str] = field(default_factory=list)


def read_rows(table: list[list[str]], keys: list[str]) -> list[PastedRow]:
    """Map pasted rows onto indicator columns `keys` (print order).

    Rows wider than the indicator table carry categories in front: two extra cells are
    level-1 and level-2, one is level-2. A blank category cell repeats the one above (a merged
    cell on paper). Blank rows are skipped.
    """
    width = max((len(r) for r in table), default=0)
    extra = max(0, width - len(keys))
    rows: list[PastedRow] = []
    level1 = level2 = ""
    for raw in table:
        raw = raw + [""] * (width - len(raw))
        leading, cells = raw[:extra], [c.strip() for c in raw[extra:]]
        if extra >= 2:
            level1 = category_name(leading[-2]) or level1
        if extra >= 1:
            level2 = category_name(leading[-1]) or level2
        if not any(cells):
            continue
        rows.append(
            PastedRow({k: v for k, v in zip(keys, cells, strict=False) if v}, level1, level2)
        )
    return rows
