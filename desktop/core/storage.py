"""Project files on disk: load with validation and migration, save atomically with a backup.

Files travel by email and USB stick, so loading assumes nothing: every way a file can be bad
ends in one `ProjectFileError` with a plain-Chinese reason, and nothing on disk is touched.
Saving never leaves a half-written file and never silently replaces a file changed by someone
else since it was opened.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop._version import __version__
from desktop.core.catalogue import phrase
from desktop.core.display import shown, shown_name, to_utf8
from desktop.core.embedded import embed_rules, embed_used_kinds
from desktop.core.gcpause import gc_paused
from desktop.core.limits import rows_over, too_many_rows
from desktop.core.model import PROJECT_FORMAT, PROJECT_VERSION, Form, Project

PROJECT_SUFFIX = ".jixiao"
# 500 forms × 40 indicators take 4 MB; a 28 MB file of small indicators loads and checks in
# about 260 MB of memory, so 32 MB keeps the worst case bounded with room for any real project.
MAX_FILE_BYTES = 32 * 1024 * 1024
BACKUP_SUFFIX = ".bak"

# Memory a file may cost once loaded and checked, estimated from its structure before it is
# parsed. Measured (tests/benchmarks/bench_load_memory.py, `jixiao check` of the largest file of
# each hostile shape the budget admits): an object (an indicator, a cell dict) costs up to about
# 1 KB loaded and checked (its model, its uid, its findings), any other value (a key, a string,
# a number) up to about 150 bytes (a header key, fingerprinted), text about its own size; those
# files peak at 70–270 MB of RSS, so 200 MB of estimate keeps any file under 300 MB.
OBJECT_COST, VALUE_COST, LOAD_BUDGET = 1000, 150, 200 * 1024 * 1024
# A form costs more once checked than its few braces say: the findings of its kind's whole
# layout, about 5 KB more for an empty form of the costliest kind (measured as above), and half
# a millisecond of checking; counted at 10 KB, a file of empty forms at the budget (17,000 of
# them) checks in about 9 s. Counted once the file is read (they are the model's forms, so no
# layout of the text can hide one), before any form is checked.
FORM_COST = 10_000
# Rows of one form's indicator tree (categories and indicators), or of one of its tables: at
# most MAX_ROWS (desktop/core/limits.py); a single category of 170,000 indicators, within the
# load budget, took the editor over 30 s to show.
# No number in a project file is longer than this (the version is; cells are text).
MAX_NUMBER_CHARS = 40
# Temporary files of a save: short (a long file name must still be saveable), recognisable
# (those of a killed save are cleaned up later), named by the saving process.
TEMP_PREFIX, TEMP_SUFFIX = ".~jx-", ".tmp"
_OLD_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # before issue 18: .NAME.XXXXXXXX.tmp
STALE_TEMP_SECONDS = 600

# Step N turns a version-N document into a version-(N+1) one.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional sections, so a version-1 document is already valid."""
    return {**data, "version": 2}


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


class ProjectFileError(Exception):
    """A project file that cannot be read or written; `str()` is the reason, in the catalogue's
    language."""

    def __init__(self, path: Path | str, reason: str):
        reason = shown(reason)  # text from the file (a version string) stays one line
        super().__init__(reason)
        self.path = Path(os.fsdecode(path))
        self.reason = reason

    def line(self) -> str:
        """The one line a user sees: file name and reason."""
        return f"{shown_name(self.path)}: {self.reason}"


class ReadOnlyFileError(PermissionError):
    """The file to be replaced is marked read-only: its owner meant it to stay as it is."""


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


def _too_big(path: Path, size: int) -> ProjectFileError:
    return ProjectFileError(
        path,
        phrase("file-too-big", size=f"{size / 1048576:.0f}", most=MAX_FILE_BYTES // 1048576),
    )


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. The type and size are checked on
    the open descriptor (a link to /dev/zero or a FIFO is refused, never read or waited on);
    OSError for the usual failures."""
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise ProjectFileError(path, phrase("file-not-regular"))
        if info.st_size > limit:
            raise _too_big(path, info.st_size)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise _too_big(path, total)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stamp(path: Path) -> Stamp | None:
    try:
        return _stamp(read_regular(path))
    except FileNotFoundError:
        return None


def decode(path: Path, raw: bytes) -> tuple[dict[str, Any], int]:
    """Bytes to a version-checked, migrated document dict (not yet validated), and the
    version it was written in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Notepad is harmless
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") or raw[:5] == b"%PDF-":
        raise ProjectFileError(path, phrase("file-other-format"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # the cut fell inside a character
            raise ProjectFileError(path, phrase("file-cut-character")) from None
        raise ProjectFileError(path, phrase("file-not-utf8")) from None
    if not text.strip():
        raise ProjectFileError(path, phrase("file-empty"))
    check_unicode(path, raw)
    try:
        data = json.loads(text, parse_int=_bounded(int), parse_float=_bounded(float))
    except _NumberTooLong:
        raise ProjectFileError(path, phrase("file-long-number", most=MAX_NUMBER_CHARS)) from None
    except json.JSONDecodeError as exc:
        # A file cut off in transit ends mid-structure, often inside a string.
        cut = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        key = "file-json-cut" if cut else "file-json-broken"
        raise ProjectFileError(path, phrase(key, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ProjectFileError(path, phrase("file-too-deep")) from None
    if not isinstance(data, dict) or data.get("format") != PROJECT_FORMAT:
        raise ProjectFileError(path, phrase("file-no-format"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(path, phrase("file-bad-version"))
    if version > PROJECT_VERSION:
        made_by = data.get("app_version") or phrase("file-newer-program")
        raise ProjectFileError(
            path, phrase("file-too-new", made_by=made_by, version=version, ours=PROJECT_VERSION)
        )
    while data["version"] < PROJECT_VERSION:
        data = MIGRATIONS[data["version"]](data)
    return data, version


class _NumberTooLong(ValueError):
    pass


def _bounded(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """A JSON number parser that refuses long numbers before converting them (Python refuses
    integers over 4,300 digits with a ValueError; long ones cost time and memory anyway)."""

    def parse(literal: str) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _NumberTooLong(literal[:20])
        return convert(literal)

    return parse


# A \uXXXX escape of a surrogate, with the backslashes before it (an even number of them
# means the backslash itself was escaped: no escape at all).
_SURROGATE_ESCAPE = re.compile(rb"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _lone_surrogate(raw: bytes) -> tuple[int, str] | None:
    """The offset and text of the first \\uD800-\\uDFFF escape that is not half of a
    valid pair, or None."""
    paired_low_at = -1
    for m in _SURROGATE_ESCAPE.finditer(raw):
        if len(m[1]) % 2 == 0:
            continue
        start = m.end(1) - 1
        code = int(m[2], 16)
        if code >= 0xDC00:  # a low half: fine right after a high half
            if start == paired_low_at:
                continue
            return start, m[0][len(m[1]) - 1 :].decode()
        following = raw[m.end() : m.end() + 6]
        if re.fullmatch(rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}", following):
            paired_low_at = m.end()
            continue
        return start, m[0][len(m[1]) - 1 :].decode()
    return None


def check_unicode(path: Path, raw: bytes) -> None:
    """Refuse text that is not Unicode: a lone surrogate escape (`"\\ud800"`) decodes to a
    string that can never be written out again. The place is named."""
    if b"\\ud" not in raw and b"\\uD" not in raw:
        return
    found = _lone_surrogate(raw)
    if found is None:
        return
    offset, escape = found
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    raise ProjectFileError(
        path,
        phrase("file-lone-surrogate", line=line, column=column, escape=escape),
    )


def _outside_strings(raw: bytes, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of `raw` outside JSON strings, one chunk at a time (so that a file of
    millions of tiny strings costs a chunk's worth of memory, not millions of objects)."""
    inside, start = False, 0
    while start < len(raw):
        end = min(len(raw), start + chunk)
        while end < len(raw) and raw[end - 1] == 0x5C:  # never cut an escape in two
            end += 1
        part = raw[start:end].replace(b"\\\\", b"__").replace(b'\\"', b"__")
        pieces = part.split(b'"')
        yield b"".join(pieces[1 if inside else 0 :: 2])
        if len(pieces) % 2 == 0:  # an odd number of quotes: the state flips
            inside = not inside
        start = end


def _load_cost(objects: int, values: int, size: int) -> int:
    return objects * OBJECT_COST + values * VALUE_COST + size


def _counts(raw: bytes) -> tuple[int, int]:
    """Braces, and commas and colons, outside strings."""
    objects = values = 0
    for part in _outside_strings(raw):
        objects += part.count(b"{")
        values += part.count(b",") + part.count(b":")
    return objects, values


def load_cost(raw: bytes, forms: int = 0) -> int:
    """The memory `raw` may cost loaded and checked, estimated from its structure: its braces,
    commas and colons outside strings, its size and (once known) its number of forms."""
    return _load_cost(*_counts(raw), len(raw)) + forms * FORM_COST


def check_budget(
    path: Path,
    raw: bytes,
    forms: int = 0,
    counted: tuple[int, int] | None = None,
    refusal: str = "file-too-costly",
) -> tuple[int, int] | None:
    """Refuse a file whose structure would cost more memory than LOAD_BUDGET to load and
    check: before any of it is built, and again with `forms`, its number of forms, once it is
    read (before any form is checked). The first estimate counts braces, commas and colons
    anywhere (cheap, never low); only when it is over budget is the text inside strings set
    aside, so that punctuation in text does not count. Returns those counts when it made them,
    to be passed back as `counted` for the second call."""
    extra = forms * FORM_COST
    rough = _load_cost(raw.count(b"{"), raw.count(b",") + raw.count(b":"), len(raw)) + extra
    if rough <= LOAD_BUDGET:
        return counted
    objects, values = counted or _counts(raw)
    if _load_cost(objects, values, len(raw)) + extra > LOAD_BUDGET:
        raise ProjectFileError(
            path,
            phrase(refusal, objects=objects, values=values),
        )
    return objects, values


def check_rows(path: Path, project: Project, refusal: str = "file-too-many-rows") -> None:
    """Refuse a form with more than MAX_ROWS rows in its indicator tree or in a table."""
    for form in project.forms:
        over = rows_over(form)
        if over is not None:
            raise ProjectFileError(path, too_many_rows(refusal, form.id, *over))


def _validation_reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    more = phrase("file-more-errors", count=exc.error_count() - 1) if exc.error_count() > 1 else ""
    return phrase("file-invalid", where=where, error=first["msg"], more=more)


def _current(raw: bytes) -> Project | None:
    """Fast path for the common case, a valid file of the current version: pydantic parses
    and validates the JSON in one go. Anything else takes the careful path in `decode`."""
    try:
        project = Project.model_validate_json(raw)
    except ValidationError:
        return None
    if project.format != PROJECT_FORMAT or project.version != PROJECT_VERSION:
        return None
    if not {"format", "version"} <= project.model_fields_set:  # defaults are not a marker
        return None
    return project


def parse_project(path: Path, raw: bytes) -> tuple[Project, int | None]:
    counted = check_budget(path, raw)
    check_unicode(path, raw)
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
            raise ProjectFileError(path, phrase("file-too-deep")) from None
    ids = [f.id for f in project.forms]
    if len(set(ids)) != len(ids):
        raise ProjectFileError(path, phrase("file-duplicate-ids"))
    check_budget(path, raw, len(ids), counted)  # each form's check costs more than its braces
    check_rows(path, project)
    return project, (original if original != PROJECT_VERSION else None)


def load_project(path: Path | str) -> Loaded:
    """Read a project file; any problem raises ProjectFileError, nothing is written."""
    path = Path(os.fsdecode(path))
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        raise ProjectFileError(path, phrase("file-missing")) from None
    except IsADirectoryError:
        raise ProjectFileError(path, phrase("file-is-folder")) from None
    except PermissionError:
        raise ProjectFileError(path, phrase("file-no-read-permission")) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ProjectFileError(path, phrase("file-name-too-long")) from None
        raise ProjectFileError(path, phrase("file-unreadable", error=exc.strerror or exc)) from None
    with gc_paused():
        project, migrated_from = parse_project(path, raw)
    return Loaded(project, _stamp(raw), migrated_from)


def dumps(project: Project) -> bytes:
    """The file bytes for a project: same content, same bytes (stable order and layout)."""
    return encode_file(file_content(project))


def form_content(form: Form) -> dict[str, Any]:
    """One form as the file holds it (new objects: a snapshot the form's later edits leave
    alone)."""
    return form.model_dump(mode="json", exclude_defaults=True)


FormText = dict[str, Any] | str  # a form's file content, or the same already encoded


def file_content(project: Project, forms: Sequence[FormText] | None = None) -> dict[str, Any]:
    """What `dumps` writes, before encoding; `forms`: the forms' `form_content` (or its
    `encode_form`), when the caller kept them from before."""
    doc: dict[str, Any] = {
        "format": PROJECT_FORMAT,
        "version": PROJECT_VERSION,
        "app_version": __version__,
        "title": project.title,
        "forms": forms if forms is not None else [form_content(f) for f in project.forms],
    }
    if project.last_year:
        doc["last_year"] = project.last_year
    if not project.review.is_empty():
        doc["review"] = project.review.model_dump(mode="json", exclude_defaults=True)
    if project.kinds:
        doc["kinds"] = json.loads(json.dumps(dict(sorted(project.kinds.items()))))
    if project.rules:
        doc["rules"] = json.loads(json.dumps(project.rules))  # a copy: the snapshot's own
    if not project.print_settings.is_default():
        doc["print_settings"] = project.print_settings.model_dump(
            mode="json", exclude_defaults=True
        )
    return doc


def encode_file(doc: dict[str, Any]) -> bytes:
    """The bytes of a `file_content`; needs nothing else, so it may run on another thread.

    One top-level key per line and one form per line, each through json's C encoder: `indent`
    would take the pure-Python encoder, five times slower, twice the bytes and a string per
    token; and a worker thread encoding a snapshot lets the UI thread run between forms.
    """
    last = len(doc) - 1
    lines = ["{"]
    for i, (key, value) in enumerate(doc.items()):
        comma = "," if i < last else ""
        if key == "forms" and value:  # a form kept encoded (a str) is written as it is
            forms = ",\n    ".join([f if isinstance(f, str) else _encode(f) for f in value])
            lines.append(f"  {_encode(key)}: [\n    {forms}\n  ]{comma}")
        else:
            lines.append(f"  {_encode(key)}: {_encode(value)}{comma}")
    lines.append("}\n")
    # a lone surrogate (a broken paste) is written as U+FFFD: never a reason not to save
    return to_utf8("\n".join(lines))


_encode = json.JSONEncoder(ensure_ascii=False).encode  # built once: dumps() builds one per call


def encode_form(content: dict[str, Any]) -> str:
    """A form's `form_content` as its line of the file (`encode_file` writes it as it is)."""
    return _encode(content)


def stamp_of(project: Project) -> Stamp:
    """The stamp the file of `project` has when saved now."""
    return _stamp(dumps(project))


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on Windows; the replace is still atomic
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_path(directory: Path) -> Path:
    """A short name (a file named at the length limit can still be saved) that says which
    process made it."""
    return directory / f"{TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"


def _write_temp(directory: Path, data: bytes, like: os.stat_result | None) -> Path:
    """A synced temporary file in `directory` holding `data`, with the permission bits (and,
    where allowed, the owner) of `like`; new files get the umask's bits, as any program's."""
    tmp = _temp_path(directory)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if like is not None:
                if hasattr(os, "fchown"):
                    with contextlib.suppress(OSError):  # only root may give a file away
                        os.fchown(f.fileno(), like.st_uid, like.st_gid)
                with contextlib.suppress(OSError):
                    os.chmod(tmp, stat.S_IMODE(like.st_mode))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_backup(target: Path, like: os.stat_result) -> None:
    """Make `target.bak` a copy of the current file (same bits), itself replaced atomically."""
    old = read_regular(target, max(MAX_FILE_BYTES, like.st_size))
    _replace(_write_temp(target.parent, old, like), backup_path(target))


def link_target(path: Path) -> Path:
    """The file a save of `path` writes: the target of a symbolic link (a save replaces the
    file, not the link), else `path`."""
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return path


def _in_place(target: Path, data: bytes) -> None:
    """Rewrite a hard-linked file in place, so every name keeps seeing the same file (its old
    content is in the .bak by then)."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_stale_temps(directory: Path, now: float | None = None) -> int:
    """Remove temporary files that killed saves left in `directory` (ours only, by name, and
    only when older than any save takes); returns how many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        ours = name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
        if not (ours or _OLD_TEMP.match(name)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                os.unlink(entry.path)
                removed += 1
    return removed


def write_atomic(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Write via a synced temporary file and a rename; the old file survives as .bak.

    Through a symbolic link the target is written; a hard-linked file is rewritten in place
    (after its .bak is safe) so that its other names see the new content; the file's
    permission bits and owner stay; a file marked read-only is refused (ReadOnlyFileError)."""
    path = Path(path)
    target = link_target(path)
    try:
        like: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        like = None
    if like is not None:
        if stat.S_ISDIR(like.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        if not stat.S_ISREG(like.st_mode):
            raise PermissionError(errno.EPERM, "not a regular file", str(target))
        if not like.st_mode & 0o222:
            raise ReadOnlyFileError(errno.EACCES, "read-only file", str(target))
    tmp = _write_temp(target.parent, data, like)
    try:
        if backup and like is not None:
            _keep_backup(target, like)
        if like is not None and like.st_nlink > 1:
            _in_place(target, data)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)
    clean_stale_temps(target.parent)


def _write_reason(exc: OSError) -> str:
    if isinstance(exc, ReadOnlyFileError):
        return phrase("save-read-only")
    if isinstance(exc, PermissionError):
        return phrase("save-no-permission")
    if exc.errno == errno.ENAMETOOLONG:
        return phrase("save-name-too-long")
    if exc.errno == errno.ENOSPC:
        return phrase("save-disk-full")
    if isinstance(exc, FileNotFoundError):
        return phrase("save-folder-gone")
    return phrase("save-failed", error=exc.strerror or exc)


def save_project(
    project: Project,
    path: Path | str,
    expected: Stamp | None = None,
    forms: Sequence[FormText] | None = None,
) -> Stamp:
    """Save atomically. With `expected`, refuse when the file on disk changed since then.
    `forms`: the forms' `form_content` (or `encode_form`) as the caller kept them (current
    ones), else made here."""
    path = Path(path)
    if expected is not None:
        try:
            current = read_stamp(path)
        except OSError as exc:
            raise ProjectFileError(path, _write_reason(exc)) from None
        if current is not None and current != expected:
            raise FileChangedError(path, phrase("save-changed-on-disk"))
    embed_used_kinds(project)  # the file carries its form kinds to a PC that lacks them
    embed_rules(project)  # ... and the rule vocabulary when a bureau overrode it
    data = encode_file(file_content(project, forms))  # = dumps(project)
    # never write a file that load_project would refuse: the work stays in the program instead
    check_rows(path, project, "save-too-many-rows")
    check_budget(path, data, len(project.forms), refusal="save-too-costly")  # forms included
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ProjectFileError(path, _write_reason(exc)) from None
    return _stamp(data)
