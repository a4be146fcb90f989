"""The main window: project tree, form page, problems list; files, undo, autosave, recovery.

Work is never lost silently: unsaved changes are asked about before they would go, autosave
snapshots run every minute into the user state folder, a file changed on disk since it was
opened is not overwritten without asking, and a file that cannot be opened leaves the open
project as it was.
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
from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.model import Project
from desktop.core.recent import RecentFiles
from desktop.core.resources import samples_dir
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
        self.page: FormPage | None = None
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
        self.statusBar()
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
        self._clear_page()
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._autosaved_revision = -1 if modified else doc.revision
        if doc.project.forms:
            self.show_form(doc.project.forms[0].id)
        self._update_title()

    def _replace_document(self, doc: Document, modified: bool = False) -> bool:
        """Put `doc` in the window after settling unsaved changes of the current one."""
        if not self.maybe_save():
            return False
        self.autosaver.discard(self.session)
        self.suggested_path = None
        self.set_document(doc, modified)
        return True

    def _update_title(self, *args) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(tr("绩效"))
            return
        name = doc.path.name if doc.path else tr("未保存的项目")
        title = doc.project.title
        self.setWindowTitle(
            f"{name}[*] — {title} — {tr('绩效')}" if title else f"{name}[*] — {tr('绩效')}"
        )
        self.setWindowModified(doc.is_modified())

    def current_form_id(self) -> str | None:
        return self.page.form_id if self.page else None

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
        """Open a project file; on any problem say why and keep the current project."""
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
        doc = Document(loaded.project, path, loaded.stamp, self.registry)
        if not self._replace_document(doc):
            return False
        self.recent.add(path)
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
        if self.doc.path is None:
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
        return self._write(path, None)

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
        except ProjectFileError as exc:
            prompts.show_error(
                self, tr("保存失败"), tr("无法保存“{0}”：\n\n{1}").format(path.name, exc.reason)
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

    def autosave(self) -> None:
        """Snapshot unsaved work (only when something changed since the last snapshot)."""
        doc = self.doc
        if doc is None:
            return
        if not doc.is_modified():
            self.autosaver.discard(self.session)
            return
        if doc.revision == self._autosaved_revision:
            return
        try:
            self.autosaver.save(self.session, doc.project, doc.path)
        except OSError as exc:
            self.statusBar().showMessage(tr("自动保存失败：{0}").format(exc.strerror or exc))
            return
        self._autosaved_revision = doc.revision

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
