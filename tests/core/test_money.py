"""Amounts as typed: any length of digits is a message, never an exception (a 30-digit
项目年度金额 raised decimal.InvalidOperation in the funds check, which PySide6 turned into a
segmentation fault of the editor)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.checks import check_form
from desktop.core.money import convert, fmt, parse_amount
from desktop.core.storage import load_project


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("12.5", "12.5"),
        ("1234567890" * 3, "1234567890" * 3),
        ("9" * 60 + ".126", "9" * 60 + ".13"),
        ("0.004", "0"),
    ],
)
def test_fmt_takes_any_amount(text, shown):
    assert fmt(Decimal(text)) == shown


def test_fmt_of_a_huge_amount_in_wan_yuan():
    amount = convert(parse_amount("1234567890" * 3), "万元")
    assert fmt(amount) == "12345678901234567890123456.79"


def test_a_huge_amount_in_a_project_form_is_checked_not_raised(sample_paths, registry):
    project = load_project(sample_paths[-1]).project
    form = next(f for f in project.forms if "amount" in f.header)
    ops.SetHeader(form.id, "amount", "1234567890" * 3, 0).do(project, None)
    findings = check_form(form, registry)
    assert isinstance(findings, list)


def _plain_by_rounding(value: Decimal, places: int) -> str:
    """plain() as it was before its shortcut: always rounded to `places`."""
    from decimal import Context

    context = Context(prec=max(28, value.adjusted() + places + 2))
    text = format(value.quantize(Decimal(1).scaleb(-places), context=context), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@settings(max_examples=400, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: abs(d.adjusted()) < 40
    ),
    st.integers(min_value=0, max_value=6),
)
def test_plain_skips_rounding_only_where_it_would_change_nothing(value: Decimal, places: int) -> None:
    """A value with at most `places` decimals is not rounded (a funds message formats a few
    per form); what is shown is what rounding showed."""
    from desktop.core.money import plain

    assert plain(value, places) == _plain_by_rounding(value, places)
