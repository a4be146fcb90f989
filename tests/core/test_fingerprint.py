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
