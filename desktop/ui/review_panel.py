"""审核 mode: the finance bureau's comments and verdict beside the form, and 比较… (what changed).

The dock lists the current form's comments (open ones first) with their place; a reviewer adds
a comment to the place last focused on the form (a header field, a funds cell, the selected
indicator or category), else to the whole form, or from the context menu of a header field or
a funds cell, and gives the verdict; the clerk marks comments resolved. Every action is a core
edit through `Document.apply` (undoable), and open comments are findings, so they also show in
the problems list and beside their cell.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import review
from desktop.core.diff import KIND_ZH, Change, diff_projects
from desktop.core.embedded import project_registry
from desktop.core.model import VERDICTS, Anchor, Indicator, Level1, Level2
from desktop.core.storage import ProjectFileError, load_project
from desktop.ui.i18n import tr


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system: comments go unsigned
        return ""


class ReviewPanel(QWidget):
    """The comments of one form and its verdict."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.form_id: str | None = None
        self.verdict_label = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("状态"), tr("位置"), tr("审核意见")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.add_button = QPushButton(tr("添加意见…"))
        self.resolve_button = QPushButton(tr("标记已解决"))
        self.verdict_box = QComboBox()
        for key, text in VERDICTS.items():
            self.verdict_box.addItem(text, key)
        self.verdict_button = QPushButton(tr("给出结论"))
        self.add_button.clicked.connect(self.add_comment)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.verdict_button.clicked.connect(self.give_verdict)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.resolve_button, self.verdict_box, self.verdict_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._focused: QWidget | None = None  # the last place focused on the form page
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Remember the place last focused on the form page (the application tells every
        panel, also one whose window is being closed: nothing of it may be gone)."""
        window = self.window
        if new is None or not shiboken6.isValid(self) or not shiboken6.isValid(window):
            return
        work = getattr(window, "work", None)
        page = work.page if work is not None and shiboken6.isValid(work) else None
        if page is not None and shiboken6.isValid(page) and page.isAncestorOf(new):
            self._focused = new

    @property
    def doc(self):
        return self.window.doc

    def refresh(self) -> None:
        doc, self.form_id = self.doc, self.window.current_form_id()
        self.table.setRowCount(0)
        form = doc.project.form(self.form_id) if doc and self.form_id else None
        if form is None:
            self.verdict_label.setText(tr("没有打开的表单。"))
            return
        verdict = review.verdict_of(doc.project, form.id)
        self.verdict_label.setText(
            tr("审核结论：{0}").format(VERDICTS[verdict.verdict])
            if verdict
            else tr("尚未给出审核结论")
        )
        comments = sorted(review.comments_of(doc.project, form.id), key=lambda c: c.resolved)
        for c in comments:
            row = self.table.rowCount()
            self.table.insertRow(row)
            state = tr("已解决") if c.resolved else tr("待修改")
            where = review.resolve(form, c.anchor, doc.kind(form)).where
            for col, text in enumerate((state, where, c.text)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def _focused_place(self, page) -> Anchor | None:
        """The header field or funds cell last focused on `page`, if that was one."""
        w = self._focused
        if w is None or not shiboken6.isValid(w) or not page.isAncestorOf(w):
            return None
        for key, field in page.fields.items():
            if w is field.widget or field.widget.isAncestorOf(w):
                return Anchor(section="header", key=key)
        funds = page.funds_view
        if funds is not None and (w is funds or funds.isAncestorOf(w)):
            index = funds.currentIndex()
            if index.isValid():
                return Anchor(
                    section="funds", key=funds.model().cell_key(index.row(), index.column())
                )
        return None

    def _anchor(self) -> Anchor:
        """The header field or funds cell last focused, else the selected row of the indicator
        tree, else the whole form."""
        page = self.window.work.page
        place = self._focused_place(page) if page is not None else None
        if place is not None:
            return place
        view = getattr(page, "indicator_view", None)
        node = view.current_node() if view is not None else None
        form = self.doc.form(self.form_id)
        if isinstance(node, Indicator):
            return review.anchor_for(form, "indicator", "target", node.uid)
        if isinstance(node, (Level1, Level2)):
            return review.anchor_for(form, "category", "", node.uid)
        return Anchor()

    def add_comment(self, text: str | None = None, anchor: Anchor | None = None) -> bool:
        """A comment on `anchor` (by default the place the reviewer is at); asks for the text
        when none is given."""
        self.form_id = self.window.current_form_id()
        if self.doc is None or self.form_id is None:
            return False
        anchor = anchor or self._anchor()
        if not text:
            form = self.doc.form(self.form_id)
            where = review.resolve(form, anchor, self.doc.kind(form)).where
            text, ok = QInputDialog.getMultiLineText(
                self, tr("添加审核意见"), tr("对“{0}”的审核意见：").format(where)
            )
            if not ok or not text.strip():
                return False
        edit = review.AddComment(self.form_id, text.strip(), anchor, _user())
        return self.doc.apply(edit, tr("添加审核意见"))

    def resolve_selected(self) -> bool:
        rows = {i.row() for i in self.table.selectedIndexes()}
        done = False
        for row in sorted(rows):
            item = self.table.item(row, 0)
            comment_id = item.data(Qt.ItemDataRole.UserRole)
            edit = review.ResolveComment(self.form_id, comment_id, by=_user())
            done = self.doc.apply(edit, tr("审核意见已解决")) or done
        return done

    def give_verdict(self) -> bool:
        if self.doc is None or self.form_id is None:
            return False
        edit = review.GiveVerdict(self.form_id, self.verdict_box.currentData(), _user())
        return self.doc.apply(edit, tr("审核结论"))


class CompareDialog(QDialog):
    """What changed from another version of the project to the open one; printable."""

    def __init__(self, changes: list[Change], old_name: str, new_name: str, parent=None):
        super().__init__(parent)
        self.changes, self.old_name, self.new_name = changes, old_name, new_name
        self.setWindowTitle(tr("比较：{0} → {1}").format(old_name, new_name))
        self.resize(900, 500)
        table = QTableWidget(len(changes), 5, self)
        table.setHorizontalHeaderLabels(
            [tr("表单"), tr("变化"), tr("位置"), tr("原内容"), tr("修改后")]
        )
        for row, c in enumerate(changes):
            for col, text in enumerate((c.form, KIND_ZH[c.kind], c.where, c.old, c.new)):
                table.setItem(row, col, QTableWidgetItem(text))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        export = buttons.addButton(tr("导出 PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self.export_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("共 {0} 处变化。").format(len(changes))))
        layout.addWidget(table)
        layout.addWidget(buttons)

    def export_pdf(self, path: str | None = None) -> None:
        from desktop.core.printing import PrintError
        from desktop.core.printing.review_sheet import render_diff_pdf
        from desktop.ui import prompts

        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("导出修改对照表"), "", "PDF (*.pdf)")
        if path:
            try:
                render_diff_pdf(self.changes, Path(path), self.old_name, self.new_name)
            except (PrintError, OSError) as exc:
                prompts.show_error(self, tr("无法导出"), str(exc))


class ReviewController(QObject):
    """The 审核 menu: the review dock, 比较…, the printed 审核意见书."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.panel = ReviewPanel(window)
        self.dock = QDockWidget(tr("审核意见"), window)
        self.dock.setObjectName("reviewDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(lambda shown: shown and self.panel.refresh())
        window.work.pageChanged.connect(self._refresh)
        window.work.pageChanged.connect(self._hook_page)
        self._doc = None

    # --- context menus of the form page's header fields and funds cells --------------------

    def _hook_page(self) -> None:
        page = self.window.work.page
        if page is None or getattr(page, "_review_menus", False):
            return
        page._review_menus = True
        for key, field in page.fields.items():
            target = field.widget
            if isinstance(target, QComboBox) and target.lineEdit() is not None:
                target = target.lineEdit()
            target.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            target.customContextMenuRequested.connect(
                lambda pos, t=target, k=key: self._show(self.field_menu(t, k), t, pos)
            )
        view = page.funds_view
        if view is not None:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._show(
                    self.funds_menu(v, v.indexAt(pos)), v.viewport(), pos
                )
            )

    @staticmethod
    def _show(menu: QMenu | None, widget: QWidget, pos: QPoint) -> None:
        if menu is not None:
            menu.exec(widget.mapToGlobal(pos))
            menu.deleteLater()  # one menu at a time, not one more child per right-click

    def _comment_action(self, menu: QMenu, anchor: Anchor) -> None:
        action = menu.addAction(tr("添加审核意见…"))
        action.triggered.connect(lambda: self.panel.add_comment(anchor=anchor))

    def field_menu(self, widget: QWidget, key: str) -> QMenu:
        """A header field's own menu (undo, copy, paste …) and 添加审核意见… on the field."""
        make = getattr(widget, "createStandardContextMenu", None)
        menu = make() if make is not None else QMenu(widget)
        menu.addSeparator()
        self._comment_action(menu, Anchor(section="header", key=key))
        return menu

    def funds_menu(self, view, index: QModelIndex) -> QMenu | None:
        """添加审核意见… on the funds cell at `index` (none off the cells)."""
        if not index.isValid():
            return None
        menu = QMenu(view)
        key = view.model().cell_key(index.row(), index.column())
        self._comment_action(menu, Anchor(section="funds", key=key))
        return menu

    def _refresh(self) -> None:
        doc = self.window.doc
        if doc is not None and doc is not self._doc:
            self._doc = doc
            doc.findingsChanged.connect(lambda _form: self._refresh())
        if self.dock.isVisible():
            self.panel.refresh()

    def specs(self) -> list:
        from desktop.ui.actions import ActionSpec

        return [
            ActionSpec("review_mode", tr("审核模式(&R)"), self.toggle, ["Ctrl+Shift+R"],
                       tip=tr("显示审核意见面板：添加意见、标记已解决、给出审核结论。")),
            ActionSpec("compare", tr("比较(&C)…"), self.compare,
                       tip=tr("与另一版本的项目文件比较：表头、资金和指标的增删改及移动。")),
            ActionSpec("print_opinion", tr("导出审核意见书(&O)…"), self.export_opinion),
        ]  # fmt: skip

    def toggle(self) -> None:
        self.dock.setVisible(not self.dock.isVisible())
        self.panel.refresh()

    def compare(self, path: str | None = None) -> CompareDialog | None:
        from desktop.ui import prompts

        doc = self.window.doc
        if doc is None:
            return None
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, tr("选择要比较的旧版本"), "",
                                                  tr("绩效项目文件 (*.jixiao *.json)"))  # fmt: skip
            if not path:
                return None
        try:
            old = load_project(path).project
        except ProjectFileError as exc:
            prompts.show_error(self.window, tr("无法打开文件"), exc.line())
            return None
        registry, _ = project_registry(old, doc.registry)
        changes = diff_projects(old, doc.project, registry)
        new_name = doc.path.name if doc.path else tr("当前项目")
        dialog = CompareDialog(changes, Path(path).name, new_name, self.window)
        dialog.show()
        return dialog

    def export_opinion(self, path: str | None = None) -> None:
        from desktop.core.printing import PrintError
        from desktop.core.printing.review_sheet import render_review_pdf
        from desktop.ui import prompts

        doc = self.window.doc
        form_id = self.window.current_form_id()
        if doc is None or form_id is None:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self.window, tr("导出审核意见书"), "",
                                                  "PDF (*.pdf)")  # fmt: skip
        if path:
            try:
                render_review_pdf(doc.project, doc.registry, Path(path), [form_id])
            except (PrintError, OSError) as exc:
                prompts.show_error(self.window, tr("无法导出"), str(exc))
