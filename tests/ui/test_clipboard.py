"""Tab-separated text as spreadsheets write it, and reading pasted rows into indicator cells."""

from __future__ import annotations

from desktop.ui.clipboard import category_name, parse_tsv, read_rows, to_tsv


def test_parse_excel_text_with_quoted_cells_and_crlf():
    text = 'a\t"two\r\nlines"\t"say ""hi"""\r\nb\t\tc\r\n\r\n'
    assert parse_tsv(text) == [["a", "two\nlines", 'say "hi"'], ["b", "", "c"]]


def test_blank_clipboard_is_no_rows():
    assert parse_tsv("") == [] and parse_tsv("\r\n \n") == []


def test_round_trip_of_awkward_cells():
    rows = [["≥10次", "含\t制表符", "有\n换行", '引号"在中间', "<&> 😀", ""]]
    assert parse_tsv(to_tsv(rows)) == rows


def test_category_names_lose_their_rule_suffix():
    assert category_name("数量指标（必填量化）") == "数量指标"
    assert category_name(" 质量指标 (必填) ") == "质量指标"
    assert category_name("服务对象满意度") == "服务对象满意度"


def test_rows_without_categories_map_in_column_order():
    rows = read_rows([["巡查次数", "≥24次"], ["", ""], ["覆盖率"]], ["name", "target"])
    assert [(r.cells, r.level1, r.level2) for r in rows] == [
        ({"name": "巡查次数", "target": "≥24次"}, "", ""),
        ({"name": "覆盖率"}, "", ""),
    ]


def test_leading_category_cells_carry_down_like_merged_cells():
    table = [
        ["产出指标", "数量指标（必填量化）", "巡查次数", "≥24次"],
        ["", "", "培训人次", "≥30人次"],
        ["", "质量指标", "覆盖率", "100%"],
        ["效益指标", "社会效益", "减少违法开采", "明显减少"],
    ]
    rows = read_rows(table, ["name", "target"])
    assert [(r.level1, r.level2, r.cells["name"]) for r in rows] == [
        ("产出指标", "数量指标", "巡查次数"),
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "质量指标", "覆盖率"),
        ("效益指标", "社会效益", "减少违法开采"),
    ]


def test_one_leading_cell_is_the_level2_category():
    rows = read_rows([["时效指标", "按时完成", "11月前"]], ["name", "target"])
    assert (rows[0].level1, rows[0].level2) == ("", "时效指标")
