"""The paper as typeset, read back from the PDF: long text at body size on as many pages as it
takes, headings repeated, no text across a rule, Chinese line breaking, every script printed."""

from __future__ import annotations

import time
import unicodedata

import pytest

from desktop.core.kinds import FieldType, FormKind, KindRegistry, default_registry
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.printing import render_pdf_bytes
from desktop.core.printing.cells import CELL, TextCell, break_lines
from desktop.core.printing.fonts import BODY, fonts
from tests.core import pdf_inspect
from tests.core.pdf_inspect import CLOSING, OPENING

MARKERS = "甲乙丙丁戊己庚辛壬癸"
PHRASE = "的说明，包括（一）「二」；三：四、五。资金《管理办法》"
SIZES = (50, 3000, 12000)


def filler(marker: str, n: int) -> str:
    pattern = marker + PHRASE
    return (pattern * (n // len(pattern) + 1))[:n]


def long_fields(kind: FormKind) -> list[tuple[str, str, str]]:
    """(where, key, heading) of every long field of the kind: multiline header fields,
    multiline table columns, and the indicator columns that hold sentences."""
    out = [("header", f.key, f.label) for f in kind.header if f.type is FieldType.MULTILINE]
    for t in kind.tables:
        out += [(f"table:{t.key}", c.key, c.label) for c in t.columns if c.type == "multiline"]
    out += [
        ("indicator", c.key, c.label)
        for c in kind.columns
        if c.type == "multiline" or c.key == "name"
    ]
    return out


def stress_form(kind: FormKind, n: int) -> tuple[Form, dict[str, tuple[int, str]]]:
    """A form with every long field `n` characters long; per marker: (count, heading)."""
    form = Form(id="f1", kind=kind.id, header={"year": "2026"})
    expected: dict[str, tuple[int, str]] = {}
    indicator = Indicator()
    for (where, key, heading), marker in zip(long_fields(kind), MARKERS, strict=False):
        value = filler(marker, n)
        expected[marker] = (value.count(marker), heading)
        if where == "header":
            form.header[key] = value
        elif where.startswith("table:"):
            form.tables[where[6:]] = [{key: value}]
        else:
            indicator.set(key, value)
    if kind.categories:
        first = kind.categories[0]
        form.indicators = [
            Level1(
                name=first.name,
                children=[Level2(name=first.children[0].name, indicators=[indicator])],
            )
        ]
    return form, expected


def printed(form: Form, registry: KindRegistry) -> list[pdf_inspect.Page]:
    return pdf_inspect.read(render_pdf_bytes(Project(forms=[form]), registry))


KIND_IDS = sorted(k.id for k in default_registry().all())


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_long_text_prints_every_glyph_at_body_size(
    kind_id: str, n: int, registry: KindRegistry
) -> None:
    kind = registry[kind_id]
    form, expected = stress_form(kind, n)
    pages = printed(form, registry)
    body = 12.0 if kind.family.value == "report" else 10.0
    for marker, (count, heading) in expected.items():
        glyphs = [g for p in pages for g in p.glyphs if g.text == marker]
        assert len(glyphs) == count, (marker, heading)
        sizes = {g.size for g in glyphs}
        assert sizes == {body}, (heading, sizes)  # never shrunk
        if kind.family.value == "report":
            continue
        # Wherever the field continues, its heading (or the label with （续）) is on the page.
        for page in pages:
            if any(g.text == marker for g in page.glyphs):
                assert any(heading in t for t in pdf_inspect.cell_texts(page)), (heading, marker)
    for number, page in enumerate(pages, 1):
        assert pdf_inspect.crossings(page) == [], (kind_id, n, number)
        for line in pdf_inspect.cell_lines(page):
            assert line[0] not in CLOSING, (kind_id, number, line)
            assert line[-1] not in OPENING, (kind_id, number, line)


def test_the_column_heads_repeat_where_the_expected_and_actual_targets_continue(
    registry: KindRegistry,
) -> None:
    kind = registry["project-selfeval"]
    form = Form(
        id="f1",
        kind=kind.id,
        header={"objective_expected": filler("甲", 3000), "objective_actual": filler("乙", 3000)},
    )
    pages = printed(form, registry)
    continued = [p for p in pages if any(g.text == "甲" for g in p.glyphs)]
    assert len(continued) >= 2
    for page in continued:
        texts = pdf_inspect.cell_texts(page)
        assert "预期目标" in texts and "实际完成情况" in texts


def test_labels_wrap_inside_their_cells(registry: KindRegistry) -> None:
    """「资金主管处（科、股）室」 stayed on one line and stuck out across the rule."""
    form = Form(id="f1", kind="project-target-2026", header={"year": "2026"})
    (page, *_) = printed(form, registry)
    assert pdf_inspect.crossings(page) == []
    assert "资金主管处（科、股）室" in pdf_inspect.cell_texts(page)  # wrapped inside its cell


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation() -> None:
    value = "一二三，四五六。七八（九十）「引号」、《书名》；冒号：结束。" * 20
    for width in range(30, 200, 7):  # from three characters a line
        cell = TextCell(value, CELL)
        lines = cell.text_lines(width)
        assert "".join(lines) == value
        for line in lines:
            assert line[0] not in CLOSING and line[-1] not in OPENING, (width, line)
            assert fonts() and sum(fonts().advance(c) * 10 for c in line) <= max(width, 10) + 1e-6


def test_a_word_wider_than_its_column_is_broken_by_character() -> None:
    cell = TextCell("https://example.com/a/very/long/path/without/spaces", CELL)
    lines = cell.text_lines(60)
    assert len(lines) > 3 and "".join(lines) == cell.source
    assert all(sum(fonts().advance(c) * 10 for c in line) <= 60 + 1e-6 for line in lines)


def test_a_lone_character_is_not_left_on_the_last_line() -> None:
    assert TextCell("数量指标", CELL).text_lines(32) == ["数量", "指标"]


def test_splitting_a_long_cell_is_linear() -> None:
    """Printing was quadratic in a cell's length: 100k characters 23 s, 200k 75 s."""
    timings = []
    for n in (50_000, 200_000):
        value = filler("甲", n)
        start = time.perf_counter()
        cell = TextCell(value, CELL)
        rest = cell
        pieces = 0
        while True:
            parts = rest.split(300, 700)
            if len(parts) < 2:
                break
            rest = parts[1]
            pieces += 1
        timings.append(time.perf_counter() - start)
        assert pieces > 10
    assert timings[1] < 2.0, timings  # 200,000 characters cut into pages in well under 2 s
    assert timings[1] < 8 * timings[0] + 0.2, timings  # 4x the text, not 16x the time


def test_a_200k_character_cell_prints_in_seconds(registry: KindRegistry) -> None:
    form = Form(id="f1", kind="project-target-2026", header={"objective": filler("甲", 200_000)})
    start = time.perf_counter()
    data = render_pdf_bytes(Project(forms=[form]), registry)
    assert time.perf_counter() - start < 30
    assert data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("typed", "font"),
    [
        ("བོད་ཡིག་ནི་བོད་ཀྱི་ཡི་གེ་ཡིན།", "NotoSerifTibetan"),
        ("𠮷野家", "HanaMinB"),
        ("ئۇيغۇرچە يېزىق", "NotoNaskhArabic"),
    ],
)
def test_every_script_prints_with_a_bundled_font(
    typed: str, font: str, registry: KindRegistry
) -> None:
    form = Form(id="f1", kind="project-target-2026", header={"project_name": typed})
    project = Project(forms=[form])
    from desktop.core.printing import unprintable_cells

    assert unprintable_cells(project, registry) == []
    pages = pdf_inspect.read(render_pdf_bytes(project, registry))
    drawn = [g for g in pages[0].glyphs if font in g.font]
    assert drawn and all(g.size == 10.0 for g in drawn)
    assert "□" not in pdf_inspect.text(pages[0])


def test_uyghur_is_shaped_and_wraps_in_logical_order() -> None:
    words = ["ئۇيغۇر", "تىلى", "ۋە", "يېزىقى", "ھەققىدە", "قىسقىچە", "مەلۇمات", "بېرىلدى"]
    value = " ".join(words)
    cell = TextCell(value, CELL, BODY)
    lines = cell.text_lines(60)
    assert len(lines) > 2
    # Logical order across line breaks: the first line holds the first words.
    assert " ".join(" ".join(lines).split()) == value
    assert lines[0].split()[0] == words[0]
    # Shaped: HarfBuzz gives the joined (initial, medial, final) forms, in visual order.
    from desktop.core.printing.cells import _visual_runs

    ((font, shaped, _),) = _visual_runs(words[0], BODY, 10)
    assert font == "JixiaoArabic"
    assert any(0xFB50 <= ord(c) <= 0xFEFF for c in shaped)  # presentation (joined) forms
    assert unicodedata.normalize("NFKC", shaped) == words[0][::-1]


def test_break_lines_counts_offsets_into_the_text() -> None:
    text = "第一行\n第二行很长很长很长很长"
    lines = break_lines(text, 40, 10, BODY)
    assert [text[ln.start : ln.end] for ln in lines] == ["第一行", "第二行很", "长很长很", "长很长"]


def test_the_samples_and_the_stress_cases_keep_text_inside_the_rules(
    sample_paths, registry: KindRegistry
) -> None:
    from desktop.core.storage import load_project

    stress = Form(
        id="s1",
        kind="project-selfeval",
        indicators=[
            Level1(
                name="产出指标",
                children=[
                    Level2(
                        name="数量指标",
                        indicators=[
                            Indicator(name=f"指标{i}：面积100㎡，<b>x&amp;</b>", target=f"≥{i}次")
                            for i in range(150)
                        ]
                        + [Indicator(name="长" * 400, target="1")],
                    )
                ],
            )
        ],
    )
    projects = [load_project(p).project for p in sample_paths] + [Project(forms=[stress])]
    for project in projects:
        for number, page in enumerate(pdf_inspect.read(render_pdf_bytes(project, registry)), 1):
            assert pdf_inspect.crossings(page) == [], (project.title, number)
            for line in pdf_inspect.cell_lines(page):
                assert line[0] not in CLOSING and line[-1] not in OPENING, (number, line)
            assert {g.size for g in page.glyphs if "\u4e00" <= g.text <= "\u9fff"} <= {
                7.0,  # the footer
                9.0,
                10.0,
                11.0,
                12.0,
                13.0,
                16.0,
                18.0,
            }
