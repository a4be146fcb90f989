"""Form kinds: every bundled definition loads; broken definitions name the file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.kinds import Family, KindError, KindRegistry, Rule, load_kind
from desktop.core.resources import data_root

SEED_LAYOUTS = {
    "department-target-2026",
    "project-target-2026",
    "project-declaration-2024",
    "department-target-2022",
    "department-selfeval",
    "project-selfeval",
    "project-target-national",
    "selfeval-report",
}


def test_every_seed_layout_has_a_kind(registry: KindRegistry) -> None:
    assert {k.id for k in registry.all()} >= SEED_LAYOUTS


def test_the_two_structures_in_use_are_both_there(registry: KindRegistry) -> None:
    national = registry["project-target-national"]
    level1 = [c.name for c in national.categories]
    assert level1 == ["产出指标", "成本指标", "效益指标", "满意度指标"]
    cost = next(c for c in national.categories if c.name == "成本指标")
    assert [d.name for d in cost.children] == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    older = registry["project-target-2026"]
    assert "成本指标" in [d.name for d in older.categories[0].children]


def test_2024_declaration_marks_must_quantify_and_verdict(registry: KindRegistry) -> None:
    kind = registry["project-declaration-2024"]
    assert kind.level2_def("产出指标", "数量指标").rule is Rule.MUST_QUANTIFY
    assert kind.level2_def("效益指标", "经济效益指标").rule is Rule.OPTIONAL
    assert kind.level2_def("效益指标", "社会效益指标").rule is Rule.REQUIRED
    assert kind.print.review_verdict == ("通过", "退回修改", "退回,不予纳入财政项目库")
    assert kind.funds is not None and kind.funds.unit == "万元"


def test_families(registry: KindRegistry) -> None:
    assert registry["project-selfeval"].family is Family.PROJECT_SELFEVAL
    assert registry["project-selfeval"].scoring is not None
    assert registry["department-target-2022"].tables[0].key == "tasks"


def _kind_file(tmp_path: Path, change) -> Path:
    data = json.loads((data_root() / "forms" / "project-target-2026.json").read_text("utf-8"))
    change(data)
    path = tmp_path / "bureau-variant.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["header"][1].update(type="colour"), "header.1.type"),
        (lambda d: d["categories"][0]["children"][0].update(rule="must"), "rule"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d.pop("title"), "title"),
        (lambda d: d["header"][7].pop("unit"), "header.7"),
        (lambda d: d["print"].update(header_layout=[["nope"]]), "nope"),
        (lambda d: d.update(version=2), "newer"),
        (lambda d: d["columns"].pop(0), "name"),
    ],
)
def test_broken_definition_names_file_and_field(tmp_path: Path, change, field: str) -> None:
    path = _kind_file(tmp_path, change)
    with pytest.raises(KindError) as info:
        load_kind(path)
    assert "bureau-variant.json" in str(info.value)
    assert field in str(info.value)


def test_unreadable_definition(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(KindError, match=r"x\.json"):
        load_kind(path)


def test_a_bureau_variant_is_a_new_file(tmp_path: Path) -> None:
    def variant(d):
        d["id"] = "project-target-2026-local"
        d["name"] = "某地变体"

    _kind_file(tmp_path, variant)
    registry = KindRegistry.from_dirs([data_root() / "forms", tmp_path])
    assert registry["project-target-2026-local"].name == "某地变体"
    assert "project-target-2026" in registry


def test_a_broken_user_kind_is_skipped_with_a_warning(tmp_path: Path) -> None:
    _kind_file(tmp_path, lambda d: d["header"][1].update(type="colour"))
    good = tmp_path / "good"
    good.mkdir()

    def local(d):
        d["id"] = "project-target-2026-local"

    _kind_file(good, local)
    bundled = [data_root() / "forms"]
    registry = KindRegistry.from_dirs(bundled, [tmp_path, good])
    assert "project-target-2026" in registry and "project-target-2026-local" in registry
    assert len(registry.warnings) == 1
    assert "bureau-variant.json" in registry.warnings[0]
    assert "header.1.type" in registry.warnings[0]
    with pytest.raises(KindError, match=r"bureau-variant\.json"):  # bundled: fatal
        KindRegistry.from_dirs([*bundled, tmp_path])


def test_a_user_kind_may_not_replace_a_bundled_one(tmp_path: Path) -> None:
    _kind_file(tmp_path, lambda d: d.update(name="某地改版"))  # keeps id project-target-2026
    registry = KindRegistry.from_dirs([data_root() / "forms"], [tmp_path])
    assert registry["project-target-2026"].name != "某地改版"
    assert len(registry.warnings) == 1
    warning = registry.warnings[0]
    assert "bureau-variant.json" in warning and "project-target-2026" in warning
    assert "新的编号" in warning


def test_the_rules_file_is_not_a_kind(tmp_path: Path) -> None:
    (tmp_path / "rules.json").write_text("{}", "utf-8")
    registry = KindRegistry.from_dirs([data_root() / "forms"], [tmp_path])
    assert registry.warnings == []
    assert "rules.json" in {p.name for p in (data_root() / "forms").glob("*.json")}
