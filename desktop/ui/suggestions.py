"""What the value editor offers while a user types a target value.

Typing `≥` on a Chinese keyboard is awkward, so `>=` and `<=` become `≥` and `≤` as typed;
a bare number is offered with the operators and the units already used for that kind of
indicator in the project (then common units), and values used elsewhere in the project that
start with what was typed are offered as they are.
"""

from __future__ import annotations

import re

_OPERATOR_SPELLINGS = (
    (">=", "≥"),
    ("<=", "≤"),
    ("＞=", "≥"),
    ("＜=", "≤"),
    ("＞＝", "≥"),
    ("＜＝", "≤"),
    ("》=", "≥"),
    ("《=", "≤"),
)
COMMON_UNITS = (
    "%",
    "次",
    "人",
    "人次",
    "个",
    "项",
    "件",
    "户",
    "场",
    "台",
    "套",
    "份",
    "天",
    "个月",
    "小时",
    "万元",
    "元",
    "元/人",
    "元/人/天",
    "平方米",
    "公里",
)
TIME_UNITS = ("月前", "月底前", "个工作日内", "天内")
_NUMBER = re.compile(
    r"^(?P<lead>全年|年度|每年|每季度|每月|每周)?(?P<op>[≥≤=><]?)(?P<num>\d+(?:\.\d+)?)"
    r"(?P<unit>[^\d\s≥≤=><]*)$"
)


def normalize_operators(text: str) -> str:
    for spelled, sign in _OPERATOR_SPELLINGS:
        text = text.replace(spelled, sign)
    return text


def value_suggestions(
    text: str,
    units: list[str],
    used: list[str],
    operators: tuple[str, ...] = ("≥", "≤", ""),
    limit: int = 10,
) -> list[str]:
    """Completions for `text`: number + operator + unit first, then values used before.

    `units` are the units used for this kind of indicator, most used first; `operators` are in
    the order this kind of indicator usually takes (≤ first for costs).
    """
    typed = text.strip()
    out: list[str] = []
    match = _NUMBER.match(typed)
    if match:
        lead, op, num, unit = match.group("lead", "op", "num", "unit")
        candidates = [u for u in dict.fromkeys([*units, *COMMON_UNITS]) if u.startswith(unit)]
        for u in candidates[:3]:
            for o in (op,) if op else operators:
                out.append(f"{lead or ''}{o}{num}{u}")
    offer = dict.fromkeys(out)
    offer.pop(typed, None)
    if len(offer) < limit:  # values used before, by prefix, until the list is full: `used`
        # holds every value of the project's kind of indicator, thousands in a big project
        for v in used:
            if v.startswith(typed) and v != typed and v not in offer:
                offer[v] = None
                if len(offer) == limit:
                    break
    return list(offer)[:limit]
