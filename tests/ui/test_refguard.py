"""The editor survives a PySide6 that loses references to None (6.12.0 on Python 3.11: the
self-evaluation form aborted with "none_dealloc" after a few hundred clicks)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from desktop.ui import refguard

LEAKY = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from desktop.ui.app import make_app

    app = make_app(sys.argv[:1], "zh")
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    for i in range(300_000):  # each may lose a reference to None, as a repaint does
        index.data(Qt.ItemDataRole.UserRole)
        if i % 1000 == 0:
            app.processEvents()
    print("alive")
    """
)


def test_the_app_outlives_lost_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", LEAKY], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive" in done.stdout


def test_the_guard_gives_back_what_was_lost(qapp):
    guard = refguard.NoneGuard(qapp, reserve=0)
    try:
        guard.top_up()
        refguard._add_references(-100)  # what a lossy conversion does
        assert guard.top_up() >= 95  # give or take the references of the call itself
        assert sys.getrefcount(None) >= guard.level
    finally:
        guard.timer.stop()
        guard.deleteLater()


RAISING_EDIT = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from desktop.core import operations as ops
    from desktop.core.storage import load_project
    from desktop.core.resources import samples_dir
    from desktop.ui.app import make_app
    from desktop.ui.document import Document

    app = make_app(sys.argv[:1], "zh")
    doc = Document(load_project(samples_dir() / "2022-department.jixiao").project)
    form = doc.project.forms[0]

    class Broken(ops.SetHeader):
        def do(self, project, obs=ops.SILENT):
            Decimal("1" * 40).quantize(Decimal("0.01"))  # raises decimal.InvalidOperation

    doc.apply(Broken(form.id, "year", "2030", 0), "broken")
    print("alive")
    """
)


def test_an_edit_that_raises_is_printed_not_a_crash():
    """QUndoStack calls redo from C++; PySide6 6.12 segfaults on decimal.InvalidOperation
    raised there (a 30-digit 项目年度金额 did it)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", RAISING_EDIT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive" in done.stdout
    assert "InvalidOperation" in done.stderr  # said, not swallowed
