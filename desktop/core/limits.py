"""How many rows a form may have: what a project file may hold, and so what an edit may build.

A real form has tens of rows; a form of more than MAX_ROWS (in its indicator tree, categories
included, or in any one table) is refused when a file is opened or saved, since the editor's
tree asks about every row it shows (5000 rows lay out in about a second). An edit that would
build such a form (a paste of a long column, an import, a library insert) is refused before it
is done, so that no work exists that could not be saved or recovered.
"""

from __future__ import annotations

from desktop.core.catalogue import phrase
from desktop.core.model import Form

MAX_ROWS = 5000

INDICATORS, TABLE = "indicators", "table"  # the parts of a form that have rows
_PART_WORDS = {INDICATORS: "file-rows-indicators", TABLE: "file-rows-table"}


def tree_rows(form: Form) -> int:
    """Rows of the form's indicator tree: level-1 and level-2 categories and indicators."""
    return sum(1 + len(a.children) + sum(len(b.indicators) for b in a.children)
               for a in form.indicators)  # fmt: skip


def rows_over(
    form: Form, more_tree: int = 0, more_tables: dict[str, int] | None = None
) -> tuple[str, int] | None:
    """(part, rows) of the first part of `form` with more than MAX_ROWS rows once `more_tree`
    tree rows and `more_tables` rows (by table) are added; None when every part is within."""
    rows = tree_rows(form) + more_tree
    if rows > MAX_ROWS:
        return INDICATORS, rows
    more_tables = more_tables or {}
    for table in dict.fromkeys([*form.tables, *more_tables]):
        rows = len(form.tables.get(table, [])) + more_tables.get(table, 0)
        if rows > MAX_ROWS:
            return TABLE, rows
    return None


def too_many_rows(code: str, form: str, part: str, rows: int) -> str:
    """The message `code` (file-too-many-rows, save-too-many-rows, edit-too-many-rows) about
    `form` (its id or name) having `rows` rows in `part`."""
    return phrase(code, form=form, part=phrase(_PART_WORDS[part]), rows=rows, limit=MAX_ROWS)
