"""Named operations on a project: what the CLI and the editor do to the model.

Each operation is one small change that returns what is needed to reverse it (the old text, the
place a row was taken from, the removed object), so the editor's undo commands are two calls and
no copy of the project. Nodes are addressed by their in-memory `uid`, which stays with a row
when rows around it move.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from desktop.core.display import valid_text
from desktop.core.kinds import FormKind
from desktop.core.model import Form, Indicator, Level1, Level2, Project

Node = Level1 | Level2 | Indicator


class OperationError(LookupError):
    """An operation named a form, row or node that is not there."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a node sits: its parent's uid ("" for a level-1 row) and its index there."""

    parent: str
    index: int


def blank_form(kind: FormKind, form_id: str, year: int | None = None) -> Form:
    """A form of `kind` with its categories laid out and no indicators yet."""
    header = (
        {"year": str(year or kind.year or datetime.date.today().year)}
        if any(f.key == "year" for f in kind.header)
        else {}
    )
    return Form(
        id=form_id,
        kind=kind.id,
        header=header,
        indicators=[
            Level1(name=c.name, children=[Level2(name=d.name) for d in c.children])
            for c in kind.categories
        ],
    )


def new_project(kind: FormKind, title: str = "") -> Project:
    """A project holding one empty form of `kind`."""
    project = Project(title=title)
    project.forms.append(blank_form(kind, project.new_form_id()))
    return project


# --- finding nodes ----------------------------------------------------------------------------


def _index_of(items: list, node: object) -> int:
    """Position by identity: two blank indicators are equal but are not the same row."""
    for i, item in enumerate(items):
        if item is node:
            return i
    raise OperationError("row not in its list")


def locate(form: Form, uid: str) -> tuple[Node, list, Level1 | Level2 | None]:
    """The node with `uid`, the list that holds it and its parent (None for level-1 rows)."""
    for l1 in form.indicators:
        if l1.uid == uid:
            return l1, form.indicators, None
        for l2 in l1.children:
            if l2.uid == uid:
                return l2, l1.children, l1
            for ind in l2.indicators:
                if ind.uid == uid:
                    return ind, l2.indicators, l2
    raise OperationError(f"no row {uid} in form {form.id}")


def place_of(form: Form, uid: str) -> Place:
    node, siblings, parent = locate(form, uid)
    return Place(parent.uid if parent else "", _index_of(siblings, node))


def _node(form: Form, uid: str, cls: type) -> Node:
    node = locate(form, uid)[0]
    if not isinstance(node, cls):
        raise OperationError(f"row {uid} is not a {cls.__name__}")
    return node


def clone(node: Node) -> Node:
    """A deep copy with fresh uids, for pasted and duplicated rows."""
    return type(node).model_validate(node.model_dump())


def _clamp(index: int, length: int) -> int:
    return max(0, min(index, length))


def _set_or_drop(cells: dict[str, str], key: str, text: str) -> str:
    text = valid_text(text)
    old = cells.get(key, "")
    if text:
        cells[key] = text
    else:
        cells.pop(key, None)
    return old


# --- header, funds block, repeating tables ------------------------------------------------


def set_header(form: Form, key: str, text: str) -> str:
    """Set a header field; returns the old text ("" when it was not filled)."""
    return _set_or_drop(form.header, key, text)


def set_funds_cell(form: Form, row: str, column: str, text: str) -> str:
    cells = form.funds.setdefault(row, {})
    old = _set_or_drop(cells, column, text)
    if not cells:
        del form.funds[row]
    return old


def _table_rows(form: Form, table: str) -> list[dict[str, str]]:
    return form.tables.setdefault(table, [])


def set_table_cell(form: Form, table: str, index: int, column: str, text: str) -> str:
    rows = _table_rows(form, table)
    if not 0 <= index < len(rows):
        raise OperationError(f"no row {index} in table {table}")
    return _set_or_drop(rows[index], column, text)


def insert_table_row(form: Form, table: str, index: int, row: dict[str, str] | None = None) -> int:
    """Insert a row (blank by default); returns the index it went to."""
    rows = _table_rows(form, table)
    index = _clamp(index, len(rows))
    rows.insert(index, dict(row or {}))
    return index


def remove_table_row(form: Form, table: str, index: int) -> dict[str, str]:
    rows = _table_rows(form, table)
    if not 0 <= index < len(rows):
        raise OperationError(f"no row {index} in table {table}")
    return rows.pop(index)


# --- the indicator tree ---------------------------------------------------------------------


def set_indicator_cell(form: Form, uid: str, key: str, text: str) -> str:
    """Set one cell of a level-3 indicator; returns the old text."""
    ind = _node(form, uid, Indicator)
    old = ind.get(key)
    ind.set(key, valid_text(text))
    return old


def insert_indicators(form: Form, level2_uid: str, index: int, indicators: list[Indicator]) -> int:
    """Insert indicators into a level-2 category at `index`; returns the index used."""
    l2 = _node(form, level2_uid, Level2)
    index = _clamp(index, len(l2.indicators))
    l2.indicators[index:index] = indicators
    return index


def remove_indicator(form: Form, uid: str) -> tuple[Place, Indicator]:
    """Take an indicator out; the place and object put it back with `insert_indicators`."""
    ind, siblings, parent = locate(form, uid)
    if not isinstance(ind, Indicator):
        raise OperationError(f"row {uid} is not an indicator")
    index = _index_of(siblings, ind)
    del siblings[index]
    return Place(parent.uid, index), ind


def move_indicator(form: Form, uid: str, level2_uid: str, index: int) -> Place:
    """Move an indicator to `index` of a level-2 category (counted after taking it out).

    Returns its old place, so the same call with that place moves it back.
    """
    target = _node(form, level2_uid, Level2)
    old, ind = remove_indicator(form, uid)
    target.indicators.insert(_clamp(index, len(target.indicators)), ind)
    return old


def insert_level2(form: Form, level1_uid: str, index: int, level2: Level2) -> int:
    l1 = _node(form, level1_uid, Level1)
    index = _clamp(index, len(l1.children))
    l1.children.insert(index, level2)
    return index


def remove_level2(form: Form, uid: str) -> tuple[Place, Level2]:
    l2, siblings, parent = locate(form, uid)
    if not isinstance(l2, Level2):
        raise OperationError(f"row {uid} is not a level-2 category")
    index = _index_of(siblings, l2)
    del siblings[index]
    return Place(parent.uid, index), l2


def rename_level2(form: Form, uid: str, name: str) -> str:
    l2 = _node(form, uid, Level2)
    old, l2.name = l2.name, name
    return old


def move_level2(form: Form, uid: str, index: int) -> int:
    """Move a level-2 category within its level-1 category; returns its old index."""
    place, l2 = remove_level2(form, uid)
    l1 = _node(form, place.parent, Level1)
    l1.children.insert(_clamp(index, len(l1.children)), l2)
    return place.index


# --- forms ----------------------------------------------------------------------------------


def _form_index(project: Project, form_id: str) -> int:
    for i, form in enumerate(project.forms):
        if form.id == form_id:
            return i
    raise OperationError(f"no form {form_id}")


def insert_form(project: Project, index: int, form: Form) -> int:
    """Put a form (new, or one taken out by `delete_form`) at `index`; returns the index."""
    if project.form(form.id) is not None:
        raise OperationError(f"form id {form.id} is taken")
    index = _clamp(index, len(project.forms))
    project.forms.insert(index, form)
    return index


def add_form(
    project: Project, kind: FormKind, index: int | None = None, year: int | None = None
) -> Form:
    """A new blank form of `kind` at `index` (default: the end)."""
    form = blank_form(kind, project.new_form_id(), year)
    insert_form(project, len(project.forms) if index is None else index, form)
    return form


def duplicate_form(
    project: Project, form_id: str, kind: FormKind | None = None, suffix: str = "（副本）"
) -> Form:
    """A copy of a form, right after it, with a new id and `suffix` on its name field."""
    index = _form_index(project, form_id)
    copy = clone_form(project.forms[index], project.new_form_id())
    if kind is not None and kind.name_field:
        name = copy.header.get(kind.name_field, "")
        set_header(copy, kind.name_field, name + suffix if name else "")
    project.forms.insert(index + 1, copy)
    return copy


def clone_form(form: Form, form_id: str) -> Form:
    copy = Form.model_validate(form.model_dump())
    copy.id = form_id
    return copy


def rename_form(form: Form, kind: FormKind, name: str) -> str:
    """Set the header field that names the form (项目名称, 部门名称); returns the old name."""
    if kind.name_field is None:
        raise OperationError(f"form kind {kind.id} has no name field")
    return set_header(form, kind.name_field, name)


def delete_form(project: Project, form_id: str) -> tuple[int, Form]:
    """Take a form out; `insert_form` with the index and form puts it back."""
    index = _form_index(project, form_id)
    return index, project.forms.pop(index)


def move_form(project: Project, form_id: str, index: int) -> int:
    """Move a form to `index` (counted after taking it out); returns its old index."""
    old, form = delete_form(project, form_id)
    project.forms.insert(_clamp(index, len(project.forms)), form)
    return old
