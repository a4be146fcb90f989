"""The main window: project tree, form page, problems list; files, undo, autosave, recovery.

Work is never lost silently: unsaved changes are asked about before they would go, autosave
snapshots run every minute into the user state folder (and at once when a save fails), a file
changed on disk since it was opened is not overwritten without asking, a file another running
copy has open is not opened for editing without asking, and a file that cannot be opened leaves
the open project as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTreeView,
    QUndoView,
    QWidget,
)

from desktop.core import operations as ops
from desktop.core.autosave import Autosaver, new_session_id
from desktop.core.fingerprint import form_fingerprint
from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.locks import FileLock, LockedError, lock_path
from desktop.core.model import Project
from desktop.core.recent import RecentFiles
from desktop.core.resources import samples_dir
from desktop.core.scoring import fill_default_weights
from desktop.core.selfeval import SELFEVAL_KIND, SelfEvalError, selfeval_for
from desktop.core.storage import (
    PROJECT_SUFFIX,
    FileChangedError,
    ProjectFileError,
    load_project,
    save_project,
)
from desktop.ui import commands, prompts
from desktop.ui.document import Document
from desktop.ui.form_page import CellTable, FormPage
from desktop.ui.i18n import tr
from desktop.ui.icons import icon
from desktop.ui.indicator_view import IndicatorView
from desktop.ui.problems import ProblemsPanel
from desktop.ui.project_model import ProjectModel

AUTOSAVE_MS = 60_000
SAMPLE = "2026-department-and-projects.jixiao"
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _file_filter() -> str:
    return tr("绩效项目文件 (*.jixiao *.json);;所有文件 (*)")


class ProjectTree(QTreeView):
    """The forms list; Delete and Ctrl+Up/Down act on forms here."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self._window = window
        self.setObjectName("projectTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def copy_selection(self) -> None:
        QApplication.beep()

    def paste_clipboard(self) -> None:
        QApplication.beep()

    def delete_selection(self) -> None:
        self._window.delete_form()

    def move_selection(self, delta: int) -> None:
        self._window.move_form(delta)


class MainWindow(QMainWindow):
    def __init__(
        self,
        autosaver: Autosaver | None = None,
        recent: RecentFiles | None = None,
        registry: KindRegistry | None = None,
    ):
        super().__init__()
        self.registry = registry or default_registry()
        self.autosaver = autosaver or Autosaver()
        self.recent = recent or RecentFiles()
        self.session = new_session_id()
        self.doc: Document | None = None
        self.lock: FileLock | None = None  # on the open file, while this window has it
        self.page: FormPage | None = None
        self._printing = None
        self.suggested_path: Path | None = None
        self._autosaved_revision = 0
        self._target: QWidget | None = None
        self._split_sizes: list[int] = []
        self.undo_group = QUndoGroup(self)
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.project_tree = ProjectTree(self)
        self.project_tree.customContextMenuRequested.connect(self._project_menu)
        self.pages = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.project_tree)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 980])
        self.setCentralWidget(self.splitter)

        self.problems = ProblemsPanel()
        self.problems.findingActivated.connect(self.reveal)
        self.problems_dock = self._dock(
            tr("问题列表"), "problemsDock", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setEmptyLabel(tr("<打开时的状态>"))
        self.undo_dock = self._dock(
            tr("撤销历史"), "undoDock", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.undo_dock.hide()
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)

        self._make_actions()
        self._make_menus()
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprintLabel")
        self.fingerprint.setToolTip(
            tr("表单指纹：打印件每页页脚都印有此编号，可据此核对纸质表与文件的版本是否一致。")
        )
        self.statusBar().addPermanentWidget(self.fingerprint)
        QApplication.instance().focusChanged.connect(self._on_focus)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # --- building ---------------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        text: str,
        slot,
        shortcut=None,
        icon_name: str | None = None,
        standard: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda checked=False: slot())
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if icon_name:
            action.setIcon(icon(icon_name))
        elif standard is not None:
            action.setIcon(self.style().standardIcon(standard))
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            tr("新建(&N)…"), self.new_project, key.New, standard=sp.SP_FileIcon
        )
        self.open_action = self._action(
            tr("打开(&O)…"), self.open_dialog, key.Open, standard=sp.SP_DialogOpenButton
        )
        self.save_action = self._action(
            tr("保存(&S)"), self.save, key.Save, standard=sp.SP_DialogSaveButton
        )
        self.save_as_action = self._action(tr("另存为(&A)…"), self.save_as, "Ctrl+Shift+S")
        self.preview_action = self._action(
            tr("打印预览(&V)…"), lambda: self.printing.preview(), "Ctrl+Shift+P"
        )
        self.print_action = self._action(
            tr("打印(&P)…"), lambda: self.printing.print_document(), key.Print
        )
        self.export_pdf_action = self._action(
            tr("导出 PDF(&E)…"), lambda: self.printing.export_pdf(), "Ctrl+Shift+E"
        )
        self.quit_action = self._action(tr("退出(&X)"), self.close, "Ctrl+Q")

        self.undo_action = self.undo_group.createUndoAction(self, tr("撤销"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, tr("重做"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
        self.copy_action = self._action(
            tr("复制(&C)"), lambda: self._edit("copy_selection"), key.Copy
        )
        self.paste_action = self._action(
            tr("粘贴(&P)"), lambda: self._edit("paste_clipboard"), key.Paste
        )
        self.delete_action = self._action(
            tr("删除(&D)"), lambda: self._edit("delete_selection"), "Delete", "delete"
        )
        self.up_action = self._action(
            tr("上移"), lambda: self._edit("move_selection", -1), "Ctrl+Up", "up"
        )
        self.down_action = self._action(
            tr("下移"), lambda: self._edit("move_selection", 1), "Ctrl+Down", "down"
        )
        self.add_indicator_action = self._action(
            tr("添加指标"),
            lambda: self._indicators("add_indicator"),
            ["Insert", "Ctrl+Shift+I"],
            "add-indicator",
        )
        self.add_category_action = self._action(
            tr("添加二级指标…"), lambda: self._indicators("add_category"), None, "add-category"
        )

        self.add_form_action = self._action(tr("添加表单(&F)…"), self.add_form, "Ctrl+Shift+N")
        self.duplicate_form_action = self._action(tr("复制表单"), self.duplicate_form)
        self.rename_form_action = self._action(tr("重命名表单"), self.rename_form)
        self.delete_form_action = self._action(tr("删除表单"), self.delete_form)
        self.form_up_action = self._action(tr("表单上移"), lambda: self.move_form(-1))
        self.form_down_action = self._action(tr("表单下移"), lambda: self.move_form(1))
        self.selfeval_action = self._action(tr("生成自评表(&G)"), self.generate_selfeval)
        self.selfeval_action.setStatusTip(
            tr("据当前的绩效目标表生成绩效自评表：复制指标和指标值，分值按默认比例分配。")
        )
        self.reset_weights_action = self._action(tr("重置分值"), self.reset_weights)
        self.reset_weights_action.setStatusTip(tr("把当前自评表的各项分值恢复为默认分配。"))
        self.about_action = self._action(tr("关于(&A)"), self.about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("文件(&F)"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(tr("最近打开的文件(&R)"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action, self.export_pdf_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(tr("编辑(&E)"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_action, self.paste_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [self.add_indicator_action, self.add_category_action, self.up_action, self.down_action]
        )

        form_menu = bar.addMenu(tr("表单(&T)"))
        form_menu.addActions(
            [
                self.add_form_action,
                self.duplicate_form_action,
                self.rename_form_action,
                self.delete_form_action,
            ]
        )
        form_menu.addSeparator()
        form_menu.addActions([self.form_up_action, self.form_down_action])
        form_menu.addSeparator()
        form_menu.addActions([self.selfeval_action, self.reset_weights_action])

        view_menu = bar.addMenu(tr("视图(&V)"))
        view_menu.addAction(self.problems_dock.toggleViewAction())
        view_menu.addAction(self.undo_dock.toggleViewAction())

        help_menu = bar.addMenu(tr("帮助(&H)"))
        help_menu.addAction(self.about_action)

    def indicator_actions(self) -> list[QAction | None]:
        """The actions on the indicator tree's toolbar and context menu."""
        return [
            self.add_indicator_action,
            self.add_category_action,
            self.delete_action,
            None,
            self.up_action,
            self.down_action,
            None,
            self.copy_action,
            self.paste_action,
        ]

    @property
    def printing(self):
        """Preview, print and export; loaded on first use (ReportLab and QtPdf would add a
        tenth of a second to every start)."""
        if self._printing is None:
            from desktop.ui.printing import Printing

            self._printing = Printing(self)
        return self._printing

    # --- the document -------------------------------------------------------------------------

    def set_document(self, doc: Document, modified: bool = False) -> None:
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        if modified:
            doc.undo_stack.resetClean()
        self.project_model = ProjectModel(doc)  # models first: they must follow a change
        self.project_tree.setModel(self.project_model)  # before the window reacts to it
        self.project_tree.expandAll()
        self.project_tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.problems.set_document(doc)
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.formsChanged.connect(self._on_forms_changed)
        doc.focusRequested.connect(self.reveal)
        doc.changed.connect(self._on_form_changed)
        self._clear_page()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._autosaved_revision = -1 if modified else doc.revision
        if doc.project.forms:
            self.show_form(doc.project.forms[0].id)
        self._update_title()
        self._update_form_actions()

    def _replace_document(
        self, doc: Document, modified: bool = False, lock: FileLock | None = None
    ) -> bool:
        """Put `doc` in the window after settling unsaved changes of the current one; `lock`
        (on doc's file) replaces the lock on the file open before."""
        if not self.maybe_save():
            return False
        self.autosaver.discard(self.session)
        self.suggested_path = None
        self.set_document(doc, modified)
        self._hold_lock(lock)
        return True

    # --- lock files ---------------------------------------------------------------------------

    def _same_lock(self, a: FileLock | None, b: FileLock | None) -> bool:
        return a is not None and b is not None and _same_file(lock_path(a.path), lock_path(b.path))

    def _hold_lock(self, lock: FileLock | None) -> None:
        """Keep `lock`, releasing the one held before (unless it is on the same file)."""
        old, self.lock = self.lock, lock
        if old is not None and not self._same_lock(old, lock):
            old.release()

    def _drop_lock(self, lock: FileLock) -> None:
        """Give up a lock taken for a file that did not open, unless it is the current one."""
        if not self._same_lock(lock, self.lock):
            lock.release()

    def _take_lock(self, path: Path) -> tuple[FileLock | None, bool]:
        """Lock `path` for this window: (the lock, read-only); (None, False) when the user
        cancels because another running copy has the file open."""
        lock = FileLock(path)
        try:
            lock.acquire()
        except LockedError as exc:
            answer = prompts.ask_locked(self, path, exc.info)
            if answer == "open":
                lock.acquire(force=True)
            elif answer == "readonly":
                return None, True
            else:
                return None, False
        return lock, False

    def _update_title(self, *args) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(tr("绩效"))
            return
        name = doc.path.name if doc.path else tr("未保存的项目")
        if doc.read_only:
            name += tr("（只读）")
        title = doc.project.title
        self.setWindowTitle(
            f"{name}[*] — {title} — {tr('绩效')}" if title else f"{name}[*] — {tr('绩效')}"
        )
        self.setWindowModified(doc.is_modified())

    def current_form_id(self) -> str | None:
        return self.page.form_id if self.page else None

    def _update_form_actions(self) -> None:
        """What the form menu and the edit actions can do for the current form."""
        form_id = self.current_form_id()
        form = self.doc.project.form(form_id) if self.doc and form_id else None
        kind = self.doc.kind(form) if form is not None else None
        writable = self.doc is not None and not self.doc.read_only
        for action in (
            self.paste_action,
            self.delete_action,
            self.up_action,
            self.down_action,
            self.add_indicator_action,
            self.add_category_action,
            self.add_form_action,
            self.duplicate_form_action,
            self.rename_form_action,
            self.delete_form_action,
            self.form_up_action,
            self.form_down_action,
        ):
            action.setEnabled(writable)
        self.selfeval_action.setEnabled(
            writable and kind is not None and kind.family in SELFEVAL_KIND
        )
        self.reset_weights_action.setEnabled(
            writable and kind is not None and kind.scoring is not None
        )
        self._update_fingerprint()

    def _update_fingerprint(self) -> None:
        form_id = self.current_form_id()
        form = self.doc.project.form(form_id) if self.doc and form_id else None
        if form is None:
            self.fingerprint.clear()
            return
        self.fingerprint.setText(tr("表单指纹 {0}").format(form_fingerprint(form)))

    def _on_form_changed(self, form_id: str) -> None:
        if form_id == self.current_form_id():
            self._update_fingerprint()

    # --- pages ------------------------------------------------------------------------------

    def _clear_page(self) -> None:
        if self.page is not None:
            if self.page.splitter is not None:
                self._split_sizes = self.page.splitter.sizes()
            self.pages.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None

    def show_form(self, form_id: str) -> None:
        """Show a form's page and select it in the project tree."""
        if self.doc is None or self.doc.project.form(form_id) is None:
            return
        if self.page is None or self.page.form_id != form_id:
            self._clear_page()
            self.page = FormPage(self.doc, form_id, self.indicator_actions())
            if self.page.splitter is not None and self._split_sizes:
                self.page.splitter.setSizes(self._split_sizes)
            self.pages.addWidget(self.page)
            self.pages.setCurrentWidget(self.page)
            self.problems.set_current_form(form_id)
            self._update_form_actions()
        index = self.project_model.index_for_form(form_id)
        if index.isValid() and self.project_tree.currentIndex() != index:
            self.project_tree.setCurrentIndex(index)

    def _on_tree_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        form_id = self.project_model.form_id(current)
        if form_id is not None:
            self.show_form(form_id)

    def _on_forms_changed(self) -> None:
        self.project_tree.expandAll()
        current = self.current_form_id()
        if current and self.doc.project.form(current) is not None:
            self.show_form(current)
        elif self.doc.project.forms:
            self._clear_page()
            self.show_form(self.doc.project.forms[0].id)
        else:
            self._clear_page()
            self._update_form_actions()

    def reveal(self, where) -> None:
        """Show the form, field or cell a finding or an undo step is about."""
        if self.doc is None or self.doc.project.form(where.form_id) is None:
            return
        self.show_form(where.form_id)
        self.page.reveal(where)

    # --- edit actions go to the view that has (or last had) the focus --------------------------

    def _on_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self:
            return
        widget = new
        while widget is not None and widget is not self:
            if isinstance(widget, (IndicatorView, CellTable, ProjectTree)):
                self._target = widget
                return
            widget = widget.parentWidget()
        self._target = None

    def _edit(self, method: str, *args) -> None:
        target = self._target
        if target is None or not hasattr(target, method):
            target = self.page.indicator_view if self.page else None
        if target is not None:
            getattr(target, method)(*args)

    def _indicators(self, method: str) -> None:
        if self.page is not None and self.page.indicator_view is not None:
            self.page.indicator_view.setFocus()
            getattr(self.page.indicator_view, method)()

    # --- forms ----------------------------------------------------------------------------

    def add_form(self) -> None:
        from desktop.ui.dialogs import pick_kind

        choice = pick_kind(self, self.registry, tr("添加表单"))
        if choice is None or self.doc is None:
            return
        kind, year = choice
        doc = self.doc
        index = self._insert_index()
        doc.push(
            commands.AddForm(
                doc,
                lambda: ops.add_form(doc.project, kind, index, year),
                tr("添加表单“{0}”").format(kind.name),
            )
        )
        self.show_form(doc.project.forms[index].id)

    def _insert_index(self) -> int:
        current = self.current_form_id()
        forms = self.doc.project.forms
        return next((i + 1 for i, f in enumerate(forms) if f.id == current), len(forms))

    def duplicate_form(self) -> None:
        form_id = self.current_form_id()
        if form_id is None:
            return
        doc = self.doc
        kind = doc.kind(doc.form(form_id))
        command = commands.AddForm(
            doc,
            lambda: ops.duplicate_form(doc.project, form_id, kind, tr("（副本）")),
            tr("复制表单“{0}”").format(doc.label(doc.form(form_id))),
        )
        doc.push(command)
        self.show_form(command.form_id)

    def rename_form(self) -> None:
        index = self.project_tree.currentIndex()
        if self.project_model.form_id(index) is not None:
            self.project_tree.setFocus()
            self.project_tree.edit(index)

    def delete_form(self) -> None:
        form_id = self.current_form_id()
        if form_id is None:
            return
        label = self.doc.label(self.doc.form(form_id))
        self.doc.push(commands.DeleteForm(self.doc, form_id, label))
        self.statusBar().showMessage(tr("已删除表单“{0}”，可用 Ctrl+Z 撤销。").format(label), 8000)

    def move_form(self, delta: int) -> None:
        """Move the current form past its neighbour of the same kind (the tree groups by kind)."""
        form_id = self.current_form_id()
        if form_id is None:
            return
        forms = self.doc.project.forms
        form = self.doc.form(form_id)
        same = [i for i, f in enumerate(forms) if f.kind == form.kind]
        position = same.index(forms.index(form))
        neighbour = position + delta
        if not 0 <= neighbour < len(same):
            QApplication.beep()
            return
        self.doc.push(commands.MoveForm(self.doc, form_id, same[neighbour]))
        self.show_form(form_id)

    # --- self-evaluation ---------------------------------------------------------------------

    def generate_selfeval(self) -> None:
        """A self-evaluation made from the current target form, inserted after it."""
        form_id = self.current_form_id()
        if form_id is None or self.doc is None:
            return
        doc = self.doc
        try:
            form = selfeval_for(doc.project, form_id, self.registry)
        except SelfEvalError as exc:
            prompts.show_error(self, tr("无法生成自评表"), str(exc))
            return
        index = self._insert_index()

        def insert():
            ops.insert_form(doc.project, index, form)
            return form

        doc.push(commands.AddForm(doc, insert, tr("生成自评表“{0}”").format(doc.label(form))))
        self.show_form(form.id)
        self.statusBar().showMessage(
            tr("已生成自评表，请填写实际完成值；分值已按默认比例分配。"), 8000
        )

    def reset_weights(self) -> None:
        """Every weight of the current self-evaluation back to the default split, one step."""
        form_id = self.current_form_id()
        if form_id is None or self.doc is None:
            return
        form = self.doc.form(form_id)
        kind = self.doc.kind(form)
        if kind is None or kind.scoring is None:
            QApplication.beep()
            return
        defaults = ops.clone_form(form, form.id)  # same rows in the same order, new uids
        fill_default_weights(defaults, kind)
        cells = [
            (mine.uid, "weight", theirs.weight)
            for (_, _, mine), (_, _, theirs) in zip(
                form.iter_indicators(), defaults.iter_indicators(), strict=True
            )
            if mine.weight != theirs.weight
        ]
        funds = [
            (row, column, defaults.funds_cell(row, column))
            for row in {*form.funds, *defaults.funds}
            for column in {*form.funds.get(row, {}), *defaults.funds.get(row, {})}
            if form.funds_cell(row, column) != defaults.funds_cell(row, column)
        ]
        if not cells and not funds:
            self.statusBar().showMessage(tr("分值已是默认分配，无需重置。"), 5000)
            return
        self.doc.push(commands.SetCells(self.doc, form_id, tr("重置分值"), cells, funds))
        done = tr("已把 {0} 项分值恢复为默认分配。").format(len(cells) + len(funds))
        self.statusBar().showMessage(done, 5000)

    def _project_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addActions(
            [
                self.add_form_action,
                self.duplicate_form_action,
                self.rename_form_action,
                self.delete_form_action,
            ]
        )
        menu.addSeparator()
        menu.addActions([self.form_up_action, self.form_down_action])
        menu.exec(self.project_tree.viewport().mapToGlobal(pos))

    # --- files ------------------------------------------------------------------------------

    def open_sample(self) -> bool:
        """The sample project as a new, unsaved copy: Save asks where, the sample stays."""
        try:
            loaded = load_project(samples_dir() / SAMPLE)
        except ProjectFileError:
            return self.new_document(None)
        doc = Document(loaded.project, registry=self.registry)
        ok = self._replace_document(doc)
        if ok:
            self.suggested_path = self._documents_dir() / SAMPLE
        return ok

    def new_document(self, kind_and_year) -> bool:
        """A new project with one blank form (of the first kind when none is given)."""
        kind, year = kind_and_year or (self.registry.all()[0], None)
        project = Project()
        project.forms.append(ops.blank_form(kind, project.new_form_id(), year))
        return self._replace_document(Document(project, registry=self.registry))

    def new_project(self) -> None:
        from desktop.ui.dialogs import pick_kind

        choice = pick_kind(self, self.registry, tr("新建项目：选择表样"))
        if choice is not None:
            self.new_document(choice)

    def open_dialog(self) -> None:
        start = (
            str(self.doc.path.parent) if self.doc and self.doc.path else str(self._documents_dir())
        )
        name, _ = QFileDialog.getOpenFileName(self, tr("打开项目文件"), start, _file_filter())
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path | str) -> bool:
        """Open a project file; on any problem say why and keep the current project.

        A file another running copy has open is opened read-only, or anyway, or not at all,
        as the user says."""
        path = Path(path)
        try:
            loaded = load_project(path)
        except ProjectFileError as exc:
            prompts.show_error(
                self,
                tr("无法打开文件"),
                tr("无法打开“{0}”：\n\n{1}\n\n文件没有被改动，当前项目也保持不变。").format(
                    path.name, exc.reason
                ),
            )
            return False
        lock, read_only = self._take_lock(path)
        if lock is None and not read_only:
            return False
        doc = Document(loaded.project, path, loaded.stamp, self.registry)
        doc.read_only = read_only
        if not self._replace_document(doc, lock=lock):
            if lock is not None:
                self._drop_lock(lock)
            return False
        self.recent.add(path)
        if read_only:
            self.statusBar().showMessage(
                tr("只读打开：可以查看和打印；要修改，请“另存为”一个新文件。")
            )
        if loaded.migrated_from is not None:
            self.statusBar().showMessage(
                tr("此文件是旧格式（第 {0} 版），保存时将以新格式写入。").format(
                    loaded.migrated_from
                )
            )
        return True

    def _documents_dir(self) -> Path:
        return Path(platformdirs.user_documents_dir())

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self._write(self.doc.path, self.doc.stamp)

    def save_as(self) -> bool:
        if self.doc is None:
            return False
        suggested = (
            self.doc.path
            or self.suggested_path
            or self._documents_dir()
            / ((_UNSAFE_NAME.sub("_", self.doc.project.title) or tr("未命名")) + PROJECT_SUFFIX)
        )
        name, _ = QFileDialog.getSaveFileName(self, tr("另存为"), str(suggested), _file_filter())
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (PROJECT_SUFFIX, ".json"):
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if path.resolve().parent == samples_dir().resolve():
            prompts.show_error(
                self,
                tr("不能保存到这里"),
                tr("这是程序自带示例的文件夹，示例文件不能被覆盖。请另选位置保存。"),
            )
            return False
        if self.lock is not None and _same_file(self.lock.path, path):
            return self._write(path, None)
        lock = FileLock(path)
        try:
            lock.acquire()
        except LockedError as exc:
            prompts.show_error(
                self,
                tr("文件正在使用中"),
                tr("“{0}”已被{1}打开，不能覆盖。请换一个文件名保存。").format(
                    path.name, exc.info.describe()
                ),
            )
            return False
        if not self._write(path, None):
            lock.release()
            return False
        self._hold_lock(lock)
        if self.doc.read_only:  # a copy of its own: editable from now on
            self.doc.read_only = False
            current = self.current_form_id()
            self._clear_page()
            if current is not None:
                self.show_form(current)
            self._update_form_actions()
            self._update_title()
        return True

    def _write(self, path: Path, expected) -> bool:
        doc = self.doc
        try:
            stamp = save_project(doc.project, path, expected)
        except FileChangedError:
            answer = prompts.ask_file_changed(self, path)
            if answer == "overwrite":
                return self._write(path, None)
            if answer == "save_as":
                return self.save_as()
            return False
        except (ProjectFileError, OSError) as exc:
            reason = exc.reason if isinstance(exc, ProjectFileError) else exc.strerror or str(exc)
            kept = (
                tr("修改仍保留在程序中，并已自动保存一份（程序意外关闭后可恢复）。")
                if self.autosave()
                else tr("修改仍保留在程序中。")
            )
            prompts.show_error(
                self,
                tr("保存失败"),
                tr("无法保存“{0}”：\n\n{1}\n\n{2}请检查后重试，或“另存为”到其他位置。").format(
                    path.name, reason, kept
                ),
            )
            return False
        doc.path, doc.stamp = path, stamp
        doc.undo_stack.setClean()
        self.recent.add(path)
        self.autosaver.discard(self.session)
        self._autosaved_revision = doc.revision
        self._update_title()
        self.statusBar().showMessage(tr("已保存到 {0}").format(path), 5000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to let the current project go."""
        if self.doc is None or not self.doc.is_modified():
            return True
        name = (
            self.doc.path.name if self.doc.path else (self.doc.project.title or tr("未保存的项目"))
        )
        answer = prompts.ask_save_changes(self, name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent.items()
        for path in items:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_path(p))
        if not items:
            self.recent_menu.addAction(tr("（无）")).setEnabled(False)

    # --- autosave and recovery --------------------------------------------------------------

    def autosave(self) -> bool:
        """Snapshot unsaved work (only when something changed since the last snapshot);
        True when the snapshot on disk holds the work as it is now."""
        doc = self.doc
        if doc is None:
            return False
        if not doc.is_modified():
            self.autosaver.discard(self.session)
            return False
        if doc.revision == self._autosaved_revision:
            return True
        try:
            self.autosaver.save(self.session, doc.project, doc.path or self.suggested_path)
        except OSError as exc:
            self.statusBar().showMessage(tr("自动保存失败：{0}").format(exc.strerror or exc))
            return False
        self._autosaved_revision = doc.revision
        return True

    def offer_recovery(self) -> bool:
        """Offer the work of sessions that crashed; True when one was restored."""
        for recovery in self.autosaver.pending():
            answer = prompts.ask_recovery(self, recovery)
            if answer == "discard":
                self.autosaver.discard_recovery(recovery)
                continue
            if answer != "restore":
                continue
            try:
                project = self.autosaver.load(recovery)
            except ProjectFileError as exc:
                prompts.show_error(self, tr("无法恢复"), exc.line())
                continue
            doc = Document(project, registry=self.registry)
            if not self._replace_document(doc, modified=True):
                return False
            self.suggested_path = recovery.source
            self.autosave()
            self.autosaver.discard_recovery(recovery)
            self.statusBar().showMessage(tr("已恢复自动保存的内容，请检查后保存。"))
            return True
        return False

    # --- window events --------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.autosaver.discard(self.session)
        self._hold_lock(None)
        event.accept()

    def _dropped_file(self, event) -> Path | None:
        for url in event.mimeData().urls() if event.mimeData().hasUrls() else []:
            if url.isLocalFile():
                return Path(url.toLocalFile())
        return None

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
            QTimer.singleShot(0, lambda: self.open_path(path))

    def about(self) -> None:
        from desktop.ui.dialogs import show_about

        show_about(self)
