"""Pages of the forms shown last are kept hidden, so that going back to a form shows its page at
once, as the user left it; a kept page follows every change of its form meanwhile, and goes
when its form goes or the document is built anew."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.core import operations as ops
from desktop.ui import workspace
from desktop.ui.workspace import KEPT_PAGES
from tests.ui.conftest import count_page_builds, sample


def test_going_back_shows_the_kept_page_as_it_was_left(window, monkeypatch):
    built = count_page_builds(monkeypatch)
    window.show_form("f3")
    page = window.page
    view = page.indicator_view
    uids = [ind.uid for _, _, ind in window.doc.form("f3").iter_indicators()]
    view.setCurrentIndex(view.tree.index_for(uids[1], "target"))
    window.show_form("f2")
    assert window.work.kept_pages()[-1] == "f3" and not page.isVisible()
    window.show_form("f3")
    assert window.page is page and page.isVisible() and built == ["f3", "f2"]
    assert view.currentIndex() == view.tree.index_for(uids[1], "target")
    assert window.work.kept_pages()[-1] == "f2" and "f3" not in window.work.kept_pages()


def test_only_the_last_pages_are_kept(window, qtbot):
    doc = window.doc
    for _ in range(KEPT_PAGES + 1):
        window.show_form("f2")
        window.action("duplicate_form").trigger()
    shown = [f.id for f in doc.project.forms]
    pages = {}
    for form_id in shown:
        window.show_form(form_id)
        pages[form_id] = window.page
    assert window.work.kept_pages() == shown[-KEPT_PAGES - 1 : -1]
    first = pages[shown[0]]
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))  # deleted, not only hidden
    assert len(window.work.pages.children()) <= KEPT_PAGES + 2  # and its layout


def test_the_least_recent_kept_page_is_shown_not_built_again(window, monkeypatch):
    order = [f.id for f in window.doc.project.forms][: KEPT_PAGES + 1]
    assert len(order) == KEPT_PAGES + 1
    for form_id in order:
        window.show_form(form_id)
    assert window.work.kept_pages() == order[:-1]  # all but the one shown
    page = window.work._kept[order[0]]
    built = count_page_builds(monkeypatch)
    window.show_form(order[0])  # the least recent: the one shown before it is kept instead
    assert window.page is page and built == []
    assert window.work.kept_pages() == [*order[1:-1], order[-1]]


def test_a_kept_page_follows_the_changes_of_its_form(window):
    doc = window.doc
    window.show_form("f3")
    page = window.page
    window.show_form("f2")
    form = doc.form("f3")
    ind = next(ind for _, _, ind in form.iter_indicators())
    assert doc.apply(ops.SetHeader("f3", "project_name", "改过的名称"), "名称")
    assert doc.apply(ops.SetCells("f3", [(ind.uid, "target", "≥99人次")]), "指标值")
    window.show_form("f2")  # (undo and redo would show f3 themselves)
    window.show_form("f3")
    assert window.page is page
    assert page.fields["project_name"].text_in_model() == "改过的名称"
    assert page.title.text().startswith("改过的名称")
    view = page.indicator_view
    assert view.tree.index_for(ind.uid, "target").data(Qt.ItemDataRole.DisplayRole) == "≥99人次"


def test_the_page_of_a_form_that_goes_goes_too(window, monkeypatch):
    built = count_page_builds(monkeypatch)
    doc = window.doc
    window.show_form("f3")
    page = window.page
    window.show_form("f2")
    assert doc.apply(ops.DeleteForm("f3"), "删除")
    assert "f3" not in window.work.kept_pages()
    doc.undo_stack.undo()
    window.show_form("f3")  # a new page, for the form as it is now
    assert window.current_form_id() == "f3" and window.page is not page
    assert built == ["f3", "f2", "f3"]


def test_a_new_document_or_a_rebuilt_page_forgets_the_kept_pages(window, monkeypatch):
    built = count_page_builds(monkeypatch)
    window.show_form("f3")
    window.show_form("f2")
    window.work.reload_page()  # e.g. last year's columns came or went
    assert window.work.kept_pages() == [] and built == ["f3", "f2", "f2"]
    window.show_form("f3")
    assert built[-1] == "f3"
    assert window.files.open_path(sample("2020-self-evaluation.jixiao"))
    assert window.work.kept_pages() == []


def test_the_edit_menu_never_acts_on_a_hidden_page(window):
    window.show_form("f3")
    view = window.page.indicator_view
    view.setFocus()
    QApplication.processEvents()
    assert window.work._target is view
    window.show_form("f2")
    assert window.work._target is None or window.page.isAncestorOf(window.work._target)
    # and when the focus did not move as the page was hidden (the window was not active,
    # say), the menu still lets go of the hidden page's view
    window.show_form("f3")
    problems = window.problems_dock.widget().findChild(QAbstractItemView)
    problems.setFocus()  # a view outside the pages keeps the focus throughout
    QApplication.processEvents()
    window.work._target = window.page.indicator_view
    window.show_form("f2")
    assert problems.hasFocus() and window.work._target is None


def test_a_kept_page_shows_the_printed_figures_as_set_meanwhile(make_window):
    window = make_window(sample("2020-self-evaluation.jixiao"))
    scored = [
        f.id for f in window.doc.project.forms if workspace.printed.applies(window.doc.kind(f))
    ]
    first, other = scored[0], scored[1]
    window.show_form(first)
    page = window.page
    shown = page.printed_shown()
    window.show_form(other)
    window.work.printed_action.setChecked(not shown)
    window.show_form(first)
    assert window.page is page and page.printed_shown() == (not shown)


# --- the next form's page, built while the user reads the one shown ----------------------------


def _forms_in_list_order(window) -> list[str]:
    """The forms as the forms list shows them, top to bottom."""
    tree, model = window.work.tree, window.work.model
    out, index = [], model.index(0, 0)
    while index.isValid():
        form_id = model.form_id(index)
        if form_id is not None:
            out.append(form_id)
        index = tree.indexBelow(index)
    return out


def _half_built(window, order: list[str]):
    """Show the first form of the list and build one part of the next one's page ahead,
    without waiting for the timer; the page being built."""
    window.show_form(order[0])
    work = window.work
    work._prefetch_timer.stop()
    work._prefetch()  # begun: not one part built yet
    work._build_ahead()  # one part: the header
    return work._ahead[2]


@pytest.fixture
def prefetch(monkeypatch):
    monkeypatch.setattr(workspace, "PREFETCH_MS", 20)


def test_the_next_form_in_the_list_is_built_while_reading(window, prefetch, qtbot, monkeypatch):
    order = _forms_in_list_order(window)
    built = count_page_builds(monkeypatch)
    window.show_form(order[1])
    qtbot.waitUntil(lambda: order[2] in window.work.kept_pages())
    assert built == [order[1], order[2]]
    assert window.current_form_id() == order[1] and window.page.isVisible()
    assert window.work.tree.currentIndex() == window.work.model.index_for_form(order[1])
    window.show_form(order[2])  # shown at once: no page is built
    assert built == [order[1], order[2]] and window.page.isVisible()


def test_after_the_last_form_the_one_above_is_built(window, prefetch, qtbot, monkeypatch):
    order = _forms_in_list_order(window)
    window.show_form(order[-1])
    qtbot.waitUntil(lambda: order[-2] in window.work.kept_pages())


def test_nothing_is_built_while_the_user_types_in_a_cell(window, prefetch, qtbot, monkeypatch):
    order = _forms_in_list_order(window)
    built = count_page_builds(monkeypatch)
    window.show_form(order[2])
    view = window.page.indicator_view
    uid = next(ind.uid for _, _, ind in window.doc.form(order[2]).iter_indicators())
    index = view.tree.index_for(uid, "target")
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.wait(150)
    assert built == [order[2]] and view.state() == QAbstractItemView.State.EditingState
    assert not window.work._prefetch_timer.isActive()  # no polling meanwhile
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the editor closes
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: order[3] in window.work.kept_pages())  # now it is built
    assert built == [order[2], order[3]]


def test_a_built_ahead_page_follows_its_form_and_the_kept_pages_stay_few(window, prefetch, qtbot):
    order = _forms_in_list_order(window)
    for form_id in order:
        window.show_form(form_id)
        qtbot.wait(60)
        assert len(window.work.kept_pages()) <= KEPT_PAGES
    window.show_form(order[0])
    qtbot.waitUntil(lambda: order[1] in window.work.kept_pages())
    ahead = window.work._kept[order[1]]
    form = window.doc.form(order[1])
    ind = next(ind for _, _, ind in form.iter_indicators())
    assert window.doc.apply(ops.SetCells(order[1], [(ind.uid, "target", "≥77人次")]), "指标值")
    window.show_form(order[0])
    window.show_form(order[1])
    assert window.page is ahead
    view = window.page.indicator_view
    assert view.tree.index_for(ind.uid, "target").data(Qt.ItemDataRole.DisplayRole) == "≥77人次"


def test_a_page_built_in_parts_is_the_page_built_at_once(window):
    doc, form_id = window.doc, window.doc.project.forms[1].id
    actions = window.work._indicator_actions()
    whole = workspace.FormPage(doc, form_id, actions)
    staged = workspace.FormPage(doc, form_id, actions, staged=True)
    assert whole.built and not staged.built and staged.indicator_view is None
    parts = 1
    while staged.build_step():
        parts += 1
    assert staged.built and parts >= 3  # the header, the indicators, the rest
    assert staged.title.text() == whole.title.text()
    assert staged.fields.keys() == whole.fields.keys()
    assert [f.text_in_model() for f in staged.fields.values()] == [
        f.text_in_model() for f in whole.fields.values()
    ]
    tree, other = staged.indicator_view.tree, whole.indicator_view.tree
    assert tree.rowCount() == other.rowCount() and tree.keys == other.keys
    for page in (whole, staged):
        page.deleteLater()


def test_a_change_while_a_page_is_built_ahead_begins_it_again(window, prefetch, qtbot):
    order = _forms_in_list_order(window)
    work, begun = window.work, _half_built(window, order)
    ind = next(ind for _, _, ind in window.doc.form(order[1]).iter_indicators())
    assert window.doc.apply(ops.SetCells(order[1], [(ind.uid, "target", "≥55人次")]), "指标值")
    assert window.current_form_id() == order[0]
    qtbot.waitUntil(lambda: order[1] in work.kept_pages())
    assert not shiboken6.isValid(begun) or work._kept[order[1]] is not begun
    window.show_form(order[1])
    view = window.page.indicator_view
    assert view.tree.index_for(ind.uid, "target").data(Qt.ItemDataRole.DisplayRole) == "≥55人次"


def test_showing_a_form_half_built_ahead_finishes_that_page(window, prefetch, monkeypatch):
    order = _forms_in_list_order(window)
    work, begun = window.work, _half_built(window, order)
    assert begun.parent() is work.pages and work.pages.indexOf(begun) == -1
    assert not begun.isVisible() and not begun.isWindow()
    built = count_page_builds(monkeypatch)
    window.show_form(order[1])
    assert window.page is begun and begun.built and built == []
    assert begun.isVisible() and begun.indicator_view.isVisible()


def test_a_half_built_page_is_not_shown_after_a_change_of_the_document(window, prefetch):
    order = _forms_in_list_order(window)
    work, begun = window.work, _half_built(window, order)
    key = window.doc.kind(window.doc.form(order[1])).header[-1].key
    assert window.doc.apply(ops.SetHeader(order[1], key, "改过的内容"), "改")
    window.show_form(order[1])  # before another turn of the event loop
    assert window.page is not begun and work._ahead is None
    assert window.page.fields[key].text_in_model() == "改过的内容"


def test_after_a_change_the_page_is_built_in_parts_again(window, prefetch, qtbot, monkeypatch):
    order = _forms_in_list_order(window)
    work = window.work
    _half_built(window, order)
    staged: list[bool] = []
    page_class = workspace.FormPage

    def recorded(*args, **kwargs):
        staged.append(kwargs.get("staged", False))
        return page_class(*args, **kwargs)

    monkeypatch.setattr(workspace, "FormPage", recorded)
    ind = next(ind for _, _, ind in window.doc.form(order[1]).iter_indicators())
    assert window.doc.apply(ops.SetCells(order[1], [(ind.uid, "target", "≥66人次")]), "指标值")
    qtbot.waitUntil(lambda: order[1] in work.kept_pages())
    assert staged == [True]  # begun again in parts, not finished in one go


def test_a_page_begun_while_the_window_is_hidden_stays_hidden(window, prefetch):
    order = _forms_in_list_order(window)
    window.show_form(order[0])
    work = window.work
    work._prefetch_timer.stop()
    work.pages.hide()
    work._prefetch()
    begun = work._ahead[2]
    work.pages.show()
    assert not begun.isVisible() and window.page.isVisible()
