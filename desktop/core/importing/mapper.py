"""Finding forms in grids and mapping their cells onto form kinds.

A grid is cut into segments at each form title (several forms one after another on a sheet);
each segment's kind is recognised from its title or, failing that, from how many of a kind's
labels, column names and category names it holds (all of them data in forms/*.json, aliases
included). The segment is then read the way a person reads the paper form: header labels with
their values to the right (or below, for a report's sections), the funds block by row and column
labels, task tables under their column heads, and the indicator table below its header row, with
merged category cells unmerged. Every cell that was not placed is kept with its address and the
reason, so nothing is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.catalogue import phrase
from desktop.core.importing.grid import Grid, Pos, norm, norm_category
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.money import parse_amount, plain, yuan_factor
from desktop.core.rules import rules
from desktop.core.scoring import PRINTED, PRINTED_RATE, PRINTED_TOTAL, RATE, SCORE_KEY

# Reasons a cell was not placed, shown in the preview and by `jixiao import --json`: keys of
# the message catalogue, worded in the reader's language by Unplaced.reason_text.
REASON_UNKNOWN = "import-reason-unknown"
REASON_COLUMN = "import-reason-column"
REASON_SIGNATURE = "import-reason-signature"
REASON_FOOTNOTE = "import-reason-footnote"
REASON_COMPUTED = "import-reason-computed"
REASON_BEFORE = "import-reason-before"
REASON_ATTACHMENT = "import-reason-attachment"
REASON_NO_FORM = "import-reason-no-form"
_ATTACHMENT = re.compile(r"^附[件表]\d*(?:[-－]\d+)?$")

# Labels that end an indicator table: totals, grades, review and signature blocks, notes.
STOP_LABELS = ("总分", "合计", "自评总分", "综合评定等级", "自评等级", "评价等级", "审核意见")
_YEAR_CELL = re.compile(r"^[(（]?\s*(\d{4})\s*年度?\s*[)）]?$")
_YEAR_IN = re.compile(r"(\d{4})\s*年")
_MONEY = "|".join(sorted(map(re.escape, rules().units.money), key=len, reverse=True))
_UNIT = re.compile(rf"[(（]\s*({_MONEY})\s*[)）]")
_UNIT_NOTE = re.compile(rf"^(?:金额)?单位\s*[:：]\s*({_MONEY})$")
_RULE = re.compile(r"\s*[(（]\s*(?:必填量化|必填|选填|可选)\s*[)）]\s*$")
_PLACEHOLDER = {"—", "-", "－", "/", "／", "——"}
# A paper's own score, execution rate and total are kept as printed, beside the figures the
# program computes (a paper's arithmetic errors then show): computed column → where it goes.
_AS_PRINTED = {SCORE_KEY: PRINTED, RATE: PRINTED_RATE}
PRINTED_LABEL = "纸面{0}（另按规则计算）"


@dataclass
class Unplaced:
    """A cell with text that the import did not put anywhere."""

    sheet: str
    address: str
    text: str
    reason: str  # one of the REASON_* keys

    @property
    def reason_text(self) -> str:
        return phrase(self.reason)

    def as_dict(self) -> dict[str, str]:
        return {"sheet": self.sheet, "cell": self.address, "text": self.text,
                "reason": self.reason_text, "reason_code": self.reason}  # fmt: skip


@dataclass
class ColumnMap:
    """How a column heading of the file was read: the kind's column it fills, or none."""

    heading: str
    target: str  # the kind's label, or "" when the column is skipped
    address: str


@dataclass
class FoundForm:
    form: Form
    kind: FormKind
    sheet: str
    address: str  # where the form starts
    columns: list[ColumnMap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    how: str = ""  # how the kind was recognised

    def as_dict(self) -> dict[str, object]:
        return {
            "form_id": self.form.id,
            "kind": self.kind.id,
            "kind_name": self.kind.name,
            "sheet": self.sheet,
            "cell": self.address,
            "name": self.form.header.get(self.kind.name_field or "", ""),
            "indicators": sum(1 for _ in self.form.iter_indicators()),
            "columns": [
                {"heading": c.heading, "maps_to": c.target, "cell": c.address} for c in self.columns
            ],
            "notes": self.notes,
            "recognised_by": self.how,
        }


def _labels(label: str, aliases: Iterable[str] = ()) -> set[str]:
    out = {norm(label)} if label else set()
    out |= {norm(a) for a in aliases if a}
    return out | {norm(_UNIT.sub("", x)) for x in out}


def _unit_of(text: str) -> str | None:
    m = _UNIT.search(text)
    return m.group(1) if m else None


def convert_amount(text: str, from_unit: str | None, to_unit: str | None) -> str:
    """An amount typed in one unit written in another; text that is not a number stays."""
    if not from_unit or not to_unit or from_unit == to_unit:
        return text
    amount = parse_amount(text)
    factor_from, factor_to = yuan_factor(from_unit), yuan_factor(to_unit)
    if amount is None or factor_from is None or factor_to is None:
        return text
    return plain(amount * factor_from / factor_to)


class KindLabels:
    """The normalised labels of one kind, for matching cells."""

    def __init__(self, kind: FormKind):
        a = kind.aliases
        self.kind = kind
        self.titles = [norm(t) for t in (kind.title, *a.titles) if t]
        self.header = {f.key: _labels(f.label, a.header.get(f.key, ())) for f in kind.header}
        self.groups = {norm(g.label) for g in kind.print.field_groups}
        self.funds_label: set[str] = set()
        self.funds_rows: dict[str, set[str]] = {}
        self.funds_cols: dict[str, set[str]] = {}
        if kind.funds:
            self.funds_label = _labels(kind.funds.label, a.funds_label)
            for r in kind.funds.rows:
                names = _labels(r.label, a.funds_rows.get(r.key, ()))
                self.funds_rows[r.key] = names | {n.removeprefix("其中") for n in names}
            for c in kind.funds.columns:
                if c.label:
                    self.funds_cols[c.key] = _labels(c.label, a.funds_columns.get(c.key, ()))
        self.tables = {
            t.key: {c.key: _labels(c.label, a.tables.get(f"{t.key}.{c.key}", ())) for c in t.columns}
            for t in kind.tables
        }
        self.table_labels = {norm(t.label) for t in kind.tables} | {
            norm(c.group) for t in kind.tables for c in t.columns if c.group
        }
        self.level1 = _labels(kind.level1_label, a.level1_label)
        self.level2 = _labels(kind.level2_label, a.level2_label)
        self.indicator_label = norm(kind.indicator_label) if kind.indicator_label else ""
        self.columns = {c.key: _labels(c.label, a.columns.get(c.key, ())) for c in kind.columns}
        self.column_groups = {norm(c.group) for c in kind.columns if c.group}
        self.operators = {norm(x) for x in a.operator_columns}
        self.units = {norm(x) for x in a.unit_columns}
        self.categories: dict[str, str] = {}
        for cat in kind.categories:
            for name in (cat.name, *a.categories.get(cat.name, ())):
                self.categories.setdefault("1:" + norm_category(name), cat.name)
            for d in cat.children:
                for name in (d.name, *a.categories.get(d.name, ())):
                    self.categories.setdefault(f"2:{cat.name}:" + norm_category(name), d.name)
        self.signature = [norm(s).removesuffix("（签字）").removesuffix("(签字)") for s in kind.print.signature]
        self.signature = [s for s in self.signature if s] + ["填表人", "审核人", "联系人", "填报日期"]
        self.review = norm(kind.print.review_label)
        self.footnote = norm(kind.print.footnote) if kind.print.footnote else ""
        self.all_labels: set[str] = set().union(
            *self.header.values(),
            self.groups,
            self.funds_label,
            *self.funds_rows.values(),
            *self.funds_cols.values(),
            *[x for t in self.tables.values() for x in t.values()],
            self.table_labels,
            self.level1,
            self.level2,
            *self.columns.values(),
        )
        if self.indicator_label:
            self.all_labels.add(self.indicator_label)

    def score(self, texts: set[str]) -> float:
        """How many of this kind's labels and category names a segment holds."""
        found: float = sum(1 for names in self.header.values() if names & texts)
        found += sum(1 for names in self.funds_rows.values() if names & texts)
        found += sum(1 for names in self.columns.values() if names & texts)
        found += bool(self.level1 & texts) + bool(self.level2 & texts)
        if self.level1 & texts:  # an indicator table: columns this kind has and the file lacks
            found -= sum(1 for names in self.columns.values() if not names & texts) / 2
        cats = {norm_category(t) for t in texts}
        found += sum(1 for k in self.categories if k.rsplit(":", 1)[-1] in cats)
        return found

    def category1(self, text: str) -> str:
        return self.categories.get("1:" + norm_category(text), "")

    def category2(self, level1: str, text: str) -> str:
        return self.categories.get(f"2:{level1}:" + norm_category(text), "")

    def is_signature(self, text: str) -> str | None:
        """What was written after the labels when `text` is a signature-block cell, else None.

        A cell may hold one label (「填报人：」) or the whole line (「填报人：张三  日期：……」).
        """
        n = norm(text)
        if not any(n.startswith(s) for s in self.signature):
            return None
        parts = re.split(r"[:：]", text)
        values = []
        for i, part in enumerate(parts[1:], 1):
            piece = part.strip()
            if i < len(parts) - 1:  # drop the next label, which ends this piece
                for s in sorted(self.signature, key=len, reverse=True):
                    cut = _cut_label(piece, s)
                    if cut is not None:
                        piece = cut
                        break
            piece = re.sub(r"^[(（]?签字[)）]?|^[(（]?盖章[)）]?", "", piece).strip()
            if piece:
                values.append(piece)
        return " ".join(values)


def _cut_label(piece: str, label: str) -> str | None:
    """`piece` less a trailing signature `label` (spaces and brackets ignored), or None."""
    compact = norm(piece)
    for suffix in (label, label + "(签字)", label + "(盖章)"):
        if compact.endswith(suffix):
            # walk back over the characters of the label in the original text
            kept, need = piece, len(suffix)
            while need and kept:
                ch = kept[-1]
                kept = kept[:-1]
                if not ch.isspace():
                    need -= 1
            return kept.strip()
    return None


@dataclass
class _Segment:
    grid: Grid
    top: int
    bottom: int  # exclusive
    title: Pos | None
    kind_hint: str | None


class Mapper:
    """Reads the forms out of grids for one import (one or more files)."""

    def __init__(self, registry: KindRegistry, kind_id: str | None = None):
        self.registry = registry
        self.kind_id = kind_id
        self.labels = {k.id: KindLabels(k) for k in registry.all()}
        self.found: list[FoundForm] = []
        self.unplaced: list[Unplaced] = []

    # --- segments -----------------------------------------------------------------------------

    def _title_kind(self, text: str) -> tuple[str, int] | None:
        n = norm(text)
        best: tuple[str, int] | None = None
        for kid, kl in self.labels.items():
            for t in kl.titles:
                if t in n and len(n) <= len(t) + 24 and (best is None or len(t) > best[1]):
                    best = (kid, len(t))
        return best

    def segments(self, grid: Grid) -> list[_Segment]:
        starts: list[tuple[int, Pos, str]] = []
        for row in range(grid.n_rows):
            for col, text in grid.row_texts(row):
                hit = self._title_kind(text)
                if hit:
                    if not starts or row > starts[-1][0] + 2 or hit[0] != starts[-1][2]:
                        starts.append((row, (row, col), hit[0]))
                    break
        if not starts:
            return [_Segment(grid, 0, grid.n_rows, None, None)] if grid.cells else []
        segs = []
        for i, (row, pos, kid) in enumerate(starts):
            top = 0 if i == 0 else row
            bottom = starts[i + 1][0] if i + 1 < len(starts) else grid.n_rows
            segs.append(_Segment(grid, top, bottom, pos, kid))
        return segs

    def choose_kind(self, seg: _Segment) -> tuple[FormKind | None, str]:
        if self.kind_id:
            return self.registry.get(self.kind_id), phrase("import-how-given")
        texts = {norm(t) for (r, _), t in seg.grid.cells.items() if seg.top <= r < seg.bottom}
        if seg.kind_hint:
            return self.registry[seg.kind_hint], phrase("import-how-title")
        scored = sorted(
            ((kl.score(texts), kid) for kid, kl in self.labels.items()), key=lambda x: -x[0]
        )
        if not scored or scored[0][0] < 3:
            return None, ""
        return self.registry[scored[0][1]], phrase("import-how-labels")

    # --- the whole import ---------------------------------------------------------------------

    def read(self, grids: list[Grid]) -> None:
        for grid in grids:
            for seg in self.segments(grid):
                kind, how = self.choose_kind(seg)
                placed: set[Pos] = set()
                if kind is not None:
                    form_id = f"f{len(self.found) + 1}"
                    reader = _FormReader(self, seg, kind, form_id)
                    found = reader.read()
                    found.how = how
                    self.found.append(found)
                    placed = reader.placed
                    reasons = reader.reasons
                else:
                    reasons = {}
                for pos, text in sorted(seg.grid.cells.items()):
                    if seg.top <= pos[0] < seg.bottom and pos not in placed:
                        reason = reasons.get(pos, REASON_UNKNOWN)
                        if kind is None:
                            reason = REASON_NO_FORM
                        elif _ATTACHMENT.match(norm(text)):
                            reason = REASON_ATTACHMENT
                        elif seg.title and pos[0] < seg.title[0]:
                            reason = REASON_BEFORE
                        self.unplaced.append(
                            Unplaced(grid.name, grid.address(pos), text, reason)
                        )


class _FormReader:
    def __init__(self, mapper: Mapper, seg: _Segment, kind: FormKind, form_id: str):
        self.m = mapper
        self.seg = seg
        self.g = seg.grid
        self.kind = kind
        self.kl = mapper.labels.get(kind.id) or KindLabels(kind)
        self.form = Form(id=form_id, kind=kind.id)
        self.placed: set[Pos] = set()
        self.reasons: dict[Pos, str] = {}
        self.notes: list[str] = []
        self.columns: list[ColumnMap] = []
        self.unit_note: str | None = None
        self.score_column: int | None = None  # the indicator table's 得分 column, if any
        self.cells = [
            (pos, t) for pos, t in sorted(self.g.cells.items()) if seg.top <= pos[0] < seg.bottom
        ]

    def mark(self, row: int, col: int) -> None:
        self.placed.add(self.g.origin(row, col))

    def read(self) -> FoundForm:
        seg = self.seg
        start = seg.title or (self.cells[0][0] if self.cells else (seg.top, 0))
        self._title()
        ind_row = self._indicator_header_row()
        header_end = ind_row if ind_row is not None else seg.bottom
        self._header(header_end)
        self._funds(header_end)
        self._tables(header_end)
        end = seg.bottom
        if ind_row is not None:
            end = self._indicators(ind_row)
        self._trailer(end)
        return FoundForm(
            form=self.form,
            kind=self.kind,
            sheet=self.g.name,
            address=self.g.address(start),
            columns=self.columns,
            notes=self.notes,
        )

    # --- title, year, unit notes --------------------------------------------------------------

    def _title(self) -> None:
        year = ""
        for (r, c), text in self.cells:
            n = norm(text)
            if any(t in n for t in self.kl.titles) and len(n) <= max(map(len, self.kl.titles)) + 24:
                self.placed.add((r, c))
                m = _YEAR_IN.search(text)
                year = year or (m.group(1) if m else "")
            elif (m := _YEAR_CELL.match(n)) and r <= (self.seg.title or (self.seg.top, 0))[0] + 3:
                self.placed.add((r, c))
                year = m.group(1)
            elif m := _UNIT_NOTE.match(n):
                self.placed.add((r, c))
                self.unit_note = m.group(1)
        if year and any(f.key == "year" for f in self.kind.header):
            self.form.header["year"] = year

    # --- header fields ------------------------------------------------------------------------

    def _is_label(self, text: str) -> bool:
        n = norm(text)
        return n in self.kl.all_labels or norm(_UNIT.sub("", text)) in self.kl.all_labels

    def _right_of(self, row: int, col: int) -> tuple[Pos | None, str]:
        """The first cell right of (row, col) that is not part of it, and its text."""
        own = self.g.origin(row, col)
        for c in range(col + 1, self.g.n_cols):
            o = self.g.origin(row, c)
            if o == own:
                continue
            text = self.g.cells.get(o, "")
            if text:
                return (None, "") if self._is_label(text) else (o, text)
            # an empty cell: a value left blank when a label follows it
            for c2 in range(c + 1, self.g.n_cols):
                o2 = self.g.origin(row, c2)
                if o2 != o and self.g.cells.get(o2):
                    if self._is_label(self.g.cells[o2]):
                        return None, ""
                    break
        return None, ""

    def _below(self, row: int, col: int, end: int) -> tuple[list[Pos], str]:
        """Text rows under a label standing alone in its row (a report's section), up to a label."""
        if len(self.g.row_texts(row)) != 1:
            return [], ""
        positions: list[Pos] = []
        lines: list[str] = []
        for r in range(row + 1, end):
            texts = self.g.row_texts(r)
            if not texts or any(self._is_label(t) for _, t in texts):
                break
            for c, t in texts:
                positions.append(self.g.origin(r, c))
                lines.append(t)
        return positions, "\n".join(lines)

    def _find(self, names: set[str], end: int, used: set[Pos] | None = None) -> list[Pos]:
        out = []
        for pos, text in self.cells:
            if pos[0] >= end or (used and pos in used):
                continue
            n = norm(text)
            if n in names or norm(_UNIT.sub("", text)) in names:
                out.append(pos)
        return out

    def _header(self, end: int) -> None:
        taken: set[Pos] = set()
        for f in self.kind.header:
            hits = [p for p in self._find(self.kl.header[f.key], end) if p not in taken]
            if not hits:
                continue
            pos = hits[0]
            taken.add(pos)
            self.placed.add(pos)
            vpos, value = self._right_of(*pos)
            if vpos is not None:
                self.placed.add(vpos)
            elif f.type in ("multiline", "text"):
                below, value = self._below(pos[0], pos[1], end)
                self.placed.update(below)
            if f.type == "money" and value:
                label_unit = _unit_of(self.g.cells[pos]) or self.unit_note
                converted = convert_amount(value, label_unit, f.unit)
                if converted != value:
                    self.notes.append(phrase("import-note-converted", label=f.label, value=f"{value}{label_unit}",
                                             converted=f"{converted}{f.unit}"))  # fmt: skip
                value = converted
            if value:
                self.form.header[f.key] = value
        for pos in self._find(self.kl.groups, end):
            self.placed.add(pos)

    # --- funds --------------------------------------------------------------------------------

    def _funds(self, end: int) -> None:
        funds = self.kind.funds
        if funds is None:
            return
        unit = self.unit_note
        for pos in self._find(self.kl.funds_label, end):
            self.placed.add(pos)
            unit = _unit_of(self.g.cells[pos]) or unit
        row_pos: dict[str, Pos] = {}
        for frow in funds.rows:
            hits = self._find(self.kl.funds_rows[frow.key], end, set(row_pos.values()))
            if hits:
                row_pos[frow.key] = hits[0]
                self.placed.add(hits[0])
        if not row_pos:
            return
        top = min(p[0] for p in row_pos.values())
        col_at: dict[str, int] = {}
        for fcol in funds.columns:
            if fcol.key in self.kl.funds_cols:
                hits = [p for p in self._find(self.kl.funds_cols[fcol.key], top + 1) if p[0] < top]
                if hits:
                    pos = hits[-1]
                    col_at[fcol.key] = pos[1]
                    self.placed.add(pos)
                    unit = _unit_of(self.g.cells[pos]) or unit
        computed = {c.key for c in funds.columns if c.type == "computed"}
        converted = False
        for rkey, (r, c) in row_pos.items():
            cells: dict[str, str] = {}
            for col in funds.columns:
                o: Pos | None
                if col.key in col_at:
                    o = self.g.origin(r, col_at[col.key])
                    text = self.g.cells.get(o, "")
                    if o == self.g.origin(r, c):
                        continue
                elif not col.label and len(funds.columns) == 1:
                    o, text = self._right_of(r, c)
                else:
                    continue
                if o is None:
                    continue
                self.placed.add(o)
                if text in _PLACEHOLDER:
                    continue
                if col.key in computed:
                    printed = _AS_PRINTED.get(col.key) if self.kind.scoring else None
                    if printed and text and rkey == funds.total_row:
                        cells[printed] = text
                    continue
                if col.type == "money" and text:
                    new = convert_amount(text, unit, funds.unit)
                    converted |= new != text
                    text = new
                if text:
                    cells[col.key] = text
            if cells:
                self.form.funds[rkey] = cells
        if converted:
            self.notes.append(phrase("import-note-funds-unit", unit=unit, to=funds.unit))

    # --- task tables --------------------------------------------------------------------------

    def _tables(self, end: int) -> None:
        for table in self.kind.tables:
            names = self.kl.tables[table.key]
            at: dict[str, Pos] = {}
            for col in table.columns:
                hits = self._find(names[col.key], end, set(at.values()))
                if hits:
                    at[col.key] = hits[-1] if col.group else hits[0]
            if len(at) < 2:
                continue
            head_row = max(p[0] for p in at.values())
            for pos in at.values():
                self.placed.add(pos)
            unit = self.unit_note
            for pos in self._find(self.kl.table_labels, end):
                self.placed.add(pos)
                unit = _unit_of(self.g.cells[pos]) or unit
            rows: list[dict[str, str]] = []
            for r in range(head_row + 1, end):
                first = self.g.row_texts(r)
                if first and self._is_label(first[0][1]) and norm(first[0][1]) not in self.kl.table_labels:
                    break
                row: dict[str, str] = {}
                seen: set[Pos] = set()
                for col in table.columns:
                    if col.key not in at:
                        row[col.key] = ""
                        continue
                    o = self.g.origin(r, at[col.key][1])
                    text = "" if o in seen else self.g.cells.get(o, "")
                    seen.add(o)
                    if text:
                        self.placed.add(o)
                    if col.type == "money" and text:
                        text = convert_amount(text, unit, table.unit)
                    row[col.key] = text
                if any(row.values()):
                    rows.append(row)
                    for pos in [self.g.origin(r, c) for c, _ in first]:
                        if norm(self.g.cells.get(pos, "")) in self.kl.table_labels:
                            self.placed.add(pos)
            if rows:
                self.form.tables[table.key] = rows

    # --- indicators ---------------------------------------------------------------------------

    def _indicator_header_row(self) -> int | None:
        if not self.kind.categories:
            return None
        for (r, _c), text in self.cells:
            if norm(text) in self.kl.level1:
                return r
        return None

    def _indicators(self, head: int) -> int:
        g = self.g
        kl = self.kl
        l1c = l2c = None
        header_rows = [head]
        for c in range(g.n_cols):
            n = norm(g.text(head, c))
            if n in kl.level1 and l1c is None:
                l1c = c
            elif n in kl.level2 and l2c is None and l1c is not None:
                l2c = c
        assert l1c is not None
        if l2c is None:
            for c in range(l1c + 1, g.n_cols):
                if norm(g.text(head + 1, c)) in kl.level2:
                    l2c = c
                    break
        self.mark(head, l1c)
        if l2c is not None:
            self.mark(head, l2c)
        known = set().union(*kl.columns.values(), kl.operators, kl.units)
        nxt = [norm(t) for _, t in g.row_texts(head + 1)]
        if any(t in known for t in nxt) and not any(kl.category1(t) for t in nxt):
            header_rows.append(head + 1)
        first_data = header_rows[-1] + 1
        # the indicator_label column (绩效指标) merged down the left
        for c in range(l1c):
            if kl.indicator_label and norm(g.text(head, c)) == kl.indicator_label:
                self.mark(head, c)
        start_col = (l2c if l2c is not None else l1c) + 1
        mapping: dict[int, str] = {}  # grid column → kind column key, "op", "unit", or ""
        used: set[str] = set()
        for c in range(start_col, g.n_cols):
            headings = [g.text(r, c) for r in header_rows]
            deepest = next((h for h in reversed(headings) if h), "")
            if not deepest:
                continue
            key = self._column_key(deepest, used)
            if key is None and deepest != headings[0] and headings[0]:
                key = self._column_key(headings[0], used)
            for r in header_rows:
                self.mark(r, c)
            if key is None:
                mapping[c] = ""
                self.columns.append(ColumnMap(deepest, "", g.address(g.origin(header_rows[-1], c))))
                continue
            if key not in ("op", "unit"):
                used.add(key)
            mapping[c] = key
            label = {"op": "指标值的运算符", "unit": "指标值的计量单位"}.get(
                key, self.kind.column_labels.get(key, key)
            )
            if key in self._printed_columns():
                self.score_column = c
                label = PRINTED_LABEL.format(label)
            self.columns.append(ColumnMap(deepest, label, g.address(g.origin(header_rows[-1], c))))
        computed = {c.key for c in self.kind.columns if c.type == "computed"}
        stop = {norm(s) for s in STOP_LABELS} | {kl.review}
        l1: Level1 | None = None
        l2: Level2 | None = None
        prev_origins: tuple[Pos, ...] | None = None
        r = first_data
        while r < self.seg.bottom:
            texts = g.row_texts(r)
            own = [(c, t) for c, t in texts if g.origin(r, c)[0] == r]
            if own:
                first = norm(own[0][1])
                if first in stop or kl.is_signature(own[0][1]) is not None or first.startswith("注"):
                    break
                if self._is_label(own[0][1]) and own[0][0] < start_col - 1:
                    break
            name1 = g.text(r, l1c)
            name2 = g.text(r, l2c) if l2c is not None else ""
            origins = tuple(g.origin(r, c) for c in mapping)
            if not texts or (origins == prev_origins and not name1 and not name2):
                r += 1
                continue
            if name1:
                self.mark(r, l1c)
                canon1 = kl.category1(name1) or _strip_rule(name1)
                if l1 is None or l1.name != canon1:
                    l1 = next((x for x in self.form.indicators if x.name == canon1), None)
                    if l1 is None:
                        l1 = Level1(name=canon1)
                        self.form.indicators.append(l1)
                    l2 = None
            if l1 is None:
                r += 1
                continue
            if name2:
                self.mark(r, l2c)  # type: ignore[arg-type]
                canon2 = kl.category2(l1.name, name2) or _strip_rule(name2)
                if l2 is None or l2.name != canon2:
                    l2 = next((x for x in l1.children if x.name == canon2), None)
                    if l2 is None:
                        l2 = Level2(name=canon2)
                        l1.children.append(l2)
            if l2 is None:
                r += 1
                continue
            if origins == prev_origins:
                r += 1
                continue
            prev_origins = origins
            values: dict[str, str] = {}
            op = unit = ""
            for c, key in mapping.items():
                o = g.origin(r, c)
                text = g.cells.get(o, "")
                if not text or not key:
                    continue
                if key == "op":
                    op = text
                elif key == "unit":
                    unit = text
                else:
                    values[key] = text
            skipped = [g.origin(r, c) for c, key in mapping.items() if not key]
            if not any(v for k, v in values.items() if k not in computed):
                r += 1
                continue
            if "target" in values and (op or unit):
                values["target"] = op + values["target"] + unit
            ind = Indicator()
            for key, text in values.items():
                if key in computed:
                    if key in self._printed_columns() and text not in _PLACEHOLDER:
                        ind.set(PRINTED, text)
                    continue
                ind.set(key, text)
            l2.indicators.append(ind)
            for c, key in mapping.items():
                o = g.origin(r, c)
                if key:
                    self.placed.add(o)
                elif o in skipped and g.cells.get(o):
                    self.reasons[o] = REASON_COLUMN
            r += 1
        for c, key in mapping.items():
            if key in computed:
                for rr in range(first_data, r):
                    if g.cells.get(g.origin(rr, c)):
                        self.placed.add(g.origin(rr, c))
        return r

    def _printed_columns(self) -> set[str]:
        """The computed indicator columns whose paper figures are kept as printed."""
        computed = {c.key for c in self.kind.columns if c.type == "computed"}
        return computed & {SCORE_KEY} if self.kind.scoring else set()

    def _column_key(self, heading: str, used: set[str]) -> str | None:
        n = norm(heading)
        n2 = norm(_UNIT.sub("", heading))
        for c in self.kind.columns:
            if c.key not in used and norm(c.label) in (n, n2):
                return c.key
        for c in self.kind.columns:
            if c.key not in used and (n in self.kl.columns[c.key] or n2 in self.kl.columns[c.key]):
                return c.key
        if n in self.kl.operators:
            return "op"
        if n in self.kl.units:
            return "unit"
        return None

    # --- below the table ----------------------------------------------------------------------

    def _trailer(self, start: int) -> None:
        kl = self.kl
        totals = {norm(s) for s in ("总分", "合计", "自评总分")}
        for (r, c), text in self.cells:
            if r < start or (r, c) in self.placed:
                continue
            n = norm(text)
            if n in totals:  # the totals row: computed, so recomputed; the paper's total is
                for c2 in range(self.g.n_cols):  # kept as printed
                    o = self.g.origin(r, c2)
                    if self.g.cells.get(o):
                        self.placed.add(o)
                if self.score_column is not None:
                    o = self.g.origin(r, self.score_column)
                    total = self.g.cells.get(o, "") if o[1] == self.score_column else ""
                    if total and total not in _PLACEHOLDER:
                        self.form.header[PRINTED_TOTAL] = total
                continue
            if n == kl.review or n.startswith(kl.review):
                self.placed.add((r, c))
                for c2 in range(c + 1, self.g.n_cols):
                    o = self.g.origin(r, c2)
                    t = self.g.cells.get(o, "")
                    if t and any(norm(v) in norm(t) for v in self.kind.print.review_verdict):
                        self.placed.add(o)
                continue
            if kl.footnote and n == kl.footnote:
                self.placed.add((r, c))
                continue
            rest = kl.is_signature(text)
            if rest is not None:
                if rest:
                    self.reasons[(r, c)] = REASON_SIGNATURE
                else:
                    self.placed.add((r, c))
                    after, value = self._right_of(r, c)
                    if after is not None and kl.is_signature(value) is None:
                        self.reasons[after] = REASON_SIGNATURE
                continue
            if n.startswith("注") or n.startswith("说明"):
                self.reasons[(r, c)] = REASON_FOOTNOTE


def _strip_rule(name: str) -> str:
    """「数量指标（必填量化）」 → 「数量指标」: the rule printed under a name is not part of it."""
    return _RULE.sub("", name).strip()
