"""The rule vocabulary travels with the file: a bureau's override is embedded on save and used
for that project's checks, scores and review wherever the file is opened (issue 16)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.core import review
from desktop.core import rules as rules_module
from desktop.core.batch import POOL_THRESHOLD, check_file, check_files
from desktop.core.checks import ProjectChecker
from desktop.core.embedded import project_registry
from desktop.core.kinds import default_registry
from desktop.core.model import Indicator, Project
from desktop.core.resources import data_root
from desktop.core.rules import Rules, builtin_rules, local_rules, rules, rules_in_force, use_rules
from desktop.core.storage import dumps, load_project, save_project
from tests.core.test_review import declaration
from tests.core.test_scoring import form_of

BUNDLED = data_root() / "forms" / "rules.json"
LONG = "红机网络及涉密设备维护次数"  # 13 characters: within the online system's 30
# A bureau that allows 12 characters in a name and gives half the points for a late date.
OVERRIDE: dict[str, Any] = {"review": {"name_max": 12}, "selfeval": {"late_share": "0.5"}}


def merged(override: dict[str, Any]) -> Rules:
    return Rules.model_validate(
        rules_module._merged(json.loads(BUNDLED.read_text("utf-8")), override)
    )


@contextmanager
def pc(override: dict[str, Any] | None) -> Iterator[Rules]:
    """This PC's vocabulary: the built-in one, or a bureau's override laid over it."""
    mine = builtin_rules() if override is None else merged(override)
    before_local, before = local_rules(), rules()
    use_rules(mine, local=True)
    try:
        yield mine
    finally:
        use_rules(before_local, local=True)
        use_rules(before)


def codes(project: Project, path: Path | None = None) -> list[str]:
    registry, _ = project_registry(project, default_registry())
    return [x.code for x in ProjectChecker(project, registry).check_all()]


def long_named() -> Project:
    project = declaration()
    project.forms[0].indicators[0].children[0].indicators[0].name = LONG
    return project


def test_saving_embeds_only_what_the_bureau_changed(tmp_path: Path) -> None:
    with pc(None):
        assert b'"rules"' not in dumps(long_named())
        save_project(long_named(), tmp_path / "unit.jixiao")
        assert "rules" not in json.loads((tmp_path / "unit.jixiao").read_text("utf-8"))
    with pc(OVERRIDE):
        save_project(long_named(), tmp_path / "bureau.jixiao")
    doc = json.loads((tmp_path / "bureau.jixiao").read_text("utf-8"))
    assert doc["version"] == 2  # an optional section: no new file format
    assert doc["rules"] == {
        "format": "jixiao-rules",
        "version": 1,
        "review": {"name_max": 12},  # and nothing else of the review rules
        "selfeval": {"late_share": "0.5"},
    }
    with pc({"review": {"name_max": 30}}):  # an override that changes nothing
        save_project(long_named(), tmp_path / "same.jixiao")
    assert "rules" not in json.loads((tmp_path / "same.jixiao").read_text("utf-8"))


def test_the_files_vocabulary_is_used_on_a_pc_without_it_and_said(tmp_path: Path) -> None:
    path = tmp_path / "p.jixiao"
    with pc(OVERRIDE):
        save_project(long_named(), path)
        assert "name-too-long" in codes(long_named())  # the bureau's own check
    with pc(None):  # the unit's PC: built-in vocabulary
        assert "name-too-long" not in codes(long_named())
        project = load_project(path).project
        _, notes = project_registry(project, default_registry())
        assert [n.reason for n in notes] == ["rules-differ"]
        assert "规则" in notes[0].message() and "文件中附带" in notes[0].message()
        assert "name-too-long" in codes(project)  # checked as at the bureau
        assert rules() is local_rules()  # nothing left in force after the check
        saved = tmp_path / "back.jixiao"
        save_project(project, saved)  # the file's vocabulary stays with it
        assert json.loads(saved.read_text("utf-8"))["rules"]["review"] == {"name_max": 12}
    with pc(OVERRIDE):  # back at the bureau: the same vocabulary, nothing to say
        _, notes = project_registry(load_project(path).project, default_registry())
        assert notes == []


def test_old_files_open_as_before(sample_paths: list[Path]) -> None:
    with pc(OVERRIDE):
        project = load_project(sample_paths[0]).project
        registry, notes = project_registry(project, default_registry())
        assert notes == [] and registry.rules == local_rules()


def test_scores_follow_the_files_vocabulary(tmp_path: Path, capsys) -> None:
    """`jixiao score` scores with the file's vocabulary: half the points for a late date."""
    ind = Indicator(name="完成时间", target="2026年10月底前", actual="2026年11月20日", weight="10")
    path = tmp_path / "自评.jixiao"
    with pc(OVERRIDE):
        save_project(Project(forms=[form_of([("产出指标", "时效指标", ind)])]), path)
    with pc(None):
        main(["score", str(path), "--json"])
        out, err = capsys.readouterr()
        assert json.loads(out)[0]["total"] == 95.0  # 90 for execution, 5 of 10 for the date
        assert "规则词表" in err
        project = load_project(path).project
        project.rules = {}
        save_project(project, path)
        main(["score", str(path), "--json"])
        assert json.loads(capsys.readouterr().out)[0]["total"] == 90.0  # this PC's: none


def test_check_and_review_in_a_process_pool_use_each_files_own(tmp_path: Path, capsys) -> None:
    with pc(OVERRIDE):
        save_project(long_named(), tmp_path / "bureau.jixiao")
    with pc(None):
        save_project(long_named(), tmp_path / "unit.jixiao")
    paths = []
    for n in range(POOL_THRESHOLD):
        name = "bureau" if n % 2 else "unit"
        copy = tmp_path / "many" / f"{n:02d}-{name}.jixiao"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes((tmp_path / f"{name}.jixiao").read_bytes())
        paths.append(copy)
    with pc(None):
        for result in check_files(paths, with_findings=True, jobs=2):
            flagged = any(x.code == "name-too-long" for f in result.forms for x in f.findings)
            assert flagged == ("bureau" in result.path.name), result.path
        single = check_file(paths[1], with_findings=True)
        assert any(x.code == "name-too-long" for x in single.forms[0].findings)
        assert any("规则" in n for n in single.notes)
        assert rules() is local_rules()
        code = main(["check", str(paths[0]), str(paths[1])])
        out, err = capsys.readouterr()
        assert code in (0, 1) and out.count("name-too-long") == 1 and "规则" in err


@pytest.mark.parametrize(
    "section",
    [
        {"format": "jixiao-rules", "version": 1, "words": {"vague": []}},
        {"format": "jixiao-rules", "version": 1, "units": 5},
        {"format": "jixiao-rules", "version": 9},
        {"version": 1, "review": {"name_max": 12}},
        {
            "format": "jixiao-rules",
            "version": 1,
            "words": {"vague": [f"词{n}" for n in range(99_999)]},
        },
    ],
    ids=["empty-list", "wrong-type", "newer", "no-format", "huge"],
)
def test_a_broken_embedded_vocabulary_is_one_note_and_nothing_is_lost(
    tmp_path: Path, capsys, section: dict[str, Any]
) -> None:
    project = long_named()
    review.add_comment(project, "f1", "请核实")
    path = tmp_path / "p.jixiao"
    save_project(project, path)
    doc = json.loads(path.read_text("utf-8"))
    doc["rules"] = section
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    before = path.read_bytes()
    with pc(None):
        loaded = load_project(path).project
        registry, notes = project_registry(loaded, default_registry())
        assert [n.reason for n in notes] == ["rules-invalid"]
        assert "规则词表无效" in notes[0].message() and "本机" in notes[0].message()
        assert registry.rules == local_rules()
        assert "name-too-long" not in codes(loaded)
        assert main(["check", str(path)]) in (0, 1)
        err = capsys.readouterr().err
        assert err.count("规则词表无效") == 1 and "Traceback" not in err
        assert path.read_bytes() == before
        save_project(loaded, tmp_path / "again.jixiao")  # kept for a program that reads it
        assert json.loads((tmp_path / "again.jixiao").read_text("utf-8"))["rules"] == section


def test_rules_in_force_is_put_back() -> None:
    other = merged(OVERRIDE)
    before = rules()
    with rules_in_force(other):
        assert rules() is other
    assert rules() is before
    with pytest.raises(RuntimeError), rules_in_force(other):
        raise RuntimeError
    assert rules() is before
