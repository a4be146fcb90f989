"""The reference for the printing benchmark: the same forms printed the straightforward way,
with plain ReportLab, as a program that knows only these forms would do it.

Run: python tests/benchmarks/print_reference.py PROJECT.jixiao OUT.pdf [--plain]

What it does, and what a straightforward ReportLab implementation of these forms does:
- reads the project file with `json.load` and the form kind's definition (forms/*.json) the
  same way: no validation, no checks, no glyph coverage check before printing;
- registers the two Chinese TrueType faces the printed pages use (the same bundled files:
  AR PL SungtiL GB for the body, WenQuanYi Micro Hei for titles), embedded as subsets;
- sets every form as ReportLab flowables: the title and subtitle as Paragraphs; the header
  fields, funds and the annual objective as one `Table`, the indicators as a second `Table`
  (绩效指标 / level-1 / level-2 as SPANs, the head row repeated on every page, the verdict row
  last), the footnote as a Paragraph and the signature lines as a borderless `Table`;
- text the user typed (values, indicator names, the objective) goes in `Paragraph`s with
  `wordWrap="CJK"`, since any of it may need wrapping; fixed labels are plain strings (with
  "\\n" where the paper breaks them), which Table draws without a Paragraph;
- each form starts a new page and is numbered on its own, 第 x 页 共 y 页, with the form's
  fingerprint, the file name and the print time under it: the well-known "NumberedCanvas"
  recipe (pages held back, footers drawn at the end), holding only the current form's pages
  so that memory stays flat, as ours does;
- ReportLab's defaults otherwise (page compression, ASCII85).

With `--plain` it uses no Paragraph at all: every cell is a plain string (the title, subtitle and
footnote too, drawn by a one-cell Table), which Table draws on one line per "\\n" without
wrapping: a long objective runs over its cell's rule. It is the cheapest way ReportLab has to
put these texts in ruled tables, a lower bound rather than the same pages.

It is a plain script: it imports nothing of the project.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"
SONG, HEI = "RefSong", "RefHei"

pdfmetrics.registerFont(TTFont(SONG, str(FONTS / "gbsn00lp.ttf")))
pdfmetrics.registerFont(TTFont(HEI, str(FONTS / "wqy-microhei.ttc"), subfontIndex=0))

TITLE = ParagraphStyle("t", fontName=HEI, fontSize=18, leading=26, alignment=TA_CENTER)
SUB = ParagraphStyle("s", fontName=SONG, fontSize=12, leading=18, alignment=TA_CENTER)
CELL = ParagraphStyle("c", fontName=SONG, fontSize=10, leading=13, wordWrap="CJK")
CENTER = ParagraphStyle("cc", parent=CELL, alignment=TA_CENTER)
NOTE = ParagraphStyle("n", fontName=SONG, fontSize=9, leading=13, spaceBefore=4)
SIDE, TOP, BOTTOM = 20 * mm, 15 * mm, 17 * mm
WIDTH = A4[0] - 2 * SIDE
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.6, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("FONT", (0, 0), (-1, -1), SONG, 10, 13),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


PLAIN = False  # --plain: no Paragraphs


def para(value: str, style: ParagraphStyle = CELL) -> Paragraph | str:
    if PLAIN:
        return value
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


class FormMark(Flowable):
    """Zero size, at the top of a form: the pages from here are this form's."""

    def __init__(self, footer: tuple[str, str]):
        super().__init__()
        self.footer = footer

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.start_form(self.footer)  # type: ignore[attr-defined]


class NumberedCanvas(Canvas):
    """The usual recipe for 'page x of y', per form: a form's pages are held until the next
    form starts, then written with their footers."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._footer: tuple[str, str] | None = None

    def start_form(self, footer: tuple[str, str]) -> None:
        # Called while drawing the first page of the next form: that page is not held yet.
        self._flush()
        self._footer = footer

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def _flush(self) -> None:
        held, self._held = self._held, []
        current = dict(self.__dict__)
        for n, state in enumerate(held, 1):
            self.__dict__.update(state)
            self._draw_footer(n, len(held))
            Canvas.showPage(self)
        current["_held"] = []
        current["_pageNumber"] = self._pageNumber
        current["_doc"] = self._doc
        self.__dict__.update(current)

    def save(self) -> None:
        self._flush()
        Canvas.save(self)

    def _draw_footer(self, page: int, pages: int) -> None:
        if self._footer is None:
            return
        mark, line = self._footer
        self.setFont(SONG, 9)
        self.drawCentredString(A4[0] / 2, BOTTOM / 2, f"第 {page} 页 共 {pages} 页")
        self.setFont(SONG, 7)
        self.drawCentredString(A4[0] / 2, BOTTOM / 2 - 11, f"指纹 {mark}　{line}")


def header_table(kind: dict[str, Any], form: dict[str, Any]) -> Table:
    fields = {f["key"]: f for f in kind["header"]}
    header = form.get("header", {})
    lw = 96.0
    vw = (WIDTH - 2 * lw) / 2
    rows: list[list[Any]] = []
    style = list(GRID)
    for layout in kind["print"]["header_layout"]:
        row: list[Any] = []
        for key in layout:
            row += [fields[key]["label"], para(header.get(key, ""))]
        if len(layout) == 1:
            row += ["", ""]
            style.append(("SPAN", (1, len(rows)), (3, len(rows))))
        rows.append(row)
    funds = kind["funds"]
    first = len(rows)
    for frow in funds["rows"]:
        amount = form.get("funds", {}).get(frow["key"], {}).get("amount", "")
        rows.append(
            [funds["label"] if len(rows) == first else "", frow["label"], "", para(amount, CENTER)]
        )
        style.append(("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)))
    style.append(("SPAN", (0, first), (0, len(rows) - 1)))
    for key, f in fields.items():
        if f.get("type") == "multiline":
            rows.append([f["label"], para(header.get(key, "")), "", ""])
            style.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    table = Table(rows, colWidths=[lw, vw, lw, vw])
    table.setStyle(style)
    return table


def indicator_table(kind: dict[str, Any], form: dict[str, Any]) -> Table:
    rules = {"must-quantify": "必填量化", "required": "必填", "optional": "选填"}
    defs = {(c["name"], d["name"]): d for c in kind["categories"] for d in c["children"]}
    widths = [22.0]
    rest = WIDTH - 22.0
    parts = [1.0, 1.2, *(c.get("width", 1.0) for c in kind["columns"])]
    widths += [rest * w / sum(parts) for w in parts]
    label = "\n".join(kind["indicator_label"])
    rows: list[list[Any]] = [
        [
            label,
            kind.get("level1_label", "一级指标"),
            kind.get("level2_label", "二级指标"),
            *(c["label"] for c in kind["columns"]),
        ]
    ]
    style = list(GRID)
    for l1 in form.get("indicators", []):
        r1 = len(rows)
        for l2 in l1["children"]:
            r2 = len(rows)
            d = defs.get((l1["name"], l2["name"]))
            shown = l2["name"]
            if d and d.get("show_rule"):
                shown += f"\n（{rules[d['rule']]}）"
            for ind in l2["indicators"] or [{}]:
                rows.append(
                    [
                        "",
                        l1["name"] if len(rows) == r1 else "",
                        shown if len(rows) == r2 else "",
                        para(ind.get("name", "")),
                        para(ind.get("target", ""), CENTER),
                    ]
                )
            style.append(("SPAN", (2, r2), (2, len(rows) - 1)))
        style.append(("SPAN", (1, r1), (1, len(rows) - 1)))
    style.append(("SPAN", (0, 0), (0, len(rows) - 1)))
    verdict = "　　　".join(f"{o}□" for o in kind["print"]["review_verdict"])
    rows.append(["综合评定等级", "", "", para(verdict), ""])
    style += [("SPAN", (0, -1), (2, -1)), ("SPAN", (3, -1), (4, -1))]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return table


def signature_table(kind: dict[str, Any]) -> Table:
    labels = [f"{s}：" for s in kind["print"]["signature"]]
    rows = [
        labels[i : i + 3] + [""] * (3 - len(labels[i : i + 3])) for i in range(0, len(labels), 3)
    ]
    table = Table(rows, colWidths=[WIDTH / 3] * 3, rowHeights=28)
    table.setStyle([("FONT", (0, 0), (-1, -1), SONG, 11), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return table


def heading(value: str, style: ParagraphStyle) -> Flowable:
    if not PLAIN:
        return Paragraph(value, style)
    table = Table([[value]], colWidths=[WIDTH])
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize, style.leading),
            ("ALIGN", (0, 0), (-1, -1), "CENTER" if style.alignment == TA_CENTER else "LEFT"),
        ]
    )
    return table


def story(project: dict[str, Any], source: str) -> list[Flowable]:
    kinds: dict[str, dict[str, Any]] = {}
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    out: list[Flowable] = []
    for i, form in enumerate(project["forms"]):
        kind = kinds.get(form["kind"])
        if kind is None:
            path = ROOT / "forms" / f"{form['kind']}.json"
            kind = kinds[form["kind"]] = json.loads(path.read_text(encoding="utf-8"))
        digest = hashlib.sha256(json.dumps(form, sort_keys=True).encode()).hexdigest()[:12]
        mark = "-".join(digest[j : j + 4] for j in range(0, 12, 4))
        if i:
            out.append(PageBreak())
        out.append(FormMark((mark, f"文件 {source}　打印于 {when}")))
        year = form.get("header", {}).get("year", "")
        out += [
            heading(kind["title"], TITLE),
            heading(kind["subtitle"].replace("{year}", year), SUB),
            Spacer(0, 8),
            header_table(kind, form),
            indicator_table(kind, form),
            heading(kind["print"]["footnote"], NOTE),
            signature_table(kind),
        ]
    return out


def main() -> None:
    global PLAIN
    args = [a for a in sys.argv[1:] if a != "--plain"]
    PLAIN = len(args) < len(sys.argv) - 1
    source, target = Path(args[0]), Path(args[1])
    with source.open(encoding="utf-8") as f:
        project = json.load(f)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=SIDE,
        rightMargin=SIDE,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=project.get("title", ""),
    )
    doc.build(story(project, source.name), canvasmaker=NumberedCanvas)
    print(f"{target}: {doc.page} pages")


if __name__ == "__main__":
    main()
