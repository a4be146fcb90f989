"""Pausing Python's cyclic garbage collector around bulk work.

Loading a big project creates tens of thousands of small objects and no reference cycles; each
allocation burst would otherwise trigger full collections that cost more than the work itself.
When the pause ends, the objects it made are frozen (`gc.freeze`): the collector would otherwise
walk all of them once more right away, only to find them alive. They are unfrozen when the next
pause begins, so a cycle that was already garbage is collected later instead of never.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    if enabled:
        gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
