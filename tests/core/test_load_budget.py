"""The load budget holds for the files it admits, not only for the ones it refuses.

Measured at the budget (the largest file of each hostile shape it admits; the corpus in
tests/hostile runs them through the CLI under a memory ceiling): a file of empty forms admitted by
its braces alone peaked at 899 MB and 29 s of `jixiao check`, because a form's check costs the
findings of its kind's whole layout. These tests pin the parts of the fix one by one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.batch import check_file
from desktop.core.catalogue import finding
from desktop.core.findings import Finding, Section
from desktop.core.resources import samples_dir
from desktop.core.storage import (
    LOAD_BUDGET,
    ProjectFileError,
    check_budget,
    load_cost,
    load_project,
)
from tests.hostile.generate import many_forms


def _forms_file(path: Path, forms: int) -> bytes:
    many_forms(path, forms * 60)
    return path.read_bytes()


def test_a_file_of_many_forms_is_refused_once_its_forms_are_counted(tmp_path) -> None:
    path = tmp_path / "forms.jixiao"
    forms = 1000
    while load_cost(_forms_file(path, forms), forms) <= LOAD_BUDGET:
        forms *= 2
    raw = path.read_bytes()
    check_budget(path, raw)  # its braces alone are within the budget...
    with pytest.raises(ProjectFileError) as refused:  # ...its forms are not
        load_project(path)
    assert "过于庞大" in refused.value.reason


def test_a_file_of_forms_within_the_budget_still_opens(tmp_path) -> None:
    path = tmp_path / "forms.jixiao"
    _forms_file(path, 300)
    assert len(load_project(path).project.forms) == 300


def _with_findings(folder: Path) -> Path:
    """The 2022 sample with its header emptied: a finding per header field."""
    data = json.loads((samples_dir() / "2022-department.jixiao").read_bytes())
    data["forms"][0]["header"] = {}
    path = folder / "header-empty.jixiao"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_findings_of_the_same_text_share_their_strings() -> None:
    made = [
        finding("field-empty", "f1", Section.HEADER, "".join(["表头 / ", "年度"]), label="年度")
        for _ in range(2)
    ]
    assert made[0].message == made[1].message and made[0].where == made[1].where
    assert made[0].message is made[1].message and made[0].where is made[1].where


def test_a_checked_file_holds_the_checkers_findings_not_copies(tmp_path) -> None:
    result = check_file(_with_findings(tmp_path), with_findings=True)
    findings = [x for form in result.forms for x in form.findings]
    assert findings and all(isinstance(x, Finding) for x in findings)


@pytest.mark.parametrize("all_samples", [False, True])
def test_check_json_is_the_list_json_dumps_would_write(all_samples, tmp_path, capsys) -> None:
    files = [str(_with_findings(tmp_path))]
    if all_samples:
        files += [str(p) for p in sorted(samples_dir().glob("*.jixiao"))]
    main(["check", "--json", *files])
    out = capsys.readouterr().out
    rows = json.loads(out)
    assert rows and {"file", "form", "form_id", "path", "code", "severity", "message"} == set(
        rows[0]
    )
    assert out == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def test_check_json_of_a_file_without_findings_is_an_empty_list(tmp_path, capsys) -> None:
    main(["new", "department-target-2022", "-o", str(tmp_path / "a.jixiao")])
    capsys.readouterr()
    from desktop.core import batch

    real = batch.check_files

    def without_findings(*args, **kwargs):  # a clean file: the same output as any empty list
        for result in real(*args, **kwargs):
            for form in result.forms:
                form.findings = []
            yield result

    batch.check_files = without_findings
    try:
        main(["check", "--json", str(tmp_path / "a.jixiao")])
    finally:
        batch.check_files = real
    assert capsys.readouterr().out == "[]\n"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))


def _rows_file(folder: Path, indicators: int = 0, table_rows: int = 0) -> Path:
    data = json.loads((samples_dir() / "2022-department.jixiao").read_bytes())
    form = data["forms"][0]
    rows = sum(
        1 + len(a.get("children", []))
        + sum(len(b.get("indicators", [])) for b in a.get("children", []))
        for a in form["indicators"]
    )  # fmt: skip
    level2 = form["indicators"][0]["children"][0]
    level2["indicators"] = level2.get("indicators", []) + [
        {"name": f"指标{i}"} for i in range(indicators - rows)
    ]
    if table_rows:
        form["tables"] = {"extra": [{"a": str(i)} for i in range(table_rows)]}
    path = folder / "rows.jixiao"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_form_of_more_rows_than_the_editor_can_lay_out_is_refused(tmp_path) -> None:
    from desktop.core.limits import MAX_ROWS

    assert load_project(_rows_file(tmp_path, indicators=MAX_ROWS)).project.forms
    with pytest.raises(ProjectFileError) as refused:
        load_project(_rows_file(tmp_path, indicators=MAX_ROWS + 1))
    assert f"指标表有 {MAX_ROWS + 1} 行" in refused.value.reason
    with pytest.raises(ProjectFileError) as refused:
        load_project(_rows_file(tmp_path, indicators=10, table_rows=MAX_ROWS + 1))
    assert f"表格有 {MAX_ROWS + 1} 行" in refused.value.reason


def test_a_project_its_file_could_not_be_opened_again_is_not_saved(tmp_path, monkeypatch) -> None:
    from desktop.core import storage
    from desktop.core.limits import MAX_ROWS
    from desktop.core.storage import save_project

    project = load_project(_rows_file(tmp_path, indicators=MAX_ROWS)).project
    form = project.forms[0]
    form.indicators[0].children[0].indicators.append(form.indicators[0].children[0].indicators[0])
    out = tmp_path / "out.jixiao"
    with pytest.raises(ProjectFileError) as refused:
        save_project(project, out)
    assert "无法再次打开" in refused.value.reason and "删去多余的行" in refused.value.reason
    assert not out.exists()

    project = load_project(samples_dir() / "2022-department.jixiao").project
    save_project(project, out)
    monkeypatch.setattr(storage, "LOAD_BUDGET", len(out.read_bytes()))  # its text, no more
    with pytest.raises(ProjectFileError) as refused:
        save_project(project, tmp_path / "other.jixiao")
    assert "无法再次打开" in refused.value.reason and "另一个项目" in refused.value.reason
    assert not (tmp_path / "other.jixiao").exists()
