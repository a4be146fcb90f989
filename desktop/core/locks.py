"""A lock file beside an open project, so a second copy of the program (or a colleague on a
shared folder) is warned before two people edit the same file.

The lock is advisory, like an office suite's `.~lock` file: it says who has the file open.
Taking it is atomic: the holder keeps an OS lock (`filelock`: flock on Unix, LockFileEx on
Windows) on that file for as long as the project is open, so two copies opening at the same
moment cannot both get it, and a crashed holder's lock is free again the moment its process is
gone, whatever became of its process id. Lock files written by older versions (no OS lock)
are judged by their process id as before; a lock from another computer is never taken as stale.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import filelock

from desktop.core.autosave import pid_alive
from desktop.core.catalogue import phrase


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: str
    os_lock: bool = False  # written by a holder that keeps an OS lock on the lock file

    def describe(self) -> str:
        """Who holds the file, in words for a message box."""
        here = self.host == socket.gethostname()
        where = phrase("lock-this-pc") if here else phrase("lock-other-pc", host=self.host)
        return phrase("lock-holder", where=where, user=self.user, since=self.since)


class LockedError(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(phrase("lock-held", holder=info.describe()))
        self.info = info


def lock_path(path: Path) -> Path:
    return path.with_name(f".~{path.name}.lock")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name in some service contexts
        user = "?"
    now = datetime.datetime.now().isoformat(sep=" ", timespec="minutes")
    return LockInfo(os.getpid(), socket.gethostname(), user, now)


def read_lock(path: Path) -> LockInfo | None:
    """The lock on `path`, if there is one that can be read."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(
            int(data["pid"]),
            str(data["host"]),
            str(data["user"]),
            str(data["since"]),
            bool(data.get("os_lock", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


_UNKNOWN = LockInfo(0, "?", "?", "?")
# OS locks held by this process: kept here so that a lock lasts until it is released, even if
# the FileLock object that took it is dropped (as the lock file of older versions did).
_HELD: set[filelock.BaseFileLock] = set()


def _holder(path: Path) -> LockInfo:
    """Who holds the OS lock on `path`'s lock file; their info may be a moment behind."""
    for _ in range(25):
        info = read_lock(path)
        if info is not None:
            return info
        time.sleep(0.02)
    return _UNKNOWN


def _write_info(target: Path, info: LockInfo) -> None:
    """Our owner info into the lock file we hold (the same file: the OS lock stays on it)."""
    data = json.dumps(info.__dict__, ensure_ascii=False).encode("utf-8", "backslashreplace")
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        os.ftruncate(fd, 0)
        os.write(fd, data)
    finally:
        os.close(fd)


class FileLock:
    """The lock this program holds on one project file while it is open."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.held = False
        self._os_lock: filelock.BaseFileLock | None = None

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock; raise LockedError if another live copy holds it (unless `force`).

        Where no lock file can be written (a read-only folder), the file is opened without one:
        nobody can save there anyway.
        """
        if self.held:
            return
        target = lock_path(self.path)
        me = _me()
        before = read_lock(self.path)
        os_lock = filelock.FileLock(target, timeout=0, thread_local=False)
        try:
            os_lock.acquire()
        except filelock.Timeout:  # a live holder, perhaps another window of this process
            other = _holder(self.path)
            if other.pid == me.pid and other.host == me.host:
                self.held = True
                return
            if not force:
                raise LockedError(other) from None
            with contextlib.suppress(OSError):
                _write_info(target, LockInfo(**{**me.__dict__, "os_lock": True}))
            self.held = True
            return
        except OSError:
            return
        if before is not None and not force and not self._stale(before, me):
            os_lock.release()
            raise LockedError(before)
        try:
            _write_info(target, LockInfo(**{**me.__dict__, "os_lock": True}))
        except OSError:
            os_lock.release()
            return
        self._os_lock = os_lock
        _HELD.add(os_lock)
        self.held = True

    @staticmethod
    def _stale(info: LockInfo, me: LockInfo) -> bool:
        """A lock we could take the OS lock of: its holder is gone if it kept one; an older
        version's is judged by its process id; another computer's is never stale."""
        if info.host != me.host:
            return False
        return info.os_lock or info.pid == me.pid or not pid_alive(info.pid)

    def release(self) -> None:
        if not self.held:
            return
        info = read_lock(self.path)
        if info is not None and info.pid == os.getpid():
            with contextlib.suppress(OSError):
                lock_path(self.path).unlink()  # before the OS lock goes: no one waits on it
        if self._os_lock is not None:
            _HELD.discard(self._os_lock)
            self._os_lock.release()
            self._os_lock = None
        self.held = False
