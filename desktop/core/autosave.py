"""Autosave snapshots of unsaved work, and finding them again after a crash.

Each editor session writes its snapshot under its own name in the user state folder and removes
it when the session ends cleanly; a snapshot still there at the next start belongs to a session
that crashed (unless that process is still running: a second copy of the program is open).

Whether a session still runs is told by an OS lock (`filelock`) the session holds on its own
`SESSION.lock` file from its first snapshot on: the lock goes when the process dies, whatever
later becomes of its process id (a process id reused by a live program must not hide a crash).
Snapshots of older versions, without that file, are judged by their process id. A snapshot
whose record is damaged or missing is still offered (dated by the file), never skipped.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filelock
import platformdirs

from desktop.core.model import Project
from desktop.core.naming import project_name
from desktop.core.resources import APP_NAME
from desktop.core.storage import dumps, load_project, write_atomic

_SNAPSHOT = ".snapshot.jixiao"
_META = ".meta.json"
_LOCK = ".lock"
# session locks this process holds, by lock file: they last until the session is discarded
_SESSION_LOCKS: dict[Path, filelock.BaseFileLock] = {}


def new_session_id() -> str:
    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


def pid_alive(pid: int) -> bool:
    """Whether a process of this computer is still running (a crashed copy's is not)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False  # no such process (or gone)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


@dataclass(frozen=True)
class Recovery:
    """A snapshot left behind by a session that did not end cleanly."""

    session: str
    path: Path
    source: Path | None
    saved_at: datetime.datetime
    title: str


class Autosaver:
    def __init__(self, state_dir: Path | None = None):
        base = state_dir or Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
        self.dir = base / "autosave"

    def _paths(self, session: str) -> tuple[Path, Path]:
        return self.dir / f"{session}{_SNAPSHOT}", self.dir / f"{session}{_META}"

    def _lock_file(self, session: str) -> Path:
        return self.dir / f"{session}{_LOCK}"

    def _hold_session(self, session: str) -> None:
        """Take this session's OS lock (once): it says "alive" until the process ends."""
        path = self._lock_file(session)
        if path in _SESSION_LOCKS:
            return
        lock = filelock.FileLock(path, timeout=0, thread_local=False)
        with contextlib.suppress(filelock.Timeout, OSError):
            lock.acquire()
            _SESSION_LOCKS[path] = lock

    def _running(self, session: str, pid: int | None) -> bool:
        """Whether the session that wrote a snapshot still runs."""
        path = self._lock_file(session)
        if path in _SESSION_LOCKS:
            return True
        if not path.exists():
            return pid is not None and pid_alive(pid)  # an older version's snapshot
        probe = filelock.FileLock(path, timeout=0, thread_local=False)
        try:
            probe.acquire()
        except filelock.Timeout:
            return True
        except OSError:
            return pid is not None and pid_alive(pid)
        probe.release()
        return False

    def release_session_locks(self) -> None:
        """Let go of every session lock of this process without removing any snapshot: what
        the end of the process does (tests use it to stand for a crash)."""
        for path in [p for p in _SESSION_LOCKS if p.parent == self.dir]:
            _SESSION_LOCKS.pop(path).release()

    def save(self, session: str, project: Project, source: Path | None) -> Path:
        """Write (atomically) the snapshot of one session's project."""
        self.hold(session)
        return self.write(session, dumps(project), project_name(project), source)

    def hold(self, session: str) -> None:
        """Make the folder and take the session's lock (before a `write` on another thread)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self._hold_session(session)

    def write(self, session: str, data: bytes, title: str, source: Path | None) -> Path:
        """Write (atomically) a snapshot already encoded (the file bytes of the project titled
        `title`); only files are touched, so it may run on a worker thread after `hold`."""
        self.dir.mkdir(parents=True, exist_ok=True)
        snapshot, meta = self._paths(session)
        info = {
            "pid": os.getpid(),
            "source": str(source) if source else None,
            "saved_at": datetime.datetime.now().isoformat(timespec="seconds"),
            "title": title,
        }
        # The record first: a snapshot is never without one (a crash between the two writes
        # leaves a record without a snapshot, which is skipped, or with the previous one).
        # ASCII: a file name in other bytes (surrogates here) is kept as \\udcxx escapes.
        write_atomic(meta, json.dumps(info).encode("ascii"), backup=False)
        write_atomic(snapshot, data, backup=False)
        return snapshot

    def discard(self, session: str) -> None:
        for p in self._paths(session):
            with contextlib.suppress(OSError):
                p.unlink()
        path = self._lock_file(session)
        lock = _SESSION_LOCKS.pop(path, None)
        if lock is not None:
            with contextlib.suppress(OSError):
                path.unlink()  # while still held: nobody can be waiting on it
            lock.release()
        else:  # a crashed session's: its lock went with its process
            with contextlib.suppress(OSError):
                path.unlink()

    def pending(self) -> list[Recovery]:
        """Snapshots of sessions whose process is gone, newest first."""
        out: list[Recovery] = []
        if not self.dir.is_dir():
            return out
        for snapshot in self.dir.glob(f"*{_SNAPSHOT}"):
            session = snapshot.name.removesuffix(_SNAPSHOT)
            meta = self._paths(session)[1]
            info: dict[str, Any] = {}
            pid: int | None = None
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
                pid = int(info["pid"])
                saved_at = datetime.datetime.fromisoformat(info["saved_at"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                info = info if isinstance(info, dict) else {}
                try:  # a damaged or missing record: the snapshot is still offered
                    saved_at = datetime.datetime.fromtimestamp(snapshot.stat().st_mtime)
                except OSError:
                    continue
            if self._running(session, pid):
                continue
            source = info.get("source")
            out.append(
                Recovery(
                    session,
                    snapshot,
                    Path(source) if isinstance(source, str) and source else None,
                    saved_at,
                    str(info.get("title", "")),
                )
            )
        return self._without_copies(sorted(out, key=lambda r: r.saved_at, reverse=True))

    def _without_copies(self, recoveries: list[Recovery]) -> list[Recovery]:
        """Drop (and delete) older snapshots identical to a newer one of the same file: a
        restore writes its own snapshot before it deletes the one it restored, and a crash in
        between must not leave the old one to be offered again after later work."""
        if len(recoveries) < 2:
            return recoveries
        seen: set[tuple[str, Path | None]] = set()
        kept = []
        for recovery in recoveries:
            try:
                key = (hashlib.sha256(recovery.path.read_bytes()).hexdigest(), recovery.source)
            except OSError:
                continue
            if key in seen:
                self.discard(recovery.session)
                continue
            seen.add(key)
            kept.append(recovery)
        return kept

    def load(self, recovery: Recovery) -> Project:
        """The recovered project; raises ProjectFileError if the snapshot is unreadable."""
        return load_project(recovery.path).project

    def discard_recovery(self, recovery: Recovery) -> None:
        self.discard(recovery.session)
