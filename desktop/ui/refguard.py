"""Keep Python's None alive under a PySide6 that drops references to it.

PySide6 6.12.0 loses one reference to None on some of its conversions between C++ and Python
(measured: `QModelIndex.data(role)` for a role the model has no value for, a header repaint,
`QStyledItemDelegate.initStyleOption` on a Python model; 6.11.3 does not). On Python 3.12 and
later None is immortal and this is harmless; on Python 3.11 each lost reference counts None down,
and after some thousands of repaints of the indicator tree the process aborts with "Fatal Python
error: none_dealloc: deallocating None" (a self-evaluation form with its many scored rows got
there within a few hundred clicks).

The guard measures at start whether this PySide6 loses references to None, and if it does,
gives None back what was lost: a large reserve at once, then a top-up a few times a second to
the level it had. Nothing changes where None is immortal or PySide6 keeps its counts.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel

RESERVE = 1_000_000  # references given at once: far more than a burst of repaints loses
INTERVAL_MS = 200
_PROBES = 64


def _add_references(count: int) -> None:
    """Count `count` more references to None (CPython: the count is the object's first field)."""
    cell = ctypes.c_ssize_t.from_address(id(None))
    cell.value += count


def loses_none() -> bool:
    """Whether this Python and PySide6 lose references to None (measured, not guessed)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None is immortal
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        index.data(Qt.ItemDataRole.UserRole)  # no value: None on the Python side
    lost = before - sys.getrefcount(None)
    if lost > 0:
        _add_references(lost)  # the probe's own losses
    return lost >= _PROBES // 2


class NoneGuard(QObject):
    """Tops None's reference count back up to the level it had after the reserve."""

    def __init__(self, parent: QObject | None = None, reserve: int = RESERVE):
        super().__init__(parent)
        _add_references(reserve)
        self.level = sys.getrefcount(None)
        self.given = reserve
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.top_up)
        self.timer.start()

    def top_up(self) -> int:
        deficit = self.level - sys.getrefcount(None)
        if deficit > 0:
            _add_references(deficit)
            self.given += deficit
        return max(deficit, 0)


def install(parent: QObject) -> NoneGuard | None:
    """The guard, where this PySide6 needs one; None where it does not."""
    return NoneGuard(parent) if loses_none() else None
