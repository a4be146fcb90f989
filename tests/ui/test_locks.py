"""Two copies at once: a lock file beside the open project, and the question when another
running copy has the file open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from desktop.core.locks import lock_path, read_lock
from desktop.core.storage import load_project
from tests.ui.conftest import sample
from tests.ui.test_files import _dead_pid, edit_something

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys
from desktop.core.locks import FileLock
FileLock(sys.argv[1]).acquire()
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "shared.jixiao"
    path.write_bytes(sample("2022-department.jixiao").read_bytes())
    return path


@pytest.fixture
def other_copy(project):
    """Another running copy of the program with the file open."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.stdout.readline().strip() == "held"
    yield child
    child.stdin.close()
    child.wait(10)
    child.stdout.close()


def test_opening_takes_the_lock_and_letting_go_releases_it(window, project, tmp_path):
    assert window.files.open_path(project)
    assert read_lock(project).pid == os.getpid()
    other = tmp_path / "other.jixiao"
    other.write_bytes(project.read_bytes())
    assert window.files.open_path(other)
    assert read_lock(project) is None and read_lock(other).pid == os.getpid()
    assert window.files.open_path(other)  # the same file again keeps its lock
    assert read_lock(other).pid == os.getpid()
    window.files.open_sample()
    assert read_lock(other) is None
    window.files.open_path(project)
    window.close()
    assert not lock_path(project).exists()


def test_a_lock_left_by_a_crashed_copy_is_taken_over(window, project, answers):
    lock_path(project).write_text(
        json.dumps({"pid": _dead_pid(), "host": os.uname().nodename, "user": "x", "since": "-"}),
        encoding="utf-8",
    )
    assert window.files.open_path(project)
    assert answers.asked == [] and read_lock(project).pid == os.getpid()


def test_cancel_keeps_the_current_project(window, project, other_copy, answers):
    before = window.doc
    answers.locked = "cancel"
    assert not window.files.open_path(project)
    assert answers.asked == ["locked"] and window.doc is before
    assert read_lock(project).pid == other_copy.pid


def test_open_anyway_takes_the_lock_over(window, project, other_copy, answers):
    answers.locked = "open"
    assert window.files.open_path(project)
    assert answers.asked == ["locked"] and not window.doc.read_only
    assert read_lock(project).pid == os.getpid()
    edit_something(window)
    assert window.files.save()


def test_read_only_shows_the_file_and_refuses_changes(
    window, project, other_copy, answers, tmp_path
):
    answers.locked = "readonly"
    before = project.read_bytes()
    assert window.files.open_path(project)
    assert window.doc.read_only and "（只读）" in window.windowTitle()
    assert read_lock(project).pid == other_copy.pid  # the other copy keeps its lock
    view = window.page.indicator_view
    form = window.doc.project.forms[0]
    ind = next(ind for _, _, ind in form.iter_indicators())
    index = view.tree.index_for(ind.uid, "name")
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not view.tree.setData(index, "改")
    edit_something(window)  # even a command pushed directly is refused
    assert window.doc.undo_stack.count() == 0 and not window.isWindowModified()
    assert all(
        f.widget.isReadOnly() or not f.widget.isEnabled() for f in window.page.fields.values()
    )
    assert not window.action("delete").isEnabled() and not window.action("add_form").isEnabled()
    row_buttons = [
        action
        for bar in window.page.findChildren(QToolBar)
        for action in bar.actions()
        if action.parent() is bar  # the task table's add / remove row buttons
    ]
    assert row_buttons and not any(action.isEnabled() for action in row_buttons)

    answers.save_file = str(project)  # Save goes to Save As; over the locked file: refused
    assert not window.files.save()
    assert answers.errors[-1][0] == "文件正在使用中" and project.read_bytes() == before

    copy = tmp_path / "mine.jixiao"
    answers.save_file = str(copy)
    assert window.files.save()
    assert not window.doc.read_only and window.doc.path == copy
    assert read_lock(copy).pid == os.getpid()
    edit_something(window)
    assert window.isWindowModified() and window.files.save()
    assert load_project(copy).project.forms[0].kind == form.kind
    assert project.read_bytes() == before
