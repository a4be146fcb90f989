"""The indicator library: published indicators, searchable by words, sector and pinyin initials.

A library is data: JSON files in resources/library/ (shipped, each entry with the document it
comes from) and in the user data folder's library/ (a bureau's own, or one built from a folder
of accepted project files with `jixiao library build`). Files are validated strictly, like form
kinds, so a mistake names the file and the field.

Search is instant because everything it compares is computed once when the library is loaded:
the folded text of each entry; and the pinyin initials of its name (培训人次 → pxrc) once, when
a search first needs them. Those come from a table of each Chinese character's readings
(pinyin-letters.txt, made from pypinyin's dictionary and checked against it by the tests), so
search never loads pypinyin's dictionaries, which takes 0.3–0.5 s; a character with several
readings matches each (银行: yh and yx).
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.core.catalogue import phrase
from desktop.core.resources import APP_NAME, resources_dir
from desktop.core.textkeys import category_key, fold

# (not imported in entry_value, which runs per row: in the editor every import statement goes
# through PySide6's __import__ hook)
from desktop.core.values import ValueKind, parse_value

if TYPE_CHECKING:  # the model is imported where it is used, to keep start-up light
    from desktop.core.model import Form, Indicator, Level2
    from desktop.core.operations import Edit

LIBRARY_FORMAT = "jixiao-library"
LIBRARY_VERSION = 1
NAME_MAX = 30  # 指标名称 ≤ 30 characters, as the production library tables require

Operator = Literal["≥", "≤", ">", "<", "=", "定性"]
Direction = Literal["higher", "lower"]

# The JSON keys of an entry, in the order `jixiao library search --json` prints them.
ENTRY_KEYS = (
    "sector",
    "level1",
    "level2",
    "name",
    "explanation",
    "operator",
    "value",
    "unit",
    "direction",
    "source",
    "url",
)


class LibraryError(ValueError):
    """A library file that cannot be used; the message names the file and the field."""


class Entry(BaseModel):
    """One indicator: where it goes in the tree, what it means, a typical value, its source."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    sector: str = Field(min_length=1, max_length=20)
    level1: str = Field(min_length=1)
    level2: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    explanation: str = Field(min_length=1)
    operator: Operator
    value: str = Field(min_length=1)
    unit: str = ""
    direction: Direction
    source: str = Field(min_length=1)
    url: str = ""

    @field_validator("name")
    @classmethod
    def _one_line(cls, v: str) -> str:
        if "\n" in v or "\t" in v:
            raise ValueError("指标名称不能换行")
        return v

    def target_text(self) -> str:
        """The value as it goes into a form's cell: ≥95%, 280人次, 稳步提高."""
        if self.operator == "定性":
            return self.value
        prefix = "" if self.operator == "=" else self.operator
        return f"{prefix}{self.value}{self.unit}"

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in ENTRY_KEYS}


class LibraryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["jixiao-library"]
    version: Literal[1]
    name: str = Field(min_length=1)
    description: str = ""
    entries: tuple[Entry, ...] = Field(min_length=1)


def _field_path(loc: Sequence[int | str], data: object) -> str:
    """entries.12.name → 第 13 条（培训人次）的 name."""
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] == "entries" and parts[1].isdigit():
        i = int(parts[1])
        label = ""
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, list) and i < len(entries) and isinstance(entries[i], dict):
            label = str(entries[i].get("name", ""))[:NAME_MAX]
        rest = ".".join(parts[2:]) or phrase("library-whole-entry")
        named = phrase("library-entry-label", label=label) if label else ""
        return phrase("library-entry-field", n=i + 1, named=named, rest=rest)
    return phrase("library-field", where=".".join(parts) or phrase("field-top"))


def parse_library(data: object, name: str) -> LibraryFile:
    """Validate a library's JSON data; `name` (the file name) goes into the message."""
    try:
        return LibraryFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise LibraryError(phrase("library-invalid", name=name, where=_field_path(first["loc"], data),
                                  error=first["msg"], count=exc.error_count())) from exc  # fmt: skip


def load_library_file(path: Path) -> LibraryFile:
    """Read and validate one library file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryError(phrase("library-unreadable", name=path.name, error=exc)) from exc
    return parse_library(data, path.name)


def dumps_library(lib: LibraryFile) -> str:
    """The file text of a library: stable key order, one entry a line group, UTF-8."""
    data = {
        "format": LIBRARY_FORMAT,
        "version": LIBRARY_VERSION,
        "name": lib.name,
        "description": lib.description,
        "entries": [e.as_dict() for e in lib.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def shipped_library_dir() -> Path:
    return resources_dir() / "library"


def user_library_dir() -> Path:
    """A bureau's own libraries (JSON files dropped in, or built/imported); optional."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library"


def library_dirs() -> list[Path]:
    dirs = [shipped_library_dir()]
    user = user_library_dir()
    if user.is_dir():
        dirs.append(user)
    return dirs


# --- search ---------------------------------------------------------------------------------

_SEP = re.compile(r"[\s,，、;；]+")


@cache
def _pinyin() -> Callable[[str], list[str]]:
    """pypinyin's converter, loaded on first use (it reads its dictionaries then)."""
    from pypinyin import Style, lazy_pinyin

    return lambda text: lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")


def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters, other letters and digits kept: 培训人次 → pxrc.

    Punctuation and brackets are dropped, so 项目（工程）验收合格率 → xmgcyshgl.
    """
    out = []
    for syllable in _pinyin()(unicodedata.normalize("NFKC", text)):
        for ch in syllable.lower():
            if ch.isascii() and ch.isalnum():
                out.append(ch)
    return "".join(out)


# The first letters of every reading of each Chinese character, made from pypinyin's
# dictionary (tests/test_library.py keeps it so): one line per character from U+3007 (〇) to
# U+9FFF, e.g. "xh" for 行 (xíng, háng). Search reads it instead of loading pypinyin.
LETTERS_FILE = "pinyin-letters.txt"
LETTERS_FIRST, LETTERS_LAST = 0x3007, 0x9FFF
VARIANTS_MAX = 32  # spellings of a name's initials kept, its characters' readings combined


def letters_table() -> str:
    """The text of the letters file, made with pypinyin (for the tests and for a new file)."""
    from pypinyin import Style, pinyin

    lines = []
    for code in range(LETTERS_FIRST, LETTERS_LAST + 1):
        readings = pinyin(chr(code), style=Style.FIRST_LETTER, heteronym=True, errors="default")
        letters = ""
        for reading in readings[0]:
            first = reading[:1].lower()
            if first.isascii() and first.isalnum():  # (pypinyin gives each letter once)
                letters += first
        lines.append(letters + "\n")
    return "".join(lines)


def write_letters_table(folder: Path | None = None) -> Path:
    """Write the letters file (after a pypinyin upgrade changed its dictionary)."""
    path = (folder or shipped_library_dir()) / LETTERS_FILE
    path.write_text(letters_table(), encoding="ascii", newline="\n")
    return path


@cache
def _letters() -> list[str] | None:
    """The letters file's lines; None when it cannot be read (pypinyin then works them out)."""
    try:
        lines = (shipped_library_dir() / LETTERS_FILE).read_text(encoding="ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) != LETTERS_LAST - LETTERS_FIRST + 2 or lines[-1]:
        return None  # not the file this program writes
    return lines


def _choices(text: str) -> list[str]:
    """For each letter, digit or Chinese character of `text`, the letters it may stand for."""
    table = _letters()
    if table is None:
        return list(initials(text))  # one reading, as pypinyin reads the whole name
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isascii():
            if ch.isalnum():
                out.append(ch.lower())
        elif LETTERS_FIRST <= ord(ch) <= LETTERS_LAST:
            letters = table[ord(ch) - LETTERS_FIRST]
            if letters:
                out.append(letters)
    return out


def initials_variants(name: str) -> tuple[str, ...]:
    """The ways to spell a name's pinyin initials, one letter a character, with each reading
    of a character that has several: 银行 → yx, yh (whichever the clerk says, it is found).
    The first has each character's first reading; at most VARIANTS_MAX are given."""
    choices = _choices(name)
    combined = itertools.islice(itertools.product(*choices), VARIANTS_MAX)
    return tuple("".join(letters) for letters in combined)  # (distinct: a character's are)


_VARIANTS: dict[str, tuple[str, ...]] = {}


def name_variants(name: str) -> tuple[str, ...]:
    """`initials_variants(name)`, worked out once per name (when a search first needs it)."""
    found = _VARIANTS.get(name)
    if found is None:
        found = _VARIANTS[name] = initials_variants(name)
    return found


@dataclass(frozen=True, slots=True)
class Indexed:
    """An entry with what search compares, computed once (its initials: `name_variants`)."""

    entry: Entry
    origin: str  # the file it came from
    text: str  # folded name + explanation + categories + sector + unit
    name: str  # folded name
    level2: str  # category_key(level2)


def _index(entry: Entry, origin: str) -> Indexed:
    text = fold(" ".join((entry.name, entry.explanation, entry.level1, entry.level2,
                          entry.sector, entry.unit)))  # fmt: skip
    return Indexed(entry, origin, text, fold(entry.name), category_key(entry.level2))


@dataclass
class Library:
    """Every loaded entry, indexed for search; `problems` lists files that could not be used."""

    items: list[Indexed] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_files(cls, files: Iterable[tuple[str, LibraryFile]]) -> Library:
        lib = cls()
        for origin, data in files:
            lib.add(origin, data.entries)
        return lib

    @classmethod
    def load(cls, dirs: Iterable[Path] | None = None) -> Library:
        """Every *.json in the folders; a bad file is reported in `problems`, not fatal."""
        lib = cls()
        for d in library_dirs() if dirs is None else dirs:
            for path in sorted(Path(d).glob("*.json")):
                try:
                    data = load_library_file(path)
                except LibraryError as exc:
                    lib.problems.append(str(exc))
                    continue
                lib.add(path.name, data.entries)
        return lib

    def add(self, origin: str, entries: Iterable[Entry]) -> None:
        seen = {(i.entry.sector, i.entry.level2, i.entry.name) for i in self.items}
        for e in entries:
            key = (e.sector, e.level2, e.name)
            if key in seen:
                continue
            seen.add(key)
            self.items.append(_index(e, origin))
        if origin not in self.files:
            self.files.append(origin)

    @property
    def entries(self) -> list[Entry]:
        return [i.entry for i in self.items]

    def sectors(self) -> list[str]:
        return sorted({i.entry.sector for i in self.items}, key=self._sector_order)

    def _sector_order(self, sector: str) -> int:
        for n, i in enumerate(self.items):
            if i.entry.sector == sector:
                return n
        return len(self.items)

    def search(
        self,
        query: str = "",
        sector: str | None = None,
        level2: str | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries matching every word of `query` (by text or pinyin initials), best first.

        A word matches an entry when it is in the entry's text, or (letters only) when it is a
        part of the name's initials. Names that start with the query rank first, then names
        containing it, then initials, then explanation-only matches. An empty query lists all.
        """
        words = [fold(w) for w in _SEP.split(query) if w.strip()]
        cat = category_key(level2) if level2 else None
        scored: list[tuple[int, int, Entry]] = []
        for n, item in enumerate(self.items):
            if sector and item.entry.sector != sector:
                continue
            if cat is not None and item.level2 != cat:
                continue
            rank = 0
            for w in words:
                r = _match(item, w)
                if r is None:
                    break
                rank += r
            else:
                scored.append((rank, n, item.entry))
        scored.sort(key=lambda t: (t[0], t[1]))
        out = [e for _, _, e in scored]
        return out if limit is None else out[:limit]


def _match(item: Indexed, word: str) -> int | None:
    """How well `word` matches: 0 name prefix, 1 in name, 2 initials, 3 other text; None no."""
    if item.name.startswith(word):
        return 0
    if word in item.name:
        return 1
    if word.isascii() and word.isalnum():
        variants = name_variants(item.entry.name)
        if any(word in v for v in variants):
            return 2 if any(v.startswith(word) for v in variants) else 3
    if word in item.text:
        return 3
    return None


@cache
def default_library() -> Library:
    """The shipped library plus the user's own files, loaded once per process."""
    return Library.load()


# --- building a library from project files ----------------------------------------------------


def entry_value(target: str) -> tuple[str, str, str, str] | None:
    """(operator, value, unit, direction) of a typed target, or None when there is none."""
    text = target.strip()
    if not text:
        return None
    parsed = parse_value(text)
    if parsed.placeholder:
        return None
    if parsed.kind is ValueKind.QUANTITY and parsed.number is not None:
        op = parsed.operator or "="
        if op not in ("≥", "≤", ">", "<", "="):
            op = "="
        direction = "lower" if op in ("≤", "<") else "higher"
        return op, format(parsed.number, "f"), parsed.unit or "", direction
    return "定性", text, "", "higher"


@dataclass
class BuildResult:
    library: LibraryFile | None
    used: int = 0  # project files read
    skipped: list[str] = field(default_factory=list)  # indicators left out, with the reason


def library_from_projects(
    projects: Iterable[tuple[str, object]],
    name: str,
    sector: str,
    label_of: Callable[[Form], str] | None = None,
) -> BuildResult:
    """A library of the indicators in `projects` ((file name, Project) pairs), deduplicated.

    The first use of (level 2, name) gives the typical value; its source names the file and
    form. `label_of(form)` names a form (its 项目名称); indicators without a name or target, or
    with a name over 30 characters, are skipped and listed.
    """
    entries: dict[tuple[str, str, str], Entry] = {}
    counts: dict[tuple[str, str, str], int] = {}
    result = BuildResult(None)
    for file_name, project in projects:
        result.used += 1
        for form in project.forms:  # type: ignore[attr-defined]
            label = label_of(form) if label_of else form.id
            for l1, l2, ind in form.iter_indicators():
                iname = ind.name.strip()
                if not iname:
                    continue
                key = (l1.name, l2.name, iname)
                counts[key] = counts.get(key, 0) + 1
                if key in entries:
                    continue
                if len(iname) > NAME_MAX:
                    result.skipped.append(phrase("library-name-too-long", file=file_name, name=iname[:NAME_MAX]))
                    continue
                value = entry_value(ind.target)
                if value is None:
                    continue
                op, val, unit, direction = value
                entries[key] = Entry(
                    sector=sector, level1=l1.name, level2=l2.name, name=iname,
                    explanation=f"{label}的{l2.name}", operator=op, value=val, unit=unit,
                    direction=direction, source=f"{file_name}：{label}",
                )  # fmt: skip
    if entries:
        final = [
            e.model_copy(update={"explanation": f"{e.explanation}（共 {counts[k]} 处使用）"})
            if counts[k] > 1
            else e
            for k, e in entries.items()
        ]
        result.library = LibraryFile(
            format=LIBRARY_FORMAT, version=LIBRARY_VERSION, name=name,
            description="由项目文件生成（jixiao library build）", entries=tuple(final),
        )  # fmt: skip
    return result


# --- putting an entry into a form -----------------------------------------------------------


def indicator_from_entry(entry: Entry) -> Indicator:
    """A new level-3 indicator with the entry's name and typical value (to edit)."""
    from desktop.core.model import Indicator

    return Indicator(name=entry.name, target=entry.target_text())


def level2_for_entry(form: Form, entry: Entry) -> Level2 | None:
    """The form's level-2 category the entry belongs in: same level-2 name (指标 or not) under a
    level-1 of the same name, else the first level-2 of that name anywhere; None if none."""
    key = category_key(entry.level2)
    fallback = None
    for l1 in form.indicators:
        for l2 in l1.children:
            if category_key(l2.name) == key:
                if category_key(l1.name) == category_key(entry.level1):
                    return l2
                fallback = fallback or l2
    return fallback


class PlacementError(LookupError):
    """The form has no level-2 category that takes this entry."""


def library_insert(form: Form, entries: Sequence[Entry], level2_uid: str | None = None,
                   index: int = -1) -> tuple[Edit | None, list[Indicator]]:  # fmt: skip
    """The edit that inserts `entries` as indicators, and the new indicators: one undo step.

    With `level2_uid` (the category at the cursor) the entries go there from `index` on (-1:
    the end); without it, or for an entry of another category, each goes to the end of its own
    category (`level2_for_entry`). Entries the form has no category for raise PlacementError.
    The edit goes through the editor's funnel (`Document.apply`) or `edit.do(project)`.
    """
    from desktop.core.model import Level2
    from desktop.core.operations import Batch, Edit, InsertIndicators, locate

    node = locate(form, level2_uid)[0] if level2_uid else None
    here = node if isinstance(node, Level2) else None
    edits: list[InsertIndicators] = []
    added: list[Indicator] = []
    for entry in entries:
        if here is not None and category_key(here.name) == category_key(entry.level2):
            l2 = here
            at = len(l2.indicators) if index < 0 else index
            if index >= 0:
                index += 1
        else:
            found = level2_for_entry(form, entry)
            if found is None:
                raise PlacementError(f"此表没有“{entry.level2}”这一类，无法放入“{entry.name}”")
            l2 = found
            at = len(l2.indicators) + sum(e.level2_uid == l2.uid for e in edits)
        ind = indicator_from_entry(entry)
        edits.append(InsertIndicators(form.id, l2.uid, at, [ind]))
        added.append(ind)
    if not edits:
        return None, []
    return (edits[0] if len(edits) == 1 else Batch(list[Edit](edits))), added


def insert_library_entry(
    form: Form, entry: Entry, level2_uid: str | None = None, index: int = -1
) -> tuple[str, int, Indicator]:
    """Insert one entry into `form` directly (headless use); returns (level-2 uid, index,
    the new indicator). Undo is `operations.remove_indicator(form, indicator.uid)`."""
    from desktop.core.operations import InsertIndicators, insert_indicators

    edit, (ind,) = library_insert(form, [entry], level2_uid, index)
    assert isinstance(edit, InsertIndicators)  # one entry: one insertion
    at = insert_indicators(form, edit.level2_uid, edit.index, [ind])
    return edit.level2_uid, at, ind


# --- a bureau's library from a workbook ------------------------------------------------------

# Accepted column headings (first row of the first sheet), Chinese or English.
WORKBOOK_COLUMNS = {
    "sector": ("行业", "领域", "行业领域", "sector"),
    "level1": ("一级指标", "level1"),
    "level2": ("二级指标", "level2"),
    "name": ("三级指标", "指标名称", "name"),
    "explanation": ("指标解释", "指标说明", "explanation"),
    "operator": ("运算符", "指标值类型", "指标性质", "operator"),
    "value": ("指标值", "参考值", "value"),
    "unit": ("计量单位", "度量单位", "单位", "unit"),
    "direction": ("方向", "direction"),
    "source": ("来源", "出处", "指标值设定依据", "source"),
    "url": ("网址", "链接", "url"),
}
_REQUIRED_COLUMNS = ("sector", "level1", "level2", "name", "explanation", "value", "source")
_DIRECTIONS = {"越高越好": "higher", "越低越好": "lower", "正向": "higher", "反向": "lower"}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def library_from_workbook(path: Path, name: str = "") -> LibraryFile:
    """A library from the first sheet of an .xlsx workbook with the columns above.

    The operator may be left out (it is read from the value: ≥95% gives ≥ 95 %), as may the
    direction (≤ and < mean lower is better). Any problem raises LibraryError naming the file,
    the row and the column.
    """
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise LibraryError(phrase("library-workbook-unreadable", name=path.name, error=exc)) from exc
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        raise LibraryError(phrase("library-workbook-empty", name=path.name))
    header = [fold(_cell_text(h)) for h in rows[0]]
    columns: dict[str, int] = {}
    for key, titles in WORKBOOK_COLUMNS.items():
        for i, h in enumerate(header):
            if h in {fold(t) for t in titles}:
                columns[key] = i
                break
    missing = [WORKBOOK_COLUMNS[k][0] for k in _REQUIRED_COLUMNS if k not in columns]
    if missing:
        raise LibraryError(phrase("library-missing-columns", name=path.name,
                                      columns=phrase("cli-list-sep").join(missing)))  # fmt: skip
    entries = []
    for n, row in enumerate(rows[1:], start=2):
        cells = {k: _cell_text(row[i]) if i < len(row) else "" for k, i in columns.items()}
        if not any(cells.values()):
            continue
        op, value, unit = cells.get("operator", ""), cells["value"], cells.get("unit", "")
        if op in ("", "定量"):
            parsed = entry_value(value + unit if unit and not value.endswith(unit) else value)
            if parsed is None:
                raise LibraryError(phrase("library-value-empty", name=path.name, n=n))
            op, value, unit, _ = parsed
        elif op in ("≥", ">=", "＞＝", "大于等于"):
            op = "≥"
        elif op in ("≤", "<=", "＜＝", "小于等于"):
            op = "≤"
        direction = _DIRECTIONS.get(cells.get("direction", ""), cells.get("direction", ""))
        if not direction:
            direction = "lower" if op in ("≤", "<") else "higher"
        data = {**cells, "operator": op, "value": value, "unit": unit, "direction": direction}
        try:
            entries.append(Entry.model_validate(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            key = str(first["loc"][0]) if first["loc"] else ""
            title = WORKBOOK_COLUMNS.get(key, (key,))[0]
            raise LibraryError(phrase("library-cell-invalid", name=path.name, n=n, title=title,
                                          error=first["msg"])) from exc  # fmt: skip
    if not entries:
        raise LibraryError(phrase("library-workbook-no-entries", name=path.name))
    return LibraryFile(
        format=LIBRARY_FORMAT, version=LIBRARY_VERSION, name=name or path.stem,
        description=f"由工作簿 {path.name} 导入", entries=tuple(entries),
    )  # fmt: skip


@cache
def _file_entries(path: Path, mtime: float) -> tuple[Entry, ...]:
    return load_library_file(path).entries


def plain_entries(dirs: Iterable[Path] | None = None) -> list[Entry]:
    """Every entry of the library files, without the search index (no pinyin): what name and
    value completion needs, cheap enough for every document opened. Bad files are skipped."""
    out: list[Entry] = []
    for d in library_dirs() if dirs is None else dirs:
        for path in sorted(Path(d).glob("*.json")):
            try:
                out.extend(_file_entries(path, path.stat().st_mtime))
            except (LibraryError, OSError):
                continue
    return out
