"""Pausing Python's cyclic garbage collector around bulk work.

Loading a big project creates tens of thousands of small objects and no reference cycles; each
allocation burst would otherwise trigger full collections that cost more than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
