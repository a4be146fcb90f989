"""Last year beside this year: linking, matching forms and indicators, and the two warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.kinds import default_registry
from desktop.core.lastyear import (
    CODE_BELOW_ACTUAL,
    CODE_QUANTITY_DROP,
    LastYearError,
    last_year_values,
    link_text,
    load_last_year,
    project_findings,
    resolve,
    set_last_year,
)
from desktop.core.model import Indicator
from desktop.core.operations import add_form, new_project
from desktop.core.storage import load_project, save_project

REG = default_registry()


def _target(name: str, rows: list[tuple[str, str, str]], kind: str = "project-target-2026"):
    """A project with one target form named `name`; rows are (level2, indicator, target)."""
    project = new_project(REG[kind])
    form = project.forms[0]
    form.header["project_name"] = name
    for level2, ind, target in rows:
        l2 = next(l2 for l1 in form.indicators for l2 in l1.children if l2.name == level2)
        l2.indicators.append(Indicator(name=ind, target=target))
    return project


def _with_selfeval(project, name: str, rows: list[tuple[str, str, str, str]]):
    """Add last year's self-evaluation: rows are (level2, indicator, target, actual)."""
    form = add_form(project, REG["project-selfeval"])
    form.header["project_name"] = name
    for level2, ind, target, actual in rows:
        l2 = next(l2 for l1 in form.indicators for l2 in l1.children if l2.name == level2)
        l2.indicators.append(Indicator(name=ind, target=target, actual=actual))
    return project


def codes(project, last) -> list[tuple[str, str]]:
    found = project_findings(project, last, REG)
    by_uid = {ind.uid: ind.name for f in project.forms for _, _, ind in f.iter_indicators()}
    return [(x.code, by_uid[x.uid]) for x in found]


def test_link_is_stored_relative_and_round_trips(tmp_path: Path):
    this, last = tmp_path / "2026" / "a.jixiao", tmp_path / "2025" / "a.jixiao"
    assert link_text(this, last) == "../2025/a.jixiao"
    assert resolve(this, "../2025/a.jixiao") == this.parent / "../2025/a.jixiao"
    project = _target("培训项目", [])
    assert set_last_year(project, "../2025/a.jixiao") == ""
    this.parent.mkdir()
    save_project(project, this)
    assert load_project(this).project.last_year == "../2025/a.jixiao"
    # unlinked projects write no key: the file stays what version 1 readers know
    set_last_year(project, "")
    save_project(project, this)
    assert b"last_year" not in this.read_bytes()


def test_a_missing_or_self_link_is_one_clear_error(tmp_path: Path):
    this = tmp_path / "a.jixiao"
    project = _target("培训项目", [])
    project.last_year = "gone.jixiao"
    with pytest.raises(LastYearError, match=r"gone\.jixiao"):
        load_last_year(project, this)
    project.last_year = "a.jixiao"
    with pytest.raises(LastYearError, match="本文件"):
        load_last_year(project, this)
    project.last_year = ""
    assert load_last_year(project, this) is None


def test_values_come_from_last_years_target_and_selfeval_of_the_same_project():
    last = _target("培训项目", [("数量指标", "培训人次", "≥300人次")])
    _with_selfeval(last, "培训项目", [("数量指标", "培训人次", "≥300人次", "326人次")])
    other = _target("别的项目", [("数量指标", "培训人次", "≥900人次")])
    last.forms.append(other.forms[0])  # a differently named project is not matched
    this = _target("培训项目", [("数量指标", "培训人次", "≥330人次"), ("数量指标", "新指标", "1个")])
    values = last_year_values(this.forms[0], last, REG)
    (uid, value), = values.items()
    assert value.target == "≥300人次" and value.actual == "326人次"
    assert uid == this.forms[0].indicators[0].children[0].indicators[0].uid


def test_target_below_last_years_actual_is_a_warning():
    last = _with_selfeval(_target("培训项目", []), "培训项目",
                          [("数量指标", "培训人次", "≥300人次", "326人次")])  # fmt: skip
    assert codes(_target("培训项目", [("数量指标", "培训人次", "≥310人次")]), last) == [
        (CODE_BELOW_ACTUAL, "培训人次")
    ]
    assert codes(_target("培训项目", [("数量指标", "培训人次", "≥330人次")]), last) == []
    # a cost where less is better may go down freely
    last = _with_selfeval(_target("培训项目", []), "培训项目",
                          [("成本指标", "人均培训费", "≤500元/人", "480元/人")])  # fmt: skip
    assert codes(_target("培训项目", [("成本指标", "人均培训费", "≤450元/人")]), last) == []


def test_a_quantity_drop_without_a_note_is_a_warning():
    last = _target("培训项目", [("数量指标", "培训人次", "≥300人次"), ("质量指标", "合格率", "≥95%")])
    this = _target("培训项目", [("数量指标", "培训人次", "≥200人次"), ("质量指标", "合格率", "≥90%")])
    found = project_findings(this, last, REG)
    assert [f.code for f in found] == [CODE_QUANTITY_DROP]
    assert "下降 33%" in found[0].message
    # with a note saying why, the drop is accepted
    this.forms[0].indicators[0].children[0].indicators[0].set("note", "培训改为线上，人次按班次计")
    assert project_findings(this, last, REG) == []


def test_different_units_are_not_compared():
    last = _target("培训项目", [("数量指标", "培训规模", "≥300人次")])
    assert codes(_target("培训项目", [("数量指标", "培训规模", "≥6期")]), last) == []


def test_cli_links_last_year_and_check_compares(tmp_path: Path, capsys):
    from desktop.cli import main

    (tmp_path / "2025").mkdir()
    (tmp_path / "2026").mkdir()
    last, this = tmp_path / "2025" / "培训.jixiao", tmp_path / "2026" / "培训.jixiao"
    save_project(_target("培训项目", [("数量指标", "培训人次", "≥300人次")]), last)
    save_project(_target("培训项目", [("数量指标", "培训人次", "≥200人次")]), this)
    assert main(["lastyear", str(this), "--link", str(last)]) == 0
    assert load_project(this).project.last_year == "../2025/培训.jixiao"
    capsys.readouterr()
    assert main(["check", str(this), "--json"]) in (0, 1)
    import json

    rows = json.loads(capsys.readouterr().out)
    assert CODE_QUANTITY_DROP in {r["code"] for r in rows}
    last.unlink()  # a link that cannot be followed: said once, the check still runs
    assert main(["check", str(this)]) in (0, 1)
    assert "上年文件无法读取" in capsys.readouterr().err
    assert main(["lastyear", str(this), "--link", str(tmp_path / "nope.jixiao")]) == 2
    assert main(["lastyear", str(this), "--unlink"]) == 0
    assert load_project(this).project.last_year == ""
