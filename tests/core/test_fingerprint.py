"""The content fingerprint: short, stable across saves and sessions, changed by any edit."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.fingerprint import canonical_content, form_digest, form_fingerprint
from desktop.core.model import Form, Indicator, Level1, Level2
from desktop.core.storage import load_project, save_project


def sample_form() -> Form:
    return Form(
        id="f1",
        kind="project-target-2026",
        header={"year": "2026", "project_name": "甲"},
        indicators=[
            Level1(
                name="产出指标",
                children=[
                    Level2(name="数量指标", indicators=[Indicator(name="次数", target="≥1次")])
                ],
            )
        ],
    )


def test_format_is_twelve_hex_digits_in_groups() -> None:
    fp = form_fingerprint(sample_form())
    assert re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", fp)
    assert fp.replace("-", "") == form_digest(sample_form())[:12]


def test_same_content_same_fingerprint_across_save_and_load(
    tmp_path: Path, sample_paths: list[Path]
) -> None:
    for path in sample_paths:
        project = load_project(path).project
        before = [form_fingerprint(f) for f in project.forms]
        copy = tmp_path / path.name
        save_project(project, copy)
        assert [form_fingerprint(f) for f in load_project(copy).project.forms] == before
        assert len(set(before)) == len(before)  # different forms, different codes


def test_any_edit_changes_it_but_the_form_id_does_not() -> None:
    base = form_fingerprint(sample_form())
    renamed = sample_form()
    renamed.id = "f9"
    assert form_fingerprint(renamed) == base
    edits = []
    for change in (
        lambda f: f.header.update(project_name="乙"),
        lambda f: setattr(f.indicators[0].children[0].indicators[0], "target", "≥2次"),
        lambda f: f.indicators[0].children[0].indicators[0].extra.update(remark="备注"),
        lambda f: setattr(f, "kind", "project-target-national"),
        lambda f: f.funds.update(total={"amount": "1"}),
    ):
        form = sample_form()
        change(form)
        edits.append(form_fingerprint(form))
    assert base not in edits and len(set(edits)) == len(edits)


def test_canonical_content_is_compact_sorted_utf8() -> None:
    data = canonical_content(sample_form())
    assert b" " not in data and "甲".encode() in data and b'"id"' not in data
    assert data.index(b'"header"') < data.index(b'"indicators"') < data.index(b'"kind"')


def test_an_empty_cell_a_file_stores_is_no_content() -> None:
    """A file written elsewhere (an import) may store an empty cell; it prints as a missing one.
    Typing into it and undoing (or erasing) drops it, as every edit drops an emptied cell: the
    fingerprint must stay the printed paper's, or a signed paper no longer matches its file."""
    from desktop.core import operations as ops
    from desktop.core.model import Project

    def stored_empty() -> Form:
        form = sample_form()
        form.header["department_code"] = ""
        form.funds = {"total": {"amount": "5"}, "other": {"amount": ""}}
        form.tables = {"staff": [{"name": "", "count": "3"}]}
        form.indicators[0].children[0].indicators[0].extra["remark"] = ""
        return form

    uid = "i1"
    edits: list[ops.Edit] = [
        ops.SetHeader("f1", "department_code", "某局"),
        ops.SetFundsCell("f1", "other", "amount", "1"),
        ops.SetTableCell("f1", "staff", 0, "name", "张三"),
        ops.SetCells("f1", [(uid, "remark", "说明")]),
    ]
    for edit in edits:
        project = Project(forms=[stored_empty()])
        form = project.forms[0]
        form.indicators[0].children[0].indicators[0].uid = uid
        printed = form_fingerprint(form)
        edit.do(project)
        assert form_fingerprint(form) != printed, edit
        edit.undo(project)
        assert form_fingerprint(form) == printed, edit
    plain = stored_empty()  # the same form without its empty cells
    del plain.header["department_code"], plain.funds["other"], plain.tables["staff"][0]["name"]
    del plain.indicators[0].children[0].indicators[0].extra["remark"]
    assert form_fingerprint(plain) == form_fingerprint(stored_empty())


def test_a_form_without_empty_cells_keeps_its_code() -> None:
    """Leaving empty cells out changed the codes of the forms that store some; a form that
    stores none, empty blocks included (a funds row with no cell), keeps the code it had."""
    import json

    form = sample_form()
    form.funds = {"total": {"amount": "5"}, "other": {}}
    form.tables = {"staff": [{}]}
    data = form.model_dump(mode="json", exclude_defaults=True)
    del data["id"]
    before = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert canonical_content(form) == before.encode()
