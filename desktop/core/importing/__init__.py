"""Import of the forms clerks already have: workbooks, Word documents and web pages.

`import_files` reads each file into grids (readers), finds and maps the forms in them (mapper)
and returns a project with the cells it could not place, so a preview can show both before
anything is added. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.importing.grid import Grid
from desktop.core.importing.mapper import ColumnMap, FoundForm, Mapper, Unplaced
from desktop.core.importing.readers import SUPPORTED, ImportFileError, read_grids, read_html
from desktop.core.kinds import KindRegistry
from desktop.core.model import Project

__all__ = [
    "SUPPORTED",
    "ColumnMap",
    "FoundForm",
    "ImportFileError",
    "ImportResult",
    "Unplaced",
    "import_files",
    "import_grids",
    "import_html",
]


@dataclass
class ImportResult:
    """The forms found (in file order) and every cell with text that was not placed."""

    forms: list[FoundForm] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    title: str = ""

    def project(self) -> Project:
        return Project(title=self.title, forms=[f.form for f in self.forms])

    def as_dict(self) -> dict[str, object]:
        return {
            "forms": [f.as_dict() for f in self.forms],
            "unplaced": [u.as_dict() for u in self.unplaced],
        }


def import_grids(
    grids: Sequence[Grid], registry: KindRegistry, kind_id: str | None = None
) -> ImportResult:
    mapper = Mapper(registry, kind_id)
    mapper.read(list(grids))
    return ImportResult(mapper.found, mapper.unplaced)


def import_files(
    paths: Sequence[Path | str], registry: KindRegistry, kind_id: str | None = None
) -> ImportResult:
    """All forms in the files, numbered f1… in order; ImportFileError for an unreadable file."""
    grids: list[Grid] = []
    title = ""
    for path in paths:
        read = read_grids(path)
        if len(paths) > 1:
            for g in read:
                g.name = f"{Path(path).name} / {g.name}"
        grids.extend(read)
        title = title or _title_of(Path(path))
    result = import_grids(grids, registry, kind_id)
    result.title = title
    return result


def import_html(html: str, registry: KindRegistry, kind_id: str | None = None) -> ImportResult:
    """Forms in `text/html` from the clipboard (a table copied from a web page or WPS)."""
    return import_grids(read_html(html, "剪贴板"), registry, kind_id)


def _title_of(path: Path) -> str:
    """The project title a workbook exported by Jixiao carries in its properties."""
    if path.suffix.lower() not in (".xlsx", ".docx"):
        return ""
    from desktop.core.importing.readers import workbook_title

    return workbook_title(path)
