"""The file side of the window: new, open, save, save as, the lock file, autosave, recovery.

Work is never lost silently: unsaved changes are asked about before they would go, autosave
snapshots run every minute into the user state folder (and at once when a save fails), a file
changed on disk since it was opened is not overwritten without asking, a file another running
copy has open is not opened for editing without asking, and a file that cannot be opened leaves
the open project as it was. The session hands each new Document to the window through
`documentReady` and says what happened through `status`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop.core import operations as ops
from desktop.core.autosave import Autosaver, new_session_id
from desktop.core.embedded import project_registry
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.locks import FileLock, LockedError, lock_path
from desktop.core.model import Project
from desktop.core.naming import file_stem
from desktop.core.recent import RecentFiles
from desktop.core.resources import in_program_data, samples_dir
from desktop.core.rules import local_rules, use_rules
from desktop.core.storage import (
    PROJECT_SUFFIX,
    FileChangedError,
    ProjectFileError,
    load_project,
    save_project,
)
from desktop.ui import folders, prompts
from desktop.ui.document import Document
from desktop.ui.i18n import tr
from desktop.ui.snapshots import BackgroundAutosave

AUTOSAVE_MS = 60_000
SAMPLE = "2026-department-and-projects.jixiao"


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _same_lock(a: FileLock | None, b: FileLock | None) -> bool:
    return a is not None and b is not None and _same_file(lock_path(a.path), lock_path(b.path))


def file_filter() -> str:
    return tr("绩效项目文件 (*.jixiao *.json);;所有文件 (*)")


def documents_dir() -> Path:
    """The folder the Save As dialog offers for a file never saved (an existing one)."""
    return folders.start_folder()


class FileSession(QObject):
    documentReady = Signal(object, bool)  # a Document to show, and whether it starts modified
    status = Signal(str, int)  # a status-bar message and its timeout (0: until replaced)
    saved = Signal()  # the document was written (title, read-only state may have changed)

    def __init__(
        self,
        parent: QWidget,
        registry: KindRegistry,
        autosaver: Autosaver | None = None,
        recent: RecentFiles | None = None,
    ):
        super().__init__(parent)
        self.widget = parent  # the parent of every dialog
        self.registry = registry
        self.autosaver = autosaver or Autosaver()
        self.recent = recent or RecentFiles()
        self.session = new_session_id()
        self.doc: Document | None = None
        self.lock: FileLock | None = None  # on the open file, while this window has it
        self.suggested_path: Path | None = None
        self._autosaved_revision = 0
        self.closed = False  # the window closed, or the session ended
        self.background = BackgroundAutosave(self.autosaver, self.session, self)
        self.background.written.connect(self._written_in_background)
        self.background.failed.connect(self._autosave_failed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_in_background)
        self.autosave_timer.start()

    # --- putting a document in the window -------------------------------------------------

    def _replace(self, doc: Document, modified: bool = False, lock: FileLock | None = None) -> bool:
        """Hand `doc` to the window after settling unsaved changes of the current one; `lock`
        (on doc's file) replaces the lock on the file open before."""
        if not self.maybe_save():
            return False
        self.discard_snapshot()
        self.suggested_path = None
        self.adopt(doc, modified)
        self._hold_lock(lock)
        return True

    def adopt(self, doc: Document, modified: bool = False) -> None:
        """Take `doc` as the session's document and show it; its rule vocabulary (the file's
        own, else this PC's) is in force while it is open, for printing and the editors too."""
        self.background.cancel()  # a snapshot of the document before is not finished
        self.doc = doc
        doc.refused.connect(lambda why: prompts.show_error(self.widget, tr("未做更改"), why))
        use_rules(doc.registry.rules or local_rules())
        self._autosaved_revision = -1 if modified else doc.revision
        self.documentReady.emit(doc, modified)

    def title(self) -> str:
        """The window title: file name, read-only mark, project title; `[*]` for Qt's mark of
        unsaved changes."""
        doc = self.doc
        if doc is None:
            return tr("绩效")
        name = doc.path.name if doc.path else tr("未保存的项目")
        if doc.read_only:
            name += tr("（只读）")
        parts = [f"{name}[*]", doc.name(), tr("绩效")]
        return " — ".join(p for p in parts if p)

    # --- lock files ---------------------------------------------------------------------------

    def _hold_lock(self, lock: FileLock | None) -> None:
        """Keep `lock`, releasing the one held before (unless it is on the same file)."""
        old, self.lock = self.lock, lock
        if old is not None and not _same_lock(old, lock):
            old.release()

    def _drop_lock(self, lock: FileLock) -> None:
        """Give up a lock taken for a file that did not open, unless it is the current one."""
        if not _same_lock(lock, self.lock):
            lock.release()

    def _take_lock(self, path: Path) -> tuple[FileLock | None, bool]:
        """Lock `path` for this window: (the lock, read-only); (None, False) when the user
        cancels because another running copy has the file open."""
        lock = FileLock(path)
        try:
            lock.acquire()
        except LockedError as exc:
            answer = prompts.ask_locked(self.widget, path, exc.info)
            if answer == "open":
                lock.acquire(force=True)
            elif answer == "readonly":
                return None, True
            else:
                return None, False
        return lock, False

    # --- new and open ---------------------------------------------------------------------------

    def open_sample(self) -> bool:
        """The sample project as a new, unsaved copy: Save asks where, the sample stays."""
        try:
            loaded = load_project(samples_dir() / SAMPLE)
        except ProjectFileError:
            return self.new_document(None)
        return self._open_copy(loaded.project, SAMPLE)

    def _open_copy(self, project: Project, name: str) -> bool:
        """A file of the program's own (a bundled sample) as an untitled copy: no lock in the
        program's folder, and Save asks where, offering the documents folder."""
        ok = self._replace(Document(project, registry=self.registry))
        if ok:
            self.suggested_path = documents_dir() / name
            self.status.emit(tr("这是程序自带的示例，已作为副本打开：保存时请选择位置。"), 0)
        return ok

    def new_document(self, kind_and_year: tuple[FormKind, int | None] | None) -> bool:
        """A new project with one blank form (of the first kind when none is given)."""
        kind, year = kind_and_year or (self.registry.all()[0], None)
        project = Project()
        project.forms.append(ops.blank_form(kind, project.new_form_id(), year))
        return self._replace(Document(project, registry=self.registry))

    def new_project(self) -> None:
        from desktop.ui.dialogs import pick_kind

        choice = pick_kind(self.widget, self.registry, tr("新建项目：选择表样"))
        if choice is not None:
            self.new_document(choice)

    def open_dialog(self) -> None:
        doc = self.doc
        start = str(folders.start_folder(doc.path if doc else None))
        name, _ = QFileDialog.getOpenFileName(self.widget, tr("打开项目文件"), start, file_filter())
        if name:
            folders.remember(Path(name))
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
                self.widget,
                tr("无法打开文件"),
                tr("无法打开“{0}”：\n\n{1}\n\n文件没有被改动，当前项目也保持不变。").format(
                    path.name, exc.reason
                ),
            )
            return False
        if in_program_data(path):
            return self._open_copy(loaded.project, path.name)
        lock, read_only = self._take_lock(path)
        if lock is None and not read_only:
            return False
        registry, kind_notes = project_registry(loaded.project, self.registry)
        doc = Document(loaded.project, path, loaded.stamp, registry)
        doc.read_only = read_only
        if not self._replace(doc, lock=lock):
            if lock is not None:
                self._drop_lock(lock)
            return False
        self.recent.add(path)
        for note in kind_notes:  # the file's own form kinds were used
            self.status.emit(note.message(), 0)
        if read_only:
            self.status.emit(tr("只读打开：可以查看和打印；要修改，请“另存为”一个新文件。"), 0)
        if loaded.migrated_from is not None:
            self.status.emit(
                tr("此文件是旧格式（第 {0} 版），保存时将以新格式写入。").format(
                    loaded.migrated_from
                ),
                0,
            )
        return True

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        items = self.recent.items()
        for path in items:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda checked=False, p=path: self.open_path(p))
        if not items:
            menu.addAction(tr("（无）")).setEnabled(False)

    # --- save -----------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self._write(self.doc.path, self.doc.stamp)

    def suggested_name(self) -> Path:
        doc = self.doc
        assert doc is not None
        return (
            doc.path
            or self.suggested_path
            or documents_dir() / ((file_stem(doc.name()) or tr("未命名")) + PROJECT_SUFFIX)
        )

    def save_as(self) -> bool:
        doc = self.doc
        if doc is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self.widget, tr("另存为"), str(self.suggested_name()), file_filter()
        )
        if not name:
            return False
        path = Path(name)
        folders.remember(path)
        if path.suffix.lower() not in (PROJECT_SUFFIX, ".json"):
            path = path.with_name(path.name + PROJECT_SUFFIX)
        if in_program_data(path):
            prompts.show_error(
                self.widget,
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
                self.widget,
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
        if doc.read_only:  # a copy of its own: editable from now on
            doc.read_only = False
            self.saved.emit()
        return True

    def _write(self, path: Path, expected) -> bool:
        doc = self.doc
        assert doc is not None
        if in_program_data(path):  # never, whatever path led here
            return self.save_as()
        try:
            # the forms' contents the autosave keeps: only forms changed since are made again
            forms = doc.form_contents.current(doc.project.forms)
            stamp = save_project(doc.project, path, expected, forms)
        except FileChangedError:
            answer = prompts.ask_file_changed(self.widget, path)
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
                self.widget,
                tr("保存失败"),
                tr("无法保存“{0}”：\n\n{1}\n\n{2}请检查后重试，或“另存为”到其他位置。").format(
                    path.name, reason, kept
                ),
            )
            return False
        doc.path, doc.stamp = path, stamp
        doc.undo_stack.setClean()
        self.recent.add(path)
        self.discard_snapshot()
        self._autosaved_revision = doc.revision
        self.saved.emit()
        self.status.emit(tr("已保存到 {0}").format(path), 5000)
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to let the current project go."""
        doc = self.doc
        if doc is None or not doc.is_modified():
            return True
        name = doc.path.name if doc.path else (doc.name() or tr("未保存的项目"))
        answer = prompts.ask_save_changes(self.widget, name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --- autosave and recovery --------------------------------------------------------------

    def _snapshot_source(self, doc: Document) -> Path | None:
        source = doc.path or self.suggested_path  # a restored file keeps its path
        return source if source and source.exists() else None

    def discard_snapshot(self) -> None:
        """Remove this session's snapshot, after the one being written (never brought back
        by a late write)."""
        self.background.cancel()
        self.background.settle()
        self.autosaver.discard(self.session)

    def autosave(self) -> bool:
        """Snapshot unsaved work now (only when something changed since the last snapshot);
        True when the snapshot on disk holds the work as it is now."""
        doc = self.doc
        if doc is None:
            return False
        if not doc.is_modified():
            self.discard_snapshot()
            return False
        self.background.cancel()
        self.background.settle()
        if doc.revision == self._autosaved_revision:
            return True
        try:
            self.autosaver.save(self.session, doc.project, self._snapshot_source(doc))
        except OSError as exc:
            self._autosave_failed(exc)
            return False
        self._autosaved_revision = doc.revision
        return True

    def autosave_in_background(self) -> None:
        """The timer's autosave: the snapshot is taken between events and written on a worker
        thread, so the window never freezes for it (see desktop.ui.snapshots)."""
        doc = self.doc
        if doc is None or self.background.busy():
            return
        if not doc.is_modified():
            self.discard_snapshot()
        elif doc.revision != self._autosaved_revision:
            self.background.start(doc, self._snapshot_source(doc))

    def _written_in_background(self, doc: Document, revision: int) -> None:
        if doc is self.doc and not self.closed:
            self._autosaved_revision = revision

    def _autosave_failed(self, exc: OSError) -> None:
        self.status.emit(tr("自动保存失败：{0}").format(exc.strerror or exc), 0)

    def offer_recovery(self) -> bool:
        """Offer the work of sessions that crashed; True when one was restored."""
        for recovery in self.autosaver.pending():
            answer = prompts.ask_recovery(self.widget, recovery)
            if answer == "discard":
                self.autosaver.discard_recovery(recovery)
                continue
            if answer != "restore":
                continue
            try:
                project = self.autosaver.load(recovery)
            except ProjectFileError as exc:
                prompts.show_error(self.widget, tr("无法恢复"), exc.line())
                continue
            if not self._replace(Document(project, registry=self.registry), modified=True):
                return False
            self.suggested_path = recovery.source
            self.autosave()
            self.autosaver.discard_recovery(recovery)
            self.status.emit(tr("已恢复自动保存的内容，请检查后保存。"), 0)
            return True
        return False

    def close(self) -> bool:
        """When the window closes: False (stay open) when the user cancels saving."""
        if not self.maybe_save():
            return False
        self.autosave_timer.stop()
        self.discard_snapshot()
        self._hold_lock(None)
        self.closed = True
        return True

    def end_session(self) -> None:
        """The system ends the program (SIGTERM, log-out, shut-down): there is no one to ask,
        so unsaved work goes into the autosave, offered back at the next start, and the lock
        goes. Nothing to do after the window's own close."""
        if self.closed:
            return
        self.autosave_timer.stop()
        self.autosave()
        self._hold_lock(None)
        self.closed = True
