"""Whole forms to PDF: every sample prints in its layout, text as typed, fonts embedded, pages
numbered per form with the fingerprint, file name and print time in the footer."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.fingerprint import form_fingerprint
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.operations import new_project
from desktop.core.printing import (
    PrintError,
    print_warnings,
    render_pdf,
    render_pdf_bytes,
    unprintable_cells,
)
from desktop.core.storage import load_project

WHEN = datetime.datetime(2025, 3, 14, 9, 26)


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pages_of(data: bytes) -> list[str]:
    """Each page's text without whitespace (the PDF wraps lines wherever it likes)."""
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def body(pages: list[str]) -> str:
    """The pages' text joined, without the footers, so text broken across pages reads on."""
    return "".join(re.sub(r"第\d+页共\d+页指纹.*$", "", p) for p in pages)


def render(project: Project, registry: KindRegistry, **kw) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = render_pdf(project, registry, buf, printed_at=WHEN, **kw)
    return pages, buf.getvalue()


@pytest.fixture(scope="module")
def samples(sample_paths: list[Path]) -> dict[str, Project]:
    return {p.name: load_project(p).project for p in sample_paths}


@pytest.fixture(scope="module")
def printed(samples: dict[str, Project], registry: KindRegistry) -> dict[str, list[str]]:
    out = {}
    for name, project in samples.items():
        pages, data = render(project, registry, source_name=name)
        out[name] = pages_of(data)
        assert len(out[name]) == pages
    return out


def test_every_sample_prints_its_headers_names_and_values(
    samples: dict[str, Project], printed: dict[str, list[str]], registry: KindRegistry
) -> None:
    for name, project in samples.items():
        text = body(printed[name])
        for form in project.forms:
            kind = registry[form.kind]
            assert squash(kind.title) in text
            for key, value in form.header.items():
                assert squash(value) in text, (name, form.id, key)
            for _, _, ind in form.iter_indicators():
                for col in kind.columns:
                    if col.type != "computed":
                        assert squash(ind.get(col.key)) in text, (name, form.id, col.key)
            for l1 in form.indicators:
                assert squash(l1.name) in text


def test_each_form_starts_a_page_and_is_numbered_on_its_own(
    samples: dict[str, Project], printed: dict[str, list[str]]
) -> None:
    for name, pages in printed.items():
        forms = samples[name].forms
        firsts = [i for i, p in enumerate(pages) if "第1页共" in p]
        assert len(firsts) == len(forms), name
        for form, start, end in zip(forms, firsts, [*firsts[1:], len(pages)], strict=True):
            total = end - start
            for n, page in enumerate(pages[start:end], 1):
                assert f"第{n}页共{total}页" in page
                assert f"指纹{form_fingerprint(form)}" in page
                assert f"文件{name}" in page and "打印于2025-03-1409:26" in page


def test_only_embedded_truetype_fonts(samples: dict[str, Project], registry: KindRegistry) -> None:
    _, data = render(samples["2024-project-declarations.jixiao"], registry)
    assert b"STSong" not in data
    reader = PdfReader(io.BytesIO(data))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            seen.add(str(font["/BaseFont"]).split("+")[1])
    assert seen == {"BousungEG-Light-GB", "WenQuanYiMicroHei-0"}


def test_layout_details_of_each_kind(printed: dict[str, list[str]]) -> None:
    declarations = "".join(printed["2024-project-declarations.jixiao"])
    assert "(2024年度)" in declarations
    assert "数量指标（必填量化）" in declarations and "（选填）" in declarations
    # As on the paper: each option followed by its box (通过□ 退回修改□ 退回,不予纳入财政项目库□).
    assert "综合评定等级通过□退回修改□退回,不予纳入财政项目库□" in declarations
    assert "注：此表填报项目绩效目标涵盖年限为项目预算申报当年。" in declarations
    assert "填报人：联系电话：单位负责人（签字）：单位（盖章）：日期：" in declarations
    department = "".join(printed["2022-department.jixiao"])
    assert "预算金额（万元）总额财政拨款其他资金" in department
    assert "年度绩效指标" in department
    selfeval = printed["2020-self-evaluation.jixiao"]
    report = selfeval[0]
    assert report.index("一、部门概况") < report.index("二、评价工作开展情况")
    everything = "".join(selfeval)
    assert "年初预算数全年预算数全年执行数分值执行率得分" in everything
    assert "年度总体目标" in everything and "预期目标实际完成情况" in everything
    assert "—" in everything and "总分" in everything
    assert "2021年6月21日" in everything


def test_pages_are_a4_in_the_kinds_orientation(
    samples: dict[str, Project], registry: KindRegistry
) -> None:
    project = samples["2020-self-evaluation.jixiao"]
    by_print = {form_fingerprint(f): registry[f.kind].print.orientation for f in project.forms}
    _, data = render(project, registry)
    seen = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        mark = re.search(r"指纹(\S+)", squash(page.extract_text())).group(1)[:14]
        seen.add(by_print[mark])
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(w), round(h))) == [595, 842]
        assert (w > h) == (by_print[mark] == "landscape")
    assert seen == {"portrait", "landscape"}


def test_chosen_forms_print_in_the_order_asked(
    samples: dict[str, Project], registry: KindRegistry
) -> None:
    project = samples["2026-department-and-projects.jixiao"]
    _, data = render(project, registry, form_ids=["f3", "f2"])
    text = pages_of(data)
    names = [project.form(i).header["project_name"] for i in ("f3", "f2")]
    assert text[0].index(names[0]) >= 0 and names[1] not in text[0]
    assert names[1] in "".join(text[1:])
    assert project.form("f1").header["department"] not in "".join(text)


def test_unknown_forms_and_kinds_are_refused(registry: KindRegistry) -> None:
    project = Project(forms=[Form(id="f1", kind="no-such-kind")])
    with pytest.raises(PrintError, match="no-such-kind"):
        render_pdf_bytes(project, registry)
    with pytest.raises(PrintError, match="f9"):
        render_pdf_bytes(project, registry, ["f9"])
    with pytest.raises(PrintError, match="没有表"):
        render_pdf_bytes(Project(), registry)


def test_every_kind_prints_blank(registry: KindRegistry) -> None:
    for kind in registry.all():
        data = render_pdf_bytes(new_project(kind), registry)
        text = "".join(pages_of(data))
        assert squash(kind.title) in text
        for c in kind.categories:
            assert squash(c.name) in text


def markup_project() -> Project:
    names = ["x<y", "AT&T", "<b>粗体</b>", "&amp;", "笑😀脸", "שלום مرحبا", "缺🥲字", "a  b\nc"]
    indicators = [Indicator(name=n, target=f"≥{i}次<&lt;") for i, n in enumerate(names)]
    indicators.append(Indicator(name="长" * 5000, target="≥1次"))
    return Project(
        forms=[
            Form(
                id="f1",
                kind="project-declaration-2024",
                header={
                    "year": "2024",
                    "project_name": "<font name=x>&nbsp;",
                    "objective": "兔" * 10000,
                },
                indicators=[
                    Level1(
                        name="产出指标",
                        children=[
                            Level2(name="数量指标", indicators=indicators),
                            Level2(
                                name="质量指标",
                                indicators=[Indicator(name="鹏" * 10000, target="鸭" * 10000)],
                            ),
                        ],
                    )
                ],
            )
        ]
    )


def test_user_text_prints_exactly_as_typed(registry: KindRegistry) -> None:
    pages, data = render(markup_project(), registry)
    text = body(pages_of(data))
    for typed in [
        "x<y",
        "AT&T",
        "<b>粗体</b>",
        "&amp;",
        "≥0次<&lt;",
        "<fontname=x>&nbsp;",
        "笑😀脸",
        "缺□字",
        "ab",
        "c",
    ]:
        assert typed in text, typed
    # Right-to-left words are drawn in visual order, the Arabic one shaped (joined forms).
    shaped = unicodedata.normalize("NFKC", text)
    assert "שלום" in shaped and "مرحبا" in shaped
    for char, count in (("长", 5000), ("兔", 10000), ("鹏", 10000), ("鸭", 10000)):
        assert text.count(char) == count, char
    assert pages >= 10


def test_characters_without_a_font_are_reported_before_printing(registry: KindRegistry) -> None:
    project = markup_project()
    cells = unprintable_cells(project, registry)
    assert [(c.chars, c.where) for c in cells] == [
        ("🥲", "产出指标 / 数量指标 / 缺🥲字 / 三级指标")
    ]
    (finding,) = print_warnings(project, registry)
    assert finding.code == "glyph-missing" and finding.severity == "warning"
    assert "🥲" in finding.message and finding.form_id == "f1"


def test_writing_to_a_path_is_atomic(
    tmp_path: Path, registry: KindRegistry, samples: dict[str, Project]
) -> None:
    project = samples["2022-department.jixiao"]
    out = tmp_path / "表.pdf"
    out.write_bytes(b"old")
    pages = render_pdf(project, registry, out)
    assert out.read_bytes().startswith(b"%PDF-") and pages == len(PdfReader(out).pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["表.pdf"]  # no backup, no temp file
    with pytest.raises(PrintError, match="无法写入"):
        render_pdf(project, registry, tmp_path / "missing" / "表.pdf")
    assert not (tmp_path / "missing").exists()


def test_preview_bytes_match_the_file(registry: KindRegistry, samples: dict[str, Project]) -> None:
    project = samples["2026-department-and-projects.jixiao"]
    data = render_pdf_bytes(project, registry, printed_at=WHEN)
    assert data.startswith(b"%PDF-")
    assert pages_of(data) == pages_of(render(project, registry)[1])


def test_unprintable_cells_are_named_as_the_paper_names_them(registry: KindRegistry) -> None:
    project = Project(
        forms=[
            Form(id="a", kind="project-selfeval", funds={"total": {"executed": "1🥲"}}),
            Form(id="b", kind="department-target-2022", tables={"tasks": [{"task": "𠀀𪜀"}]}),
        ]
    )
    cells = unprintable_cells(project, registry)
    assert [(c.form_id, c.where, c.key, c.chars) for c in cells] == [
        ("a", "项目资金（万元） / 年度资金总额 / 全年执行数", "total.executed", "🥲"),
        ("b", "年度主要任务 / 第1行 / 任务名称", "tasks.0.task", "𪜀"),  # Ext C: no font
    ]
    assert unprintable_cells(project, registry, ["b"]) == cells[1:]


def test_a_long_print_holds_one_form_at_a_time(
    samples: dict[str, Project], registry: KindRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat: the canvas holds only the pages of the form being printed (they are
    written, numbered, when the next form's first page is done), and a form is laid out only
    when the document reaches it, not all of them before the first page is drawn."""
    from desktop.core.printing import layout, pages
    from desktop.core.printing import render as module

    project = samples["2024-project-declarations.jixiao"]
    project = project.model_copy(update={"forms": project.forms * 4})
    events: list[tuple[str, int]] = []
    held_most: list[int] = []
    story = layout.form_story

    def laid_out(*args, **kw):
        events.append(("laid out", 0))
        return story(*args, **kw)

    class Watching(pages.FooterCanvas):
        def showPage(self) -> None:
            super().showPage()
            held_most.append(len(self._held))

        def _flush(self) -> None:
            events.append(("written", len(self._held)))
            super()._flush()

    monkeypatch.setattr(module, "form_story", laid_out)
    monkeypatch.setattr(module, "FooterCanvas", Watching)
    count, data = render(project, registry, source_name="x.jixiao")
    forms = len(project.forms)
    ahead = 0  # forms laid out whose pages are not written yet
    for event, _ in events:
        ahead += 1 if event == "laid out" else -1
        assert ahead <= 3
    assert [e for e, _ in events].count("written") == forms
    per_form = [n for e, n in events if e == "written"]
    assert sum(per_form) == count and max(held_most) <= max(per_form) + 1
    numbers = [re.search(r"第(\d+)页共(\d+)页", p).groups() for p in pages_of(data)]
    expected = [(str(i), str(n)) for n in per_form for i in range(1, n + 1)]
    assert numbers == expected


def test_continued_labels_are_made_only_where_a_group_splits(
    registry: KindRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """（续） labels are set only for the merged cells a page break actually cuts: a form that
    fits on one page makes none, a form of two pages only those of the groups it splits."""
    from desktop.core.operations import blank_form
    from desktop.core.printing import layout

    made: list[str] = []
    for name in ("text", "label"):
        original = getattr(layout, name)

        def recording(value: str, *args, _original=original, **kw):
            made.append(value)
            return _original(value, *args, **kw)

        monkeypatch.setattr(layout, name, recording)
    kind = registry["project-declaration-2024"]

    def printed(indicators: int) -> tuple[int, list[str]]:
        form = blank_form(kind, "f1", year=2024)
        level2s = [l2 for l1 in form.indicators for l2 in l1.children]
        for j in range(indicators):
            level2s[j % len(level2s)].indicators.append(Indicator(name=f"指标{j}", target="≥1"))
        made.clear()
        count, data = render(Project(title="t", forms=[form]), registry)
        assert ("︵续︶" in pages_of(data)[-1]) == (count > 1)
        return count, [m for m in made if "（续）" in m or "︵续︶" in m]

    count, labels = printed(3)
    assert count == 1 and labels == []
    count, labels = printed(30)
    assert count == 2
    # The break falls between level-2 groups: only the 绩效指标 column, which spans the
    # whole table, is cut (of the 14 merged cells, and the header block's labels).
    assert [m.split("\n")[0] for m in labels] == ["绩效指标"]


def test_a_chinese_print_loads_only_the_two_chinese_faces(sample_paths: list[Path]) -> None:
    """DejaVu Sans and Symbola (4 MB to parse) load only when a character is in neither
    Chinese face; the samples never need them, nor their line breaks."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from desktop.core.kinds import default_registry\n"
        "from desktop.core.printing import render_pdf_bytes\n"
        "from desktop.core.storage import load_project\n"
        "for path in sys.argv[1:]:\n"
        "    render_pdf_bytes(load_project(path).project, default_registry())\n"
        "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if 'Jixiao' in n))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, sample_paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['JixiaoHei', 'JixiaoSong']"
