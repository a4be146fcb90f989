"""Amounts typed in funds cells: plain numbers in the form's unit (元 or 万元)."""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10000)}

_AMOUNT = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+]?\d+(?:\.\d+)?$")


def parse_amount(text: str) -> Decimal | None:
    """The number in a funds cell, or None when it is blank or not a plain number."""
    t = text.strip().replace("，", ",").replace("．", ".")
    if not _AMOUNT.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def fmt(amount: Decimal) -> str:
    """An amount as people write it: no exponent, no trailing zeros; with room for every
    digit, so a 30-digit typo is shown, not raised (the default context holds 28)."""
    context = Context(prec=max(28, amount.adjusted() + 4))
    q = amount.quantize(Decimal("0.01"), context=context).normalize(context)
    text = format(q, "f")
    return text


def convert(yuan: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in `unit` (元 or 万元)."""
    return yuan / YUAN_PER_UNIT[unit]
