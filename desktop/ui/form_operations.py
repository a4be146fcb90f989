"""The Form menu's operations on the open project: add, duplicate, delete and move forms,
generate a self-evaluation, reset its weights. Each builds core edits and applies them through
the Document; the window tells it which form is current and shows what it reports.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core import operations as ops
from desktop.core.editing import accepted_suggestions, default_weight_changes
from desktop.core.kinds import KindRegistry
from desktop.core.selfeval import SelfEvalError, selfeval_for
from desktop.ui import prompts
from desktop.ui.document import Document
from desktop.ui.editors import finish_cell_editing
from desktop.ui.i18n import short, tr


class FormOperations(QObject):
    showForm = Signal(str)  # a form the user should see now
    status = Signal(str, int)

    def __init__(
        self,
        parent: QWidget,
        registry: KindRegistry,
        document: Callable[[], Document | None],
        current_form: Callable[[], str | None],
    ):
        super().__init__(parent)
        self.widget = parent
        self.registry = registry
        self._document = document
        self._current = current_form

    def _here(self) -> tuple[Document, str] | None:
        """The document and its current form, once an open editor (a form's new name in the
        forms list, a cell) is committed: its value is its own step, before the operation,
        which would otherwise meet it half done, as the views close their editors."""
        finish_cell_editing()
        doc, form_id = self._document(), self._current()
        if doc is None or form_id is None or doc.project.form(form_id) is None:
            return None
        return doc, form_id

    def _insert_index(self, doc: Document) -> int:
        current = self._current()
        forms = doc.project.forms
        return next((i + 1 for i, f in enumerate(forms) if f.id == current), len(forms))

    def _add(self, doc: Document, form: ops.Form, index: int, text: str) -> None:
        if doc.apply(ops.AddForm(form, index), text):
            self.showForm.emit(form.id)

    def add_form(self) -> None:
        from desktop.ui.dialogs import pick_kind

        doc = self._document()
        choice = pick_kind(self.widget, self.registry, tr("添加表单"))
        if choice is None or doc is None:
            return
        kind, year = choice
        form = ops.blank_form(kind, doc.project.new_form_id(), year)
        self._add(doc, form, self._insert_index(doc), tr("添加表单“{0}”").format(kind.name))

    def duplicate_form(self) -> None:
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        kind = doc.kind(doc.form(form_id))
        index, copy = ops.duplicate_of(doc.project, form_id, kind, tr("（副本）"))
        self._add(doc, copy, index, tr("复制表单“{0}”").format(doc.label(doc.form(form_id))))

    def delete_form(self) -> None:
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        label = doc.label(doc.form(form_id))
        if doc.apply(ops.DeleteForm(form_id), tr("删除表单“{0}”").format(short(label))):
            self.status.emit(tr("已删除表单“{0}”，可用 Ctrl+Z 撤销。").format(label), 8000)

    def move_form(self, delta: int) -> None:
        """Move the current form past its neighbour of the same kind (the tree groups by kind)."""
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        forms = doc.project.forms
        form = doc.form(form_id)
        same = [i for i, f in enumerate(forms) if f.kind == form.kind]
        neighbour = same.index(forms.index(form)) + delta
        if not 0 <= neighbour < len(same):
            QApplication.beep()
            return
        doc.apply(ops.MoveForm(form_id, same[neighbour]), tr("调整表单顺序"))
        self.showForm.emit(form_id)

    def generate_selfeval(self) -> None:
        """A self-evaluation made from the current target form, inserted after it."""
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        try:
            form = selfeval_for(doc.project, form_id, self.registry)
        except SelfEvalError as exc:
            prompts.show_error(self.widget, tr("无法生成自评表"), str(exc))
            return
        self._add(doc, form, self._insert_index(doc), tr("生成自评表“{0}”").format(doc.label(form)))
        self.status.emit(tr("已生成自评表，请填写实际完成值；分值已按默认比例分配。"), 8000)

    def reset_weights(self) -> None:
        """Every weight of the current self-evaluation back to the default split, one step."""
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        form = doc.form(form_id)
        kind = doc.kind(form)
        if kind is None or kind.scoring is None:
            QApplication.beep()
            return
        cells, funds = default_weight_changes(form, kind)
        if not cells and not funds:
            self.status.emit(tr("分值已是默认分配，无需重置。"), 5000)
            return
        doc.apply(ops.SetCells(form_id, cells, funds), tr("重置分值"))
        done = tr("已把 {0} 项分值恢复为默认分配。").format(len(cells) + len(funds))
        self.status.emit(done, 5000)

    def accept_suggestions(self) -> None:
        """Every suggested band of the current self-evaluation accepted, as one undo step."""
        here = self._here()
        if here is None:
            return
        doc, form_id = here
        scores = doc.score(form_id)
        cells = accepted_suggestions(scores) if scores is not None else []
        if not cells:
            self.status.emit(tr("当前表单没有可接受的建议档次。"), 5000)
            return
        doc.apply(ops.SetCells(form_id, cells), tr("接受建议档次"))
        rows = len({uid for uid, _, _ in cells})
        self.status.emit(tr("已接受 {0} 项建议档次，请核对得分。").format(rows), 5000)
