"""Context menus: shown without blocking, gone once closed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget


def popup_menu(parent: QWidget, actions: Sequence[QAction | None], at: QPoint) -> QMenu:
    """A context menu of `actions` (None: a separator) at the global point `at`; it goes
    (deleteLater) once it closes.

    Never `QMenu.exec()` here: PySide6 makes the menu the Python parent of the action `exec`
    returns, so deleting the menu afterwards marks that action's wrapper as deleted. For an
    action Qt made, the library dock's toggle (视图 > 指标库), the C++ action lives on with its
    dock while every later use of the wrapper raised "Internal C++ object (QAction) already
    deleted" (the next form page's toolbar among them). `popup()` returns nothing, so the
    chosen action keeps the parent it had."""
    menu = QMenu(parent)
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    menu.aboutToHide.connect(menu.deleteLater)  # after the chosen action has been triggered
    menu.popup(at)
    return menu
