"""Amounts typed in funds cells (plain numbers in the form's unit), the one table of money
units (from the rules: 元, 千元, 万元 … with their factors in 元) and the one number formatter."""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

from desktop.core.rules import rules

# Amounts and quantities are bounded before any arithmetic: 30 integer digits (far beyond any
# budget; the formatters and checks are tested up to that size) and 6 decimals. A longer
# number is not read as a number (the checks say so), so nothing computes with it.
MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS = 30, 6

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


def yuan_factor(unit: str) -> Decimal | None:
    """How many 元 one `unit` is (万元 → 10000); None for a unit that is not money."""
    return rules().units.money.get(unit)


def plain(value: Decimal, places: int | None = None) -> str:
    """A number as people write it: no exponent, no trailing zeros, "0" rather than "-0";
    rounded (half even) to `places` decimals when given."""
    exponent = value.as_tuple().exponent  # 'n', 'N' or 'F' when not a finite number
    if places is not None and not (isinstance(exponent, int) and exponent >= -places):
        context = Context(prec=max(28, value.adjusted() + places + 2))
        value = value.quantize(Decimal(1).scaleb(-places), context=context)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt(amount: Decimal) -> str:
    """An amount of money as shown in messages: to the fen (0.01), no trailing zeros."""
    return plain(amount, 2)


def convert(yuan: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in `unit` (元, 万元 or any money unit of the rules)."""
    factor = yuan_factor(unit)
    if factor is None:
        raise ValueError(f"{unit} is not a money unit")
    return yuan / factor
