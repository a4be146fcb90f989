"""Readers: .xlsx, .xls, .docx and HTML into grids; .doc/.et/.wps through a local LibreOffice.

Whatever arrives is sniffed by its first bytes, not trusted by its name. Files are bounded
before a library sees them: the size on disk, what a zip would unpack to (in all and per part,
the shared strings especially), and the cells and text a sheet may hold, so a zip bomb or a
sheet of a million strings is refused with one line instead of eating the memory.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from desktop.core.catalogue import phrase
from desktop.core.importing.grid import Grid, GridTooLarge

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_UNPACKED_BYTES = 160 * 1024 * 1024  # all parts of a zip together
MAX_PART_BYTES = 64 * 1024 * 1024  # one sheet or document part
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_RATIO = 200  # unpacked ÷ packed for a large part; real sheets compress about 10:1
MAX_SHEETS = 200
MAX_TOTAL_CELLS = 600_000
LIBREOFFICE_TIMEOUT = 180

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ett"}
DOCUMENT_SUFFIXES = {".docx", ".doc", ".wps", ".wpt"}
HTML_SUFFIXES = {".htm", ".html", ".mht", ".xhtml"}
SUPPORTED = sorted(SPREADSHEET_SUFFIXES | DOCUMENT_SUFFIXES | HTML_SUFFIXES)


class ImportFileError(Exception):
    """A file that cannot be read; `line()` is the one line shown to the user."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{Path(path).name}: {reason}")
        self.path = Path(path)
        self.reason = reason

    def line(self) -> str:
        return f"{self.path.name}: {self.reason}"


def read_grids(path: Path | str) -> list[Grid]:
    """The tables of a workbook, document or web page; ImportFileError when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(path, phrase("file-missing")) from None
    except OSError as exc:
        raise ImportFileError(path, phrase("file-unreadable", error=exc.strerror or exc)) from None
    if path.is_dir():
        raise ImportFileError(path, phrase("import-folder"))
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            path, f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_FILE_BYTES // 1048576} MB）。"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, phrase("file-unreadable", error=exc.strerror or exc)) from None
    try:
        grids = _read(path, raw)
    except GridTooLarge as exc:
        raise ImportFileError(path, phrase("import-too-large-what", what=exc)) from None
    if sum(len(g.cells) for g in grids) > MAX_TOTAL_CELLS:
        raise ImportFileError(path, phrase("import-too-many-cells"))
    return grids


def _read(path: Path, raw: bytes) -> list[Grid]:
    suffix = path.suffix.lower()
    if not raw.strip():
        raise ImportFileError(path, phrase("file-empty"))
    if raw.startswith(ZIP_MAGIC):
        names = _checked_zip(path, raw)
        if "xl/workbook.xml" in names:
            return read_xlsx(path, raw)
        if "word/document.xml" in names:
            return read_docx(path, raw)
        if "content.xml" in names:
            return _via_libreoffice(path, raw, "xlsx" if suffix in {".ods", ".et"} else "docx")
        raise ImportFileError(path, phrase("import-zip-other"))
    if raw.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            raise ImportFileError(path, phrase("import-encrypted-excel"))
        if suffix in DOCUMENT_SUFFIXES or "WordDocument".encode("utf-16-le") in raw:
            return _via_libreoffice(path, raw, "docx")
        return read_xls(path, raw)
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype", b"<html", b"<table", b"<meta")):
        return read_html(decode_html(raw), path.stem)
    if raw.startswith(b"%PDF"):
        raise ImportFileError(path, phrase("import-pdf"))
    raise ImportFileError(
        path, phrase("import-unknown-format", known=phrase("cli-list-sep").join(SUPPORTED))
    )


def _checked_zip(path: Path, raw: bytes) -> set[str]:
    """The part names, after refusing what would unpack too large (a zip bomb) or is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFileError(path, phrase("import-zip-broken")) from None
    total = 0
    for info in infos:
        total += info.file_size
        limit = MAX_SHARED_STRINGS_BYTES if info.filename.endswith("sharedStrings.xml") else (
            MAX_PART_BYTES
        )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or total > MAX_UNPACKED_BYTES or (
            info.file_size > 4 * 1024 * 1024 and ratio > MAX_RATIO
        ):
            raise ImportFileError(
                path, "文件解压后过大（疑似压缩炸弹或异常文件），为保护本机未导入。"
            )
        if info.flag_bits & 0x1:
            raise ImportFileError(path, phrase("import-encrypted"))
    return {i.filename for i in infos}


# --- .xlsx -----------------------------------------------------------------------------------

_PERCENT = re.compile(r"(?<!\\)%")
_FIXED = re.compile(r",?0(?:\.(0+))?")


def _number_text(value: float | int) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(round(value, 10)).rstrip("0").rstrip(".") if "e" not in repr(value) else (
            f"{value:f}".rstrip("0").rstrip(".")
        )
    return str(value)


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as the text a person reads in it (numbers without float noise, 95%)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float):
        if not isinstance(value, bool) and _PERCENT.search(number_format or ""):
            return _number_text(round(value * 100, 10)) + "%"
        fixed = _FIXED.fullmatch((number_format or "").replace("#,##", "").replace("#", ""))
        if fixed and not isinstance(value, bool):  # 0.00: the decimals the sheet shows
            return f"{value:.{len(fixed.group(1) or '')}f}"
        return _number_text(value)
    return str(value)


def read_xlsx(path: Path, raw: bytes) -> list[Grid]:
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser  # streams cells and merges

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors)
        raise ImportFileError(path, phrase("import-excel-broken", error=type(exc).__name__)) from None
    grids: list[Grid] = []
    try:
        formats = _number_formats(wb)
        if len(wb.worksheets) > MAX_SHEETS:
            raise ImportFileError(path, phrase("import-too-many-sheets"))
        for ws in wb.worksheets:
            if not hasattr(ws, "_get_source"):  # a chart sheet
                continue
            grid = Grid(ws.title)
            with ws._get_source() as src:
                parser = WorkSheetParser(
                    src,
                    wb.shared_strings,
                    data_only=True,
                    epoch=wb.epoch,
                    date_formats=wb._date_formats,
                    timedelta_formats=wb._timedelta_formats,
                )
                for _, row in parser.parse():
                    for cell in row:
                        fmt = formats.get(cell.get("style_id"), "General")
                        grid.set(cell["row"] - 1, cell["column"] - 1, cell_text(cell["value"], fmt))
                merges = parser.merged_cells.mergeCell if parser.merged_cells else []
            for m in merges:
                _merge_ref(grid, m.ref)
            grids.append(grid)
    except (ImportFileError, GridTooLarge):
        raise
    except Exception as exc:
        raise ImportFileError(path, phrase("import-excel-broken", error=type(exc).__name__)) from None
    finally:
        wb.close()
    return grids


def _number_formats(wb: Any) -> dict[object, str]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    out: dict[object, str] = {}
    for i, style in enumerate(getattr(wb, "_cell_styles", [])):
        fid = style.numFmtId
        if fid in BUILTIN_FORMATS:
            out[i] = BUILTIN_FORMATS[fid]
        elif fid >= 164 and fid - 164 < len(wb._number_formats):
            out[i] = wb._number_formats[fid - 164]
    return {str(k): v for k, v in out.items()} | out


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _merge_ref(grid: Grid, ref: str) -> None:
    m = _REF.match(ref or "")
    if not m or not m.group(3):
        return
    grid.merge(
        int(m.group(2)) - 1, _col_index(m.group(1)), int(m.group(4)) - 1, _col_index(m.group(3))
    )


# --- .xls ------------------------------------------------------------------------------------


def read_xls(path: Path, raw: bytes) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ImportFileError(path, phrase("import-encrypted-password")) from None
        raise ImportFileError(path, phrase("import-xls-unreadable", error=exc)) from None
    except Exception as exc:
        raise ImportFileError(path, phrase("import-xls-broken", error=type(exc).__name__)) from None
    grids: list[Grid] = []
    try:
        if book.nsheets > MAX_SHEETS:
            raise ImportFileError(path, phrase("import-too-many-sheets"))
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            grid = Grid(sh.name)
            for r in range(sh.nrows):
                for c, cell in enumerate(sh.row(r)):
                    grid.set(r, c, _xls_text(book, cell))
            for r1, r2, c1, c2 in sh.merged_cells:
                grid.merge(r1, c1, r2 - 1, c2 - 1)
            grids.append(grid)
            book.unload_sheet(i)
    except (ImportFileError, GridTooLarge):
        raise
    except Exception as exc:
        raise ImportFileError(path, phrase("import-xls-broken", error=type(exc).__name__)) from None
    finally:
        book.release_resources()
    return grids


def _xls_text(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except Exception:
            return _number_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = ""
        xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
        if xf is not None and xf.format_key in book.format_map:
            fmt = book.format_map[xf.format_key].format_str
        return cell_text(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)


# --- .docx -----------------------------------------------------------------------------------


class _Linear:
    """A document's paragraphs and tables stacked into one grid, remembering where each row was."""

    def __init__(self, name: str):
        self.grid = Grid(name)
        self.places: list[tuple[int, int]] = []  # (table number or 0 for a paragraph, row or para)
        self.grid.address_of = self.address
        self.paragraphs = 0
        self.tables = 0

    def address(self, row: int, col: int) -> str:
        if row >= len(self.places):
            return f"第{row + 1}行"
        table, n = self.places[row]
        if table == 0:
            return f"第{n}段"
        return f"表格{table} 第{n}行第{col + 1}列"

    def paragraph(self, text: str) -> None:
        self.paragraphs += 1
        if text.strip():
            self.grid.set(len(self.places), 0, text)
            self.places.append((0, self.paragraphs))

    def table(self, rows: list[list[tuple[str, int, int]]]) -> None:
        """rows of (text, rowspan, colspan) for each cell that starts there, left to right."""
        self.tables += 1
        top = len(self.places)
        taken: set[tuple[int, int]] = set()
        for r, cells in enumerate(rows):
            self.places.append((self.tables, r + 1))
            c = 0
            for text, rowspan, colspan in cells:
                while (r, c) in taken:
                    c += 1
                self.grid.set(top + r, c, text)
                if rowspan > 1 or colspan > 1:
                    self.grid.merge(top + r, c, top + r + rowspan - 1, c + colspan - 1)
                for rr in range(r, r + rowspan):
                    for cc in range(c, c + colspan):
                        taken.add((rr, cc))
                c += colspan
        extra = max((rr for rr, _ in taken), default=-1) + 1 - len(rows)
        for n in range(extra):
            self.places.append((self.tables, len(rows) + n + 1))


def read_docx(path: Path, raw: bytes) -> list[Grid]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
        linear = _Linear(path.stem)
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                linear.paragraph(Paragraph(child, document).text)
            elif tag == "tbl":
                linear.table(_docx_rows(Table(child, document)))
    except GridTooLarge:
        raise
    except Exception as exc:
        raise ImportFileError(path, phrase("import-docx-broken", error=type(exc).__name__)) from None
    return [linear.grid]


def _docx_rows(table: Any) -> list[list[tuple[str, int, int]]]:
    cells = table._cells  # one per grid position; merged positions repeat the same cell
    n_cols = max(len(table._tbl.tblGrid.gridCol_lst), 1)
    n_rows = len(cells) // n_cols
    boxes: dict[int, list[int]] = {}
    order: list[tuple[int, int, Any]] = []
    for i, cell in enumerate(cells[: n_rows * n_cols]):
        r, c = divmod(i, n_cols)
        key = id(cell._tc)
        if key not in boxes:
            boxes[key] = [r, c, r, c]
            order.append((r, c, cell))
        else:
            box = boxes[key]
            box[2], box[3] = max(box[2], r), max(box[3], c)
    rows: list[list[tuple[str, int, int]]] = [[] for _ in range(n_rows)]
    for r, _c, cell in order:
        box = boxes[id(cell._tc)]
        rows[r].append((cell.text, box[2] - box[0] + 1, box[3] - box[1] + 1))
    return rows


# --- HTML ------------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def decode_html(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    m = _CHARSET.search(raw[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        if name in {"gb2312", "gbk", "gb18030"}:
            name = "gb18030"
        try:
            return raw.decode(name, "replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", "replace")


class _TableHTML(HTMLParser):
    """Collects tables (with rowspan/colspan) and the text blocks between them; runs nothing."""

    BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "caption"})
    SKIP = frozenset({"script", "style", "head", "noscript", "template"})

    def __init__(self, linear: _Linear):
        super().__init__(convert_charrefs=True)
        self.linear = linear
        self.depth = 0  # table nesting; an inner table's text joins its outer cell
        self.rows: list[list[tuple[str, int, int]]] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.text: list[str] = []
        self.skip = 0

    def _flush_text(self) -> None:
        text = "".join(self.text).strip()
        self.text = []
        if text:
            self.linear.paragraph(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush_text()
                self.rows = []
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in {"td", "th"}:
            self._end_cell()
            self.cell = []
            self.span = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag == "br" or tag in self.BLOCKS:
            self._newline()

    def _newline(self) -> None:
        if self.cell is not None:
            self.cell.append("\n")
        elif self.depth == 0:
            self._flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self._end_cell()
                self.linear.table(self.rows)
                self.rows = []
        elif self.depth == 1 and tag in {"td", "th", "tr"}:
            self._end_cell()
        elif tag in self.BLOCKS:
            self._newline()

    def _end_cell(self) -> None:
        if self.cell is not None:
            if not self.rows:
                self.rows.append([])
            text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(self.cell)).strip()
            self.rows[-1].append((text, *self.span))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n]+", " ", data)
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._end_cell()
        if self.rows:
            self.linear.table(self.rows)
        self._flush_text()


def _span(value: str | None) -> int:
    try:
        return min(max(int(str(value).strip()), 1), 1000)
    except (TypeError, ValueError):
        return 1


def read_html(text: str, name: str = "网页") -> list[Grid]:
    """Tables of a saved web page or of `text/html` from the clipboard."""
    linear = _Linear(name)
    parser = _TableHTML(linear)
    parser.feed(text)
    parser.close()
    return [linear.grid]


# --- LibreOffice -----------------------------------------------------------------------------


def libreoffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if os.path.exists(candidate):
            return candidate
    return None


def _via_libreoffice(path: Path, raw: bytes, target: str) -> list[Grid]:
    program = libreoffice()
    if program is None:
        raise ImportFileError(
            path,
            phrase("import-needs-libreoffice", suffix=path.suffix or phrase("import-this"), target=target),
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as tmp:
        src = Path(tmp) / f"in{path.suffix.lower() or '.bin'}"
        src.write_bytes(raw)
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", tmp, str(src)],
                check=False, capture_output=True, timeout=LIBREOFFICE_TIMEOUT,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ImportFileError(path, phrase("import-libreoffice-failed", error=exc)) from None
        out = Path(tmp) / f"in.{target}"
        if not out.exists():
            raise ImportFileError(path, phrase("import-libreoffice-nothing"))
        converted = out.read_bytes()
    if not converted.startswith(ZIP_MAGIC):
        raise ImportFileError(path, phrase("import-libreoffice-unreadable"))
    _checked_zip(path, converted)
    return read_xlsx(path, converted) if target == "xlsx" else read_docx(path, converted)


def workbook_title(path: Path) -> str:
    """The title in a workbook's document properties ("" when none or unreadable)."""
    try:
        raw = path.read_bytes()
        names = _checked_zip(path, raw)
        if "docProps/core.xml" not in names:
            return ""
        from defusedxml.ElementTree import fromstring

        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            root = fromstring(zf.read("docProps/core.xml"))
        node = root.find("{http://purl.org/dc/elements/1.1/}title")
        return (node.text or "").strip() if node is not None else ""
    except Exception:
        return ""
