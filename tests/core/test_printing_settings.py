"""Print settings per project (title prefix, attachment label, blank rows, signature lines) and
signature values per form: saved in the file only when set, printed, and given on the CLI."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.kinds import KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2, PrintSettings, Project
from desktop.core.operations import new_project
from desktop.core.printing import render_pdf_bytes
from desktop.core.storage import dumps, load_project, save_project
from tests.core import pdf_inspect


def page_texts(data: bytes) -> list[str]:
    return [re.sub(r"\s+", "", pdf_inspect.text(p)) for p in pdf_inspect.read(data)]


def test_settings_and_signature_values_are_saved_only_when_set(tmp_path: Path) -> None:
    project = Project(forms=[Form(id="f1", kind="project-target-2026")])
    data = json.loads(dumps(project))
    assert "print_settings" not in data and "signature" not in data["forms"][0]
    project.print_settings = PrintSettings(
        title_prefix="银川市本级", attachment="附件2", blank_rows=4, signature=("填报人", "日期")
    )
    project.forms[0].set_signature("填报人", "张三")
    project.forms[0].set_signature("日期", "2026年3月1日")
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    data = json.loads(path.read_bytes())
    assert data["version"] == 2
    assert data["print_settings"] == {
        "title_prefix": "银川市本级",
        "attachment": "附件2",
        "blank_rows": 4,
        "signature": ["填报人", "日期"],
    }
    assert data["forms"][0]["signature"] == {"填报人": "张三", "日期": "2026年3月1日"}
    loaded = load_project(path).project
    assert loaded.print_settings == project.print_settings
    assert loaded.forms[0].signature == project.forms[0].signature
    assert dumps(loaded) == path.read_bytes()
    loaded.forms[0].set_signature("填报人", "  ")
    assert loaded.forms[0].signature == {"日期": "2026年3月1日"}


def test_title_prefix_and_attachment_label_print_above_and_before_the_title(
    registry: KindRegistry,
) -> None:
    project = new_project(registry["department-target-2026"])
    project.print_settings = PrintSettings(title_prefix="银川市本级", attachment="附件2：")
    (first,) = page_texts(render_pdf_bytes(project, registry))
    assert first.startswith("附件2：银川市本级部门整体支出预算绩效目标表")


def test_blank_rows_per_category_for_a_form_filled_by_hand(registry: KindRegistry) -> None:
    project = new_project(registry["project-target-2026"])
    rows = []
    for n in (1, 3):
        project.print_settings = PrintSettings(blank_rows=n)
        (page, *_) = pdf_inspect.read(render_pdf_bytes(project, registry))
        rows.append(len({round(y) for y, x0, x1 in page.horizontal}))
    assert rows[1] - rows[0] >= 2 * 9  # two more rows for each of the nine categories


def test_signature_values_print_on_their_lines_and_blank_lines_stay(
    registry: KindRegistry,
) -> None:
    form = Form(id="f1", kind="project-target-2026", header={"year": "2026"})
    form.set_signature("填报人", "李四")
    form.set_signature("联系电话", "0951-1234567")
    text = "".join(page_texts(render_pdf_bytes(Project(forms=[form]), registry)))
    assert "填报人：李四" in text and "联系电话：0951-1234567" in text
    assert "单位负责人（签字）：单位（盖章）：日期：" in text  # left empty: blank lines
    (page,) = pdf_inspect.read(render_pdf_bytes(Project(forms=[form]), registry))
    bases = {g.base for g in page.glyphs if g.text in "填单"}
    lines = [1 for y, x0, x1 in page.horizontal if any(b - 4 < y < b for b in bases)]
    assert len(lines) == 5  # a line under each, filled in or not


def test_only_the_chosen_signature_lines_print(registry: KindRegistry) -> None:
    project = Project(forms=[Form(id="f1", kind="project-target-2026")])
    project.print_settings = PrintSettings(signature=("填报人", "日期"))
    text = "".join(page_texts(render_pdf_bytes(project, registry)))
    assert "填报人：" in text and "日期：" in text and "联系电话" not in text
    project.print_settings = PrintSettings(signature=())
    text = "".join(page_texts(render_pdf_bytes(project, registry)))
    assert "填报人" not in text


def test_cli_print_flags(tmp_path: Path, capsys) -> None:
    path = tmp_path / "p.jixiao"
    assert main(["new", "project-target-2026", "-o", str(path)]) == 0
    before = path.read_bytes()
    out = tmp_path / "p.pdf"
    code = main(
        [
            "print",
            str(path),
            "-o",
            str(out),
            "--title-prefix",
            "银川市本级",
            "--attachment",
            "附件2",
            "--blank-rows",
            "2",
            "--signature",
            "填报人",
        ]
    )
    capsys.readouterr()
    assert code == 0
    text = "".join(page_texts(out.read_bytes()))
    assert text.startswith("附件2银川市本级部门项目支出年度预算绩效目标表")
    assert "填报人：" in text and "联系电话" not in text
    assert path.read_bytes() == before  # the flags are for this print; the file keeps its own
    with pytest.raises(SystemExit) as info:
        main(["print", str(path), "-o", str(out), "--blank-rows", "0"])
    _, err = capsys.readouterr()
    assert info.value.code == 2 and "1 到 50" in err


def test_an_empty_self_evaluation_lists_each_category_once_on_one_page(
    registry: KindRegistry,
) -> None:
    project = new_project(registry["project-selfeval"])
    pages = page_texts(render_pdf_bytes(project, registry))
    assert len(pages) == 1
    assert pages[0].count("成本指标") == 1  # under 产出指标, as on the paper


def test_report_section_headings_are_the_templates(registry: KindRegistry) -> None:
    project = new_project(registry["selfeval-report"])
    text = "".join(page_texts(render_pdf_bytes(project, registry)))
    headings = [
        "一、部门概况",
        "二、评价工作开展情况",
        "三、部门资金基本情况",
        "四、部门财政支出管理情况",
        "五、部门绩效情况",
        "六、评价结论及建议",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    # Empty: room under each heading and a date to fill in by hand, on one page.
    pages = pdf_inspect.read(render_pdf_bytes(project, registry))
    assert len(pages) == 1 and "日期：年月日" in text
    bases = sorted({round(g.base) for g in pages[0].glyphs if g.size == 13}, reverse=True)
    assert all(a - b >= 3 * 21 for a, b in itertools.pairwise(bases))


def test_the_signature_keeps_the_last_three_rows_with_it(registry: KindRegistry) -> None:
    for n in range(8, 40, 3):
        inds = [Indicator(name=f"指标{i:02d}", target=f"≥{i}次") for i in range(n)]
        form = Form(
            id="f1",
            kind="project-target-2026",
            indicators=[
                Level1(name="产出指标", children=[Level2(name="数量指标", indicators=inds)])
            ],
        )
        pages = page_texts(render_pdf_bytes(Project(forms=[form]), registry))
        last = next(p for p in pages if "填报人" in p)
        assert sum(f"指标{i:02d}" in last for i in range(n)) >= 3, n


def test_a_long_value_does_not_push_the_whole_table_to_page_2(registry: KindRegistry) -> None:
    inds = [Indicator(name="长" * 400 if i == 0 else f"指标{i}", target="1") for i in range(3)]
    form = Form(
        id="f1",
        kind="project-target-2026",
        header={"objective": "目标" * 600},
        indicators=[Level1(name="产出指标", children=[Level2(name="数量指标", indicators=inds)])],
    )
    pages = page_texts(render_pdf_bytes(Project(forms=[form]), registry))
    assert "一级绩效指标" in pages[0] and "长" in pages[0]


def test_a_signature_value_no_font_has_is_reported(registry: KindRegistry) -> None:
    from desktop.core.printing import unprintable_cells

    form = Form(id="f1", kind="project-target-2026")
    form.set_signature("填报人", "张𪜀")
    cells = unprintable_cells(Project(forms=[form]), registry)
    assert [(c.where, c.chars) for c in cells] == [("签字栏 / 填报人", "𪜀")]
