"""The user's own history: an index of the indicators in projects opened or saved."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.history import HISTORY_SECTOR, History, rows_of
from desktop.core.kinds import default_registry
from desktop.core.library import Library, initials
from desktop.core.model import Indicator
from desktop.core.operations import new_project
from desktop.core.storage import save_project


def _project(title: str, rows: list[tuple[str, str]]):
    project = new_project(default_registry()["project-target-2026"], title)
    l2 = project.forms[0].find_level2("产出指标", "数量指标")
    l2.indicators = [Indicator(name=n, target=t) for n, t in rows]
    return project


def test_record_save_and_reload(tmp_path: Path):
    index = tmp_path / "data" / "history.json"
    h = History(index)
    h.record(tmp_path / "a.jixiao", _project("甲项目", [("培训人次", "≥300人次"), ("", "1")]))
    assert index.exists()
    again = History(index)
    assert [r.title for r in again.projects.values()] == ["甲项目"]
    entries = again.entries()
    assert [(e.name, e.target_text(), e.sector) for e in entries] == [
        ("培训人次", "≥300人次", HISTORY_SECTOR)
    ]
    assert entries[0].source == "a.jixiao（甲项目）"


def test_the_latest_recording_of_a_file_replaces_the_old_one(tmp_path: Path):
    h = History(tmp_path / "h.json")
    h.record(tmp_path / "a.jixiao", _project("甲", [("培训人次", "≥300人次")]))
    h.record(tmp_path / "a.jixiao", _project("甲", [("培训人次", "≥320人次")]))
    assert len(h.projects) == 1
    assert [e.target_text() for e in h.entries()] == ["≥320人次"]


def test_rebuild_rereads_files_and_drops_missing_ones(tmp_path: Path):
    h = History(tmp_path / "h.json")
    kept, gone = tmp_path / "kept.jixiao", tmp_path / "gone.jixiao"
    save_project(_project("留", [("结业人数", "50人")]), kept)
    save_project(_project("删", [("会议次数", "2次")]), gone)
    h.record(kept, _project("留", [("旧的名称", "1人")]))
    h.record(gone, _project("删", [("会议次数", "2次")]))
    gone.unlink()
    assert h.rebuild() == (1, 1)
    assert [e.name for e in h.entries()] == ["结业人数"]


def test_a_damaged_index_is_ignored_not_an_error(tmp_path: Path):
    index = tmp_path / "h.json"
    index.write_text("{broken", encoding="utf-8")
    assert History(index).projects == {}
    index.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    assert History(index).projects == {}


def test_history_entries_are_searchable_like_the_library(tmp_path: Path):
    h = History(tmp_path / "h.json")
    h.record(tmp_path / "a.jixiao", _project("甲", [("结业考核通过率", "≥95%")]))
    lib = Library()
    lib.add("history", h.entries())
    assert [e.name for e in lib.search(initials("结业考核通过率"))] == ["结业考核通过率"]


def test_rows_skip_blank_names_and_repeats():
    project = _project("甲", [("培训人次", "≥300人次"), ("培训人次", "≥300人次"), ("", "9")])
    assert rows_of(project) == [("产出指标", "数量指标", "培训人次", "≥300人次")]


def test_the_open_file_can_be_left_out(tmp_path: Path):
    h = History(tmp_path / "h.json")
    h.record(tmp_path / "a.jixiao", _project("甲", [("培训人次", "≥300人次")]))
    h.record(tmp_path / "b.jixiao", _project("乙", [("结业人数", "≥50人")]))
    assert [e.name for e in h.entries(exclude=tmp_path / "a.jixiao")] == ["结业人数"]


def test_a_file_s_entries_are_worked_out_once_per_content(tmp_path: Path):
    """Every document opened asks for the history's entries (9000 rows of a big project took
    130 ms each time): each recorded file's entries are kept until its rows change."""
    h = History(tmp_path / "h.json")
    a, b = tmp_path / "a.jixiao", tmp_path / "b.jixiao"
    h.record(a, _project("甲", [("培训人次", "≥300人次"), ("培训人次", "≥1人次")]), save=False)
    h.record(b, _project("乙", [("培训人次", "≥5人次"), ("会议次数", "2次")]), save=False)
    first = h.entries()
    assert [(e.name, e.target_text()) for e in first] == [("培训人次", "≥5人次"), ("会议次数", "2次")]
    assert [e.target_text() for e in h.entries(exclude=b)] == ["≥300人次"]
    again = h.entries()
    assert all(x is y for x, y in zip(first, again, strict=True))  # not built again
    h.record(b, _project("乙", [("培训人次", "≥5人次"), ("会议次数", "2次")]), save=False)
    assert all(x is y for x, y in zip(first, h.entries(), strict=True))  # the same rows
    h.record(b, _project("乙", [("会议次数", "3次")]), save=False)
    assert [(e.name, e.target_text()) for e in h.entries()] == [("会议次数", "3次"), ("培训人次", "≥300人次")]
