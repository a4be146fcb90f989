"""Review comments and verdicts in the file; self-contained files; the folder walk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import operations as ops
from desktop.core import review
from desktop.core.checks import ProjectChecker
from desktop.core.embedded import embed_used_kinds, kind_definition, project_registry
from desktop.core.fingerprint import form_fingerprint
from desktop.core.kinds import FormKind, KindRegistry, default_registry
from desktop.core.model import Indicator, Project
from desktop.core.storage import dumps, load_project, save_project
from desktop.core.walk import project_files

DECL = "project-declaration-2024"


def bureau_kind() -> FormKind:
    """A bureau's own variant of the 2024 declaration, installed only at the bureau."""
    definition = kind_definition(default_registry()[DECL])
    definition.update(id="bureau-decl-2026", name="某市项目申报表（2026 本地版）", year=2026)
    return FormKind.model_validate(definition)


def declaration(kind: FormKind | None = None) -> Project:
    kind = kind or default_registry()[DECL]
    project = ops.new_project(kind, title="某局 2026 年项目")
    form = project.forms[0]
    form.header.update(project_name="政务信息维护经费", implementing_unit="某局办公室")
    form.funds = {"total": {"amount": "150"}, "appropriation": {"amount": "150"}}
    l2 = form.find_level2("产出指标", "数量指标")
    assert l2 is not None
    l2.indicators += [
        Indicator(name="红机网络维护次数", target="≥360次"),
        Indicator(name="维修更新涉密设备台数", target="≥75台"),
        Indicator(name="会费缴纳次数", target="≥1次"),
    ]
    return project


def uid_of(project: Project, name: str) -> str:
    return next(i.uid for _, _, i in project.forms[0].iter_indicators() if i.name == name)


def test_comment_on_indicator_survives_save_load_and_follows_moves(tmp_path: Path) -> None:
    project = declaration()
    form = project.forms[0]
    before = form_fingerprint(form)
    anchor = review.anchor_for(form, "indicator", "target", uid_of(project, "维修更新涉密设备台数"))
    assert (anchor.level2, anchor.name, anchor.index) == ("数量指标", "维修更新涉密设备台数", 1)
    c = review.add_comment(
        project, "f1", "台数与预算不符，请按 60 台填写。", anchor, author="李审核"
    )
    assert form_fingerprint(form) == before  # a comment never changes the form
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    loaded = load_project(path).project
    lform = loaded.forms[0]
    # another session: new uids, the row found by its name
    assert review.resolve(lform, c.anchor).uid == uid_of(loaded, "维修更新涉密设备台数")
    # the clerk moves the row to the top: found by name
    l2 = lform.find_level2("产出指标", "数量指标")
    assert l2 is not None
    moved = l2.indicators.pop(1)
    l2.indicators.insert(0, moved)
    assert review.resolve(lform, c.anchor).uid == moved.uid
    # ... then renames it where it was commented on: found by position
    l2.indicators.insert(1, l2.indicators.pop(0))
    moved.name = "维修更新涉密设备数量"
    assert review.resolve(lform, c.anchor).uid == moved.uid
    # ... then deletes it: the comment stays, on its category, marked as such
    l2.indicators.remove(moved)
    l2.indicators.pop()  # fewer rows than the position it had
    l2.indicators.pop()
    at = review.resolve(lform, c.anchor)
    assert at.lost and at.uid == l2.uid and "已删除" in at.where


def test_open_comments_and_verdict_are_findings_until_resolved() -> None:
    project = declaration()
    registry = default_registry()
    form = project.forms[0]
    anchor = review.anchor_for(form, "indicator", "target", uid_of(project, "会费缴纳次数"))
    c = review.add_comment(project, "f1", "请写明缴纳时间。", anchor, author="李审核")
    review.set_verdict(project, "f1", "revise", reviewer="李审核", note="见审核意见")
    found = ProjectChecker(project, registry).check_all()
    comments = [x for x in found if x.code == review.REVIEW_CODE]
    assert len(comments) == 1 and "请写明缴纳时间" in comments[0].message
    assert comments[0].uid == uid_of(project, "会费缴纳次数") and comments[0].key == "target"
    assert any(x.code == review.VERDICT_CODE and "退回修改" in x.message for x in found)
    old = review.resolve_comment(project, c.id, by="王填报", reply="已补充")
    found = ProjectChecker(project, registry).check_all()
    assert not any(x.code == review.REVIEW_CODE for x in found)
    assert project.review.comments[0].resolved  # history kept
    review.restore_comment(project, old)  # undo
    assert not project.review.comments[0].resolved
    index, removed = review.remove_comment(project, c.id)  # undo of add
    assert project.review.comments == [] and removed is c and index == 0


def test_review_section_written_only_when_used() -> None:
    project = declaration()
    assert b'"review"' not in dumps(project)
    review.set_verdict(project, "f1", "pass", reviewer="李审核", date="2026-11-30T10:00:00")
    doc = json.loads(dumps(project))
    assert doc["review"] == {
        "verdicts": [{"form_id": "f1", "verdict": "pass", "reviewer": "李审核",
                      "date": "2026-11-30T10:00:00"}]
    }  # fmt: skip
    assert doc["version"] == 2


def test_bad_verdict_and_unknown_form_are_refused() -> None:
    project = declaration()
    with pytest.raises(ops.OperationError):
        review.set_verdict(project, "f1", "maybe")
    with pytest.raises(ops.OperationError):
        review.add_comment(project, "f9", "x")
    with pytest.raises(ops.OperationError):
        review.add_comment(project, "f1", "  ")


# --- self-contained files ------------------------------------------------------------------


def test_file_carries_its_kind_to_a_pc_without_it(tmp_path: Path) -> None:
    kind = bureau_kind()
    bureau = default_registry().with_kinds({kind.id: kind})
    project = declaration(kind)
    embed_used_kinds(project, bureau)
    path = tmp_path / "退回.jixiao"
    save_project(project, path)
    loaded = load_project(path).project
    assert set(loaded.kinds) == {kind.id}
    # the unit's PC has only the bundled kinds
    registry, notes = project_registry(loaded, default_registry())
    assert registry.get(kind.id) is not None and kind.id not in default_registry()
    assert [n.reason for n in notes] == ["missing"] and "文件中附带" in notes[0].message()
    found = ProjectChecker(loaded, registry).check_all()
    assert not any(x.code == "form-kind-unknown" for x in found)


def test_file_copy_wins_over_a_different_local_version(tmp_path: Path) -> None:
    kind = bureau_kind()
    project = declaration(kind)
    embed_used_kinds(project, KindRegistry({kind.id: kind}))
    changed = kind.model_copy(update={"name": "某市项目申报表（旧版）"})
    registry, notes = project_registry(project, KindRegistry({kind.id: changed}))
    assert registry[kind.id].name == kind.name
    assert [n.reason for n in notes] == ["differs"]
    same, none = project_registry(project, KindRegistry({kind.id: kind}))
    assert none == [] and same[kind.id] is kind


def test_old_file_without_kinds_opens_and_gets_them_on_save(tmp_path: Path, sample_paths) -> None:
    path = tmp_path / "old.jixiao"
    path.write_bytes(sample_paths[0].read_bytes())
    loaded = load_project(path).project
    assert loaded.kinds == {}
    registry, notes = project_registry(loaded)
    assert notes == [] and registry is default_registry()
    save_project(loaded, path)
    assert set(load_project(path).project.kinds) == {f.kind for f in loaded.forms}


def test_broken_embedded_kind_falls_back_to_local() -> None:
    project = declaration()
    project.kinds = {DECL: {"format": "jixiao-form-kind", "id": DECL, "surprise": 1}}
    registry, notes = project_registry(project)
    assert registry[DECL] is default_registry()[DECL]
    assert [n.reason for n in notes] == ["invalid"]


# --- the folder walk -----------------------------------------------------------------------


def nested_folder(root: Path) -> dict[str, Path]:
    good = declaration()
    files = {
        "good": root / "a" / "好.jixiao",
        "upper": root / "a" / "b" / "大写.JIXIAO",
        "json": root / "c" / "导出.json",
        "bad": root / "c" / "坏.jixiao",
    }
    for p in files.values():
        p.parent.mkdir(parents=True, exist_ok=True)
    save_project(good, files["good"])
    save_project(good, files["upper"])
    files["json"].write_bytes(dumps(good))
    files["bad"].write_bytes(b'{"format": "jixiao-project", "version": 2, "forms": [')
    (root / "c" / "other.json").write_text('{"name": "not a project"}')
    (root / "c" / "readme.txt").write_text("x")
    return files


def test_walk_is_recursive_any_case_and_sniffs_json(tmp_path: Path) -> None:
    files = nested_folder(tmp_path)
    found = list(project_files([tmp_path]))
    assert sorted(found) == sorted(files.values())


def test_check_walks_folders_and_exits_2_when_nothing_found(tmp_path: Path, capsys) -> None:
    files = nested_folder(tmp_path)
    code = main(["check", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2  # the unreadable file
    assert "坏.jixiao" in err
    for key in ("good", "upper", "json"):
        assert str(files[key]) in out
    empty = tmp_path / "空文件夹.jixiao"  # a folder named like a project file
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "没有找到可检查的项目文件" in capsys.readouterr().err


# --- comments on a funds cell and a header field --------------------------------------------


def test_a_funds_cell_comment_is_on_its_cell_until_resolved_and_survives_save(
    tmp_path: Path,
) -> None:
    project = declaration()
    form = project.forms[0]
    kind = default_registry()[DECL]
    anchor = review.anchor_for(form, "funds", "appropriation.amount")
    assert anchor == review.funds_anchor(kind, "其中：财政拨款", "")  # by its labels, too
    assert review.funds_anchor(kind, "appropriation", "amount") == anchor  # or its keys
    assert review.funds_anchor(kind, "无此行", "amount") is None
    review.add_comment(project, "f1", "财政拨款与批复不符，请核实。", anchor, author="李审核")
    header = review.add_comment(
        project, "f1", "目标请量化。", review.anchor_for(form, "header", "objective")
    )
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    loaded = load_project(path).project
    found = [x for x in ProjectChecker(loaded, default_registry()).check_all()
             if x.code == review.REVIEW_CODE]  # fmt: skip
    funds = next(x for x in found if "财政拨款与批复" in x.message)
    assert (funds.section.value, funds.key) == ("funds", "appropriation.amount")  # the cell
    assert funds.where == "资金 / 其中：财政拨款"  # as the form labels it
    on_header = next(x for x in found if "目标请量化" in x.message)
    assert (on_header.section.value, on_header.key, on_header.where) == (
        "header", "objective", "表头 / 年度总体目标")  # fmt: skip
    review.resolve_comment(loaded, header.id)
    found = ProjectChecker(loaded, default_registry()).check_all()
    assert [x.key for x in found if x.code == review.REVIEW_CODE] == ["appropriation.amount"]
