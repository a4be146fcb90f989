"""Shared fixtures: the bundled samples and form kinds (tests never read ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.resources import samples_dir


@pytest.fixture(scope="session")
def registry() -> KindRegistry:
    return default_registry()


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(samples_dir().glob("*.jixiao"))
    assert len(paths) == 4, paths
    return paths
