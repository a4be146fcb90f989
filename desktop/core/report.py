"""The reviewer's folder report: every file, one row per form, riskiest first, as .xlsx or .html.

Results stream in from the checking processes and go straight into a temporary SQLite file,
which then sorts them by risk, sums them per unit and picks the sample; so memory stays the
same for 100 files or 100,000. Every file found is listed, an unreadable one with its reason.

The sample pick: the fewest forms whose funds add up to at least 80 % of all funds (a
reviewer's practice: check the big money first). Taking forms by funds, largest first, until
the share is reached gives the fewest forms for that share.

The HTML file is one page with its style and a small sort script inline: nothing is fetched,
so it opens offline in any browser; all text from files is escaped. In the .xlsx every cell
from a file is written as text, never as a formula.
"""

from __future__ import annotations

import html
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.batch import FileResult
from desktop.core.money import fmt

SAMPLE_SHARE = Decimal("0.8")
UNREADABLE_RISK = 99999  # above any form: an unreadable file is looked at first
WAN = Decimal(10000)

COLUMNS = (
    "风险", "文件", "单位", "项目/表", "表样", "资金（万元）", "错误", "提示",
    "主要问题", "审核结论", "未解决意见", "抽样",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    risk: int
    file: str
    unit: str
    label: str
    kind: str
    funds_yuan: Decimal | None
    errors: int
    warnings: int
    top: str
    verdict: str
    open_comments: int
    sampled: bool
    unreadable: bool

    def cells(self) -> list[str | int | None]:
        funds = None if self.funds_yuan is None else fmt(self.funds_yuan / WAN)
        return [self.risk, self.file, self.unit, self.label, self.kind, funds, self.errors,
                self.warnings, self.top, self.verdict, self.open_comments,
                "抽中" if self.sampled else ""]  # fmt: skip


@dataclass(frozen=True)
class UnitTotal:
    unit: str
    forms: int
    funds_yuan: Decimal
    errors: int
    warnings: int
    open_comments: int
    sampled: int


@dataclass
class Summary:
    files: int = 0
    unreadable: int = 0
    forms: int = 0
    funds_yuan: Decimal = Decimal(0)
    sampled: int = 0
    sampled_yuan: Decimal = Decimal(0)


class ReportStore:
    """The rows of a report in a temporary SQLite file (deleted on close)."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="jixiao-review-")
        self.db = sqlite3.connect(Path(self._dir.name) / "rows.sqlite")
        self.db.execute(
            "CREATE TABLE rows (seq INTEGER PRIMARY KEY, risk INTEGER, file TEXT, unit TEXT,"
            " label TEXT, kind TEXT, fen INTEGER, errors INTEGER,"
            " warnings INTEGER, top TEXT, verdict TEXT, open_comments INTEGER,"
            " unreadable INTEGER, sampled INTEGER DEFAULT 0)"
        )
        self.summary = Summary()

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, result: FileResult, shown_path: str) -> None:
        s = self.summary
        s.files += 1
        insert = (
            "INSERT INTO rows (risk, file, unit, label, kind, fen, errors,"
            " warnings, top, verdict, open_comments, unreadable) VALUES"
            " (?,?,?,?,?,?,?,?,?,?,?,?)"
        )
        if not result.readable:
            s.unreadable += 1
            self.db.execute(insert, (UNREADABLE_RISK, shown_path, "", "", "", None, 0, 0,
                                     f"无法读取：{result.reason}", "", 0, 1))  # fmt: skip
            return
        for f in result.forms:
            s.forms += 1
            funds = f.funds_yuan
            if funds is not None:
                s.funds_yuan += funds
            top = "；".join(f.top)
            self.db.execute(insert, (
                f.risk, shown_path, f.unit, f.label, f.kind,
                None if funds is None else _fen(funds),
                f.errors, f.warnings, top, f.verdict, f.open_comments, 0,
            ))  # fmt: skip

    def pick_sample(self, share: Decimal = SAMPLE_SHARE) -> None:
        """Mark the fewest forms covering `share` of the funds: largest funds first."""
        s = self.summary
        goal = s.funds_yuan * share
        covered = Decimal(0)
        picked = []
        if goal > 0:
            cursor = self.db.execute(
                "SELECT seq, fen FROM rows WHERE fen > 0 ORDER BY fen DESC, seq"
            )
            for seq, fen in cursor:
                if covered >= goal:
                    break
                covered += Decimal(fen) / 100
                picked.append((seq,))
        self.db.executemany("UPDATE rows SET sampled = 1 WHERE seq = ?", picked)
        s.sampled, s.sampled_yuan = len(picked), covered

    def rows(self) -> Iterator[Row]:
        """Riskiest first: unreadable files, then errors, open comments, warnings."""
        cursor = self.db.execute(
            "SELECT risk, file, unit, label, kind, fen, errors, warnings, top, verdict,"
            " open_comments, sampled, unreadable FROM rows"
            " ORDER BY risk DESC, fen DESC, seq"
        )
        for r in cursor:
            yield Row(r[0], r[1], r[2], r[3], r[4], None if r[5] is None else Decimal(r[5]) / 100,
                      r[6], r[7], r[8], r[9], r[10], bool(r[11]), bool(r[12]))  # fmt: skip

    def units(self) -> list[UnitTotal]:
        cursor = self.db.execute(
            "SELECT unit, COUNT(*), TOTAL(fen), SUM(errors), SUM(warnings),"
            " SUM(open_comments), SUM(sampled) FROM rows WHERE unreadable = 0"
            " GROUP BY unit ORDER BY unit"
        )
        out = []
        for unit, forms, fen, errors, warnings, comments, sampled in cursor:
            out.append(UnitTotal(unit or "（未填单位）", forms, Decimal(int(fen)) / 100, errors,
                                 warnings, comments, sampled))  # fmt: skip
        return out


def _fen(yuan: Decimal) -> int:
    return int((yuan * 100).to_integral_value())


def collect(results: Iterable[FileResult], base: list[Path] | None = None) -> ReportStore:
    """Stream results into a store and pick the sample."""
    store = ReportStore()
    for result in results:
        store.add(result, _shown(result.path, base or []))
    store.pick_sample()
    return store


def _shown(path: Path, bases: list[Path]) -> str:
    for b in bases:
        try:
            return str(path.relative_to(b)) if b.is_dir() else path.name
        except ValueError:
            continue
    return str(path)


def _intro(s: Summary) -> str:
    share = "" if not s.funds_yuan else f"（{s.sampled_yuan / s.funds_yuan:.0%}）"
    return (
        f"共 {s.files} 个文件（其中 {s.unreadable} 个无法读取），{s.forms} 张表，"
        f"资金合计 {fmt(s.funds_yuan / WAN)} 万元；抽样 {s.sampled} 张表，"
        f"覆盖资金 {fmt(s.sampled_yuan / WAN)} 万元{share}。"
    )


# --- xlsx -----------------------------------------------------------------------------------


def _safe_text(value: object) -> object:
    """Text as openpyxl keeps it: no control characters (which it refuses)."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_xlsx(store: ReportStore, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审核清单")
    bold = Font(bold=True)

    def text_cells(values: list[Any]) -> list[Any]:
        cells = []
        for v in values:
            cell = WriteOnlyCell(ws, value=_safe_text(v))
            if isinstance(v, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        return cells

    ws.append(text_cells([_intro(store.summary)]))
    header = text_cells(list(COLUMNS))
    for c in header:
        c.font = bold
    ws.append(header)
    for row in store.rows():
        ws.append(text_cells(row.cells()))
    ws.auto_filter.ref = f"A2:L{store.summary.forms + store.summary.unreadable + 2}"
    ws2 = wb.create_sheet("按单位汇总")
    ws2.append(text_cells(["单位", "表数", "资金（万元）", "错误", "提示", "未解决意见", "抽样"]))
    for u in store.units():
        ws2.append(text_cells([u.unit, u.forms, fmt(u.funds_yuan / WAN), u.errors, u.warnings,
                               u.open_comments, u.sampled]))  # fmt: skip
    wb.save(out)


# --- html -----------------------------------------------------------------------------------

_STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",
sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}
th{background:#eef;cursor:pointer;position:sticky;top:0}
td.n{text-align:right;white-space:nowrap}
tr.unreadable td{background:#fdd}tr.err td.e{color:#b00;font-weight:bold}
tr.sampled td:last-child{background:#ffe9a8;font-weight:bold}
.top{max-width:40em}
"""

# Sorts a table by the clicked column (numbers as numbers); inline, nothing fetched.
_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function(th, col){
  th.addEventListener("click", function(){
    var table = th.closest("table"), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.dataset.dir === "desc" ? 1 : -1; th.dataset.dir = dir === 1 ? "asc" : "desc";
    rows.sort(function(a, b){
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      var nx = parseFloat(x.replace(/,/g, "")), ny = parseFloat(y.replace(/,/g, ""));
      if (!isNaN(nx) && !isNaN(ny)) return (nx - ny) * dir;
      return x.localeCompare(y, "zh") * dir;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""

_NUMERIC = {0, 5, 6, 7, 10}


def _td(i: int, value: object) -> str:
    text = "" if value is None else str(value)
    cls = ' class="n"' if i in _NUMERIC else ' class="top"' if i == 8 else ""
    if i == 6 and value:
        cls = ' class="n e"'
    return f"<td{cls}>{html.escape(text)}</td>"


def write_html(store: ReportStore, out: Path, title: str = "绩效目标审核清单") -> None:
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(_intro(store.summary))}"
            "点击表头可按该列排序；“抽样”列标出按资金从大到小覆盖 80% 资金的最少表单。</p>\n"
            '<table class="sortable" id="forms"><thead><tr>'
            + "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
            + "</tr></thead><tbody>\n"
        )
        for row in store.rows():
            classes = [c for c, on in (("unreadable", row.unreadable), ("err", row.errors),
                                       ("sampled", row.sampled)) if on]  # fmt: skip
            cls = f' class="{" ".join(classes)}"' if classes else ""
            f.write(f"<tr{cls}>" + "".join(_td(i, v) for i, v in enumerate(row.cells()))
                    + "</tr>\n")  # fmt: skip
        f.write("</tbody></table>\n<h2>按单位汇总</h2>\n<table class=\"sortable\" id=\"units\">"
                "<thead><tr>")  # fmt: skip
        heads = ["单位", "表数", "资金（万元）", "错误", "提示", "未解决意见", "抽样"]
        f.write("".join(f"<th>{h}</th>" for h in heads) + "</tr></thead><tbody>\n")
        for u in store.units():
            values = [u.unit, u.forms, fmt(u.funds_yuan / WAN), u.errors, u.warnings,
                      u.open_comments, u.sampled]  # fmt: skip
            f.write("<tr>" + "".join(
                f"<td{'' if i == 0 else ' class=n'}>{html.escape(str(v))}</td>"
                for i, v in enumerate(values)) + "</tr>\n")  # fmt: skip
        f.write(f"</tbody></table>\n<script>{_SCRIPT}</script>\n</body></html>\n")
