"""The indicator library panel: search, follow the cursor's category, insert and edit."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.library import Library, initials, shipped_library_dir
from desktop.ui.library_dock import LibraryPanel, insert_at_cursor
from desktop.ui.library_items import entries_from_mime, entries_to_mime

PROJECT_FORM = "f2"  # a project-target-2026 form in the 2026 sample


def _shipped() -> Library:
    return Library.load([shipped_library_dir()])


def panel(qtbot) -> LibraryPanel:
    p = LibraryPanel(loader=_shipped)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitUntil(lambda: p.library is not None)
    return p


def names(p: LibraryPanel) -> list[str]:
    return [e.name for e in p.model.entries]


def test_loads_on_show_and_searches_by_words_initials_and_sector(qtbot):
    p = panel(qtbot)
    total = len(p.library.entries)
    p.only_here.setChecked(False)
    qtbot.waitUntil(lambda: len(p.model.entries) == total)
    p.search.setText("pxrc")
    qtbot.waitUntil(lambda: bool(names(p)) and "培训" in names(p)[0])
    p.search.setText("满意度")
    qtbot.waitUntil(lambda: bool(names(p)) and all("满意度" in n for n in names(p)[:3]))
    p.search.clear()
    p.sector.setCurrentIndex(p.sector.findData("教育"))
    qtbot.waitUntil(lambda: {e.sector for e in p.model.entries} == {"教育"})
    assert p.count.text() == f"{len(p.model.entries)} 条"


def test_follows_the_category_at_the_cursor(qtbot):
    p = panel(qtbot)
    p.set_category("经济效益指标")
    qtbot.waitUntil(lambda: {e.level2 for e in p.model.entries} == {"经济效益"})
    assert "经济效益指标" in p.only_here.text()
    p.only_here.setChecked(False)
    qtbot.waitUntil(lambda: len({e.level2 for e in p.model.entries}) > 1)


def test_double_click_asks_once_to_insert_the_entry(qtbot):
    p = panel(qtbot)
    p.only_here.setChecked(False)
    p.search.setText("pxrc")
    qtbot.waitUntil(lambda: bool(p.model.entries))
    asked = []
    p.insertRequested.connect(asked.append)
    center = p.view.visualRect(p.model.index(0, 0)).center()
    qtbot.mouseClick(p.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(p.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: bool(asked))
    assert [[e.name for e in entries] for entries in asked] == [[p.model.entries[0].name]]


def test_drag_payload_round_trips():
    entries = _shipped().search("pxrc")[:2]
    mime = entries_to_mime(entries)
    assert entries_from_mime(mime) == entries
    assert entries_from_mime(QMimeData()) == []


def test_insert_at_cursor_is_one_undo_step_and_opens_the_value(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    l2 = form.find_level2("产出指标", "数量指标")
    view.setCurrentIndex(view.tree.index_for(l2.uid))
    before = [ind.name for ind in l2.indicators]
    entry = next(e for e in _shipped().search("pxrc") if e.level2 == "数量指标")
    depth = window.doc.undo_stack.count()

    added = insert_at_cursor(window.doc, view, [entry])

    assert [ind.name for ind in l2.indicators] == [*before, entry.name]
    assert added[0].target == entry.target_text()
    assert window.doc.undo_stack.count() == depth + 1
    editor = QApplication.focusWidget()
    assert editor is not view and editor.text() == entry.target_text()
    window.doc.undo_stack.undo()
    assert [ind.name for ind in l2.indicators] == before


def test_an_entry_of_another_category_goes_to_its_own(window, qtbot):
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quantity = form.find_level2("产出指标", "数量指标")
    view.setCurrentIndex(view.tree.index_for(quantity.uid))
    entry = next(e for e in _shipped().entries if e.level2 == "服务对象满意度")
    insert_at_cursor(window.doc, view, [entry])
    satisfaction = form.find_level2("满意度指标", "服务对象满意度")
    assert satisfaction.indicators[-1].name == entry.name
    assert initials(entry.name)  # every entry can be found by its initials


def test_dropping_library_entries_on_a_category_inserts_them(window, qtbot):
    window.show_form(PROJECT_FORM)
    tree = window.page.indicator_view.tree
    l2 = window.doc.form(PROJECT_FORM).find_level2("效益指标", "社会效益")
    parent = tree.index_for(l2.uid)
    entries = [e for e in _shipped().entries if e.level2 == "社会效益"][:2]
    mime = entries_to_mime(entries)
    assert tree.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, parent)
    before = len(l2.indicators)
    assert tree.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, parent)
    assert [i.name for i in l2.indicators[:2]] == [e.name for e in entries]
    assert len(l2.indicators) == before + 2
    window.doc.undo_stack.undo()  # one step
    assert len(l2.indicators) == before


def test_window_has_the_library_dock_and_completes_from_the_library(window, qtbot):
    action = window.action("show_library")
    assert not window.library.dock.isVisible()
    action.trigger()
    qtbot.waitUntil(lambda: window.library.dock.panel.library is not None)
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    l2 = window.doc.form(PROJECT_FORM).find_level2("产出指标", "质量指标")
    view.setCurrentIndex(view.tree.index_for(l2.uid))
    panel = window.library.dock.panel
    qtbot.waitUntil(lambda: panel.category == "质量指标")
    qtbot.waitUntil(lambda: {e.level2 for e in panel.model.entries} == {"质量指标"})
    with qtbot.waitSignal(window.doc.undo_stack.indexChanged):
        panel.insertRequested.emit([panel.model.entries[0]])
    assert l2.indicators[-1].name == panel.model.entries[0].name
    # library names and values are offered after the project's own
    vocabulary = window.doc.vocabulary()
    assert "培训学员对培训效果满意度" in vocabulary.names
    assert "≥95%" in vocabulary.values_in["服务对象满意度"]


def test_opening_and_saving_record_the_projects_indicators(make_window, tmp_path, qtbot):
    from desktop.core.history import History
    from desktop.core.kinds import default_registry
    from desktop.core.model import Indicator
    from desktop.core.operations import new_project
    from desktop.core.storage import save_project

    project = new_project(default_registry()["project-target-2026"], "甲项目")
    project.forms[0].find_level2("产出指标", "数量指标").indicators = [
        Indicator(name="结业考核人数", target="≥40人")
    ]
    path = tmp_path / "甲.jixiao"
    save_project(project, path)
    window = make_window(path)
    window.library.settle()  # recorded on a worker thread
    history = History(window.files.recent.path.parent / "history.json")
    assert [e.name for e in history.entries()] == ["结业考核人数"]
    window.library.rebuild_history()
    assert "1 个项目文件" in window.statusBar().currentMessage()


def test_inserting_twice_from_the_floating_library_opens_the_second_value(window, qtbot):
    """The library floating as its own window keeps the focus: the value editor the first
    insert opens has no focus, so nothing closes it; the second insert used to find the view
    still editing ("edit: editing failed", seen by the monkey) and left the first editor open.
    Now the first value is committed and the second one opens."""
    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    l2 = form.find_level2("产出指标", "数量指标")
    view.setCurrentIndex(view.tree.index_for(l2.uid))
    dock = window.library.dock
    dock.setFloating(True)
    dock.show()
    dock.activateWindow()
    dock.panel.view.setFocus()
    qtbot.waitUntil(dock.isActiveWindow)
    entries = [e for e in _shipped().search("pxrc") if e.level2 == "数量指标"][:1]
    first = insert_at_cursor(window.doc, view, entries)[0]
    assert view.state() == view.State.EditingState
    editor = view.focusWidget()
    editor.setText("≥3次")

    second = insert_at_cursor(window.doc, view, entries)[0]

    assert first.target == "≥3次"  # the open value was committed, not left behind
    assert view.state() == view.State.EditingState
    assert view.currentIndex() == view.tree.index_for(second.uid, "target")


def test_going_back_and_forth_between_files_reuses_their_completion_words(
    make_window, tmp_path, qtbot
):
    """Opening a document builds the completion words of the history and the library (tens of
    milliseconds at thousands of rows): going back to a file whose history did not change
    reuses them; a changed history builds them again."""
    from desktop.core.kinds import default_registry
    from desktop.core.model import Indicator
    from desktop.core.operations import new_project
    from desktop.core.storage import save_project

    paths = []
    for title, name in (("甲项目", "结业考核人数"), ("乙项目", "培训场次")):
        project = new_project(default_registry()["project-target-2026"], title)
        project.forms[0].find_level2("产出指标", "数量指标").indicators = [
            Indicator(name=name, target="≥40人")
        ]
        paths.append(tmp_path / f"{title}.jixiao")
        save_project(project, paths[-1])
    window = make_window(paths[0])
    words = {}
    for path in (paths[1], paths[0], paths[1], paths[0]):
        assert window.files.open_path(path)
        window.library.settle()
        words.setdefault(path, []).append(window.doc.extra_vocabulary)
    assert "结业考核人数" in words[paths[1]][-1].names  # the other file's words
    assert words[paths[1]][-1] is words[paths[1]][-2]
    assert words[paths[0]][-1] is words[paths[0]][-2]


def test_a_keystroke_asks_for_the_rows_shown_not_every_row_found(qtbot, monkeypatch):
    """The value, category and sector columns sized to their contents asked every row found
    (305 with an empty search) for its data on every keystroke: 20–35 ms a key."""
    from desktop.ui.library_dock import LibraryModel

    asked: set[int] = set()
    counting = False
    real = LibraryModel.data

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if counting:
            asked.add(index.row())
        return real(self, index, role)

    monkeypatch.setattr(LibraryModel, "data", data)  # before the view first asks (PySide6
    # looks a Python override up once)
    p = panel(qtbot)
    p.resize(700, 400)
    p.only_here.setChecked(False)
    total = len(p.library.entries)
    qtbot.waitUntil(lambda: len(p.model.entries) == total)
    QApplication.processEvents()
    counting = True
    p.search.setText("率")
    qtbot.waitUntil(lambda: bool(p.model.entries) and all("率" in n + e.explanation
                    for n, e in zip(names(p), p.model.entries, strict=True)))  # fmt: skip
    p.search.clear()
    qtbot.waitUntil(lambda: len(p.model.entries) == total)
    QApplication.processEvents()
    shown = p.view.viewport().height() // p.view.rowHeight(0) + 2
    assert 0 < len(asked) <= shown


def _column_texts(lib: Library, p: LibraryPanel) -> dict[int, list[str]]:
    return {
        1: [e.target_text() for e in lib.entries] + [p.model.headers[1]],
        2: [e.level2 for e in lib.entries] + [p.model.headers[2]],
        3: [e.sector for e in lib.entries] + [p.model.headers[3]],
    }


def test_the_columns_fit_the_widest_entry_of_the_library(qtbot):
    """Sized once, from the whole library: a column does not jump as the results change."""
    from PySide6.QtWidgets import QStyle

    p = panel(qtbot)
    fm = p.view.fontMetrics()
    header = p.view.horizontalHeader()
    frame = p.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, p.view)
    inside = 2 * (frame + 1)  # what a cell keeps beside its text
    texts = _column_texts(p.library, p)
    widths = {c: header.sectionSize(c) for c in texts}
    for column, values in texts.items():
        widest = max(fm.horizontalAdvance(v) for v in values)
        assert widest < fm.horizontalAdvance("中" * 12)  # the shipped texts are short
        assert widest + inside <= widths[column] <= widest + inside + 10, column
    p.search.setText("满意度")
    qtbot.waitUntil(lambda: bool(p.model.entries) and "满意度" in names(p)[0])
    assert {c: header.sectionSize(c) for c in texts} == widths


def test_a_long_text_does_not_widen_its_column_past_twelve_characters(qtbot):
    from desktop.core.library import Entry

    long = "这是一个很长很长很长很长的二级指标名称"
    entry = Entry(sector="教育", level1="产出指标", level2=long, name="培训人次",
                  explanation="x", operator="≥", value="100", unit="人次", direction="higher",
                  source="x", url="")  # fmt: skip
    lib = Library()
    lib.add("mine.json", [entry])
    p = LibraryPanel(loader=lambda: lib)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitUntil(lambda: p.library is not None)
    cap = p.view.fontMetrics().horizontalAdvance("中" * 12)
    width = p.view.horizontalHeader().sectionSize(2)
    assert cap < width <= cap + 20


def test_reloading_the_library_starts_no_timer_with_a_negative_interval(qtbot):
    """Each change of the search, the sector or the switch refreshes once, at the next pass of
    the event loop. The sector list's index was passed on as the timer's interval: clearing it
    (a reload, after the history is rebuilt) asked for -1 ms, a Qt warning."""
    p = panel(qtbot)
    p.sector.setCurrentIndex(3)
    assert p._timer.interval() == 0
    p.reload()  # a Qt warning fails the test (tests/ui/conftest.py)
    assert p._timer.interval() == 0
    qtbot.waitUntil(lambda: len(p.model.entries) > 0)
