"""Project files on disk: load with validation and migration, save atomically with a backup.

Files travel by email and USB stick, so loading assumes nothing: every way a file can be bad
ends in one `ProjectFileError` with a plain-Chinese reason, and nothing on disk is touched.
Saving never leaves a half-written file and never silently replaces a file changed by someone
else since it was opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop._version import __version__
from desktop.core.embedded import embed_used_kinds
from desktop.core.gcpause import gc_paused
from desktop.core.model import PROJECT_FORMAT, PROJECT_VERSION, Project

PROJECT_SUFFIX = ".jixiao"
# 500 forms × 40 indicators take 4 MB; a 28 MB file of small indicators loads and checks in
# about 260 MB of memory, so 32 MB keeps the worst case bounded with room for any real project.
MAX_FILE_BYTES = 32 * 1024 * 1024
BACKUP_SUFFIX = ".bak"

# Step N turns a version-N document into a version-(N+1) one.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional sections, so a version-1 document is already valid."""
    return {**data, "version": 2}


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


class ProjectFileError(Exception):
    """A project file that cannot be read or written; `str()` is the reason, in Chinese."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason

    def line(self) -> str:
        """The one line a user sees: file name and reason."""
        return f"{self.path.name}: {self.reason}"


class FileChangedError(ProjectFileError):
    """The file on disk is not the one that was opened; saving would overwrite someone's work."""


@dataclass(frozen=True)
class Stamp:
    """What a file looked like when we read or wrote it."""

    sha256: str
    size: int


@dataclass
class Loaded:
    project: Project
    stamp: Stamp
    migrated_from: int | None = None  # the version on disk, when it was older than ours


def _stamp(data: bytes) -> Stamp:
    return Stamp(hashlib.sha256(data).hexdigest(), len(data))


def read_stamp(path: Path) -> Stamp | None:
    try:
        return _stamp(path.read_bytes())
    except FileNotFoundError:
        return None


def decode(path: Path, raw: bytes) -> tuple[dict[str, Any], int]:
    """Bytes to a version-checked, migrated document dict (not yet validated), and the
    version it was written in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Notepad is harmless
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") or raw[:5] == b"%PDF-":
        raise ProjectFileError(path, "这是 Word/Excel/PDF 等其他格式的文件，不是绩效项目文件。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectFileError(
            path, "文件编码不是 UTF-8（可能被另存为 GBK 或已损坏），无法读取。"
        ) from None
    if not text.strip():
        raise ProjectFileError(path, "文件是空的。")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A file cut off in transit ends mid-structure, often inside a string.
        cut = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        hint = "文件可能不完整（传输或保存时被截断）" if cut else "文件内容已损坏"
        raise ProjectFileError(
            path, f"{hint}：第 {exc.lineno} 行第 {exc.colno} 列无法解析。"
        ) from None
    except RecursionError:
        raise ProjectFileError(path, "文件嵌套层数过深，不是有效的项目文件。") from None
    if not isinstance(data, dict) or data.get("format") != PROJECT_FORMAT:
        raise ProjectFileError(path, "这不是绩效项目文件（缺少格式标记）。")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(path, "项目文件的版本号无效。")
    if version > PROJECT_VERSION:
        made_by = data.get("app_version") or "更新版本"
        raise ProjectFileError(
            path,
            f"此文件由较新的程序（{made_by}，文件格式第 {version} 版）保存，"
            f"本程序只能读取到第 {PROJECT_VERSION} 版。请升级程序后再打开；文件未做任何改动。",
        )
    while data["version"] < PROJECT_VERSION:
        data = MIGRATIONS[data["version"]](data)
    return data, version


def _validation_reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    more = f"（另有 {exc.error_count() - 1} 处）" if exc.error_count() > 1 else ""
    return f"内容不符合项目文件格式：{where}：{first['msg']}{more}"


def _current(raw: bytes) -> Project | None:
    """Fast path for the common case, a valid file of the current version: pydantic parses
    and validates the JSON in one go. Anything else takes the careful path in `decode`."""
    try:
        project = Project.model_validate_json(raw)
    except ValidationError:
        return None
    if project.format != PROJECT_FORMAT or project.version != PROJECT_VERSION:
        return None
    return project


def parse_project(path: Path, raw: bytes) -> tuple[Project, int | None]:
    project = _current(raw)
    if project is not None:
        original = PROJECT_VERSION
    else:
        data, original = decode(path, raw)
        try:
            project = Project.model_validate(data)
        except ValidationError as exc:
            raise ProjectFileError(path, _validation_reason(exc)) from None
        except RecursionError:
            raise ProjectFileError(path, "文件嵌套层数过深，不是有效的项目文件。") from None
    ids = [f.id for f in project.forms]
    if len(set(ids)) != len(ids):
        raise ProjectFileError(path, "文件中有重复的表单编号。")
    return project, (original if original != PROJECT_VERSION else None)


def load_project(path: Path | str) -> Loaded:
    """Read a project file; any problem raises ProjectFileError, nothing is written."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                path,
                f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_FILE_BYTES // 1048576} MB），"
                "不是正常的项目文件。",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(path, "文件不存在。") from None
    except IsADirectoryError:
        raise ProjectFileError(path, "这是一个文件夹，不是项目文件。") from None
    except PermissionError:
        raise ProjectFileError(path, "没有读取此文件的权限。") from None
    except OSError as exc:
        raise ProjectFileError(path, f"无法读取文件：{exc.strerror or exc}") from None
    with gc_paused():
        project, migrated_from = parse_project(path, raw)
    return Loaded(project, _stamp(raw), migrated_from)


def dumps(project: Project) -> bytes:
    """The file bytes for a project: same content, same bytes (stable order and layout)."""
    doc = {
        "format": PROJECT_FORMAT,
        "version": PROJECT_VERSION,
        "app_version": __version__,
        "title": project.title,
        "forms": [f.model_dump(mode="json", exclude_defaults=True) for f in project.forms],
    }
    if project.last_year:
        doc["last_year"] = project.last_year
    if not project.review.is_empty():
        doc["review"] = project.review.model_dump(mode="json", exclude_defaults=True)
    if project.kinds:
        doc["kinds"] = dict(sorted(project.kinds.items()))
    if not project.print_settings.is_default():
        doc["print_settings"] = project.print_settings.model_dump(
            mode="json", exclude_defaults=True
        )
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on Windows; the replace is still atomic
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _keep_backup(path: Path) -> None:
    """Make `path.bak` a copy of the current file, itself replaced atomically."""
    old = path.read_bytes()
    tmp = _write_temp(path.parent, backup_path(path).name, old)
    try:
        os.replace(tmp, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Write via a synced temporary file and a rename; the old file survives as .bak."""
    tmp = _write_temp(path.parent, path.name, data)
    try:
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_reason(exc: OSError) -> str:
    import errno

    if isinstance(exc, PermissionError):
        return "没有写入权限（文件夹只读或文件被占用），原文件未改动。"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足，原文件未改动。"
    if isinstance(exc, FileNotFoundError):
        return "保存位置已不存在（U 盘被拔出或文件夹被删除），原文件未改动。"
    return f"保存失败：{exc.strerror or exc}，原文件未改动。"


def save_project(project: Project, path: Path | str, expected: Stamp | None = None) -> Stamp:
    """Save atomically. With `expected`, refuse when the file on disk changed since then."""
    path = Path(path)
    if expected is not None:
        try:
            current = read_stamp(path)
        except OSError as exc:
            raise ProjectFileError(path, _write_reason(exc)) from None
        if current is not None and current != expected:
            raise FileChangedError(path, "文件在打开后已被其他程序或他人修改，为免覆盖，未保存。")
    embed_used_kinds(project)  # the file carries its form kinds to a PC that lacks them
    data = dumps(project)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ProjectFileError(path, _write_reason(exc)) from None
    return _stamp(data)
