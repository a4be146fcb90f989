"""The official template's unfilled rows: 「指标1」, 「指标2：」, 「……」 with nothing else.

Real papers keep them (the clerk filled two of the template's five rows); they are printed as
on the paper but are neither indicators nor findings. A filler row with a value, or a real name
without a value, still is an indicator. The names are patterns in the rule vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.model import Indicator
from desktop.core.rules import rules


@lru_cache(maxsize=4)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{n})" for n in names))


def is_filler_name(name: str) -> bool:
    """Whether a name is only the template's numbering or ellipsis (指标1, 指标2：, ……)."""
    text = name.strip()
    return bool(text) and _pattern(rules().selfeval.filler_names).fullmatch(text) is not None


def is_filler(ind: Indicator) -> bool:
    """A template row left as it was: a filler name and every other cell empty."""
    if not is_filler_name(ind.name):
        return False
    if (ind.target + ind.actual + ind.weight + ind.deviation).strip():
        return False
    return not any(v.strip() for v in ind.extra.values())
