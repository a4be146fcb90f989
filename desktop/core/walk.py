"""The project files in folders, as a reviewer hands them over: nested, any case of name.

Files arrive unpacked from email archives and USB sticks: sub-folders, `.JIXIAO` from a
Windows PC, projects saved as `.json`. Folders are walked recursively in a stable order; a
`.jixiao` file in any case is always listed (an unreadable one too, so the report can say
why), a `.json` file only when it starts like a project file (so a folder holding other JSON
does not fill the report with noise). A file named on the command line is always listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.model import PROJECT_FORMAT
from desktop.core.storage import PROJECT_SUFFIX

_SNIFF_BYTES = 4096
_MARK = f'"{PROJECT_FORMAT}"'.encode()


def looks_like_project(path: Path) -> bool:
    """A .json whose beginning names the project format (dumps writes it first)."""
    try:
        with open(path, "rb") as f:
            return _MARK in f.read(_SNIFF_BYTES)
    except OSError:
        return False


def _wanted(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == PROJECT_SUFFIX:
        return True
    return suffix == ".json" and looks_like_project(path)


def _walk_dir(root: Path) -> Iterator[Path]:
    """Depth-first, names sorted, symlinked folders not followed (no loops)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    dirs = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_dir:
            dirs.append(Path(entry.path))
        elif _wanted(Path(entry.path)):
            yield Path(entry.path)
    for d in dirs:
        yield from _walk_dir(d)


def project_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every project file under `paths`, streamed; a path that is a file is listed as given
    (whatever its name), a folder (even one named x.jixiao) is walked."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk_dir(p)
        else:
            yield p
