"""Whatever arrives by email or USB stick: the loader answers with a ProjectFileError or a
project, never another exception, and never touches the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.checks import ProjectChecker
from desktop.core.kinds import default_registry
from desktop.core.storage import ProjectFileError, dumps, load_project, parse_project

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FORM_KEYS = ["id", "kind", "header", "funds", "tables", "indicators"]


def _valid_doc() -> dict:
    return json.loads(dumps(load_project(_sample()).project))


def _sample() -> Path:
    from desktop.core.resources import samples_dir

    return samples_dir() / "2024-project-declarations.jixiao"


def _load_or_refuse(raw: bytes) -> None:
    try:
        project, _ = parse_project(Path("x.jixiao"), raw)
    except ProjectFileError as exc:
        assert exc.reason
        return
    ProjectChecker(project, default_registry()).check_all()  # a loaded file can be checked


@settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_is_loaded_or_refused(value) -> None:
    _load_or_refuse(json.dumps(value).encode())


@settings(max_examples=300, database=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_loaded_or_refused(raw: bytes) -> None:
    _load_or_refuse(raw)


@settings(max_examples=200, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    form=st.integers(min_value=0, max_value=5),
    key=st.sampled_from(FORM_KEYS),
    value=json_values,
)
def test_a_valid_file_with_one_field_replaced(form: int, key: str, value) -> None:
    doc = _valid_doc()
    doc["forms"][form][key] = value
    _load_or_refuse(json.dumps(doc, ensure_ascii=False).encode())


@settings(max_examples=100, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=20_000))
def test_truncated_anywhere(cut: int) -> None:
    raw = _sample().read_bytes()
    _load_or_refuse(raw[: min(cut, len(raw) - 1)])


def test_control_characters_and_huge_strings_round_trip(tmp_path: Path) -> None:
    doc = _valid_doc()
    doc["forms"][0]["header"]["objective"] = "\x00\x01\x1b[31m\u202e" + "长" * 1_000_000
    path = tmp_path / "p.jixiao"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    project = load_project(path).project
    assert project.forms[0].header["objective"].startswith("\x00\x01\x1b[31m\u202e")
    assert len(project.forms[0].header["objective"]) == 1_000_008
