"""Shared fixtures: the bundled samples and form kinds (tests never read ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.resources import samples_dir
from desktop.core.rules import local_rules, rules, use_rules


@pytest.fixture(autouse=True)
def _rules_put_back():
    """A test that opened a file with its own rule vocabulary leaves this PC's in force."""
    before_local, before = local_rules(), rules()
    yield
    use_rules(before_local, local=True)
    use_rules(before)


@pytest.fixture(scope="session")
def registry() -> KindRegistry:
    return default_registry()


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(samples_dir().glob("*.jixiao"))
    assert len(paths) == 4, paths
    return paths
