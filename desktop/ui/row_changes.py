"""How a list of ids changed, in the terms of Qt's row signals: one block inserted, one block
removed or one row moved. An item model that follows a list this way keeps its views' layout
and persistent indexes; it resets only for a change that is none of these (`RESET`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Inserted:
    first: int  # rows of the new list
    last: int


@dataclass(frozen=True)
class Removed:
    first: int  # rows of the old list
    last: int


@dataclass(frozen=True)
class Moved:
    source: int  # the row, in the old list
    destination: int  # where it goes, counted as Qt's beginMoveRows counts: before the move


class Reset:
    """A change no one row signal describes."""


RESET = Reset()
Change = Inserted | Removed | Moved | Reset | None  # None: no change


def list_change(old: Sequence[str], new: Sequence[str]) -> Change:
    """The one row signal that turns `old` into `new` (ids repeat in neither; a list with
    repeats still gets a right answer, if not always the smallest)."""
    if old == new:
        return None
    shorter = min(len(old), len(new))
    head = 0
    while head < shorter and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shorter - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_mid = list(old[head : len(old) - tail])
    new_mid = list(new[head : len(new) - tail])
    if not old_mid:
        return Inserted(head, head + len(new_mid) - 1)
    if not new_mid:
        return Removed(head, head + len(old_mid) - 1)
    if len(old_mid) == len(new_mid):
        if new_mid == old_mid[1:] + old_mid[:1]:  # the first went down past the others
            return Moved(head, head + len(old_mid))
        if new_mid == old_mid[-1:] + old_mid[:-1]:  # the last went up before them
            return Moved(head + len(old_mid) - 1, head)
    return RESET
