"""Findings, scores and printed pages are the same as the golden record (tests/core/golden.py).

Speed work must not change what the program says or prints. A change that is meant to: run
`python -m tests.core.golden --write` and say so in the commit message.
"""

from __future__ import annotations

import json

import pytest

from tests.core import golden


@pytest.mark.parametrize("name", golden.sources())
def test_output_is_the_golden_record(name: str) -> None:
    diff = list(golden.differences(name, golden.current(name)))
    assert not diff, (
        f"{name}: output differs from tests/fixtures/golden/{name}.json "
        "(intended? run `python -m tests.core.golden --write` and say so in the commit):\n"
        + "\n".join(diff[:120])
    )


def test_every_sample_has_a_record() -> None:
    assert len(golden.sources()) >= 5
    for name in golden.sources():
        assert golden.golden_path(name).is_file(), name


def test_the_comparison_sees_a_changed_message() -> None:
    """The comparison is not vacuous: a changed finding or page shows as a difference."""
    name = "2024-project-declarations"
    now = json.loads(golden.golden_path(name).read_text(encoding="utf-8"))
    assert not list(golden.differences(name, now))
    assert now["pages"] and now["findings"]
    changed = {**now, "findings": [[*now["findings"][0][:-1], "另一句话"], *now["findings"][1:]]}
    assert list(golden.differences(name, changed))
    changed = {**now, "pages": [now["pages"][0] + "x", *now["pages"][1:]]}
    assert list(golden.differences(name, changed))
