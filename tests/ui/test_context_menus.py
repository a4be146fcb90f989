"""Context menus and the actions chosen from them.

`QMenu.exec()` hands back the chosen action and PySide6 makes the menu that action's Python
parent; deleting the menu afterwards then marks the action's wrapper dead. For an action that Qt
made (the library dock's toggle, 视图 > 指标库) the C++ action lives on with the dock, but every
later use of the wrapper raised "Internal C++ object (QAction) already deleted": the monkey
(seed 424242, the 2024 sample) chose 指标库 from the indicator tree's menu and the next form's
toolbar could not be built.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolBar


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _choose_from_context_menu(qtbot, widget, action) -> None:
    """Right-click `widget` and choose `action` from the menu with the keyboard."""
    chosen: list[bool] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), menu
        assert action in menu.actions()
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)
        chosen.append(True)

    # whether the menu blocks (exec) or not (popup), it is open when the timer fires
    timer = qtbot_timer(choose)
    pos = QPoint(20, 5)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos), Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)
    qtbot.waitUntil(lambda: bool(chosen))
    timer.stop()
    _flush_deletes()


def qtbot_timer(callback):
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(callback)
    timer.start(50)
    return timer


def test_choosing_the_library_from_the_indicator_menu_keeps_its_action(window, qtbot):
    toggle = window.action("show_library")
    window.show_form("f1")
    view = window.page.indicator_view
    _choose_from_context_menu(qtbot, view.viewport(), toggle)
    assert window.library.dock.isVisibleTo(window)  # the choice did its work
    assert shiboken6.isValid(toggle)
    window.show_form("f2")  # a new page: its toolbar takes the window's indicator actions
    _flush_deletes()
    bar = window.page.indicator_view.parent().findChild(QToolBar)
    assert toggle in bar.actions()
    _choose_from_context_menu(qtbot, window.page.indicator_view.viewport(), toggle)
    assert not window.library.dock.isVisibleTo(window)


def _menus_outside_pages(window) -> list[QMenu]:
    """The window's menus, less those of form pages (a page's own; pages are kept hidden)."""
    from desktop.ui.form_page import FormPage

    def in_page(widget) -> bool:
        while widget is not None:
            if isinstance(widget, FormPage):
                return True
            widget = widget.parentWidget()
        return False

    return [m for m in window.findChildren(QMenu) if not in_page(m)]


def test_menus_do_not_pile_up(window, qtbot):
    """Each right-click's menu goes once it closes (the forms list's piled up in the window)."""
    window.show_form("f1")
    before = len(_menus_outside_pages(window))
    for _ in range(3):
        _choose_from_context_menu(qtbot, window.page.indicator_view.viewport(),
                                  window.action("show_library"))  # fmt: skip
        tree = window.work.tree
        _choose_from_context_menu(qtbot, tree.viewport(), window.action("duplicate_form"))
    assert len(_menus_outside_pages(window)) == before
