"""list_change names the one row signal that turns a list into another, or asks for a reset."""

from __future__ import annotations

import random

import pytest

from desktop.ui.row_changes import RESET, Inserted, Moved, Removed, list_change


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("abc", "abc", None),
        ("", "", None),
        ("abc", "abxc", Inserted(2, 2)),
        ("abc", "xyabc", Inserted(0, 1)),
        ("abc", "abcx", Inserted(3, 3)),
        ("", "ab", Inserted(0, 1)),
        ("abcd", "ad", Removed(1, 2)),
        ("abc", "bc", Removed(0, 0)),
        ("abc", "ab", Removed(2, 2)),
        ("ab", "", Removed(0, 1)),
        ("abcd", "bcad", Moved(0, 3)),  # a down past b and c: Qt's row before d
        ("abcd", "acdb", Moved(1, 4)),  # b to the end
        ("abcd", "dabc", Moved(3, 0)),
        ("abcd", "acbd", Moved(1, 3)),  # a swap of neighbours is a move of one
        ("abcd", "badc", RESET),  # two swaps
        ("abcd", "axcd", RESET),  # one replaced
        ("abc", "cba", RESET),
        ("abcd", "axbcyd", RESET),  # two blocks
        ("aa", "aaa", Inserted(2, 2)),  # the common head and tail do not overlap
        ("aaa", "aa", Removed(2, 2)),
    ],
)
def test_the_change_of_a_list(old, new, change):
    assert list_change(list(old), list(new)) == change


def _apply(old: list[str], new: list[str], change) -> list[str]:
    """What a model holding `old` has after following `change` (new rows come from `new`)."""
    rows = list(old)
    if isinstance(change, Inserted):
        rows[change.first : change.first] = new[change.first : change.last + 1]
    elif isinstance(change, Removed):
        del rows[change.first : change.last + 1]
    elif isinstance(change, Moved):
        row = rows.pop(change.source)
        rows.insert(change.destination - (change.destination > change.source), row)
    return rows


def test_following_the_change_gives_the_new_list():
    rng = random.Random(20261201)
    for _ in range(2000):
        old = rng.sample("abcdefghij", rng.randint(0, 8))
        new = list(old)
        what = rng.choice(("insert", "remove", "move", "shuffle"))
        if what == "insert":
            at = rng.randint(0, len(new))
            new[at:at] = rng.sample("uvwxyz", rng.randint(1, 3))
        elif what == "remove" and new:
            at = rng.randrange(len(new))
            del new[at : at + rng.randint(1, 3)]
        elif what == "move" and new:
            new.insert(rng.randint(0, len(new) - 1), new.pop(rng.randrange(len(new))))
        else:
            rng.shuffle(new)
        change = list_change(old, new)
        if change is RESET:
            assert what == "shuffle"
        else:
            assert _apply(old, new, change) == new
            if isinstance(change, Moved):  # a move Qt accepts: not onto itself
                assert not change.source <= change.destination <= change.source + 1
