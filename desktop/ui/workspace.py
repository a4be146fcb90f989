"""The window's middle: the forms list beside the current form's page. It shows the form the
user picks, follows forms being added and removed, reveals the cell a finding or an undo step
is about, and knows which view the Edit menu acts on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from desktop.core.fingerprint import form_fingerprint
from desktop.ui import printed, settings
from desktop.ui.document import Document, Location, Selection
from desktop.ui.form_page import CellTable, FormPage
from desktop.ui.i18n import tr
from desktop.ui.indicator_view import IndicatorView
from desktop.ui.project_model import ProjectModel
from desktop.ui.project_tree import ProjectTree


class EditTarget(Protocol):
    """A view the Edit menu acts on: the indicator tree, a table, the forms list."""

    def copy_selection(self) -> None: ...
    def paste_clipboard(self) -> None: ...
    def delete_selection(self) -> None: ...
    def delete_rows(self) -> None: ...
    def move_selection(self, delta: int) -> None: ...


MIN_INDICATORS = 180  # pixels the indicator table keeps when the header is fitted
# Pages of the forms shown last, kept hidden so that going back to one shows it at once
# (building a page takes 40-80 ms; showing a kept one 10-20 ms), as the user left it.
KEPT_PAGES = 4
# A moment after a form is shown, while the user reads it, the page of the form below it in
# the forms list (above it, for the last) is built hidden and kept, so that going on to it,
# as a reviewer going through a file does, shows a built page. It is built a part at a time
# (1-7 ms each, one per turn of the event loop; in one go it held the window 10-16 ms), and
# not while the user types. None: never (the UI tests' default).
PREFETCH_MS: int | None = 600


class Workspace(QSplitter):
    pageChanged = Signal()  # another form is shown (or none)

    def __init__(self, tree: ProjectTree, indicator_actions: Callable[[], list[QAction | None]]):
        super().__init__(Qt.Orientation.Horizontal)
        self.doc: Document | None = None
        self.page: FormPage | None = None
        self._kept: dict[str, FormPage] = {}  # form id -> hidden page, least recent first
        self.model: ProjectModel | None = None
        self._indicator_actions = indicator_actions
        self._target: QWidget | None = None
        self.fingerprint = QLabel()  # shown in the window's status bar
        self.fingerprint.setObjectName("fingerprintLabel")
        self.fingerprint.setToolTip(
            tr("表单指纹：打印件每页页脚都印有此编号，可据此核对纸质表与文件的版本是否一致。")
        )
        self.pageChanged.connect(self._update_fingerprint)
        # 视图 > 显示纸面数字: the paper's own 得分 / 执行率 / 总分 beside the computed ones on
        # self-evaluations, for transcribing papers; a setting of the user's (all projects)
        self.printed_action = QAction(tr("显示纸面数字(&Z)"), self)
        self.printed_action.setCheckable(True)
        self.printed_action.setChecked(printed.shown_by_user())
        self.printed_action.setStatusTip(
            tr("在自评表中显示“纸面得分”“纸面执行率”“纸面总分”，照录纸质表上的数字并与计算结果核对。")
        )
        self.printed_action.toggled.connect(self._on_printed_toggled)
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._prefetch_wanted = False
        # the page being built ahead: (form id, document revision when begun, page)
        self._ahead: tuple[str, int, FormPage] | None = None
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(0)
        self._ahead_timer.timeout.connect(self._build_ahead)
        self.tree = tree
        self.pages = QStackedWidget()
        self.addWidget(self.tree)
        self.addWidget(self.pages)
        self.setStretchFactor(1, 1)
        self.setSizes([300, 980])
        QApplication.instance().focusChanged.connect(self._on_focus)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.model = ProjectModel(doc)  # models first: they must follow a change
        self.tree.setModel(self.model)  # before the window reacts to it
        self.tree.expandAll()
        self.model.modelReset.connect(self.tree.expandAll)
        self.model.rowsInserted.connect(self._expand_new_groups)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        doc.formsChanged.connect(self._on_forms_changed)
        doc.selectionRequested.connect(self._restore_selection)
        doc.selection_source = self._selection
        doc.changed.connect(self._on_form_changed)
        self.clear_page()
        if doc.project.forms:
            self.show_form(doc.project.forms[0].id)

    def current_form_id(self) -> str | None:
        return self.page.form_id if self.page else None

    def _update_fingerprint(self) -> None:
        form_id = self.current_form_id()
        form = self.doc.project.form(form_id) if self.doc and form_id else None
        self.fingerprint.setText(tr("表单指纹 {0}").format(form_fingerprint(form)) if form else "")

    def _on_form_changed(self, form_id: str) -> None:
        if form_id == self.current_form_id():
            self._update_fingerprint()

    def clear_page(self) -> None:
        """Show no page, and forget the kept ones (they are built again when shown)."""
        for page in self._kept.values():
            self._discard(page)
        self._kept.clear()
        self._drop_ahead()
        self._drop_page()

    def _drop_page(self) -> None:
        """The current page goes, not kept: no page is shown."""
        if self.page is not None:
            self._leave_page()
            self._discard(self.page)
            self.page = None
            self.pageChanged.emit()

    def _leave_page(self) -> None:
        """The current page stops being shown: its split is remembered for its kind, and the
        Edit menu no longer acts on its views."""
        assert self.page is not None
        self.remember_page_split()
        if self._target is not None and self.page.isAncestorOf(self._target):
            # the Edit menu's view goes with its page (the focus may have gone nowhere, so
            # `_on_focus` never heard of a new one): it must not act on a hidden or deleted one
            self._target = None

    def _discard(self, page: FormPage) -> None:
        self.pages.removeWidget(page)
        page.deleteLater()

    def _keep(self, page: FormPage) -> None:
        self._kept[page.form_id] = page
        while len(self._kept) > KEPT_PAGES:
            self._discard(self._kept.pop(next(iter(self._kept))))

    def _forget_gone(self) -> None:
        """Discard the kept pages of forms no longer in the project."""
        assert self.doc is not None
        for form_id in [f for f in self._kept if self.doc.project.form(f) is None]:
            self._discard(self._kept.pop(form_id))

    def kept_pages(self) -> list[str]:
        """The forms whose pages are kept hidden, least recently shown first."""
        return list(self._kept)

    def show_form(self, form_id: str) -> None:
        """Show a form's page (the kept one, if there is one) and select it in the list."""
        if self.doc is None or self.model is None or self.doc.project.form(form_id) is None:
            return
        if self.page is None or self.page.form_id != form_id:
            page = self._kept.pop(form_id, None)  # before the one shown is kept in its place
            if self.page is not None:
                self._leave_page()
                self._keep(self.page)
            if page is None:
                page = self._build_page(form_id)
            else:  # the one setting that a hidden page does not follow
                page.show_printed(printed.wanted(self.doc.form(form_id), page.kind))
            self.page = page
            self.pages.setCurrentWidget(page)
            self._ahead_timer.stop()  # a page being built ahead waits: _prefetch decides
            self.pageChanged.emit()
        index = self.model.index_for_form(form_id)
        if index.isValid() and self.tree.currentIndex() != index:
            self.tree.setCurrentIndex(index)
        self._prefetch_later()

    def _build_page(self, form_id: str) -> FormPage:
        assert self.doc is not None
        page = self._take_ahead(form_id)
        if page is None:
            page = FormPage(self.doc, form_id, self._indicator_actions())
        self.pages.addWidget(page)  # hidden until it is made the current one
        self._split_page(page)
        return page

    # --- the next form's page, built ahead, a part at a time -------------------------------

    def _prefetch_later(self) -> None:
        """Look for a page to build ahead a moment from now (and, while the user is busy, a
        moment after the focus next moves: see _on_focus)."""
        if PREFETCH_MS is not None:
            self._prefetch_wanted = True
            self._prefetch_timer.start(PREFETCH_MS)

    def _prefetch(self) -> None:
        if self.doc is None or self.page is None:
            return
        if self._user_busy():
            return  # still wanted: the focus moving on (the editor closed) starts it again
        self._prefetch_wanted = False
        form_id = self._next_in_list(self.page.form_id)
        if form_id is None or form_id in self._kept:
            return
        if self._ahead is None or self._ahead[0] != form_id:
            self._drop_ahead()
            # a hidden child of the stack (never a window of its own) until it is added to it
            page = FormPage(self.doc, form_id, self._indicator_actions(), self.pages, staged=True)
            page.hide()
            self._ahead = (form_id, self.doc.revision, page)
        self._ahead_timer.start()

    def _build_ahead(self) -> None:
        """One part of the page being built ahead; the next in a later turn of the event
        loop, so the window answers the user in between."""
        if self._ahead is None or self.doc is None:
            return
        form_id, revision, page = self._ahead
        if self.doc.revision != revision or self.doc.project.form(form_id) is None:
            self._drop_ahead()  # built from what the document was: not to be shown
            self._prefetch_later()  # begun again once the user pauses
            return
        if self._user_busy():
            self._prefetch_wanted = True  # goes on (with the parts built so far) later
            return
        if page.build_step():
            self._ahead_timer.start()
            return
        self._keep(self._build_page(form_id))

    def _take_ahead(self, form_id: str) -> FormPage | None:
        """The page built ahead for `form_id` (finished now if it is not yet), if the document
        has not changed since it was begun."""
        if self._ahead is None or self._ahead[0] != form_id or self.doc is None:
            return None
        _, revision, page = self._ahead
        if self.doc.revision != revision:
            self._drop_ahead()
            return None
        self._ahead = None
        self._ahead_timer.stop()
        page.finish_build()
        return page

    def _drop_ahead(self) -> None:
        self._ahead_timer.stop()
        if self._ahead is not None:
            self._ahead[2].deleteLater()
            self._ahead = None

    def _user_busy(self) -> bool:
        """The user is typing (a cell editor or a field has the focus), or a menu, a popup or
        a dialog is open."""
        if QApplication.activePopupWidget() or QApplication.activeModalWidget():
            return True
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return True  # e.g. dragging the splitter
        focus = QApplication.focusWidget()
        if isinstance(focus, (QLineEdit, QTextEdit, QPlainTextEdit)):
            return True
        page = self.page
        views = [page.indicator_view, *page.table_views.values(), page.funds_view] if page else []
        editing = QAbstractItemView.State.EditingState
        return any(v is not None and v.state() == editing for v in [*views, self.tree])

    def _next_in_list(self, form_id: str) -> str | None:
        """The form below `form_id` in the forms list, as the user sees it; for the last one,
        the one above."""
        assert self.model is not None
        here = self.model.index_for_form(form_id)
        for step in (self.tree.indexBelow, self.tree.indexAbove):
            index = step(here) if here.isValid() else QModelIndex()
            while index.isValid():
                found = self.model.form_id(index)
                if found is not None:
                    return found
                index = step(index)
        return None

    def _split_key(self, page: FormPage) -> str:
        return f"page-split/{self.doc.form(page.form_id).kind}" if self.doc else ""

    def _split_page(self, page: FormPage) -> None:
        """The split the user left for this kind of form; else the header and the funds block
        fully shown, the indicators below taking the rest (at least MIN_INDICATORS)."""
        if page.splitter is None:
            return
        remembered = settings.sizes(self._split_key(page))
        if len(remembered) == 2 and all(v > 0 for v in remembered):
            page.splitter.setSizes(remembered)
            return
        total = max(self.pages.height(), 2 * MIN_INDICATORS)
        top = min(page.header_height(), max(total - MIN_INDICATORS, total // 2))
        page.splitter.setSizes([top, total - top])

    def remember_page_split(self) -> None:
        page = self.page
        if page is not None and page.splitter is not None and page.split_moved:
            settings.set_sizes(self._split_key(page), page.splitter.sizes())

    def _on_printed_toggled(self, on: bool) -> None:
        printed.set_shown_by_user(on)
        if self.page is not None and self.doc is not None:
            form = self.doc.form(self.page.form_id)
            self.page.show_printed(printed.wanted(form, self.page.kind))  # filled: stays

    def reload_page(self) -> None:
        """Build the current page again (after the document became writable)."""
        current = self.current_form_id()
        self.clear_page()
        if current is not None:
            self.show_form(current)

    def _on_tree_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.model is None or self.model.following:
            return  # the rows moved under it: _on_forms_changed chooses the page, once
        form_id = self.model.form_id(current)
        if form_id is not None:
            self.show_form(form_id)

    def _expand_new_groups(self, parent, first: int, last: int) -> None:
        """A group a new kind brought is open; the others stay as the user left them."""
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0))

    def _on_forms_changed(self) -> None:
        assert self.doc is not None
        self._forget_gone()
        current = self.current_form_id()
        if current and self.doc.project.form(current) is not None:
            self.show_form(current)
            return
        # its form went: the form an undo or redo is about to show, else the one the forms
        # list moved to (the next), else the first
        forms = self.doc.project.forms
        listed = self.model.form_id(self.tree.currentIndex()) if self.model else None
        target = self.doc.revealing() or listed or (forms[0].id if forms else None)
        self._drop_page()  # (its form is gone)
        if target is not None:
            self.show_form(target)

    def reveal(self, where: Location) -> None:
        """Show the form, field or cell a finding or an undo step is about."""
        if self.doc is None or self.doc.project.form(where.form_id) is None:
            return
        self.show_form(where.form_id)
        if self.page is not None:
            self.page.reveal(where)

    def _selection(self) -> Selection | None:
        view = self.page.indicator_view if self.page is not None else None
        return view.selection_state() if view is not None else None

    def _restore_selection(self, selection: Selection) -> None:
        self.show_form(selection.form_id)
        view = self.page.indicator_view if self.page is not None else None
        if view is not None and view.form_id == selection.form_id:
            view.restore_selection(selection)
            where = selection.reveal
            if where is not None:  # an undo or redo: its cell in sight, the tree in focus
                index = view.tree.index_for(
                    where.uid, where.key if where.key in view.tree.keys else ""
                )
                if index.isValid():
                    view.scrollTo(index)
                view.setFocus()

    # --- edit actions go to the view that has (or last had) the focus --------------------------

    def _on_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._prefetch_wanted and not self._prefetch_timer.isActive():
            self._prefetch_later()
        if new is None or new.window() is not self.window():
            return
        widget: QWidget | None = new
        while widget is not None and widget is not self.window():
            if isinstance(widget, (IndicatorView, CellTable, ProjectTree)):
                self._target = widget
                return
            widget = widget.parentWidget()
        self._target = None

    def edit(self, call: Callable[[EditTarget], None]) -> Callable[[], None]:
        """An Edit-menu handler: `call` on the focused view, else on the indicator tree."""

        def run() -> None:
            target: EditTarget | None = self._target  # type: ignore[assignment]
            if target is None and self.page is not None:
                target = self.page.indicator_view
            if target is not None:
                call(target)

        return run

    def indicators(self, call: Callable[[IndicatorView], None]) -> Callable[[], None]:
        """A handler acting on the current form's indicator tree."""

        def run() -> None:
            view = self.page.indicator_view if self.page is not None else None
            if view is not None:
                view.setFocus()
                call(view)

        return run
