"""The main window: wires the file session, the form operations, the action table, the
project tree, the form page and the problems list. It holds no file or form logic itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QStyle,
    QUndoView,
    QWidget,
)

from desktop.core.autosave import Autosaver
from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.recent import RecentFiles
from desktop.core.selfeval import SELFEVAL_KIND
from desktop.ui import settings
from desktop.ui.actions import ActionSpec, ActionTable, step_actions
from desktop.ui.document import Document, Location
from desktop.ui.file_session import FileSession
from desktop.ui.form_operations import FormOperations
from desktop.ui.form_page import FormPage
from desktop.ui.i18n import tr
from desktop.ui.icons import icon
from desktop.ui.indicator_view import IndicatorView
from desktop.ui.last_year import LastYearController
from desktop.ui.library_dock import LibraryController
from desktop.ui.menus import popup_menu
from desktop.ui.print_settings import edit_print_settings, edit_signature
from desktop.ui.problems import ProblemsPanel
from desktop.ui.project_model import ProjectModel
from desktop.ui.project_tree import ProjectTree
from desktop.ui.review_panel import ReviewController
from desktop.ui.workspace import Workspace

INDICATOR_ACTIONS = ["add_indicator", "add_category", "delete_rows", None, "up", "down"]
INDICATOR_ACTIONS += ["move_to", None, "copy", "paste", None, "show_library"]
FORM_ACTIONS = ["add_form", "duplicate_form", "rename_form", "delete_form", None]
FORM_ACTIONS += ["form_up", "form_down"]


class MainWindow(QMainWindow):
    def __init__(
        self,
        autosaver: Autosaver | None = None,
        recent: RecentFiles | None = None,
        registry: KindRegistry | None = None,
    ):
        super().__init__()
        self.registry = registry or default_registry()
        self.doc: Document | None = None
        self._printing = None
        self.undo_group = QUndoGroup(self)
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)

        self.files = FileSession(self, self.registry, autosaver, recent)
        self.files.documentReady.connect(self._show_document)
        self.files.status.connect(self.statusBar().showMessage)
        self.files.saved.connect(self._on_saved)
        self.forms = FormOperations(self, self.registry, lambda: self.doc, self.current_form_id)
        self.forms.showForm.connect(self.show_form)
        self.forms.status.connect(self.statusBar().showMessage)

        self.project_tree = ProjectTree(self.forms.delete_form, self.forms.move_form)
        self.project_tree.customContextMenuRequested.connect(self._project_menu)
        self.work = Workspace(self.project_tree, self.indicator_actions)
        self.work.pageChanged.connect(self._on_page_changed)
        self.setCentralWidget(self.work)

        self.problems = ProblemsPanel()
        self.problems.findingActivated.connect(self.reveal)
        self.problems_dock = self.add_dock(tr("问题列表"), "problemsDock", self.problems)
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setEmptyLabel(tr("<打开时的状态>"))
        self.undo_dock = self.add_dock(
            tr("撤销历史"), "undoDock", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.undo_dock.hide()
        self.resizeDocks([self.problems_dock], [120], Qt.Orientation.Vertical)

        self.library = LibraryController(self)  # the indicator library dock (视图 > 指标库)
        self.last_year = LastYearController(self)  # 文件 > 关联上年文件
        self.review = ReviewController(self)  # 审核: comments, verdict, 比较…
        settings.restore_window(self, self.work)  # after every dock is made
        self.actions = ActionTable(
            self, [*self._action_specs(), *self.library.specs(), *self.last_year.specs(),
             *self.review.specs()]
        )
        self._extra_actions()
        self.actions.menus(self.menuBar(), self._menu_layout())
        self.fingerprint = self.work.fingerprint
        self.statusBar().addPermanentWidget(self.fingerprint)

    # --- building ---------------------------------------------------------------------------

    def add_dock(self, title: str, name: str, widget: QWidget, area=None) -> QDockWidget:
        """A dock (the problems list, a library panel) with its toggle under 视图."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area or Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _action_specs(self) -> list[ActionSpec]:
        sp, key = QStyle.StandardPixmap, QKeySequence.StandardKey
        f, edit = self.forms, self.work.edit
        return [
            ActionSpec("new", tr("新建(&N)…"), self.files.new_project, [key.New], "", sp.SP_FileIcon),
            ActionSpec("open", tr("打开(&O)…"), self.files.open_dialog, [key.Open], "", sp.SP_DialogOpenButton),
            ActionSpec("save", tr("保存(&S)"), self.files.save, [key.Save], "", sp.SP_DialogSaveButton),
            ActionSpec("save_as", tr("另存为(&A)…"), self.files.save_as, ["Ctrl+Shift+S"]),
            ActionSpec("preview", tr("打印预览(&V)…"), lambda: self.printing.preview(), ["Ctrl+Shift+P"]),
            ActionSpec("print", tr("打印(&P)…"), lambda: self.printing.print_document(), [key.Print]),
            ActionSpec("export_pdf", tr("导出 PDF(&E)…"), lambda: self.printing.export_pdf(), ["Ctrl+Shift+E"]),
            ActionSpec("signature", tr("签字栏(&Q)…"), lambda: self.doc and edit_signature(self.doc, self.current_form_id(), self), writes=True),
            ActionSpec("print_settings", tr("打印设置(&U)…"), lambda: self.doc and edit_print_settings(self.doc, self), writes=True),
            ActionSpec("quit", tr("退出(&X)"), self.close, ["Ctrl+Q"]),
            ActionSpec("copy", tr("复制(&C)"), edit(lambda t: t.copy_selection()), [key.Copy]),
            ActionSpec("paste", tr("粘贴(&P)"), edit(lambda t: t.paste_clipboard()), [key.Paste], writes=True),
            ActionSpec("delete", tr("删除(&D)"), edit(lambda t: t.delete_selection()), ["Delete"], "", writes=True),
            ActionSpec("delete_rows", tr("删除行"), edit(lambda t: t.delete_rows()), ["Ctrl+-"], "delete", writes=True),
            ActionSpec("move_to", tr("移到…"), self.work.indicators(IndicatorView.move_to), writes=True),
            ActionSpec("up", tr("上移"), edit(lambda t: t.move_selection(-1)), ["Ctrl+Up"], "up", writes=True),
            ActionSpec("down", tr("下移"), edit(lambda t: t.move_selection(1)), ["Ctrl+Down"], "down", writes=True),
            ActionSpec("add_indicator", tr("添加指标"), self.work.indicators(IndicatorView.add_indicator), ["Insert", "Ctrl+Shift+I"], "add-indicator", writes=True),
            ActionSpec("add_category", tr("添加二级指标…"), self.work.indicators(IndicatorView.add_category), [], "add-category", writes=True),
            ActionSpec("add_form", tr("添加表单(&F)…"), f.add_form, ["Ctrl+Shift+N"], writes=True),
            ActionSpec("duplicate_form", tr("复制表单"), f.duplicate_form, writes=True),
            ActionSpec("rename_form", tr("重命名表单"), self.project_tree.rename_current, writes=True),
            ActionSpec("delete_form", tr("删除表单"), f.delete_form, writes=True),
            ActionSpec("form_up", tr("表单上移"), lambda: f.move_form(-1), writes=True),
            ActionSpec("form_down", tr("表单下移"), lambda: f.move_form(1), writes=True),
            ActionSpec("selfeval", tr("生成自评表(&G)"), f.generate_selfeval, tip=tr("据当前的绩效目标表生成绩效自评表：复制指标和指标值，分值按默认比例分配。")),
            ActionSpec("reset_weights", tr("重置分值"), f.reset_weights, tip=tr("把当前自评表的各项分值恢复为默认分配。")),
            ActionSpec("accept_suggestions", tr("接受建议档次"), f.accept_suggestions, ["Ctrl+Shift+A"], tip=tr("实际完成值表明已达成的定性指标：按建议选择最高档次并给满分，可撤销。"), writes=True),
            ActionSpec("about", tr("关于(&A)"), self.about),
        ]  # fmt: skip

    def _extra_actions(self) -> None:
        undo, redo = step_actions(self.undo_group, self, tr("撤销"), tr("重做"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([undo, redo])
        self.actions.put("undo", undo)
        self.actions.put("redo", redo)
        self.actions.put("show_problems", self.problems_dock.toggleViewAction())
        self.actions.put("show_undo", self.undo_dock.toggleViewAction())
        self.actions.put("show_library", self.library.dock.toggleViewAction())
        self.actions.put("show_printed", self.work.printed_action)
        self.recent_menu = QMenu(tr("最近打开的文件(&R)"), self)
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent(self.recent_menu))
        self.actions.put("recent", self.recent_menu.menuAction())

    def _menu_layout(self) -> list[tuple[str, list[str | None]]]:
        return [
            (tr("文件(&F)"), ["new", "open", "recent", None, "save", "save_as", None, "link_last_year", "unlink_last_year", None, "preview", "print", "export_pdf", "print_settings", None, "quit"]),
            (tr("编辑(&E)"), ["undo", "redo", None, "copy", "paste", "delete", "delete_rows", None, "add_indicator", "add_category", "up", "down", "move_to", None, "last_year_note"]),
            (tr("表单(&T)"), [*FORM_ACTIONS, None, "selfeval", "reset_weights", "accept_suggestions", None, "signature"]),
            (tr("视图(&V)"), ["show_problems", "show_undo", "show_library", None, "show_printed", None, "rebuild_history"]),
            (tr("审核(&R)"), ["review_mode", "compare", "print_opinion"]),
            (tr("帮助(&H)"), ["about"]),
        ]  # fmt: skip

    def action(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def indicator_actions(self) -> list[QAction | None]:
        """The actions on the indicator tree's toolbar and context menu."""
        return self.actions.list(INDICATOR_ACTIONS)

    @property
    def printing(self):
        """Preview, print and export; loaded on first use (ReportLab and QtPdf would add a
        tenth of a second to every start)."""
        if self._printing is None:
            from desktop.ui.printing import Printing

            status = self.statusBar().showMessage
            self._printing = Printing(
                self, lambda: self.doc, self.current_form_id, status, self.reveal
            )
        return self._printing

    # --- the document -------------------------------------------------------------------------

    def set_document(self, doc: Document, modified: bool = False) -> None:
        self.files.adopt(doc, modified)

    def _show_document(self, doc: Document, modified: bool) -> None:
        old, self.doc = self.doc, doc
        doc.setParent(self)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        if modified:
            doc.undo_stack.resetClean()
        self.problems.set_document(doc)
        self.work.set_document(doc)
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.changed.connect(self._update_title)  # the name follows the unit and year
        doc.formsChanged.connect(self._update_form_actions)
        doc.focusRequested.connect(self.reveal)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._update_title()
        self._update_form_actions()
        doc.count_words_when_idle()  # for the first cell editor

    def _on_saved(self) -> None:
        if self.page is not None and self.page.read_only and self.doc and not self.doc.read_only:
            self.work.reload_page()  # saved as a copy of its own: editable from now on
        self._update_form_actions()
        self._update_title()

    def _update_title(self, *args) -> None:
        self.setWindowTitle(self.files.title())
        self.setWindowModified(self.doc is not None and self.doc.is_modified())

    # --- the workspace -----------------------------------------------------------------------

    @property
    def page(self) -> FormPage | None:
        return self.work.page

    @property
    def project_model(self) -> ProjectModel | None:
        return self.work.model

    def current_form_id(self) -> str | None:
        return self.work.current_form_id()

    def show_form(self, form_id: str) -> None:
        self.work.show_form(form_id)

    def reveal(self, where: Location) -> None:
        self.work.reveal(where)

    def _on_page_changed(self) -> None:
        form_id = self.current_form_id()
        if form_id is not None:
            self.problems.set_current_form(form_id)
        self._update_form_actions()

    def _update_form_actions(self) -> None:
        """What the form menu and the edit actions can do for the current form."""
        form_id = self.current_form_id()
        form = self.doc.project.form(form_id) if self.doc and form_id else None
        kind = self.doc.kind(form) if self.doc and form is not None else None
        writable = self.doc is not None and not self.doc.read_only
        self.actions.set_writable(writable)
        family = kind.family if kind else None
        self.actions["selfeval"].setEnabled(writable and family in SELFEVAL_KIND)
        self.actions["reset_weights"].setEnabled(writable and bool(kind and kind.scoring))
        self.actions["accept_suggestions"].setEnabled(writable and bool(kind and kind.scoring))

    def _project_menu(self, pos) -> None:
        at = self.work.tree.viewport().mapToGlobal(pos)
        popup_menu(self, self.actions.list(FORM_ACTIONS), at)

    # --- window events --------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.files.close():
            self.work.remember_page_split()
            settings.save_window(self, self.work)
            event.accept()
        else:
            event.ignore()

    def _dropped_file(self, event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return next((Path(u.toLocalFile()) for u in urls if u.isLocalFile()), None)

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.files.open_path(path))

    def about(self) -> None:
        from desktop.ui.dialogs import show_about

        show_about(self)
