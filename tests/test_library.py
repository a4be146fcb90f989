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
    LETTERS_FILE,
    LETTERS_FIRST,
    LETTERS_LAST,
    NAME_MAX,
    VARIANTS_MAX,
    Entry,
    Library,
    LibraryError,
    PlacementError,
    dumps_library,
    initials,
    initials_variants,
    insert_library_entry,
    letters_table,
    library_from_projects,
    load_library_file,
    parse_library,
    shipped_library_dir,
    write_letters_table,
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


def test_the_letters_file_is_what_pypinyin_gives():
    """The table search reads instead of pypinyin: each character's readings' first letters,
    as pypinyin's dictionary has them now; after a pypinyin upgrade, run the command below."""
    path = shipped_library_dir() / LETTERS_FILE
    expected = letters_table()
    assert path.read_text(encoding="ascii") == expected, (
        "resources/library/pinyin-letters.txt is stale: run "
        "python -c 'from desktop.core.library import write_letters_table as w; w()'"
    )
    lines = expected.split("\n")
    assert len(lines) == LETTERS_LAST - LETTERS_FIRST + 2 and lines[-1] == ""
    assert lines[ord("行") - LETTERS_FIRST] == "xh" and lines[ord("培") - LETTERS_FIRST] == "p"
    assert lines[ord("〇") - LETTERS_FIRST].startswith("l")


def test_write_letters_table_writes_the_table(tmp_path: Path):
    out = write_letters_table(tmp_path)
    assert out == tmp_path / LETTERS_FILE
    assert out.read_bytes() == (shipped_library_dir() / LETTERS_FILE).read_bytes()


def test_each_name_is_found_by_its_initials_as_pypinyin_reads_it(shipped: Library):
    """Every shipped name's initials as pypinyin reads the whole name (its phrases choose one
    reading) are among the spellings search knows, and come first when no character has
    another reading."""
    for e in shipped.entries:
        variants = initials_variants(e.name)
        assert initials(e.name) in variants, (e.name, variants)
        assert len(variants) <= VARIANTS_MAX


def test_a_character_with_several_readings_is_found_by_each():
    lib = _own_library("中国银行网点数", "长度达标率")
    assert [e.name for e in lib.search("yhwd")] == ["中国银行网点数"]  # 行 háng
    assert [e.name for e in lib.search("yxwd")] == ["中国银行网点数"]  # 行 xíng
    assert [e.name for e in lib.search("cddb")] == ["长度达标率"]  # 长 cháng
    assert [e.name for e in lib.search("zddb")] == ["长度达标率"]  # 长 zhǎng
    assert lib.search("yqwd") == []
    assert initials_variants("银行") == ("yx", "yh")
    assert initials_variants("7岁以下儿童（0—6岁）")[0] == "7syxet06s"  # brackets dropped
    assert initials_variants("ＡＢ１２") == ("ab12",)  # full-width letters and digits
    assert initials_variants("〈培训〉") == ("px",)  # 〈 is in the table, with no reading
    assert initials_variants("") == ("",)


def test_at_most_so_many_spellings_are_kept():
    name = "行" * 10  # 2 ** 10 ways
    variants = initials_variants(name)
    assert len(variants) == VARIANTS_MAX and variants[0] == "x" * 10
    assert all(len(v) == 10 and set(v) <= {"x", "h"} for v in variants)


def test_loading_and_searching_a_library_does_not_load_pypinyin():
    """pypinyin's dictionaries take 0.3–0.5 s to load: the panel's first open paid it, and
    then a first search by initials over names of the user's own."""
    code = (
        "import sys\n"
        "from desktop.core.library import Entry, Library, shipped_library_dir\n"
        "lib = Library.load([shipped_library_dir()])\n"
        "lib.add('history.json', [Entry(sector='教育', level1='产出指标', level2='数量指标',\n"
        "    name='结业考核通过率', explanation='x', operator='≥', value='90', unit='%',\n"
        "    direction='higher', source='x', url='')])\n"
        "found = [e.name for e in lib.search('pxrc')]\n"
        "assert found and '培训' in found[0], found\n"
        "assert [e.name for e in lib.search('jykhtgl')] == ['结业考核通过率']\n"
        "print('pypinyin' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_names_of_ones_own_are_found_by_initials_too():
    lib = _own_library("结业考核通过率")  # not a shipped name
    assert [e.name for e in lib.search("jykhtgl")] == ["结业考核通过率"]
    assert [e.name for e in lib.search("khtg")] == ["结业考核通过率"]
    assert lib.search("xyz") == []


def _own_library(*names: str) -> Library:
    lib = Library()
    lib.add("mine.json", [Entry(**_entry(name=n)) for n in names])
    return lib


@pytest.fixture
def folder(tmp_path: Path, monkeypatch):
    """A shipped folder of our own, whose letters file the test writes (or not)."""
    from desktop.core import library

    monkeypatch.setattr(library, "shipped_library_dir", lambda: tmp_path)
    monkeypatch.setattr(library, "_VARIANTS", {})
    library._letters.cache_clear()
    yield tmp_path
    library._letters.cache_clear()


def test_the_letters_file_is_what_search_reads(folder: Path):
    from desktop.core import library

    text = letters_table().split("\n")
    text[ord("培") - LETTERS_FIRST] = "z"  # a letter of our own shows the file is read
    (folder / LETTERS_FILE).write_text("\n".join(text), encoding="ascii")
    lib = _own_library("培训人次")
    assert [e.name for e in lib.search("zxrc")] == ["培训人次"]
    assert lib.search("pxrc") == []
    assert library._letters() is not None


def test_the_letters_file_covers_its_last_character(folder: Path):
    text = letters_table().split("\n")
    text[LETTERS_LAST - LETTERS_FIRST] = "q"
    (folder / LETTERS_FILE).write_text("\n".join(text), encoding="ascii")
    assert initials_variants(chr(LETTERS_LAST)) == ("q",)
    assert initials_variants(chr(LETTERS_LAST + 1)) == ("",)


@pytest.mark.parametrize(
    "broken",
    [
        None,  # no file
        "x\n",
        "\n" * 5,
        "a\n" * (LETTERS_LAST - LETTERS_FIRST + 2),  # a line too many
        "a\n" * (LETTERS_LAST - LETTERS_FIRST) + "a\na",  # cut short: no last newline
    ],
)
def test_without_a_whole_letters_file_pypinyin_works_them_out(folder: Path, broken):
    from desktop.core import library

    if broken is not None:
        (folder / LETTERS_FILE).write_text(broken, encoding="ascii")
    assert library._letters() is None
    lib = _own_library("培训人次", "中国银行网点数")
    assert [e.name for e in lib.search("pxrc")] == ["培训人次"]
    assert [e.name for e in lib.search("yhwd")] == ["中国银行网点数"]  # as pypinyin reads it
    assert lib.search("yxwd") == []


def test_a_name_is_worked_out_once(folder: Path, monkeypatch):
    from desktop.core import library

    calls = []
    real = library.initials_variants
    monkeypatch.setattr(library, "initials_variants",
                        lambda name: calls.append(name) or real(name))  # fmt: skip
    lib = _own_library("结业考核通过率")
    for word in ("jy", "jykh", "khtg"):
        assert [e.name for e in lib.search(word)] == ["结业考核通过率"]
    assert calls == ["结业考核通过率"]


def test_initials_from_the_start_rank_first_in_any_reading():
    lib = _own_library("考核综合", "行政审批")  # khzh; xzsp and hzsp
    assert [e.name for e in lib.search("hz")] == ["行政审批", "考核综合"]


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
