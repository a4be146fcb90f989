"""A guard against a PySide6 6.12.0 defect: `SignalInstance.emit()` returns `True` without a
new reference, so every signal emitted from Python code takes one reference away from `True`.
On CPython before 3.12 (where `True` is not immortal) a few thousand emissions — a clerk's
morning of typing — bring its count to zero and the interpreter aborts ("bool_dealloc:
deallocating True or False"), in the editor or at exit.

`True` and `False` are never freed anyway, so the guard gives them a reserve of references
far larger than any session can emit; it does nothing on CPython 3.12+, where they are
immortal. Applied once, when the Qt layer is imported.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # references: decades of emissions


def refcount_is_mortal() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def guard_bools() -> bool:
    """Give True and False their reserve (once); True when the guard was needed."""
    if not refcount_is_mortal() or getattr(sys, "_jixiao_bool_reserve", False):
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += RESERVE
    sys._jixiao_bool_reserve = True  # type: ignore[attr-defined]
    return True
