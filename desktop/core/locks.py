"""A lock file beside an open project, so a second copy of the program (or a colleague on a
shared folder) is warned before two people edit the same file.

The lock is advisory, like an office suite's `.~lock` file: it says who has the file open. A
lock left by a crashed copy on this computer is recognised (its process is gone) and replaced.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from desktop.core.autosave import pid_alive


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        """Who holds the file, in words for a message box."""
        where = "本机" if self.host == socket.gethostname() else f"计算机“{self.host}”"
        return f"{where}上的用户“{self.user}”（自 {self.since} 起）"


class LockedError(Exception):
    def __init__(self, info: LockInfo):
        super().__init__(f"此文件已被{info.describe()}打开。")
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
        return LockInfo(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _stale(info: LockInfo) -> bool:
    return info.host == socket.gethostname() and not pid_alive(info.pid)


class FileLock:
    """The lock this program holds on one project file while it is open."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.held = False

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock; raise LockedError if another live copy holds it (unless `force`).

        Where no lock file can be written (a read-only folder), the file is opened without one:
        nobody can save there anyway.
        """
        target = lock_path(self.path)
        me = _me()
        for _ in range(2):
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = read_lock(self.path)
                if other is not None and other.pid == me.pid and other.host == me.host:
                    self.held = True
                    return
                if other is not None and not force and not _stale(other):
                    raise LockedError(other) from None
                with contextlib.suppress(OSError):
                    target.unlink()
                continue
            except OSError:
                return
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(me.__dict__, f, ensure_ascii=False)
            self.held = True
            return

    def release(self) -> None:
        if not self.held:
            return
        info = read_lock(self.path)
        if info is not None and info.pid == os.getpid():
            with contextlib.suppress(OSError):
                lock_path(self.path).unlink()
        self.held = False
