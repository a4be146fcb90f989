"""Undo commands: every change the editor makes to a project, reversible.

Each command applies a named core operation through the Document (or a form's tree model) and
keeps what the operation returned, so undo is the inverse operation, not a snapshot. A command
asks the window to show the changed place when it is undone or redone (not when first done:
the user is looking at it then).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.findings import Section
from desktop.core.model import Form, Indicator, Level2
from desktop.core.operations import Place
from desktop.ui.document import Document, Location
from desktop.ui.i18n import tr

_MERGE_TYPING = 1  # command id: consecutive keystrokes in one header field become one step


def _short(text: str, limit: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Command(QUndoCommand):
    """A change to one form; shows its place on undo and on redo after the first."""

    def __init__(self, doc: Document, form_id: str, text: str):
        super().__init__(text)
        self.doc = doc
        self.form_id = form_id
        self._done = False

    def location(self) -> Location:
        return Location(self.form_id, Section.FORM)

    def _show(self) -> None:
        self.doc.focusRequested.emit(self.location())

    def redo(self) -> None:
        self.apply()
        if self._done:
            self._show()
        self._done = True

    def undo(self) -> None:
        self.revert()
        self._show()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class SetHeader(_Command):
    """One header field; keystrokes in one editing session merge into one step."""

    def __init__(
        self, doc: Document, form_id: str, key: str, label: str, text: str, session: int = 0
    ):
        super().__init__(doc, form_id, tr("修改“{0}”").format(label))
        self.key, self.new, self.session = key, text, session
        self.old: str | None = None

    def id(self) -> int:
        return _MERGE_TYPING if self.session else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetHeader)
            and other.session == self.session
            and other.form_id == self.form_id
            and other.key == self.key
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def location(self) -> Location:
        return Location(self.form_id, Section.HEADER, self.key)

    def apply(self) -> None:
        old = self.doc.set_header(self.form_id, self.key, self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        self.doc.set_header(self.form_id, self.key, self.old or "")


class SetFundsCell(_Command):
    def __init__(self, doc: Document, form_id: str, row: str, column: str, label: str, text: str):
        super().__init__(doc, form_id, tr("修改“{0}”").format(label))
        self.row, self.column, self.new = row, column, text
        self.old = ""

    def location(self) -> Location:
        return Location(self.form_id, Section.FUNDS, f"{self.row}.{self.column}")

    def apply(self) -> None:
        self.old = self.doc.set_funds_cell(self.form_id, self.row, self.column, self.new)

    def revert(self) -> None:
        self.doc.set_funds_cell(self.form_id, self.row, self.column, self.old)


class SetTableCell(_Command):
    def __init__(
        self,
        doc: Document,
        form_id: str,
        table: str,
        index: int,
        column: str,
        label: str,
        text: str,
    ):
        super().__init__(doc, form_id, tr("修改“{0}”").format(label))
        self.table, self.index, self.column, self.new = table, index, column, text
        self.old = ""

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.{self.column}")

    def apply(self) -> None:
        self.old = self.doc.set_table_cell(
            self.form_id, self.table, self.index, self.column, self.new
        )

    def revert(self) -> None:
        self.doc.set_table_cell(self.form_id, self.table, self.index, self.column, self.old)


class InsertTableRow(_Command):
    def __init__(self, doc: Document, form_id: str, table: str, index: int, label: str):
        super().__init__(doc, form_id, tr("在“{0}”中添加一行").format(label))
        self.table, self.index = table, index

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.")

    def apply(self) -> None:
        self.index = self.doc.insert_table_row(self.form_id, self.table, self.index, None)

    def revert(self) -> None:
        self.doc.remove_table_row(self.form_id, self.table, self.index)


class RemoveTableRow(_Command):
    def __init__(self, doc: Document, form_id: str, table: str, index: int, label: str):
        super().__init__(doc, form_id, tr("删除“{0}”中的一行").format(label))
        self.table, self.index = table, index
        self.row: dict[str, str] = {}

    def location(self) -> Location:
        return Location(self.form_id, Section.TABLE, f"{self.table}.{self.index}.")

    def apply(self) -> None:
        self.row = self.doc.remove_table_row(self.form_id, self.table, self.index)

    def revert(self) -> None:
        self.doc.insert_table_row(self.form_id, self.table, self.index, self.row)


# --- the indicator tree -------------------------------------------------------------------


class SetIndicatorCell(_Command):
    def __init__(self, doc: Document, form_id: str, uid: str, key: str, label: str, text: str):
        super().__init__(doc, form_id, tr("修改{0}：{1}").format(label, _short(text) or tr("清空")))
        self.uid, self.key, self.new = uid, key, text
        self.old = ""

    def location(self) -> Location:
        return Location(self.form_id, Section.INDICATOR, self.key, self.uid)

    def apply(self) -> None:
        self.old = self.doc.tree(self.form_id).set_cell(self.uid, self.key, self.new)

    def revert(self) -> None:
        self.doc.tree(self.form_id).set_cell(self.uid, self.key, self.old)


class SetCells(_Command):
    """Many cells of one form as one step (default weights): (uid, key, text) indicator cells
    and (row, column, text) funds cells."""

    def __init__(
        self,
        doc: Document,
        form_id: str,
        text: str,
        indicator_cells: list[tuple[str, str, str]],
        funds_cells: list[tuple[str, str, str]] = (),
    ):
        super().__init__(doc, form_id, text)
        self.new = (list(indicator_cells), list(funds_cells))
        self.old: tuple[list, list] = ([], [])

    def location(self) -> Location:
        cells = self.new[0]
        if cells:
            return Location(self.form_id, Section.INDICATOR, cells[0][1], cells[0][0])
        return Location(self.form_id, Section.FORM)

    def apply(self) -> None:
        self.old = self.doc.set_cells(self.form_id, *self.new)

    def revert(self) -> None:
        cells, funds = self.old
        self.doc.set_cells(self.form_id, cells[::-1], funds[::-1])


class RenameLevel2(_Command):
    def __init__(self, doc: Document, form_id: str, uid: str, name: str):
        super().__init__(doc, form_id, tr("重命名二级指标为“{0}”").format(_short(name)))
        self.uid, self.new = uid, name
        self.old = ""

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)

    def apply(self) -> None:
        self.old = self.doc.tree(self.form_id).rename_level2(self.uid, self.new)

    def revert(self) -> None:
        self.doc.tree(self.form_id).rename_level2(self.uid, self.old)


class InsertIndicators(_Command):
    """New or pasted indicators at one place; redo after undo re-inserts the same rows."""

    def __init__(
        self,
        doc: Document,
        form_id: str,
        level2_uid: str,
        index: int,
        indicators: list[Indicator],
        text: str = "",
    ):
        n = len(indicators)
        super().__init__(doc, form_id, text or tr("添加 {0} 个指标").format(n))
        self.level2_uid, self.index, self.indicators = level2_uid, index, indicators

    def location(self) -> Location:
        uid = self.indicators[0].uid if self.indicators else self.level2_uid
        return Location(self.form_id, Section.INDICATOR, "name", uid)

    def apply(self) -> None:
        tree = self.doc.tree(self.form_id)
        self.index = tree.insert_indicators(self.level2_uid, self.index, self.indicators)

    def revert(self) -> None:
        tree = self.doc.tree(self.form_id)
        for ind in reversed(self.indicators):
            tree.remove_indicator(ind.uid)


class RemoveIndicators(_Command):
    def __init__(self, doc: Document, form_id: str, uids: list[str]):
        super().__init__(doc, form_id, tr("删除 {0} 个指标").format(len(uids)))
        self.uids = uids
        self.removed: list[tuple[Place, Indicator]] = []

    def location(self) -> Location:
        return Location(self.form_id, Section.INDICATOR, "name", self.uids[0])

    def apply(self) -> None:
        tree = self.doc.tree(self.form_id)
        self.removed = [tree.remove_indicator(uid) for uid in self.uids]

    def revert(self) -> None:
        tree = self.doc.tree(self.form_id)
        for place, ind in reversed(self.removed):
            tree.insert_indicators(place.parent, place.index, [ind])


class MoveIndicators(_Command):
    """Rows moved, in order, to sit just before `anchor` (None: the end) in a level-2 list."""

    def __init__(
        self, doc: Document, form_id: str, uids: list[str], level2_uid: str, anchor: str | None
    ):
        super().__init__(doc, form_id, tr("移动 {0} 个指标").format(len(uids)))
        self.uids, self.level2_uid, self.anchor = uids, level2_uid, anchor
        self.moves: list[tuple[str, Place]] = []

    def location(self) -> Location:
        return Location(self.form_id, Section.INDICATOR, "name", self.uids[0])

    def apply(self) -> None:
        tree = self.doc.tree(self.form_id)
        self.moves = []
        for uid in self.uids:
            self.moves.append((uid, tree.move_indicator_before(uid, self.level2_uid, self.anchor)))

    def revert(self) -> None:
        tree = self.doc.tree(self.form_id)
        for uid, place in reversed(self.moves):
            tree.move_indicator(uid, place.parent, place.index)


class InsertLevel2(_Command):
    def __init__(self, doc: Document, form_id: str, level1_uid: str, index: int, level2: Level2):
        super().__init__(doc, form_id, tr("添加二级指标“{0}”").format(_short(level2.name)))
        self.level1_uid, self.index, self.level2 = level1_uid, index, level2

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.level2.uid)

    def apply(self) -> None:
        self.index = self.doc.tree(self.form_id).insert_level2(
            self.level1_uid, self.index, self.level2
        )

    def revert(self) -> None:
        self.doc.tree(self.form_id).remove_level2(self.level2.uid)


class RemoveLevel2(_Command):
    def __init__(self, doc: Document, form_id: str, uid: str, name: str):
        super().__init__(doc, form_id, tr("删除二级指标“{0}”").format(_short(name)))
        self.uid = uid
        self.removed: tuple[Place, Level2] | None = None

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)

    def apply(self) -> None:
        self.removed = self.doc.tree(self.form_id).remove_level2(self.uid)

    def revert(self) -> None:
        place, level2 = self.removed
        self.doc.tree(self.form_id).insert_level2(place.parent, place.index, level2)


class MoveLevel2(_Command):
    def __init__(self, doc: Document, form_id: str, uid: str, index: int):
        super().__init__(doc, form_id, tr("移动二级指标"))
        self.uid, self.index = uid, index
        self.old = 0

    def location(self) -> Location:
        return Location(self.form_id, Section.CATEGORY, "", self.uid)

    def apply(self) -> None:
        self.old = self.doc.tree(self.form_id).move_level2(self.uid, self.index)

    def revert(self) -> None:
        self.doc.tree(self.form_id).move_level2(self.uid, self.old)


# --- forms --------------------------------------------------------------------------------


class AddForm(_Command):
    """A new or duplicated form; `make` runs the core operation the first time."""

    def __init__(self, doc: Document, make: Callable[[], Form], text: str):
        super().__init__(doc, "", text)
        self.make = make
        self.form: Form | None = None
        self.index = 0

    def apply(self) -> None:
        if self.form is None:
            self.form = self.make()
            self.form_id = self.form.id
            self.index = next(i for i, f in enumerate(self.doc.project.forms) if f is self.form)
            self.doc.forms_changed(self.form_id)
        else:
            self.doc.insert_form(self.index, self.form)

    def revert(self) -> None:
        self.doc.delete_form(self.form_id)


class DeleteForm(_Command):
    def __init__(self, doc: Document, form_id: str, label: str):
        super().__init__(doc, form_id, tr("删除表单“{0}”").format(_short(label)))
        self.index = 0
        self.form: Form | None = None

    def apply(self) -> None:
        self.index, self.form = self.doc.delete_form(self.form_id)

    def revert(self) -> None:
        self.doc.insert_form(self.index, self.form)


class MoveForm(_Command):
    def __init__(self, doc: Document, form_id: str, index: int):
        super().__init__(doc, form_id, tr("调整表单顺序"))
        self.index = index
        self.old = 0

    def apply(self) -> None:
        self.old = self.doc.move_form(self.form_id, self.index)

    def revert(self) -> None:
        self.doc.move_form(self.form_id, self.old)
