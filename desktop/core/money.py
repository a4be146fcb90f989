"""Amounts typed in funds cells: plain numbers in the form's unit (元 or 万元)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10000)}

# Amounts and quantities are bounded before any arithmetic: 15 integer digits (10^15 元 is far
# beyond any budget) and 6 decimals keep every product, sum and rounding of the checks within
# the 28 digits of Decimal's default context. A longer number is not read as a number.
MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS = 15, 6

_AMOUNT = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+]?\d+(?:\.\d+)?$")


def digits_bounded(number: str) -> bool:
    """Whether a decimal numeral (digits, optional commas and point) is short enough to
    compute with; see MAX_INTEGER_DIGITS."""
    whole, _, fraction = number.replace(",", "").lstrip("+-").partition(".")
    return len(whole.lstrip("0")) <= MAX_INTEGER_DIGITS and len(fraction) <= MAX_FRACTION_DIGITS


def parse_amount(text: str) -> Decimal | None:
    """The number in a funds cell, or None when it is blank, not a plain number or too long
    a number to compute with."""
    t = text.strip().replace("，", ",").replace("．", ".")
    if len(t) > 64 or not _AMOUNT.match(t) or not digits_bounded(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def fmt(amount: Decimal) -> str:
    """An amount as people write it: no exponent, no trailing zeros."""
    q = amount.quantize(Decimal("0.01")).normalize()
    text = format(q, "f")
    return text


def convert(yuan: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in `unit` (元 or 万元)."""
    return yuan / YUAN_PER_UNIT[unit]
