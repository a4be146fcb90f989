"""The collector is paused around bulk loads, and what they made is not walked again at once."""

from __future__ import annotations

import gc

from desktop.core.gcpause import gc_paused


def test_the_pause_disables_the_collector_and_freezes_what_it_made() -> None:
    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()


def test_the_next_pause_unfreezes_so_old_garbage_is_collected_later() -> None:
    try:
        with gc_paused():
            pass
        assert gc.get_freeze_count() > 0
        with gc_paused():
            assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_nested_pause_leaves_the_collector_off() -> None:
    gc.unfreeze()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
