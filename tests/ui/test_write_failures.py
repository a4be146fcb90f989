"""Saving fails: a read-only folder, a full disk, a USB stick pulled before the save. The user is
told why in the core's words, the work stays in the editor (modified, undo intact) and in the
autosave snapshot, and the old file is untouched. (Tests run as root, which can write into
read-only folders, so the failures are simulated at the system calls.)"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile

import pytest

from desktop.core import storage
from desktop.core.storage import load_project
from tests.ui.conftest import sample
from tests.ui.test_files import edit_something


@pytest.fixture
def opened(make_window, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "p.jixiao"
    path.write_bytes(sample("2022-department.jixiao").read_bytes())
    window = make_window(path, state=tmp_path / "state")
    edit_something(window, "未保存的修改")
    return window, path, path.read_bytes()


def assert_work_kept(window, path, before: bytes, reason: str, answers, tmp_path) -> None:
    steps = window.doc.undo_stack.count()
    assert not window.files.save()
    title, text = answers.errors[-1]
    assert title == "保存失败" and reason in text
    assert "已自动保存" in text
    assert window.isWindowModified() and window.doc.undo_stack.count() == steps
    assert window.doc.undo_stack.canUndo()
    first = window.doc.project.forms[0]
    assert next(ind for _, _, ind in first.iter_indicators()).name == "未保存的修改"
    snapshots = list(
        (tmp_path / "state" / "autosave").glob(f"{window.files.session}*.snapshot.jixiao")
    )
    assert len(snapshots) == 1
    kept = load_project(snapshots[0]).project.forms[0]
    assert next(ind for _, _, ind in kept.iter_indicators()).name == "未保存的修改"
    if path.parent.exists():
        assert path.read_bytes() == before
        leftovers = [p.name for p in path.parent.iterdir() if p.suffix == ".tmp"]
        assert leftovers == []


def test_a_read_only_folder(opened, answers, tmp_path, monkeypatch):
    window, path, before = opened
    real = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and os.path.samefile(dir, path.parent):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    assert_work_kept(window, path, before, "没有写入权限", answers, tmp_path)


def test_a_full_disk(opened, answers, tmp_path, monkeypatch):
    window, path, before = opened
    real = os.replace

    def full(src, dst, *args, **kwargs):
        if os.path.dirname(os.fspath(dst)) == str(path.parent):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(storage.os, "replace", full)
    assert_work_kept(window, path, before, "磁盘空间不足", answers, tmp_path)


def test_a_usb_stick_pulled_out(opened, answers, tmp_path):
    window, path, before = opened
    shutil.rmtree(path.parent)
    assert_work_kept(window, path, before, "保存位置已不存在", answers, tmp_path)
    path.parent.mkdir()  # the stick is back: saving now works
    assert window.files.save() and not window.isWindowModified()
