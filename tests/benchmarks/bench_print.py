"""Printing speed and memory: pages per second for 100+ pages with embedded fonts, peak memory,
and our page-splitting table against ReportLab's plain Table on the same rows.

Run: .venv/bin/python tests/benchmarks/bench_print.py [--runs 5]
Goals on the reference machine: at least 40 pages/s; our table within 1.5x ReportLab's Table.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from desktop.core.kinds import default_registry
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.printing import cells as styles
from desktop.core.printing import render_pdf, render_pdf_bytes
from desktop.core.printing.cells import text
from desktop.core.printing.pages import FooterCanvas
from desktop.core.printing.table import Grid, Span

NAMES = [
    "政务公开宣传册发放覆盖率",
    "办公设备、专用设备维修次数",
    "系统运维次数",
    "2026年执行中发生预算科目调剂资金占部门预算的百分率",
    "服务对象满意度",
]
VALUES = ["≥1.1万册", "100%", "全年≥10次", "≤3万元", "≥95%", "11月前"]


def project(forms: int, per_group: int) -> Project:
    """Self-evaluation forms (landscape, 9 columns) with 13 level-2 groups each."""
    kind = default_registry()["project-selfeval"]
    out = Project(title="基准")
    for f in range(forms):
        level1 = []
        for c in kind.categories:
            children = []
            for d in c.children:
                inds = [
                    Indicator(
                        name=f"{NAMES[i % 5]}{i}",
                        target=VALUES[i % 6],
                        actual=VALUES[(i + 1) % 6],
                        weight="3",
                        deviation="按计划完成" if i % 3 else "",
                    )
                    for i in range(per_group)
                ]
                children.append(Level2(name=d.name, indicators=inds))
            level1.append(Level1(name=c.name, children=children))
        out.forms.append(
            Form(
                id=f"f{f + 1}",
                kind=kind.id,
                indicators=level1,
                header={
                    "year": "2020",
                    "project_name": f"项目{f + 1}",
                    "department": "某主管部门",
                    "implementing_unit": "某实施单位",
                    "objective_expected": "预期目标" * 20,
                    "objective_actual": "完成情况" * 20,
                },
                funds={
                    "total": {
                        "initial_budget": "5",
                        "adjusted_budget": "9.75",
                        "executed": "9.75",
                        "weight": "10",
                    }
                },
            )
        )
    return out


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def rows_for_tables(n: int) -> tuple[list[list], list[Span]]:
    """The same indicator rows for both tables: header row, then 4 columns of text cells."""
    rows = [[text(h, styles.HEAD) for h in ("一级指标", "二级指标", "三级指标", "指标值")]]
    spans = []
    for g in range(0, n, 40):
        for i in range(g, min(g + 40, n)):
            rows.append(
                [
                    text("产出指标", styles.CELL_CENTER) if i == g else None,
                    text("数量指标", styles.CELL_CENTER) if i % 10 == 0 else None,
                    text(f"{NAMES[i % 5]}{i}"),
                    text(VALUES[i % 6], styles.CELL_CENTER),
                ]
            )
        spans.append(Span(0, g + 1, 0, min(g + 40, n)))
        spans += [Span(1, s + 1, 1, min(s + 10, n)) for s in range(g, min(g + 40, n), 10)]
    return rows, spans


WIDTHS = [70, 80, 230, 102]


def build(flowable) -> int:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=42, bottomMargin=48
    )
    doc.build([flowable], canvasmaker=FooterCanvas)
    return doc.page


def ours(n: int) -> int:
    rows, spans = rows_for_tables(n)
    grid = Grid(WIDTHS, rows, header_rows=1, spans=spans, max_height=A4[1] - 90, min_row_height=22)
    return build(grid.table())


def reportlab_plain(n: int) -> int:
    rows, _ = rows_for_tables(n)
    plain = [[c if c is not None else "" for c in row] for row in rows]
    table = Table(plain, colWidths=WIDTHS, repeatRows=1, rowHeights=None)
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    return build(table)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    registry = default_registry()
    render_pdf_bytes(project(1, 2), registry)  # fonts registered, caches warm

    doc = project(forms=26, per_group=6)
    buffer = io.BytesIO()

    def render() -> int:
        buffer.seek(0)
        buffer.truncate()
        return render_pdf(doc, registry, buffer, source_name="基准.jixiao")

    seconds, pages = timed(render, args.runs)
    print(f"forms: {len(doc.forms)}, pages: {pages}, PDF {len(buffer.getvalue()) / 1024:.0f} KiB")
    print(f"render: median {seconds:.3f} s of {args.runs} runs -> {pages / seconds:.1f} pages/s")

    tracemalloc.start()
    render_pdf_bytes(doc, registry)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory: {peak / 2**20:.1f} MiB traced during one render, "
        f"process max RSS {rss:.0f} MiB"
    )

    n = 1200
    t_ours, p_ours = timed(lambda: ours(n), args.runs)
    t_rl, p_rl = timed(lambda: reportlab_plain(n), args.runs)
    print(
        f"{n} rows: our table {t_ours:.3f} s ({p_ours} pages, merged groups split across "
        f"pages), ReportLab Table {t_rl:.3f} s ({p_rl} pages, no merged cells)"
    )
    print(f"ratio ours / ReportLab: {t_ours / t_rl:.2f}")


if __name__ == "__main__":
    main()
