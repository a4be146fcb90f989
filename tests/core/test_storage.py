"""Project files: round trips, stable bytes, refused files, atomic save with backup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import desktop
from desktop.core import storage
from desktop.core.model import Indicator, Project
from desktop.core.operations import new_project
from desktop.core.storage import (
    FileChangedError,
    ProjectFileError,
    backup_path,
    dumps,
    load_project,
    save_project,
)


def test_samples_round_trip_to_identical_bytes(sample_paths: list[Path]) -> None:
    for path in sample_paths:
        raw = path.read_bytes()
        loaded = load_project(path)
        assert dumps(loaded.project) == raw, f"{path.name} is not in canonical form"
        assert loaded.migrated_from is None


def test_same_content_gives_same_bytes_whatever_the_insertion_order(registry) -> None:
    a = new_project(registry["project-declaration-2024"])
    b = new_project(registry["project-declaration-2024"])
    a.forms[0].header.update({"project_name": "甲", "implementing_unit": "乙"})
    b.forms[0].header.update({"implementing_unit": "乙", "project_name": "甲"})
    a.forms[0].indicators[0].children[0].indicators.append(
        Indicator(name="x", target="1次", extra={"b": "2", "a": "1"})
    )
    b.forms[0].indicators[0].children[0].indicators.append(
        Indicator(name="x", target="1次", extra={"a": "1", "b": "2"})
    )
    assert dumps(a) == dumps(b)


def test_save_then_load_keeps_every_cell(tmp_path: Path, registry) -> None:
    project = new_project(registry["project-selfeval"], title="标题 <&> 😀")
    form = project.forms[0]
    form.header["project_name"] = "x<y & AT&T 😀\n第二行"
    form.funds = {"total": {"initial_budget": "5", "weight": "10"}}
    form.indicators[0].children[0].indicators.append(
        Indicator(name="n", target="≥1次", actual="2次", weight="5", deviation="d")
    )
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    again = load_project(path).project
    assert again.app_version == desktop.__version__
    assert again.title == project.title
    assert [f.model_dump() for f in again.forms] == [f.model_dump() for f in project.forms]


def test_save_keeps_previous_version_as_backup(tmp_path: Path, registry) -> None:
    path = tmp_path / "p.jixiao"
    project = new_project(registry["project-target-2026"])
    save_project(project, path)
    first = path.read_bytes()
    assert not backup_path(path).exists()
    project.title = "第二版"
    save_project(project, path)
    assert backup_path(path).read_bytes() == first
    assert load_project(path).project.title == "第二版"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_file_changed_on_disk_is_not_overwritten(tmp_path: Path, registry) -> None:
    path = tmp_path / "p.jixiao"
    save_project(new_project(registry["project-target-2026"]), path)
    loaded = load_project(path)
    other = load_project(path).project
    other.title = "别人改过"
    save_project(other, path)
    theirs = path.read_bytes()
    loaded.project.title = "我的修改"
    with pytest.raises(FileChangedError):
        save_project(loaded.project, path, expected=loaded.stamp)
    assert path.read_bytes() == theirs


def test_failed_write_leaves_the_old_file(tmp_path: Path, registry, monkeypatch) -> None:
    path = tmp_path / "p.jixiao"
    save_project(new_project(registry["project-target-2026"]), path)
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    with pytest.raises(ProjectFileError, match="磁盘空间不足"):
        save_project(Project(title="新"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.jixiao"]


def test_save_into_vanished_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="保存位置已不存在"):
        save_project(Project(), tmp_path / "gone" / "p.jixiao")


def _write(tmp_path: Path, data: bytes, name: str = "bad.jixiao") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _doc(**changes) -> dict:
    doc = json.loads(dumps(Project(title="t")))
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空的"),
        (dumps(Project(title="t"))[:-20], "不完整"),
        ('{"format": "jixiao-project", 标题}'.encode(), "损坏"),
        ('{"title": "中文"}'.encode("gbk"), "UTF-8"),
        (b"PK\x03\x04rest-of-a-docx", "Word"),
        (b"\xd0\xcf\x11\xe0old-word-doc", "Word"),
        (b"[" * 100_000 + b"]" * 100_000, "嵌套"),
        (b"[1, 2, 3]", "不是绩效项目文件"),
        (json.dumps({"format": "other"}).encode(), "不是绩效项目文件"),
        (json.dumps(_doc(version="1")).encode(), "版本号无效"),
        (json.dumps(_doc(version=0)).encode(), "版本号无效"),
        (json.dumps(_doc(version=99, app_version="9.0")).encode(), "较新的程序"),
        (json.dumps(_doc(forms=[{"id": "f1", "kind": 3}])).encode(), "kind"),
        (json.dumps(_doc(forms=[{"id": "f1", "kind": "k", "surprise": 1}])).encode(), "surprise"),
        (
            json.dumps(_doc(forms=[{"id": "f1", "kind": "k"}, {"id": "f1", "kind": "k"}])).encode(),
            "重复",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert reason in info.value.reason
    assert info.value.line().startswith("bad.jixiao: ")
    assert path.read_bytes() == data


def test_newer_version_is_refused_and_never_rewritten(tmp_path: Path) -> None:
    data = json.dumps(_doc(version=storage.PROJECT_VERSION + 1)).encode()
    path = _write(tmp_path, data)
    with pytest.raises(ProjectFileError, match="升级程序"):
        load_project(path)
    assert path.read_bytes() == data


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + dumps(Project(title="有BOM")))
    assert load_project(path).project.title == "有BOM"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="不存在"):
        load_project(tmp_path / "nope.jixiao")
    with pytest.raises(ProjectFileError, match="文件夹"):
        load_project(tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1000)
    path = _write(tmp_path, b" " * 2000)
    with pytest.raises(ProjectFileError, match="文件过大"):
        load_project(path)


def test_older_versions_are_migrated_step_by_step(tmp_path: Path, monkeypatch) -> None:
    """The migration chain runs each step in order (steps registered here for the test)."""
    current = storage.PROJECT_VERSION
    monkeypatch.setattr(storage, "PROJECT_VERSION", current + 2)
    import desktop.core.model as model

    monkeypatch.setattr(model, "PROJECT_VERSION", current + 2)

    def step1(doc):
        doc["title"] = doc.pop("name")
        doc["version"] += 1
        return doc

    def step2(doc):
        doc["title"] += "（已迁移）"
        doc["version"] += 1
        return doc

    monkeypatch.setattr(storage, "MIGRATIONS", {current: step1, current + 1: step2})
    old = {"format": "jixiao-project", "version": current, "name": "旧项目", "forms": []}
    path = _write(tmp_path, json.dumps(old).encode(), "old.jixiao")
    loaded = load_project(path)
    assert loaded.project.title == "旧项目（已迁移）"
    assert loaded.migrated_from == current
    assert json.loads(path.read_bytes()) == old  # loading never writes


def test_file_cut_inside_a_string_says_incomplete(tmp_path: Path) -> None:
    raw = dumps(Project(title="很长的标题" * 10))
    path = _write(tmp_path, raw[: raw.index("很长的标题".encode()) + 9])
    with pytest.raises(ProjectFileError, match="不完整"):
        load_project(path)


def test_unreadable_target_on_save_is_a_project_file_error(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.jixiao"
    stamp = save_project(Project(), path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage, "read_regular", denied)
    with pytest.raises(ProjectFileError, match="没有写入权限"):
        save_project(Project(title="x"), path, expected=stamp)


def test_version_1_file_opens_as_version_2_and_saves_as_2(tmp_path: Path) -> None:
    doc = json.loads(dumps(new_project_for_v1()))
    doc["version"] = 1
    path = _write(tmp_path, json.dumps(doc, ensure_ascii=False).encode())
    loaded = load_project(path)
    assert loaded.migrated_from == 1
    assert loaded.project.forms[0].kind == "project-target-2026"
    assert json.loads(dumps(loaded.project))["version"] == 2


def new_project_for_v1() -> Project:
    from desktop.core.kinds import default_registry

    return new_project(default_registry().get("project-target-2026"))


def test_a_file_is_one_top_level_key_and_one_form_per_line(sample_paths: list[Path]) -> None:
    """Each line is a whole JSON value: the file is encoded a form at a time by json's C
    encoder (fast, and a worker thread writing a snapshot gives the UI thread its turn between
    forms), and a changed form is one changed line."""
    project = load_project(sample_paths[2]).project
    assert len(project.forms) > 1
    lines = dumps(project).decode("utf-8").splitlines()
    assert (lines[0], lines[-1]) == ("{", "}")
    forms = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith("    {")]
    assert [f["id"] for f in forms] == [f.id for f in project.forms]
    keys = [line for line in lines if line.startswith('  "') and line != '  "forms": [']
    assert {k for line in keys for k in json.loads("{" + line.rstrip(",") + "}")} == {
        "format", "version", "app_version", "title"
    } | ({"kinds"} if project.kinds else set()) | ({"rules"} if project.rules else set())
    assert json.loads(dumps(project)) == storage.file_content(project)
