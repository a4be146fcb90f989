"""A project is named by its unit and year, a form by its name field: never by an id."""

from __future__ import annotations

from desktop.core import operations as ops
from desktop.core.autosave import Autosaver
from desktop.core.kinds import default_registry
from desktop.core.model import Project
from desktop.core.naming import file_stem, form_name, project_name
from desktop.core.resources import samples_dir
from desktop.core.storage import load_project


def test_a_project_is_named_by_its_unit_and_year():
    project = load_project(samples_dir() / "2026-department-and-projects.jixiao").project
    project.title = ""
    assert project_name(project) == "银川市矿产资源管理所 2026"  # the code 137001 dropped
    project.title = "  我的  项目 "
    assert project_name(project) == "我的 项目"


def test_an_empty_project_has_no_name_yet():
    kind = default_registry()["project-target-2026"]
    project = ops.new_project(kind)
    assert project_name(project) == str(kind.year)  # a blank form knows only its year
    project.forms[0].header.clear()
    assert project_name(project) == ""


def test_a_form_is_never_called_by_its_id():
    registry = default_registry()
    kind = registry["project-target-2026"]
    project = Project()
    first = ops.add_form(project, kind)
    second = ops.add_form(project, kind)
    assert "f1" not in form_name(first, kind, project)
    assert form_name(first, kind, project) != form_name(second, kind, project)
    assert form_name(first, kind, project).startswith(kind.name)
    ops.rename_form(first, kind, "信息化运维")
    assert form_name(first, kind, project) == "信息化运维"
    assert form_name(second, kind, project) == f"{kind.name}（未填名称）"


def test_file_stems_keep_spaces_and_drop_what_windows_refuses():
    assert file_stem("某单位 2026") == "某单位 2026"
    assert file_stem('a/b:c*?"<>|d') == "a_b_c_d"


def test_recovery_shows_the_projects_name(tmp_path, monkeypatch):
    project = load_project(samples_dir() / "2026-department-and-projects.jixiao").project
    project.title = ""
    Autosaver(tmp_path).save("s1", project, None)
    monkeypatch.setattr("desktop.core.autosave.pid_alive", lambda pid: False)  # it crashed
    assert [r.title for r in Autosaver(tmp_path).pending()] == ["银川市矿产资源管理所 2026"]
