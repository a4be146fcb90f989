"""The value editor's help: operator spelling and suggestions."""

from __future__ import annotations

from desktop.ui.suggestions import normalize_operators, value_suggestions


def test_ascii_and_fullwidth_operators_become_signs():
    assert normalize_operators(">=10次") == "≥10次"
    assert normalize_operators("<=3万元") == "≤3万元"
    assert normalize_operators("＞＝95%") == "≥95%"
    assert normalize_operators("全年>10次") == "全年>10次"


def test_a_bare_number_gets_operators_and_the_units_used_here_first():
    offered = value_suggestions("20", ["次", "人"], [])
    assert offered[:3] == ["≥20次", "≤20次", "20次"]
    assert "≥20人" in offered


def test_costs_offer_at_most_first():
    assert value_suggestions("3", ["万元"], [], ("≤", "≥", ""))[0] == "≤3万元"


def test_a_typed_operator_and_partial_unit_narrow_the_offer():
    assert value_suggestions("≥5万", [], []) == ["≥5万元"]
    assert value_suggestions("全年≥10", ["次"], [])[0] == "全年≥10次"


def test_values_used_before_are_offered_by_prefix():
    used = ["100%", "≥95%", "11月前", "有效提升"]
    assert value_suggestions("有效", [], used) == ["有效提升"]
    assert value_suggestions("", [], used) == used
    assert "100%" not in value_suggestions("100%", [], used)  # already typed in full


def test_the_offer_is_the_first_ten_in_order_however_many_values_were_used() -> None:
    """The values used before are looked at only until the list is full, and the list is the
    one taking them all would give: numbers first, each value once, never the typed text."""
    used = [f"≥{n}次" for n in range(5000)] + ["≥1次", "≥12"]

    def by_taking_all(text: str) -> list[str]:
        typed = text.strip()
        head = value_suggestions(text, ["次"], [], limit=1000)
        rest = [v for v in used if v.startswith(typed)]
        return [x for x in dict.fromkeys([*head, *rest]) if x != typed][:10]

    for text in ("", "≥", "≥1", "≥12", "≥4999", "≥12次", "x", " ≥3 "):
        assert value_suggestions(text, ["次"], used) == by_taking_all(text), text
