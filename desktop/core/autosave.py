"""Autosave snapshots of unsaved work, and finding them again after a crash.

Each editor session writes its snapshot under its own name in the user state folder and removes
it when the session ends cleanly; a snapshot still there at the next start belongs to a session
that crashed (unless that process is still running: a second copy of the program is open).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.core.model import Project
from desktop.core.naming import project_name
from desktop.core.resources import APP_NAME
from desktop.core.storage import dumps, load_project, write_atomic

_SNAPSHOT = ".snapshot.jixiao"
_META = ".meta.json"


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

    def save(self, session: str, project: Project, source: Path | None) -> Path:
        """Write (atomically) the snapshot of one session's project."""
        self.dir.mkdir(parents=True, exist_ok=True)
        snapshot, meta = self._paths(session)
        write_atomic(snapshot, dumps(project), backup=False)
        info = {
            "pid": os.getpid(),
            "source": str(source) if source else None,
            "saved_at": datetime.datetime.now().isoformat(timespec="seconds"),
            "title": project_name(project),
        }
        write_atomic(meta, json.dumps(info, ensure_ascii=False).encode("utf-8"), backup=False)
        return snapshot

    def discard(self, session: str) -> None:
        for p in self._paths(session):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def pending(self) -> list[Recovery]:
        """Snapshots of sessions whose process is gone, newest first."""
        out: list[Recovery] = []
        if not self.dir.is_dir():
            return out
        for meta in self.dir.glob(f"*{_META}"):
            session = meta.name.removesuffix(_META)
            snapshot = self._paths(session)[0]
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
                pid = int(info["pid"])
                saved_at = datetime.datetime.fromisoformat(info["saved_at"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if pid_alive(pid) or not snapshot.exists():
                continue
            source = Path(info["source"]) if info.get("source") else None
            out.append(Recovery(session, snapshot, source, saved_at, str(info.get("title", ""))))
        return sorted(out, key=lambda r: r.saved_at, reverse=True)

    def load(self, recovery: Recovery) -> Project:
        """The recovered project; raises ProjectFileError if the snapshot is unreadable."""
        return load_project(recovery.path).project

    def discard_recovery(self, recovery: Recovery) -> None:
        self.discard(recovery.session)
