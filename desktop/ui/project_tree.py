"""The forms list at the window's left: Delete and Ctrl+Up/Down act on forms here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView


class ProjectTree(QTreeView):
    def __init__(self, delete: Callable[[], None], move: Callable[[int], None]):
        super().__init__()
        self._delete, self._move = delete, move
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
        self._delete()

    def delete_rows(self) -> None:
        self._delete()

    def move_selection(self, delta: int) -> None:
        self._move(delta)

    def rename_current(self) -> None:
        index = self.currentIndex()
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.setFocus()
            self.edit(index)
