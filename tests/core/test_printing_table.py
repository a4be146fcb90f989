"""The page-splitting table: header rows repeat, merged groups split with （续）, rows and cells
taller than a page still print, and every row prints exactly once."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from desktop.core.printing import cells
from desktop.core.printing.cells import text
from desktop.core.printing.pages import FooterCanvas
from desktop.core.printing.table import Grid, Span

WIDTHS = [70.0, 80.0, 230.0, 100.0]
FRAME_HEIGHT = A4[1] - 100


def build(*flowables) -> list[str]:
    """Lay the flowables out on A4 pages; the text of each page, without whitespace."""
    buf = io.BytesIO()
    frame = Frame(50, 50, A4[0] - 100, FRAME_HEIGHT, 0, 0, 0, 0)
    doc = BaseDocTemplate(buf, pagesize=A4, pageTemplates=[PageTemplate(frames=[frame])])
    doc.build(list(flowables), canvasmaker=FooterCanvas)
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(buf).pages]


def head() -> list:
    return [text(h, cells.HEAD) for h in ("一级指标", "二级指标", "三级指标", "指标值")]


def indicator_grid(n: int, per_level2: int, name=lambda i: f"指标{i:03d}号") -> Grid:
    """One level-1 group of n rows (far longer than a page), level-2 groups of per_level2."""
    rows = [head()]
    spans = [Span(0, 1, 0, n, text("产出指标（续）", cells.CELL_CENTER))]
    for i in range(n):
        first2 = i % per_level2 == 0
        rows.append(
            [
                text("产出指标", cells.CELL_CENTER) if i == 0 else None,
                text(f"二级{i // per_level2}", cells.CELL_CENTER) if first2 else None,
                text(name(i)),
                text(f"≥{i}次", cells.CELL_CENTER),
            ]
        )
        if first2:
            last = min(i + per_level2, n)
            spans.append(Span(1, i + 1, 1, last, text(f"二级{i // per_level2}（续）")))
    return Grid(
        WIDTHS, rows, header_rows=1, spans=spans, max_height=FRAME_HEIGHT, min_row_height=22
    )


def test_300_rows_in_one_group_longer_than_a_page() -> None:
    pages = build(indicator_grid(300, 60).table())
    assert len(pages) >= 8
    everything = "".join(pages)
    for i in range(300):
        assert everything.count(f"指标{i:03d}号") == 1, i
        assert f"≥{i}次" in everything
    assert all("一级指标二级指标三级指标指标值" in p for p in pages)  # header on every page
    assert "产出指标（续）" not in pages[0]
    assert all("产出指标（续）" in p for p in pages[1:])
    assert everything.count("产出指标") == len(pages)
    # A level-2 group cut by a page break goes on with its label and （续）.
    continued = sum(p.count("（续）") for p in pages) - (len(pages) - 1)
    assert continued >= 1


def test_a_group_taller_than_a_page_prints_on_its_own() -> None:
    pages = build(indicator_grid(120, 120).table())
    assert len(pages) >= 3
    assert all("二级0" in p for p in pages)
    assert all("二级0（续）" in p for p in pages[1:])


def test_a_cell_taller_than_a_page_is_split_and_reads_as_typed() -> None:
    long = "".join(f"第{i}句话，" for i in range(2500))  # about 19 000 characters
    grid = indicator_grid(6, 3, name=lambda i: long if i == 2 else f"指标{i}")
    pages = build(grid.table())
    assert len(pages) >= 5
    everything = "".join(pages)
    others = r"一级指标二级指标三级指标指标值|产出指标(（续）)?|二级\d(（续）)?|指标\d|≥\d次"
    assert re.sub(others, "", everything) == long  # every piece once, in order, nothing lost
    assert all(f"指标{i}" in everything for i in (0, 1, 3, 4, 5))
    assert all("一级指标二级指标三级指标指标值" in p for p in pages)


def test_a_long_text_split_across_pages_keeps_its_spaces() -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    grid = Grid([480], [[text(words)]], max_height=FRAME_HEIGHT)
    buf = io.BytesIO()
    frame = Frame(50, 50, A4[0] - 100, FRAME_HEIGHT, 0, 0, 0, 0)
    BaseDocTemplate(buf, pagesize=A4, pageTemplates=[PageTemplate(frames=[frame])]).build(
        [grid.table()], canvasmaker=FooterCanvas
    )
    extracted = " ".join(p.extract_text() for p in PdfReader(buf).pages).split()
    assert extracted == words.split()


def test_a_merged_label_taller_than_any_page_is_shrunk_not_an_error() -> None:
    rows = [head()]
    huge = "很长的一级指标名称" * 800
    for i in range(4):
        rows.append(
            [
                text(huge, cells.CELL_CENTER) if i == 0 else None,
                text("数量", cells.CELL_CENTER),
                text(f"指标{i}"),
                text("1"),
            ]
        )
    grid = Grid(
        WIDTHS,
        rows,
        header_rows=1,
        spans=[Span(0, 1, 0, 4, text("（续）"))],
        max_height=FRAME_HEIGHT,
    )
    pages = build(grid.table())
    assert all(f"指标{i}" in "".join(pages) for i in range(4))


def test_a_row_that_cannot_split_is_shrunk_onto_one_page() -> None:
    rows = [head(), [text("甲"), text("乙"), Spacer(10, FRAME_HEIGHT * 2), text("丁")]]
    pages = build(
        Spacer(0, 200), Grid(WIDTHS, rows, header_rows=1, max_height=FRAME_HEIGHT).table()
    )
    assert len(pages) == 2 and "甲乙" in pages[1]


def test_an_empty_cell_must_be_inside_a_span() -> None:
    with pytest.raises(ValueError, match="not inside a span"):
        Grid(WIDTHS, [[text("a"), None, text("b"), text("c")]], max_height=FRAME_HEIGHT)
    with pytest.raises(ValueError, match="outside"):
        Grid(WIDTHS, [[text("a")] * 4], spans=[Span(0, 0, 4, 0)], max_height=FRAME_HEIGHT)


def test_the_signature_stays_with_the_last_rows() -> None:
    grid = indicator_grid(44, 11)
    signature = text("填报人：单位负责人（签字）：")
    tall = Spacer(10, 120)
    pages = build(*grid.story([tall, signature]))
    last = pages[-1]
    assert "填报人：单位负责人（签字）：" in last
    assert "指标042号" in last and "指标043号" in last  # the last row does not go alone
    assert "".join(pages).count("指标043号") == 1


def test_a_trailer_that_cannot_share_a_page_follows_the_table() -> None:
    grid = indicator_grid(3, 3, name=lambda i: "很长" * 3000 if i == 2 else f"指标{i}")
    signature = text("填报人：")
    story = grid.story([signature])
    assert story[1:] == [signature]
    assert "填报人：" in build(*story)[-1]
