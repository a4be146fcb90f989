"""Amounts as typed: any length of digits is a message, never an exception (a 30-digit
项目年度金额 raised decimal.InvalidOperation in the funds check, which PySide6 turned into a
segmentation fault of the editor)."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
