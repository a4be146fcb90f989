"""Opening and closing a cell editor repaints the cells it touches, not the whole table.

Qt's item views repaint their whole viewport whenever they gain or lose the keyboard focus;
a cell editor takes the focus when it opens and gives it back when it closes, so every Tab
through a form repainted every visible cell twice (issue 12: a third of a Tab's time)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tests.ui.conftest import sample


class PaintedArea(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region += event.region()
        return False


def _area(region: QRegion) -> int:
    return sum(r.width() * r.height() for r in region)


def _target_cells(view):
    model = view.tree
    form = view.doc.form(view.form_id)
    uids = [ind.uid for _, _, ind in form.iter_indicators()]
    return [model.index_for(uid, "target") for uid in uids[:3]]


def test_a_cell_editor_opening_and_closing_repaints_only_around_its_cell(make_window, qtbot):
    window = make_window(sample("2024-project-declarations.jixiao"))
    view = window.page.indicator_view
    first, second, _ = _target_cells(view)
    view.setFocus()
    view.setCurrentIndex(first)
    qtbot.waitUntil(view.hasFocus)
    qtbot.wait(50)
    viewport = view.viewport()
    painted = PaintedArea()
    viewport.installEventFilter(painted)
    try:
        view.edit(first)
        editor = QApplication.focusWidget()
        assert editor is not view and viewport.isAncestorOf(editor)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # closes it, the focus back on the table
        assert view.hasFocus()
        view.setCurrentIndex(second)
        view.edit(second)  # and the next one
        assert QApplication.focusWidget() is not view
        qtbot.wait(50)
    finally:
        viewport.removeEventFilter(painted)
    full = viewport.rect().width() * viewport.rect().height()
    assert 0 < _area(painted.region) < full / 3


def test_the_table_taking_the_focus_from_elsewhere_still_repaints_it(make_window, qtbot):
    """Only the editor's own focus hand-over is spared: focus from another widget repaints
    as Qt does (styles draw a focused table differently)."""
    window = make_window(sample("2024-project-declarations.jixiao"))
    view = window.page.indicator_view
    outside = [w for w in window.findChildren(QAbstractItemView) if w is not view and w.isVisible()]
    assert outside, "the window has no other view to take the focus"
    outside[0].setFocus()
    qtbot.waitUntil(outside[0].hasFocus)
    qtbot.wait(50)
    viewport = view.viewport()
    painted = PaintedArea()
    viewport.installEventFilter(painted)
    try:
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.wait(50)
    finally:
        viewport.removeEventFilter(painted)
    full = viewport.rect().width() * viewport.rect().height()
    assert _area(painted.region) >= full


def test_the_form_notice_is_restyled_only_when_it_changes(window, monkeypatch):
    """Every edit re-checks the form; a notice about the whole form that stays the same is
    not set and polished again (a restyled label repaints, with the window behind it)."""
    page = window.page
    page.show_findings(page.form_id)
    restyled = []
    real = page.notice.setProperty
    monkeypatch.setattr(page.notice, "setProperty", lambda *a: restyled.append(a) or real(*a))
    page.show_findings(page.form_id)
    assert restyled == []
