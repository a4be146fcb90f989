"""The editor's files under random edit / save / autosave / SIGKILL / restart / recover
(tests/soak_editor.py), short form: the last saved or autosaved state always comes back and
nothing else is lost. The long form is tests/benchmarks/bench_soak.py (1,000 lives)."""

from __future__ import annotations

import sys

import pytest

from tests.soak_editor import Soak

LIVES = 24


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_killed_editors_never_lose_saved_or_autosaved_work(tmp_path) -> None:
    stats = Soak(tmp_path, seed=18).run(LIVES)
    assert stats.lost == []
    assert stats.lives == LIVES and stats.recoveries >= 1
    assert stats.kills_in_save + stats.kills_in_autosave >= 1  # some kills landed in writes
