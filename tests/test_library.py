"""The indicator library: shipped data, validation, search (words, sector, pinyin initials),
insertion into a form, building a library from project files, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.checks import ProjectChecker
from desktop.core.findings import Severity
from desktop.core.kinds import default_registry
from desktop.core.library import (
    ENTRY_KEYS,
    NAME_MAX,
    Entry,
    Library,
    LibraryError,
    PlacementError,
    dumps_library,
    initials,
    initials_table,
    insert_library_entry,
    library_from_projects,
    load_library_file,
    parse_library,
    shipped_library_dir,
    write_initials_table,
)
from desktop.core.operations import new_project, remove_indicator
from desktop.core.storage import save_project
from desktop.core.values import parse_value

MIN_ENTRIES = 300
MIN_SECTORS = 12


@pytest.fixture(scope="module")
def shipped() -> Library:
    lib = Library.load([shipped_library_dir()])
    assert lib.problems == []
    return lib


def _entry(**kw) -> dict:
    base = dict(sector="教育", level1="产出指标", level2="数量指标", name="培训人次",
                explanation="年度培训的人次", operator="≥", value="100", unit="人次",
                direction="higher", source="某文件", url="")  # fmt: skip
    base.update(kw)
    return base


def _file(*entries: dict) -> dict:
    return {"format": "jixiao-library", "version": 1, "name": "t", "entries": list(entries)}


# --- the shipped data -----------------------------------------------------------------------


def test_shipped_library_counts(shipped: Library):
    entries = shipped.entries
    assert len(entries) >= MIN_ENTRIES
    assert len(shipped.sectors()) >= MIN_SECTORS
    # every sector holds more than a token entry or two
    for sector in shipped.sectors():
        assert sum(e.sector == sector for e in entries) >= 8, sector


def test_every_shipped_entry_is_complete_and_sourced(shipped: Library):
    for e in shipped.entries:
        for key in ENTRY_KEYS:
            if key == "unit" and (e.operator == "定性" or e.value.endswith("%")):
                continue
            assert getattr(e, key).strip(), (e.name, key)
        assert len(e.name) <= NAME_MAX
        assert e.url.startswith("http"), e.name  # where the document was found
        assert e.level1 in ("产出指标", "效益指标", "满意度指标"), e.name


def test_shipped_values_parse_as_their_operator_says(shipped: Library):
    for e in shipped.entries:
        parsed = parse_value(e.target_text())
        if e.operator == "定性":
            assert not parsed.is_quantified or parsed.kind != "quantity", e.name
        else:
            assert parsed.number is not None, (e.name, e.target_text())
            if e.operator in ("≥", "≤", ">", "<"):
                assert parsed.operator == e.operator, e.name


def test_every_shipped_entry_is_accepted_by_the_checker_in_its_category(shipped: Library):
    """A suggestion the program's own checks would flag (a cost in %, a 时效 without a time)
    has no place in the library: each entry, alone in a 2026 project form, raises nothing."""
    registry = default_registry()
    kind = registry["project-target-2026"]
    for e in shipped.entries:
        project = new_project(kind)
        ind = insert_library_entry(project.forms[0], e)[2]
        findings = [f for f in ProjectChecker(project, registry).check_all() if f.uid == ind.uid]
        assert findings == [], (e.sector, e.name, [f.message for f in findings])


def test_shipped_files_are_in_canonical_form():
    for path in shipped_library_dir().glob("*.json"):
        assert dumps_library(load_library_file(path)) == path.read_text("utf-8"), path.name


# --- validation -----------------------------------------------------------------------------


def test_a_bad_entry_names_the_file_the_entry_and_the_field(tmp_path: Path):
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(_file(_entry(), _entry(name="x" * 31)), ensure_ascii=False))
    with pytest.raises(LibraryError) as err:
        load_library_file(path)
    msg = str(err.value)
    assert "bureau.json" in msg and "第 2 条" in msg and "name" in msg


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source": ""}, "source"),
        ({"direction": "up"}, "direction"),
        ({"operator": "about"}, "operator"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_missing_or_unknown_fields_are_refused(change: dict, field: str):
    with pytest.raises(LibraryError, match=field):
        parse_library(_file(_entry(**change)), "x.json")


def test_an_unreadable_file_is_reported_and_skipped(tmp_path: Path):
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(_file(_entry()), ensure_ascii=False), "utf-8")
    lib = Library.load([tmp_path])
    assert len(lib.entries) == 1
    assert len(lib.problems) == 1 and "a.json" in lib.problems[0]


# --- search ---------------------------------------------------------------------------------


def test_initials():
    assert initials("培训人次") == "pxrc"
    assert initials("项目（工程）验收合格率") == "xmgcyshgl"
    assert initials("7岁以下儿童健康管理率") == "7syxetjkgll"


def test_pinyin_initials_find_peixun_renci(shipped: Library):
    names = [e.name for e in shipped.search("pxrc")]
    assert names and all("培训" in n and "人次" in n for n in names[:1])


def test_pinyin_initials_find_every_entry(shipped: Library):
    for e in shipped.entries:
        found = shipped.search(initials(e.name), sector=e.sector, level2=e.level2)
        assert e in found, e.name


def test_the_shipped_initials_table_is_what_pypinyin_gives(shipped: Library):
    """The table the library reads instead of pypinyin holds every shipped name's initials as
    `initials` makes them now; after a change to the shipped files, run the command below."""
    path = shipped_library_dir() / "initials.tsv"
    expected = initials_table(e.name for e in shipped.entries)
    assert path.read_text(encoding="utf-8") == expected, (
        "resources/library/initials.tsv is stale: run "
        "python -c 'from desktop.core.library import write_initials_table as w; w()'"
    )
    names = {line.split("\t")[0] for line in expected.splitlines()}
    assert names == {e.name for e in shipped.entries}
    assert "主体班培训人次\tztbpxrc" in expected.splitlines()


def test_write_initials_table_writes_the_table(tmp_path: Path, shipped: Library):
    out = write_initials_table(tmp_path)
    assert out == tmp_path / "initials.tsv"
    assert out.read_text(encoding="utf-8") == initials_table(e.name for e in shipped.entries)


def test_loading_and_searching_the_shipped_library_does_not_load_pypinyin():
    """pypinyin's dictionaries take about 0.3 s to load: the panel's first open paid it."""
    code = (
        "import sys\n"
        "from desktop.core.library import Library, shipped_library_dir\n"
        "lib = Library.load([shipped_library_dir()])\n"
        "found = [e.name for e in lib.search('pxrc')]\n"
        "assert found and '培训' in found[0], found\n"
        "print('pypinyin' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_names_outside_the_table_are_found_by_initials_too(tmp_path: Path):
    entry = Entry(**_entry(name="结业考核通过率"))  # not a shipped name
    lib = Library()
    lib.add("mine.json", [entry])
    assert [e.name for e in lib.search("jykhtgl")] == ["结业考核通过率"]
    assert [e.name for e in lib.search("khtg")] == ["结业考核通过率"]
    assert lib.search("xyz") == []


def _own_library(*names: str) -> Library:
    lib = Library()
    lib.add("mine.json", [Entry(**_entry(name=n)) for n in names])
    return lib


@pytest.fixture
def table(tmp_path: Path, monkeypatch):
    """A shipped folder of our own whose initials table the test writes."""
    from desktop.core import library

    monkeypatch.setattr(library, "shipped_library_dir", lambda: tmp_path)
    library._known_initials.cache_clear()
    yield tmp_path / "initials.tsv"
    library._known_initials.cache_clear()


def test_the_table_is_read_and_its_broken_lines_are_worked_out(table: Path):
    table.write_text(
        "考核通过率\tzz\n"  # read as it stands (a wrong value shows the table is used)
        "培训人次 pxrc\n"  # no tab: worked out
        "结业人数\t结业\n"  # not letters: worked out
        "合格率\t\n",  # empty: worked out
        encoding="utf-8",
    )
    lib = _own_library("考核通过率", "培训人次", "结业人数", "合格率")
    assert [e.name for e in lib.search("zz")] == ["考核通过率"]
    assert lib.search("khtgl") == []
    assert [e.name for e in lib.search("pxrc")] == ["培训人次"]
    assert [e.name for e in lib.search("jyrs")] == ["结业人数"]
    assert [e.name for e in lib.search("hgl")] == ["合格率"]


def test_without_the_table_initials_are_worked_out(table: Path):
    assert not table.exists()
    lib = _own_library("培训人次")
    assert [e.name for e in lib.search("pxrc")] == ["培训人次"]


def test_a_name_outside_the_table_is_worked_out_once(table: Path, monkeypatch):
    from desktop.core import library

    calls = []
    real = library.initials
    monkeypatch.setattr(library, "initials", lambda text: calls.append(text) or real(text))
    lib = _own_library("结业考核通过率")
    for word in ("jy", "jykh", "khtg"):
        assert [e.name for e in lib.search(word)] == ["结业考核通过率"]
    assert calls == ["结业考核通过率"]


def test_initials_from_the_start_rank_before_initials_inside():
    lib = _own_library("结业考核通过率", "考核合格率")  # jykhtgl, khhgl
    assert [e.name for e in lib.search("kh")] == ["考核合格率", "结业考核通过率"]
    lib = _own_library("考核合格率", "结业考核通过率")
    assert [e.name for e in lib.search("kh")] == ["考核合格率", "结业考核通过率"]


def test_search_words_sector_and_category(shipped: Library):
    all_ = shipped.search("")
    assert len(all_) == len(shipped.entries)
    sat = shipped.search("满意度")
    assert sat and all("满意度" in (e.name + e.explanation + e.level2) for e in sat)
    assert "满意度" in sat[0].name
    edu = shipped.search("", sector="教育")
    assert edu and {e.sector for e in edu} == {"教育"}
    # the category at the cursor: 经济效益指标 (2022 kinds) and 经济效益 (2026 kinds) are one
    econ = shipped.search("", level2="经济效益指标")
    assert econ and {e.level2 for e in econ} == {"经济效益"}
    both = shipped.search("合格率 教育")
    assert both and all(e.sector == "教育" and "合格率" in e.name for e in both)
    assert shipped.search("没有这样的指标名称xyz") == []


# --- insertion and the checker --------------------------------------------------------------


def test_insert_entry_goes_to_its_category_with_its_value_and_undoes():
    kind = default_registry()["project-target-2026"]
    form = new_project(kind).forms[0]
    entry = Entry(**_entry(level2="数量指标", operator="≥", value="280", unit="人次"))
    l2_uid, index, ind = insert_library_entry(form, entry)
    l2 = form.find_level2("产出指标", "数量指标")
    assert l2 is not None and l2.uid == l2_uid and l2.indicators == [ind]
    assert (ind.name, ind.target, index) == ("培训人次", "≥280人次", 0)
    remove_indicator(form, ind.uid)
    assert l2.indicators == []
    with pytest.raises(PlacementError):
        insert_library_entry(form, Entry(**_entry(level2="不存在的类")))


def test_a_form_filled_only_from_library_suggestions_passes_check(shipped: Library, tmp_path):
    registry = default_registry()
    kind = registry["project-target-2026"]
    project = new_project(kind)
    form = project.forms[0]
    form.header.update({
        "project_name": "农村义务教育薄弱学校改造", "department": "区教育局",
        "implementing_unit": "区教育局", "project_type": "持续性项目",
        "project_period": "1年", "amount": "160000",
        "objective": "改善农村义务教育薄弱学校办学条件。",
    })  # fmt: skip
    for l1 in form.indicators:
        for l2 in l1.children:
            suggestions = shipped.search("", sector="教育", level2=l2.name)
            if not suggestions:
                suggestions = shipped.search("", level2=l2.name)
            assert suggestions, l2.name
            for entry in suggestions[:2]:
                insert_library_entry(form, entry, l2.uid)
    checker = ProjectChecker(project, registry)
    errors = [f for f in checker.check_all() if f.severity is Severity.ERROR]
    assert errors == []
    path = tmp_path / "from-library.jixiao"
    save_project(project, path)
    assert main(["check", str(path)]) == 0


# --- building from projects, and the CLI ----------------------------------------------------


def _project_with(names_targets: list[tuple[str, str]]):
    kind = default_registry()["project-target-2026"]
    project = new_project(kind)
    form = project.forms[0]
    form.header["project_name"] = "培训项目"
    l2 = form.find_level2("产出指标", "数量指标")
    from desktop.core.model import Indicator

    l2.indicators = [Indicator(name=n, target=t) for n, t in names_targets]
    return project


def test_build_from_projects_dedupes_and_keeps_the_source():
    a = _project_with([("培训人次", "≥300人次"), ("未定值指标", ""), ("x" * 31, "1个")])
    b = _project_with([("培训人次", "≥320人次"), ("培训期数", "6期")])
    result = library_from_projects([("a.jixiao", a), ("b.jixiao", b)], "本局", "本单位",
                                   label_of=lambda f: f.header.get("project_name", ""))  # fmt: skip
    lib = result.library
    assert lib is not None and result.used == 2
    by_name = {e.name: e for e in lib.entries}
    assert set(by_name) == {"培训人次", "培训期数"}
    first = by_name["培训人次"]
    assert (first.operator, first.value, first.unit) == ("≥", "300", "人次")
    assert first.source == "a.jixiao：培训项目" and "2 处" in first.explanation
    assert by_name["培训期数"].operator == "="
    assert len(result.skipped) == 1
    # what was built loads back as a library
    assert parse_library(json.loads(dumps_library(lib)), "x.json") == lib


def test_cli_search_json_has_every_field(capsys):
    assert main(["library", "search", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= MIN_ENTRIES
    for row in rows:
        assert set(ENTRY_KEYS) <= set(row)
        assert row["source"]


def test_cli_search_by_words_and_sector(capsys):
    assert main(["library", "search", "pxrc", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and "培训" in rows[0]["name"]
    assert main(["library", "search", "--sector", "教育", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["sector"] for r in rows} == {"教育"}
    assert main(["library", "search", "--sector", "没有的行业"]) == 2
    assert "没有这个行业" in capsys.readouterr().err


def test_cli_build_then_search_it(tmp_path: Path, capsys):
    folder = tmp_path / "accepted forms"
    folder.mkdir()
    save_project(_project_with([("培训人次", "≥300人次")]), folder / "一.jixiao")
    save_project(_project_with([("结业考核通过率", "≥95%")]), folder / "二.jixiao")
    out = tmp_path / "bureau.json"
    assert main(["library", "build", str(folder), "-o", str(out), "--sector", "本局"]) == 0
    assert "2 条指标" in capsys.readouterr().out
    assert main(["library", "build", str(folder), "-o", str(out)]) == 2  # never overwrites
    assert "已存在" in capsys.readouterr().err
    assert main(["library", "search", "jykh", "--library", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["结业考核通过率"]
    assert rows[0]["source"] == "二.jixiao：培训项目"


def test_cli_build_refuses_a_missing_folder(tmp_path: Path, capsys):
    assert main(["library", "build", str(tmp_path / "nope"), "-o", str(tmp_path / "o.json")]) == 2
    assert "找不到" in capsys.readouterr().err


# --- a bureau's library from a workbook ------------------------------------------------------


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEAD = ["行业", "一级指标", "二级指标", "三级指标", "指标解释", "指标值", "计量单位", "来源"]


def test_workbook_import_reads_values_and_derives_operator_and_direction(tmp_path: Path):
    from desktop.core.library import library_from_workbook

    book = _workbook(tmp_path / "本局指标.xlsx", [
        HEAD,
        ["本局", "产出指标", "数量指标", "培训人次", "年度培训人次", "≥300", "人次", "2025年批复"],
        [None] * 8,
        ["本局", "产出指标", "成本指标", "人均培训费", "每人费用", "≤500元/人", None, "标准"],
        ["本局", "效益指标", "社会效益", "培训效果", "明显", "明显提升", None, "往年"],
    ])  # fmt: skip
    lib = library_from_workbook(book)
    got = [(e.name, e.operator, e.value, e.unit, e.direction) for e in lib.entries]
    assert got == [
        ("培训人次", "≥", "300", "人次", "higher"),
        ("人均培训费", "≤", "500", "元/人", "lower"),
        ("培训效果", "定性", "明显提升", "", "higher"),
    ]
    assert lib.name == "本局指标"


def test_workbook_problems_name_the_row_and_column(tmp_path: Path):
    from desktop.core.library import library_from_workbook

    book = _workbook(tmp_path / "b.xlsx", [HEAD, ["本局", "产出指标", "数量指标", "x" * 31,
                                                   "说明", "1", "个", "来源"]])  # fmt: skip
    with pytest.raises(LibraryError, match="第 2 行“三级指标”"):
        library_from_workbook(book)
    book = _workbook(tmp_path / "c.xlsx", [HEAD[:3]])
    with pytest.raises(LibraryError, match="缺少列"):
        library_from_workbook(book)
    (tmp_path / "d.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"d\.xlsx"):
        library_from_workbook(tmp_path / "d.xlsx")


def test_cli_import_then_search(tmp_path: Path, capsys):
    book = _workbook(tmp_path / "本局.xlsx", [
        HEAD, ["本局", "产出指标", "数量指标", "结业人数", "结业学员", "≥50", "人", "批复"],
    ])  # fmt: skip
    out = tmp_path / "lib" / "bureau.json"
    out.parent.mkdir()
    assert main(["library", "import", str(book), "-o", str(out)]) == 0
    assert main(["library", "search", "jyrs", "--library", str(out.parent), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [r["name"] for r in rows] == ["结业人数"]


def test_library_insert_is_one_edit_that_undoes(shipped: Library):
    from desktop.core.library import library_insert

    project = new_project(default_registry()["project-target-2026"])
    form = project.forms[0]
    quantity = form.find_level2("产出指标", "数量指标")
    satisfaction = form.find_level2("满意度指标", "服务对象满意度")
    entries = [
        next(e for e in shipped.entries if e.level2 == "数量指标"),
        next(e for e in shipped.entries if e.level2 == "服务对象满意度"),
        [e for e in shipped.entries if e.level2 == "数量指标"][1],
    ]
    edit, added = library_insert(form, entries, quantity.uid, 0)
    edit.do(project)
    assert [i.name for i in quantity.indicators] == [entries[0].name, entries[2].name]
    assert [i.name for i in satisfaction.indicators] == [entries[1].name]
    assert [i.target for i in added] == [e.target_text() for e in entries]
    edit.undo(project)
    assert quantity.indicators == [] and satisfaction.indicators == []
