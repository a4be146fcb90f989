"""Named operations on a project: what the CLI and the editor do to the model.

Each operation is one small change that returns what is needed to reverse it (the old text, the
place a row was taken from, the removed object), so the editor's undo commands are two calls and
no copy of the project. Nodes are addressed by their in-memory `uid`, which stays with a row
when rows around it move.

Below the functions, the *edits*: every change a user makes (typing, paste, import, a reviewer's
comment) is one `Edit` object that can do and undo itself on a project, tells a `TreeObserver`
before and after the shape of an indicator tree changes and returns `OpChanges` (what changed:
form, fields, rows). The editor's Document applies edits and pushes them as undo steps; Qt
item models only listen (Anki's operations + OpChanges, orange-canvas-core's domain commands).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop.core.display import valid_text
from desktop.core.findings import Section
from desktop.core.kinds import FormKind
from desktop.core.limits import rows_over
from desktop.core.model import Form, Indicator, Level1, Level2, Project

Node = Level1 | Level2 | Indicator
_N = TypeVar("_N", Level1, Level2, Indicator)


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


def _index_of(items: Sequence[object], node: object) -> int:
    """Position by identity: two blank indicators are equal but are not the same row."""
    for i, item in enumerate(items):
        if item is node:
            return i
    raise OperationError("row not in its list")


def locate(form: Form, uid: str) -> tuple[Node, list[Any], Level1 | Level2 | None]:
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


def _node(form: Form, uid: str, cls: type[_N]) -> _N:
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
    assert parent is not None  # an indicator is always inside a level-2 category
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
    assert parent is not None  # a level-2 category is always inside a level-1 category
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
    index, copy = duplicate_of(project, form_id, kind, suffix)
    project.forms.insert(index, copy)
    return copy


def duplicate_of(
    project: Project, form_id: str, kind: FormKind | None = None, suffix: str = "（副本）"
) -> tuple[int, Form]:
    """The copy `duplicate_form` makes and the index it goes to, not yet in the project."""
    index = _form_index(project, form_id)
    copy = clone_form(project.forms[index], project.new_form_id())
    if kind is not None and kind.name_field:
        name = copy.header.get(kind.name_field, "")
        set_header(copy, kind.name_field, name + suffix if name else "")
    return index + 1, copy


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


# --- edits: the one funnel every change goes through ------------------------------------------


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the project to show, in the same terms as a Finding."""

    form_id: str
    section: Section
    key: str = ""
    uid: str = ""
    where: str = ""


@dataclass(frozen=True)
class OpChanges:
    """What an edit changed, so each view updates only what it shows (Anki's OpChanges)."""

    form_id: str = ""
    header: frozenset[str] = frozenset()  # header field keys
    funds: frozenset[tuple[str, str]] = frozenset()  # (row, column)
    table_cells: frozenset[tuple[str, int, str]] = frozenset()  # (table, row, column)
    tables: frozenset[str] = frozenset()  # tables that gained or lost rows
    cells: frozenset[tuple[str, str]] = frozenset()  # indicator cells (uid, key)
    rows: bool = False  # the indicator tree's shape or a category's name
    forms: bool = False  # forms added, removed or reordered

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            self.form_id or other.form_id,
            self.header | other.header,
            self.funds | other.funds,
            self.table_cells | other.table_cells,
            self.tables | other.tables,
            self.cells | other.cells,
            self.rows or other.rows,
            self.forms or other.forms,
        )


class TreeObserver:
    """Told before and after an edit changes the shape of a form's indicator tree: a Qt item
    model turns these into its begin/end calls. Parents are uids, "" for the level-1 list;
    a move's `dst_row` counts before the rows are taken out (as Qt's beginMoveRows does), and
    moves `count` rows from `src_row` on. Rows that go together are told as one span: views
    pay per notification for every row they hold (selected, current, expanded)."""

    def inserting(self, form_id: str, parent: str, first: int, last: int) -> None: ...
    def inserted(self, form_id: str, parent: str, first: int, last: int) -> None: ...
    def removing(self, form_id: str, parent: str, first: int, last: int) -> None: ...
    def removed(self, form_id: str, parent: str, first: int, last: int) -> None: ...
    def moving(self, form_id: str, src: str, src_row: int, dst: str, dst_row: int,
               count: int = 1) -> None: ...  # fmt: skip
    def moved(self, form_id: str, src: str, src_row: int, dst: str, dst_row: int,
              count: int = 1) -> None: ...  # fmt: skip


SILENT = TreeObserver()


class _Tree:
    """The tree operations above, announced to an observer."""

    def __init__(self, form: Form, obs: TreeObserver):
        self.form, self.obs = form, obs

    def insert_indicators(self, level2_uid: str, index: int, inds: list[Indicator]) -> int:
        l2 = _node(self.form, level2_uid, Level2)
        assert isinstance(l2, Level2)
        index = _clamp(index, len(l2.indicators))
        if inds:
            span = (self.form.id, level2_uid, index, index + len(inds) - 1)
            self.obs.inserting(*span)
            insert_indicators(self.form, level2_uid, index, inds)
            self.obs.inserted(*span)
        return index

    def remove(self, uid: str) -> Place:
        place = place_of(self.form, uid)
        self.remove_run(place.parent, locate(self.form, uid)[1], place.index, place.index)
        return place

    def move(self, uid: str, parent_uid: str, index: int) -> Place:
        """Move a node to `index` of `parent_uid`'s children (counted after taking it out);
        returns where it was."""
        node = locate(self.form, uid)[0]
        return self.move_run([node], parent_uid, index) or place_of(self.form, uid)

    def remove_run(self, parent_uid: str, siblings: list[Any], first: int, last: int) -> None:
        """Take rows `first`..`last` out of `siblings` (the children of `parent_uid`)."""
        span = (self.form.id, parent_uid, first, last)
        self.obs.removing(*span)
        del siblings[first : last + 1]
        self.obs.removed(*span)

    def move_run(self, nodes: list[Any], parent_uid: str, index: int) -> Place | None:
        """Move `nodes`, consecutive rows of one list in order, to `index` of `parent_uid`'s
        children (counted after taking them out); returns where the first was (None when they
        are there already)."""
        old = place_of(self.form, nodes[0].uid)
        siblings = _children(self.form, old.parent)
        target = _children(self.form, parent_uid)
        same = target is siblings
        index = _clamp(index, len(target) - (len(nodes) if same else 0))
        if same and index == old.index:
            return None
        destination = index + len(nodes) if same and index > old.index else index
        span = (self.form.id, old.parent, old.index, parent_uid, destination, len(nodes))
        self.obs.moving(*span)
        del siblings[old.index : old.index + len(nodes)]
        target[index:index] = nodes
        self.obs.moved(*span)
        return old

    def insert_level2(self, level1_uid: str, index: int, level2: Level2) -> int:
        l1 = _node(self.form, level1_uid, Level1)
        assert isinstance(l1, Level1)
        index = _clamp(index, len(l1.children))
        span = (self.form.id, level1_uid, index, index)
        self.obs.inserting(*span)
        insert_level2(self.form, level1_uid, index, level2)
        self.obs.inserted(*span)
        return index


def _children(form: Form, uid: str) -> list[Any]:
    if not uid:
        return form.indicators
    node = locate(form, uid)[0]
    if isinstance(node, Level1):
        return node.children
    if isinstance(node, Level2):
        return node.indicators
    raise OperationError(f"row {uid} has no children")


class Edit:
    """One change a user makes, done and undone on a project."""

    form_id: str

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        raise NotImplementedError

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        raise NotImplementedError

    def location(self) -> Location:
        return Location(self.form_id, Section.FORM)

    def merge(self, other: Edit) -> bool:
        """Take `other` (done just after this one) into this edit; typing merges."""
        return False

    def is_void(self) -> bool:
        """True when the edit, merged, changes nothing any more."""
        return False

    def _form(self, project: Project) -> Form:
        form = project.form(self.form_id)
        if form is None:
            raise OperationError(f"no form {self.form_id}")
        return form


@dataclass(eq=False)
class SetHeader(Edit):
    """One header field; keystrokes of one editing `session` (non-zero) merge into one edit."""

    form_id: str
    key: str
    text: str
    session: int = 0
    old: str | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        old = set_header(self._form(project), self.key, self.text)
        if self.old is None:
            self.old = old
        return OpChanges(self.form_id, header=frozenset({self.key}))

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_header(self._form(project), self.key, self.old or "")
        return OpChanges(self.form_id, header=frozenset({self.key}))

    def location(self) -> Location:
        return Location(self.form_id, Section.HEADER, self.key)

    def merge(self, other: Edit) -> bool:
        if not (
            self.session
            and isinstance(other, SetHeader)
            and (other.session, other.form_id, other.key) == (self.session, self.form_id, self.key)
        ):
            return False
        self.text = other.text
        return True

    def is_void(self) -> bool:
        return self.text == (self.old or "")


@dataclass(eq=False)
class SetFundsCell(Edit):
    form_id: str
    row: str
    column: str
    text: str
    old: str = ""

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.old = set_funds_cell(self._form(project), self.row, self.column, self.text)
        return OpChanges(self.form_id, funds=frozenset({(self.row, self.column)}))

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_funds_cell(self._form(project), self.row, self.column, self.old)
        return OpChanges(self.form_id, funds=frozenset({(self.row, self.column)}))

    def location(self) -> Location:
        return Location(self.form_id, Section.FUNDS, f"{self.row}.{self.column}")


@dataclass(eq=False)
class SetTableCell(Edit):
    form_id: str
    table: str
    index: int
    column: str
    text: str
    old: str = ""

    def _changes(self) -> OpChanges:
        return OpChanges(
            self.form_id, table_cells=frozenset({(self.table, self.index, self.column)})
        )

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        self.old = set_table_cell(form, self.table, self.index, self.column, self.text)
        return self._changes()

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_table_cell(self._form(project), self.table, self.index, self.column, self.old)
        return self._changes()

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.{self.column}")


@dataclass(eq=False)
class InsertTableRow(Edit):
    """A blank row (or `row`) at `index` of a repeating table."""

    form_id: str
    table: str
    index: int
    row: dict[str, str] | None = None
    new_table: bool = False  # the form had no such table before: undo leaves none

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        self.new_table = self.table not in form.tables
        self.index = insert_table_row(form, self.table, self.index, self.row)
        return OpChanges(self.form_id, tables=frozenset({self.table}))

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        self.row = remove_table_row(form, self.table, self.index)
        if self.new_table and not form.tables[self.table]:
            del form.tables[self.table]
        return OpChanges(self.form_id, tables=frozenset({self.table}))

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.")


@dataclass(eq=False)
class RemoveTableRow(Edit):
    form_id: str
    table: str
    index: int
    row: dict[str, str] = field(default_factory=dict)

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.row = remove_table_row(self._form(project), self.table, self.index)
        return OpChanges(self.form_id, tables=frozenset({self.table}))

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        insert_table_row(self._form(project), self.table, self.index, self.row)
        return OpChanges(self.form_id, tables=frozenset({self.table}))

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.")


Cell = tuple[str, str, str]  # (uid, key, text) of an indicator; (row, column, text) of funds


@dataclass(eq=False)
class SetCells(Edit):
    """Many cells of one form as one edit: indicator cells (uid, key, text) and funds cells
    (row, column, text)."""

    form_id: str
    cells: Sequence[Cell] = ()
    funds: Sequence[Cell] = ()
    old: tuple[list[Cell], list[Cell]] = ([], [])

    def _set(
        self, form: Form, cells: Iterable[Cell], funds: Iterable[Cell]
    ) -> tuple[list[Cell], list[Cell]]:
        old_funds = [(r, c, set_funds_cell(form, r, c, text)) for r, c, text in funds]
        old_cells = [(u, k, set_indicator_cell(form, u, k, text)) for u, k, text in cells]
        return old_cells, old_funds

    def _changes(self) -> OpChanges:
        return OpChanges(
            self.form_id,
            funds=frozenset((r, c) for r, c, _ in self.funds),
            cells=frozenset((u, k) for u, k, _ in self.cells),
        )

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.old = self._set(self._form(project), self.cells, self.funds)
        return self._changes()

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        cells, funds = self.old
        self._set(self._form(project), cells[::-1], funds[::-1])
        return self._changes()

    def location(self) -> Location:
        if self.cells:
            uid, key, _ = self.cells[0]
            return Location(self.form_id, Section.INDICATOR, key, uid)
        if self.funds:
            row, column, _ = self.funds[0]
            return Location(self.form_id, Section.FUNDS, f"{row}.{column}")
        return Location(self.form_id, Section.FORM)


def set_indicator_cell_edit(form_id: str, uid: str, key: str, text: str) -> SetCells:
    """One indicator cell as an edit."""
    return SetCells(form_id, [(uid, key, text)])


@dataclass(eq=False)
class RenameLevel2(Edit):
    form_id: str
    uid: str
    name: str
    old: str = ""

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.old = rename_level2(self._form(project), self.uid, self.name)
        return OpChanges(self.form_id, cells=frozenset({(self.uid, "")}), rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        rename_level2(self._form(project), self.uid, self.old)
        return OpChanges(self.form_id, cells=frozenset({(self.uid, "")}), rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)


@dataclass(eq=False)
class InsertIndicators(Edit):
    """New or pasted indicators at one place; redo after undo re-inserts the same rows."""

    form_id: str
    level2_uid: str
    index: int
    indicators: list[Indicator]

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        tree = _Tree(self._form(project), obs)
        self.index = tree.insert_indicators(self.level2_uid, self.index, self.indicators)
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        _remove_runs(_Tree(form, obs), _runs(form, [ind.uid for ind in self.indicators]))
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        uid = self.indicators[0].uid if self.indicators else self.level2_uid
        return Location(self.form_id, Section.INDICATOR, "name", uid)


def _runs(form: Form, uids: list[str]) -> list[tuple[str, list[Any], int, list[Any]]]:
    """The rows `uids` (in this order) as runs: (parent uid, the list holding them, index of
    the first, the nodes), each run consecutive rows of one list; one pass over the form."""
    where: dict[str, tuple[str, list[Any], int, Any]] = {}
    for l1 in form.indicators:
        for l2 in l1.children:
            for i, ind in enumerate(l2.indicators):
                where[ind.uid] = (l2.uid, l2.indicators, i, ind)
    runs: list[tuple[str, list[Any], int, list[Any]]] = []
    for uid in dict.fromkeys(uids):
        found = where.get(uid)
        if found is None:
            _node(form, uid, Indicator)  # the error the row-by-row edit gave: no such row
            raise OperationError(f"row {uid} is not an indicator")
        parent, siblings, index, node = found
        if runs and runs[-1][1] is siblings and runs[-1][2] + len(runs[-1][3]) == index:
            runs[-1][3].append(node)
        else:
            runs.append((parent, siblings, index, [node]))
    return runs


def _remove_runs(
    tree: _Tree, runs: list[tuple[str, list[Any], int, list[Any]]]
) -> list[tuple[Place, list[Any]]]:
    """Take the runs out, the last of a list first (so that the indexes of the others stay
    right); returns (where, rows) of each, in the order taken out."""
    removed = []
    for parent, siblings, first, nodes in sorted(runs, key=lambda r: (id(r[1]), -r[2])):
        tree.remove_run(parent, siblings, first, first + len(nodes) - 1)
        removed.append((Place(parent, first), nodes))
    return removed


@dataclass(eq=False)
class RemoveIndicators(Edit):
    """Rows deleted; consecutive rows go (and come back on undo) as one span."""

    form_id: str
    uids: list[str]
    removed: list[tuple[Place, list[Indicator]]] = field(default_factory=list)

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        self.removed = _remove_runs(_Tree(form, obs), _runs(form, self.uids))
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        tree = _Tree(self._form(project), obs)
        for place, inds in reversed(self.removed):
            tree.insert_indicators(place.parent, place.index, inds)
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.INDICATOR, "name", self.uids[0])


def _index_before(target: list[Any], nodes: list[Any], anchor: str | None) -> int:
    """Where `nodes` go to sit just before `anchor` (None: at the end) in `target`, counted
    after taking them out."""
    moving = {id(n) for n in nodes}
    index = 0
    for n in target:
        if id(n) in moving:
            continue
        if n.uid == anchor:
            return index
        index += 1
    return index


@dataclass(eq=False)
class MoveIndicators(Edit):
    """Rows moved, in order, to sit just before `anchor` (None: the end) in a level-2 list;
    consecutive rows move as one span."""

    form_id: str
    uids: list[str]
    level2_uid: str
    anchor: str | None = None
    moves: list[tuple[list[Indicator], Place]] = field(default_factory=list)

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        tree = _Tree(form, obs)
        target = _node(form, self.level2_uid, Level2).indicators
        self.moves = []
        runs = _runs(form, self.uids)
        if self.anchor in self.uids:  # before a row that moves itself: row by row, as it was
            runs = [(p, s, i + k, [n]) for p, s, i, nodes in runs for k, n in enumerate(nodes)]
        for _, _, _, nodes in runs:
            index = _index_before(target, nodes, self.anchor)
            old = tree.move_run(nodes, self.level2_uid, index)
            if old is not None:
                self.moves.append((nodes, old))
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        tree = _Tree(self._form(project), obs)
        for nodes, place in reversed(self.moves):
            tree.move_run(nodes, place.parent, place.index)
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.INDICATOR, "name", self.uids[0])


@dataclass(eq=False)
class InsertLevel2(Edit):
    form_id: str
    level1_uid: str
    index: int
    level2: Level2

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        tree = _Tree(self._form(project), obs)
        self.index = tree.insert_level2(self.level1_uid, self.index, self.level2)
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        _Tree(self._form(project), obs).remove(self.level2.uid)
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.level2.uid)


@dataclass(eq=False)
class RemoveLevel2(Edit):
    form_id: str
    uid: str
    removed: tuple[Place, Level2] | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        form = self._form(project)
        level2 = _node(form, self.uid, Level2)
        assert isinstance(level2, Level2)
        self.removed = (_Tree(form, obs).remove(self.uid), level2)
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        assert self.removed is not None
        place, level2 = self.removed
        _Tree(self._form(project), obs).insert_level2(place.parent, place.index, level2)
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)


@dataclass(eq=False)
class MoveLevel2(Edit):
    """A level-2 category to `index` within its level-1 category."""

    form_id: str
    uid: str
    index: int
    old: int = 0

    def _move(self, project: Project, obs: TreeObserver, index: int) -> int:
        """Move within the level-1 list; returns the index it came from."""
        form = self._form(project)
        parent = place_of(form, self.uid).parent
        return _Tree(form, obs).move(self.uid, parent, index).index

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.old = self._move(project, obs, self.index)
        return OpChanges(self.form_id, rows=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self._move(project, obs, self.old)
        return OpChanges(self.form_id, rows=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)


@dataclass(eq=False)
class AddForm(Edit):
    """A form made by a core function (blank, duplicated, generated) put in at `index`."""

    form: Form
    index: int

    def __post_init__(self) -> None:
        self.form_id = self.form.id

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.index = insert_form(project, self.index, self.form)
        return OpChanges(self.form_id, forms=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        delete_form(project, self.form_id)
        return OpChanges(self.form_id, forms=True)


@dataclass(eq=False)
class DeleteForm(Edit):
    form_id: str
    index: int = 0
    form: Form | None = None

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.index, self.form = delete_form(project, self.form_id)
        return OpChanges(self.form_id, forms=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        assert self.form is not None
        insert_form(project, self.index, self.form)
        return OpChanges(self.form_id, forms=True)


@dataclass(eq=False)
class MoveForm(Edit):
    form_id: str
    index: int
    old: int = 0

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        self.old = move_form(project, self.form_id, self.index)
        return OpChanges("", forms=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        move_form(project, self.form_id, self.old)
        return OpChanges("", forms=True)


@dataclass(eq=False)
class Batch(Edit):
    """Several edits as one step (a paste that adds a category and its rows)."""

    edits: list[Edit]

    def __post_init__(self) -> None:
        self.form_id = self.edits[0].form_id if self.edits else ""

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        changes = OpChanges(self.form_id)
        for edit in self.edits:
            changes |= edit.do(project, obs)
        return changes

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        changes = OpChanges(self.form_id)
        for edit in reversed(self.edits):
            changes |= edit.undo(project, obs)
        return changes

    def location(self) -> Location:
        return self.edits[0].location() if self.edits else super().location()


def _rows_added(edit: Edit, tree: dict[str, int], tables: dict[str, dict[str, int]],
                new: list[Form]) -> None:  # fmt: skip
    if isinstance(edit, Batch):
        for e in edit.edits:
            _rows_added(e, tree, tables, new)
    elif isinstance(edit, InsertIndicators):
        tree[edit.form_id] = tree.get(edit.form_id, 0) + len(edit.indicators)
    elif isinstance(edit, InsertLevel2):
        tree[edit.form_id] = tree.get(edit.form_id, 0) + 1 + len(edit.level2.indicators)
    elif isinstance(edit, InsertTableRow):
        by_table = tables.setdefault(edit.form_id, {})
        by_table[edit.table] = by_table.get(edit.table, 0) + 1
    elif isinstance(edit, AddForm):
        new.append(edit.form)


def rows_exceeded(project: Project, edit: Edit) -> tuple[Form, str, int] | None:
    """(form, part, rows) when doing `edit` would leave a form with more rows than a project
    file may hold (limits.MAX_ROWS: a paste of a long column, an import); None when it would
    not. Checked before the edit is done: nothing is built that could not be saved."""
    tree: dict[str, int] = {}
    tables: dict[str, dict[str, int]] = {}
    new: list[Form] = []
    _rows_added(edit, tree, tables, new)
    added = {f.id: f for f in new}
    for form_id in dict.fromkeys([*tree, *tables, *added]):
        form = added.get(form_id) or project.form(form_id)
        if form is None:
            continue
        over = rows_over(form, tree.get(form_id, 0), tables.get(form_id))
        if over is not None:
            return form, *over
    return None
