"""Import and export: round trips over every sample, the bureau-made fixtures, formula safety.

Projects are compared after dropping empty cells (a header field, funds cell or extra column
holding ""): the editor's own operations drop a cell that is emptied, so "" and absent mean the
same, and a form exported and read back has every label of its kind, filled or not.
"""

from __future__ import annotations

import contextlib
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.exporting.docx import export_docx
from desktop.core.exporting.xlsx import ROWS_HEADINGS, export_xlsx, rows_columns
from desktop.core.importing import import_files, import_html
from desktop.core.importing.grid import Grid, norm, norm_category
from desktop.core.importing.mapper import (
    REASON_ATTACHMENT,
    REASON_BEFORE,
    REASON_COLUMN,
    REASON_FOOTNOTE,
    REASON_SIGNATURE,
    KindLabels,
    convert_amount,
)
from desktop.core.importing.readers import cell_text
from desktop.core.model import Form, Indicator, Project
from desktop.core.resources import samples_dir
from desktop.core.scoring import PRINTED, PRINTED_RATE, PRINTED_TOTAL, score_form
from desktop.core.storage import dumps, load_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
SAMPLES = sorted(p.name for p in samples_dir().glob("*.jixiao"))


def normal(project: Project, skip: tuple[str, ...] = ()) -> list[dict]:
    """The forms as plain data with empty cells dropped; form ids renumbered from f1."""
    data = json.loads(dumps(project))
    forms = [f for f in data["forms"] if f["id"] not in skip]
    for i, f in enumerate(forms, 1):
        f["id"] = f"f{i}"
        f["header"] = {k: v for k, v in f.get("header", {}).items() if v}
        for l1 in f.get("indicators", []):
            for l2 in l1.get("children", []):
                for ind in l2.get("indicators", []):
                    ind["extra"] = {k: v for k, v in ind.get("extra", {}).items() if v}
    return forms


def as_printed_agree(project: Project, registry) -> Project:
    """A read-back export without its figures as printed. Jixiao's own paper prints the
    computed 得分, 执行率 and 总分; read back they are the paper's printed figures, which must
    agree with the rule's (no printed-differs) before they are dropped for the comparison."""
    for form in project.forms:
        kind = registry[form.kind]
        if kind.scoring is None:
            continue
        differs = [f for f in score_form(form, kind).findings if f.code == "printed-differs"]
        assert differs == [], differs
        form.header.pop(PRINTED_TOTAL, None)
        for cells in form.funds.values():
            cells.pop(PRINTED, None)
            cells.pop(PRINTED_RATE, None)
        form.funds = {row: cells for row, cells in form.funds.items() if cells}
        for _, _, ind in form.iter_indicators():
            ind.extra.pop(PRINTED, None)
    return project


def sample(name: str) -> Project:
    return load_project(samples_dir() / name).project


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_xlsx_official_round_trip(name: str, registry, tmp_path: Path) -> None:
    project = sample(name)
    out = tmp_path / "out.xlsx"
    export_xlsx(project, registry, out)
    result = import_files([out], registry)
    assert result.unplaced == []
    assert [f.kind.id for f in result.forms] == [f.kind for f in project.forms]
    assert normal(as_printed_agree(result.project(), registry)) == normal(project)
    assert result.title == project.title


@pytest.mark.parametrize("name", SAMPLES)
def test_docx_official_round_trip(name: str, registry, tmp_path: Path) -> None:
    project = sample(name)
    out = tmp_path / "out.docx"
    export_docx(project, registry, out)
    result = import_files([out], registry)
    assert result.unplaced == []
    assert normal(as_printed_agree(result.project(), registry)) == normal(project)


def _rows(form: Form, keys: dict[str, str]) -> list[tuple[str, ...]]:
    return [
        (l1.name, l2.name, *(ind.get(k) for k in keys.values()))
        for l1, l2, ind in form.iter_indicators()
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_xlsx_rows_round_trip(name: str, registry, tmp_path: Path) -> None:
    """The 一体化 shape holds the indicators only: they come back, kind given."""
    project = sample(name)
    for form in project.forms:
        kind = registry[form.kind]
        if not kind.categories:
            continue
        out = tmp_path / f"{form.id}.xlsx"
        export_xlsx(project, registry, out, shape="rows", form_ids=[form.id])
        result = import_files([out], registry, kind.id)
        assert len(result.forms) == 1 and result.unplaced == []
        keys = rows_columns(kind)
        assert _rows(result.forms[0].form, keys) == _rows(form, keys)


def test_rows_shape_headings(registry, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "rows.xlsx"
    export_xlsx(sample("2026-department-and-projects.jixiao"), registry, out, shape="rows")
    ws = load_workbook(out).worksheets[0]
    assert tuple(c.value for c in ws[1]) == ROWS_HEADINGS
    first = [c.value for c in ws[2]]
    assert first[:3] == ["预算执行绩效目标", "结转资金", "编入2026年部门预算的结转资金占部门实际全部结转资金的百分率"]
    assert first[3] == "2025年底以前结转资金全部编入2026年部门预算"  # 指标内容: 财政政策性绩效目标
    assert first[5] == "0%"


# --- formula safety --------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["official", "rows"])
def test_formula_like_text_is_written_as_text(shape: str, registry, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    project = sample("2022-department.jixiao")
    form = project.forms[0]
    nasty = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tTAB", "\rCR", '=HYPERLINK("http://x")']
    l2 = form.indicators[0].children[0]
    l2.indicators = [Indicator(name=t, target=t) for t in nasty]
    form.header["objective"] = "=cmd|' /C calc'!A0"
    out = tmp_path / "f.xlsx"
    export_xlsx(project, registry, out, shape=shape)
    with zipfile.ZipFile(out) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert all(b"<f>" not in s and b"<f " not in s for s in sheets)
    values = []
    for ws in load_workbook(out).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.lstrip("\r").startswith(
                    ("=", "+", "-", "@", "\t")
                ):
                    assert cell.data_type == "s", cell.coordinate
                    assert cell.quotePrefix
                    values.append(cell.value)
    assert {"=1+1", "+SUM(A1:A2)", "@cmd", "\tTAB"} <= set(values)
    back = import_files([out], registry, "department-target-2022").forms[0].form
    names = [i.name for i in back.indicators[0].children[0].indicators]
    assert names[:4] == nasty[:4]


# --- fixtures made the way bureaus make them ------------------------------------------------


def _expected(entry: dict) -> list[dict]:
    project = sample(entry["sample"])
    for form_id, l1, l2, name in entry.get("added", []):
        form = project.form(form_id)
        assert form is not None
        target = form.find_level2(l1, l2)
        assert target is not None
        target.indicators.append(Indicator(name=name))
    return normal(project, tuple(entry.get("skip_forms", ())))


def _yuan_tolerant(forms: list[dict]) -> list[dict]:
    """Funds compared as numbers: 1948000 元 read back as 万元 is 194.8, the sample says 194.80."""
    for f in forms:
        for row in f.get("funds", {}).values():
            for k, v in row.items():
                with contextlib.suppress(ArithmeticError):
                    row[k] = str(Decimal(v).normalize())
    return forms


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if not MANIFEST[n].get("rows")))
def test_bureau_fixture_imports_in_full(name: str, registry) -> None:
    entry = MANIFEST[name]
    result = import_files([FIXTURES / name], registry)
    got = normal(result.project())
    want = _expected(entry)
    if entry.get("yuan"):
        got, want = _yuan_tolerant(got), _yuan_tolerant(want)
        assert any("换算" in n for f in result.forms for n in f.notes)
    assert [f["kind"] for f in got] == [f["kind"] for f in want]
    for g, w in zip(got, want, strict=True):
        assert g == w, (g["id"], g["kind"])
    # the cells left out are only what a person would drop too, each with a reason
    drops = [d for d in entry["drops"] if d]
    for u in result.unplaced:
        assert u.reason in {REASON_SIGNATURE, REASON_FOOTNOTE, REASON_COLUMN, REASON_BEFORE,
                            REASON_ATTACHMENT}, u  # fmt: skip
        assert any(d in u.text for d in drops), u
        assert u.address and u.sheet
    assert any(u.reason == REASON_SIGNATURE for u in result.unplaced) == any(
        "王某某" in d for d in drops
    )


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if MANIFEST[n].get("rows")))
def test_rows_fixture_imports(name: str, registry) -> None:
    entry = MANIFEST[name]
    result = import_files([FIXTURES / name], registry, entry["kind"])
    assert result.unplaced == []
    project = sample(entry["sample"])
    forms = [f for f in project.forms if f.kind == entry["kind"]]
    assert len(result.forms) == len(forms)
    keys = {"三级指标": "name", "指标值": "target"}
    for got, want in zip(result.forms, forms, strict=True):
        assert _rows(got.form, keys) == _rows(want, keys)


def test_template_rows_are_kept_as_typed(registry) -> None:
    """Leftover 「指标1」/「……」 rows come in as indicators with their blank values, in place, for
    the checks and the clerk to judge: nothing in the file is dropped silently."""
    entry = MANIFEST["2026-one-sheet.xlsx"]
    project = import_files([FIXTURES / "2026-one-sheet.xlsx"], registry).project()
    assert entry["added"]
    for form_id, l1, l2, name in entry["added"]:
        form = project.form(form_id)
        assert form is not None
        level2 = form.find_level2(l1, l2)
        assert level2 is not None
        assert [(i.name, i.target) for i in level2.indicators if i.name == name] == [(name, "")]


def test_one_sheet_with_several_forms_keeps_their_order(registry) -> None:
    result = import_files([FIXTURES / "2026-one-sheet.xlsx"], registry)
    assert [f.form.id for f in result.forms] == ["f1", "f2", "f3", "f4", "f5"]
    assert {f.sheet for f in result.forms} == {"绩效目标表"}
    assert [f.address for f in result.forms][:2] == ["A2", "A25"]
    mapped = {c.heading: c.target for c in result.forms[1].columns}
    assert mapped["运算符"] == "指标值的运算符"


def test_long_term_column_is_named_as_skipped(registry) -> None:
    result = import_files([FIXTURES / "2024-declarations.xls"], registry)
    skipped = [c for c in result.forms[0].columns if not c.target]
    assert [c.heading for c in skipped] == ["中长期指标值"]
    assert {c.heading: c.target for c in result.forms[0].columns}["年度指标值"] == "指标值"


# --- pieces ----------------------------------------------------------------------------------


def test_html_from_the_clipboard(registry) -> None:
    html = (
        "<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        '<tr><td rowspan="2">产出指标</td><td rowspan="2">数量指标</td><td>培训人数</td>'
        "<td>≥100人</td></tr><tr><td>培训次数</td><td>≥2次</td></tr>"
        "<script>document.write('<td>x</td>')</script></table>"
    )
    result = import_html(html, registry, "project-target-national")
    form = result.forms[0].form
    assert [(i.name, i.target) for _, _, i in form.iter_indicators()] == [
        ("培训人数", "≥100人"),
        ("培训次数", "≥2次"),
    ]
    assert result.unplaced == []


def test_labels_match_without_spaces_widths_and_rule_notes() -> None:
    assert norm("一级 指标：") == norm("一级指标") == norm("*一级指标:")
    assert norm("项目资金（万元）") == norm("项目资金(万元)")
    assert norm_category("数量指标（必填量化）") == norm_category("数量") == "数量"
    assert norm_category("经济效益指标") == norm_category("经济效益")


def test_amounts_convert_between_units() -> None:
    assert convert_amount("1948000", "元", "万元") == "194.8"
    assert convert_amount("3", "万元", "元") == "30000"
    assert convert_amount("约3万", "元", "万元") == "约3万"  # not a number: kept as typed
    assert convert_amount("12", None, "万元") == "12"


def test_cell_text_reads_numbers_as_people_do() -> None:
    assert cell_text(194.27) == "194.27"
    assert cell_text(30000.0) == "30000"
    assert cell_text(0.95, "0%") == "95%"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(None) == ""


def test_unmerged_cells_answer_for_their_range() -> None:
    g = Grid("s")
    g.set(0, 0, "产出指标")
    g.merge(0, 0, 2, 0)
    assert g.text(2, 0) == "产出指标" and g.origin(2, 0) == (0, 0)
    assert g.address((2, 0)) == "A3"


def test_signature_lines_are_read_as_a_whole(registry) -> None:
    kl = KindLabels(registry["project-target-2026"])
    assert kl.is_signature("填报人：") == ""
    assert kl.is_signature("填报人：    联系电话：    单位负责人（签字）：") == ""
    assert kl.is_signature("填报人：张三  日期：2024年1月") == "张三 2024年1月"
    assert kl.is_signature("项目名称") is None


def test_aliases_must_name_what_the_kind_has(tmp_path: Path) -> None:
    from desktop.core.kinds import KindError, load_kind
    from desktop.core.resources import data_root

    source = data_root() / "forms" / "project-target-2026.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["aliases"]["columns"]["nonsense"] = ["指标值"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KindError, match="aliases"):
        load_kind(bad)


def test_skipped_cells_and_notes_are_worded_in_the_readers_language(registry) -> None:
    """`jixiao --lang en import` says why a cell was skipped and what was converted in English;
    the reason's code stays the same in either language."""
    from desktop.core import catalogue

    name = next(n for n in sorted(MANIFEST) if MANIFEST[n].get("yuan")
                and any(MANIFEST[n]["drops"]) and not MANIFEST[n].get("rows"))  # fmt: skip
    zh = import_files([FIXTURES / name], registry)
    catalogue.set_language("en")
    try:
        en = import_files([FIXTURES / name], registry)
        reasons = [u.reason_text for u in en.unplaced]
        notes = [n for f in en.forms for n in f.notes]
        dicts = [u.as_dict() for u in en.unplaced]
    finally:
        catalogue.set_language("zh")
    assert en.unplaced and notes
    assert [u.reason for u in en.unplaced] == [u.reason for u in zh.unplaced]
    assert all(r.isascii() for r in reasons), reasons
    assert all(d["reason"].isascii() and d["reason_code"].startswith("import-reason-") for d in dicts)
    assert all("换算" not in n for n in notes) and any("converted" in n for n in notes), notes
    assert all(not u.reason_text.isascii() for u in zh.unplaced)
