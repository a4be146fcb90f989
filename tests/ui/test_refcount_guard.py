"""PySide6 6.12.0's `emit()` takes a reference from `True` each time; the editor must survive
more emissions than `True` has references (it aborted with "bool_dealloc" before the guard)."""

from __future__ import annotations

import subprocess
import sys

EMIT = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
emissions = sys.getrefcount(True) + 5000  # more than True has references
{guard}
from PySide6.QtCore import QObject, Signal
class S(QObject):
    changed = Signal(str)
s = S()
s.changed.connect(lambda text: None)
for _ in range(emissions):
    s.changed.emit("x")
print("alive")
"""


def _run(guard: str) -> subprocess.CompletedProcess:
    code = EMIT.format(guard=guard)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )


def test_many_signals_do_not_free_true():
    result = _run("import desktop.ui")  # the Qt layer applies the guard on import
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-500:]


def test_the_defect_is_still_there_or_the_guard_can_go():
    """Without the guard the interpreter aborts while PySide has the defect; when this test
    fails, PySide is fixed (or Python made True immortal) and the guard can be removed."""
    from desktop.ui.refcount_guard import refcount_is_mortal

    result = _run("")
    assert refcount_is_mortal() and result.returncode != 0 and "bool_dealloc" in result.stderr
