"""What every `jixiao` subcommand shares: JSON output, loading a project with one line on
failure, refusing to overwrite an existing file, and holding a project's lock while writing it."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from desktop.core.catalogue import phrase
from desktop.core.display import shown, shown_name
from desktop.core.embedded import project_registry
from desktop.core.kinds import KindRegistry
from desktop.core.model import Project
from desktop.core.storage import ProjectFileError, link_target, load_project


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _load(path: Path) -> Project | None:
    """The project in `path`, or None after printing the one-line reason."""
    try:
        return load_project(path).project
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return None


def _own(project: Project, registry: KindRegistry, path: Path) -> KindRegistry:
    """The kinds and rule vocabulary to read `project` with: this PC's, or the file's own
    copies (each said on stderr). Put `.rules` in force while the project is checked."""
    own, notes = project_registry(project, registry)
    for note in notes:
        print(f"{shown_name(path)}: {note.message()}", file=sys.stderr)
    return own


def _exists_refused(out: Path, force: bool) -> bool:
    """True (after saying so) when `out` exists and may not be overwritten."""
    if out.exists() and not force:
        print(phrase("cli-exists", name=out.name), file=sys.stderr)
        return True
    return False


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[bool]:
    """Hold the lock on a project file while a command writes it; yields False (after saying
    so) when another copy of the program has it open."""
    from desktop.core.locks import FileLock, LockedError

    lock = FileLock(link_target(path))
    try:
        lock.acquire()
    except LockedError as exc:
        print(phrase("cli-locked", name=shown_name(path), holder=shown(exc)), file=sys.stderr)
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
