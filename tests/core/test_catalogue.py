"""The findings catalogue: one place for every code's severity, words and help; uids of places."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from string import Formatter

import pytest

from desktop.core import catalogue
from desktop.core.catalogue import CATALOGUE, help_text, message, set_language
from desktop.core.checks import ProjectChecker, check_form
from desktop.core.findings import Section, Severity
from desktop.core.kinds import FormKind, KindError, KindRegistry, load_kind
from desktop.core.model import Indicator, Level1, Level2
from desktop.core.resources import data_root
from desktop.core.storage import load_project
from tests.core.test_checks import codes, make_form, with_rows

SOURCES = Path(__file__).resolve().parents[2] / "desktop"


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    for code, entry in CATALOGUE.items():
        assert entry.code == code and entry.severity in (Severity.ERROR, Severity.WARNING)
        assert all(entry.help), code
        assert "" in entry.messages, code
        for variant, (zh, en) in entry.messages.items():
            assert zh and en, (code, variant)
            assert _fields(zh) == _fields(en), (code, variant)
            assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”|{[^}]*}", "", en)), (
                code,
                variant,
                en,
            )  # English outside quotes and fields


def test_every_code_in_the_source_is_in_the_catalogue() -> None:
    used: set[str] = set()
    pattern = re.compile(r'(?:add|flag|on_cell|finding)\(\s*(?:[\w.]+,\s*){0,6}"([a-z][a-z0-9-]+)"')
    for path in SOURCES.rglob("*.py"):
        text = path.read_text("utf-8")
        if "catalogue" in text:  # the modules that build findings from the catalogue
            used |= set(pattern.findall(text))
    used -= {"name", "target", "actual", "weight", "deviation", "score"}  # column keys
    assert used, "the pattern found no codes"
    assert used <= set(CATALOGUE), used - set(CATALOGUE)


def test_messages_help_and_examples() -> None:
    assert (
        message("field-year", label="年度", text="26") == "“年度”应为四位年份，如 2026，现为“26”。"
    )
    assert help_text("value-unit-missing") == "数值要写明计量单位。例如：≥10次"
    assert help_text("indicator-blank") == "不留空行。"
    with pytest.raises(KeyError):
        message("no-such-code")
    with pytest.raises(ValueError, match="fr"):
        set_language("fr")


def test_findings_in_english(registry: KindRegistry, english) -> None:
    form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "明显提升")]))
    found = next(x for x in check_form(form, registry) if x.code == "value-not-quantified")
    assert found.message.startswith("“数量指标” must be quantified; “明显提升” has no measurable")
    assert "cannot be measured" in found.message  # the vague-words piece, in English too
    assert help_text("value-unit-missing") == "A number needs its unit. For example: ≥10次"
    form.header["project_name"] = ""
    found = next(x for x in check_form(form, registry) if x.code == "field-empty")
    assert found.where.startswith("Header / ") and found.message.endswith("please add it.")
    conflict = next(
        x
        for x in check_form(
            make_form(registry, rows=with_rows(数量指标=[("培训次数", "3万元%")])), registry
        )
        if x.code == "value-unit-conflict"
    )
    assert "money unit “万元” and percent “%” on one number" in conflict.message


def test_the_language_switch_does_not_keep_old_messages(registry: KindRegistry) -> None:
    form = make_form(registry, rows=with_rows(数量指标=[("培训次数", "3万元%")]))
    zh = [x.message for x in check_form(form, registry)]
    set_language("en")
    try:
        en = [x.message for x in check_form(form, registry)]
    finally:
        set_language("zh")
    assert zh != en and zh == [x.message for x in check_form(form, registry)]


def _variant(registry: KindRegistry, **checks: object) -> FormKind:
    data = registry["project-declaration-2024"].model_dump(mode="json")
    data["checks"] = {**data["checks"], **checks}
    return FormKind.model_validate(data)


def test_a_form_kind_may_change_a_codes_severity(registry: KindRegistry) -> None:
    rows = with_rows(质量指标=[("培训人数", "50人")], 数量指标=[("培训次数", "≥4次"), ("", "")])
    form = make_form(registry, rows=rows)
    found = {x.code: x.severity for x in check_form(form, registry)}
    assert found == {"quality-count": Severity.WARNING, "indicator-blank": Severity.WARNING}
    kind = _variant(registry, severity={"quality-count": "error", "indicator-blank": "off"})
    local = KindRegistry({kind.id: kind})
    assert {x.code: x.severity for x in check_form(form, local)} == {
        "quality-count": Severity.ERROR
    }


def test_cost_vs_funds_keeps_its_own_switch(registry: KindRegistry) -> None:
    form = make_form(registry, rows=with_rows(成本指标=[("培训费", "1万元")]))
    assert "cost-vs-funds" in codes(check_form(form, registry))
    for checks in ({"cost_vs_funds": "off"}, {"severity": {"cost-vs-funds": "off"}}):
        local = KindRegistry({"project-declaration-2024": _variant(registry, **checks)})
        assert "cost-vs-funds" not in codes(check_form(form, local))
    local = KindRegistry({"project-declaration-2024": _variant(registry, cost_vs_funds="warning")})
    hit = next(x for x in check_form(form, local) if x.code == "cost-vs-funds")
    assert hit.severity is Severity.WARNING


def test_scoring_findings_follow_the_kinds_severity(registry: KindRegistry, sample_paths) -> None:
    project = load_project(next(p for p in sample_paths if "2020" in p.name)).project
    kind_id = next(f.kind for f in project.forms if registry[f.kind].scoring is not None)
    before = codes(ProjectChecker(project, registry).check_all())
    assert "deviation-missing" in before or "actual-missing" in before
    data = registry[kind_id].model_dump(mode="json")
    data["checks"]["severity"] = {"deviation-missing": "off", "actual-missing": "off"}
    local = KindRegistry(
        {**{k.id: k for k in registry.all()}, kind_id: FormKind.model_validate(data)}
    )
    after = codes(ProjectChecker(project, local).check_all())
    assert "deviation-missing" not in after and "actual-missing" not in after


def test_a_kind_naming_an_unknown_code_is_refused(tmp_path: Path) -> None:
    data = json.loads((data_root() / "forms" / "project-target-2026.json").read_text("utf-8"))
    data.setdefault("checks", {})["severity"] = {"no-such-code": "error"}
    path = tmp_path / "local.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(KindError, match=r"local\.json.*checks.*no-such-code"):
        load_kind(path)


def test_every_finding_carries_the_uids_of_its_place(registry: KindRegistry, sample_paths) -> None:
    for path in sample_paths:
        project = load_project(path).project
        for x in ProjectChecker(project, registry).check_all():
            form = project.form(x.form_id)
            assert form is not None
            tree = {l1.uid: l1 for l1 in form.indicators}
            if x.section is Section.INDICATOR:
                l1_uid, l2_uid, ind_uid = x.uids
                l2 = next(c for c in tree[l1_uid].children if c.uid == l2_uid)
                assert any(i.uid == ind_uid for i in l2.indicators) and x.uid == ind_uid
                assert x.where.startswith(f"{tree[l1_uid].name} / {l2.name} / ")
            elif x.section is Section.CATEGORY and x.where.split(" / ")[0] in {
                l1.name for l1 in form.indicators
            }:
                assert x.uids and x.uids[0] in tree and x.uid == x.uids[-1], x
            else:
                assert x.uid == (x.uids[-1] if x.uids else ""), x


def test_level1_findings_carry_the_level1_uid(registry: KindRegistry) -> None:
    form = make_form(registry, rows={})  # every category empty
    found = [x for x in check_form(form, registry) if x.code == "category-missing"]
    by_name = {l1.name: l1.uid for l1 in form.indicators}
    level1 = [x for x in found if " / " not in x.where]
    assert level1 and all(x.uids == (by_name[x.where],) for x in level1)
    # A required level-2 the form lacks: the place is its level-1 row.
    l1 = form.indicators[0]
    missing = l1.children.pop(0)
    l1.children.append(Level2(name="其他", indicators=[Indicator(name="x", target="1次")]))
    hit = next(x for x in check_form(form, registry) if x.where == f"{l1.name} / {missing.name}")
    assert hit.uids == (l1.uid,) and hit.uid == l1.uid


def test_a_level1_the_form_lacks_has_no_uid(registry: KindRegistry) -> None:
    form = make_form(registry)
    dropped = form.indicators.pop()
    form.indicators.append(Level1(name="另加"))
    hit = next(x for x in check_form(form, registry) if x.where == dropped.name)
    assert hit.code == "category-missing" and hit.uids == () and hit.uid == ""


def test_glyph_findings_carry_the_uids_of_their_cell(registry: KindRegistry) -> None:
    from desktop.core.printing.glyphs import unprintable

    form = make_form(registry)
    l1 = form.indicators[0]
    l2 = l1.children[0]
    l2.indicators[0].name = "培训\U000f0000次数"  # a private-use character no font draws
    cells = unprintable(form, registry[form.kind])
    hit = next(c for c in cells if c.key == "name")
    finding = hit.finding()
    assert finding.uids == (l1.uid, l2.uid, l2.indicators[0].uid) and finding.uid == hit.uid
    assert finding.code == "glyph-missing" and finding.severity is Severity.WARNING
    assert catalogue.entry("glyph-missing").severity is Severity.WARNING
