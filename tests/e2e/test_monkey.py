"""The seeded monkey on every bundled sample: 1,000 random clicks, typed values and keys each
(JIXIAO_MONKEY_ACTIONS changes the number, JIXIAO_MONKEY_SEED the seed: a number, or `random`).
It fails when the editor dies or prints an error, or the file it saved does not load."""

from __future__ import annotations

import os
import random

import pytest

from desktop.core.resources import samples_dir
from tests.e2e.monkey import Monkey

ACTIONS = int(os.environ.get("JIXIAO_MONKEY_ACTIONS", "1000"))
_SEED = os.environ.get("JIXIAO_MONKEY_SEED", "20261130")
SEED = random.randrange(10**6) if _SEED == "random" else int(_SEED)
SAMPLES = sorted(samples_dir().glob("*.jixiao"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_monkey(display, sample, tmp_path, capsys):
    report = Monkey(display, SEED, tmp_path).run(sample, ACTIONS)
    with capsys.disabled():
        print(f"\nmonkey: {report.summary()}")
    assert not report.failure, str(report)
    assert report.actions == ACTIONS
