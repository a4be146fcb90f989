"""The user's own history: the indicators of the projects this user opened or saved.

A small local index in the user data folder (history.json) keeps, per project file, the
indicators with their category and target. The editor records a project when it is opened or
saved; `rebuild` re-reads every recorded file from disk (dropping files that are gone). The
index offers the user's own indicators as a library (sector 我的项目, source = the file), so
they are searched and completed like the published ones.

The index is a cache: a damaged or foreign file is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from desktop.core.library import NAME_MAX, Entry, entry_value
from desktop.core.model import Project
from desktop.core.resources import APP_NAME
from desktop.core.storage import ProjectFileError, load_project, write_atomic

HISTORY_FORMAT = "jixiao-history"
HISTORY_VERSION = 1
HISTORY_SECTOR = "我的项目"
MAX_PROJECTS = 200  # the most recently recorded files are kept


def history_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "history.json"


@dataclass
class Recorded:
    """One project file as last seen: its title and (level1, level2, name, target) rows."""

    path: str
    title: str
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    # its rows as library entries by (level2, name), worked out once: a Recorded is replaced,
    # never changed, when its file is recorded again
    _entries: list[tuple[tuple[str, str], Entry]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def entries(self) -> list[tuple[tuple[str, str], Entry]]:
        """((level2, name), entry) of the rows with a value, the first use of a name in a
        category only."""
        if self._entries is not None:
            return self._entries
        out: dict[tuple[str, str], Entry] = {}
        label = self.title or Path(self.path).stem
        source = f"{Path(self.path).name}（{label}）"
        for l1, l2, name, target in self.rows:
            if (l2, name) in out or len(name) > NAME_MAX:
                continue
            value = entry_value(target)
            if value is None:
                continue
            op, val, unit, direction = value
            out[(l2, name)] = Entry(
                sector=HISTORY_SECTOR, level1=l1, level2=l2, name=name,
                explanation=f"{label}中用过的{l2}", operator=op, value=val, unit=unit,
                direction=direction, source=source,
            )  # fmt: skip
        self._entries = list(out.items())
        return self._entries


def rows_of(project: Project) -> list[tuple[str, str, str, str]]:
    """The named indicators of every form, in order, without repeats."""
    seen: set[tuple[str, str, str, str]] = set()
    rows = []
    for form in project.forms:
        for l1, l2, ind in form.iter_indicators():
            row = (l1.name, l2.name, ind.name.strip(), ind.target.strip())
            if row[2] and row not in seen:
                seen.add(row)
                rows.append(row)
    return rows


class History:
    """The index, kept in memory and written back atomically after each change."""

    def __init__(self, path: Path | None = None):
        self.path = path or history_path()
        self.projects: dict[str, Recorded] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return  # no index yet, or a damaged one: start afresh
        if not isinstance(data, dict) or data.get("format") != HISTORY_FORMAT:
            return
        for item in data.get("projects", []):
            try:
                rec = Recorded(
                    str(item["path"]),
                    str(item.get("title", "")),
                    [
                        (str(r[0]), str(r[1]), str(r[2]), str(r[3]))
                        for r in item.get("rows", [])
                        if len(r) >= 4
                    ],
                )
            except (KeyError, TypeError):
                continue
            self.projects[rec.path] = rec

    def save(self) -> None:
        data = {
            "format": HISTORY_FORMAT,
            "version": HISTORY_VERSION,
            "projects": [
                {"path": r.path, "title": r.title, "rows": [list(row) for row in r.rows]}
                for r in self.projects.values()
            ],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=0) + "\n"
        # a path in other bytes (surrogates) is written as a \\udcxx escape, read back the same
        write_atomic(self.path, text.encode("utf-8", "backslashreplace"), backup=False)

    def record(self, path: Path | str, project: Project, save: bool = True) -> None:
        """Remember what `project` (just opened or saved as `path`) holds. The index is
        replaced, never changed in place: a reader on another thread keeps a whole one."""
        key = os.path.abspath(path)
        projects = dict(self.projects)
        old = projects.pop(key, None)
        rows = rows_of(project)
        if old is not None and old.title == project.title and old.rows == rows:
            projects[key] = old  # the same rows: keep its entries, worked out already
        else:
            projects[key] = Recorded(key, project.title, rows)
        while len(projects) > MAX_PROJECTS:
            projects.pop(next(iter(projects)))
        self.projects = projects
        if save:
            self.save()

    def forget(self, path: Path | str) -> None:
        projects = dict(self.projects)
        projects.pop(os.path.abspath(path), None)
        self.projects = projects

    def rebuild(self, extra: Iterable[Path | str] = ()) -> tuple[int, int]:
        """Re-read every recorded file (and `extra` ones) from disk; returns (read, dropped)."""
        paths = list(dict.fromkeys([*self.projects, *(os.path.abspath(p) for p in extra)]))
        self.projects = {}
        read = dropped = 0
        for p in paths:
            try:
                project = load_project(p).project
            except ProjectFileError:
                dropped += 1
                continue
            self.record(p, project, save=False)
            read += 1
        self.save()
        return read, dropped

    def entries(self, exclude: Path | str | None = None) -> list[Entry]:
        """The recorded indicators as library entries (first use of a name in a category wins,
        the most recently recorded file first); `exclude` leaves out one file (the one open).
        Each file's entries are worked out once (opening a document asks for them again)."""
        out: dict[tuple[str, str], Entry] = {}
        skip = os.path.abspath(exclude) if exclude else None
        for rec in reversed(list(self.projects.values())):
            if rec.path == skip:
                continue
            for key, entry in rec.entries():
                out.setdefault(key, entry)
        return list(out.values())
