"""Lock files: a second copy is warned, a crashed copy's lock is replaced."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from desktop.core.locks import FileLock, LockedError, lock_path, read_lock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses fork")


def _hold_in_child(path: Path) -> int:
    """Fork a process that takes the lock and waits; returns its pid once the lock is there."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        FileLock(path).acquire()
        time.sleep(60)
        os._exit(0)
    for _ in range(500):
        info = read_lock(path)
        if info is not None and info.pid == pid:
            return pid
        time.sleep(0.01)
    raise AssertionError("child did not take the lock")


def test_lock_and_release(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    lock = FileLock(path)
    lock.acquire()
    assert read_lock(path).pid == os.getpid()
    lock.acquire()  # taking it again in the same process is fine
    lock.release()
    assert not lock_path(path).exists()


def test_second_copy_is_warned_and_crashed_copy_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    pid = _hold_in_child(path)
    try:
        with pytest.raises(LockedError) as info:
            FileLock(path).acquire()
        assert info.value.info.pid == pid and "本机" in str(info.value)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    lock = FileLock(path)
    lock.acquire()  # the holder is gone: its lock is stale
    assert read_lock(path).pid == os.getpid()
    lock.release()


def test_force_takes_over(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    pid = _hold_in_child(path)
    try:
        FileLock(path).acquire(force=True)
        assert read_lock(path).pid == os.getpid()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_other_computer_is_never_taken_as_stale(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    lock_path(path).write_text(
        '{"pid": 1, "host": "另一台电脑", "user": "张三", "since": "2026-01-01 09:00"}',
        encoding="utf-8",
    )
    with pytest.raises(LockedError, match="另一台电脑"):
        FileLock(path).acquire()


def test_damaged_lock_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    lock_path(path).write_text("not json", encoding="utf-8")
    FileLock(path).acquire()
    assert read_lock(path).pid == os.getpid()


def test_read_only_folder_opens_without_lock(tmp_path: Path, monkeypatch) -> None:
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop.core.locks.os.open", read_only)
    lock = FileLock(tmp_path / "p.jixiao")
    lock.acquire()
    assert not lock.held
