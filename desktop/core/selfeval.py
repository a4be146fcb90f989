"""A self-evaluation form generated from last year's target form.

The self-evaluation repeats the targets the unit promised, so nobody retypes them: header,
indicators and target values are copied, funds become 年初预算数 / 全年预算数 (in the
self-evaluation's unit) and every indicator gets its default weight. Categories are matched by
name, ignoring the trailing 指标 that some layouts print (经济效益 = 经济效益指标); a category the
self-evaluation layout does not know is kept as it is, for the user to sort out.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.core.catalogue import phrase
from desktop.core.kinds import Family, FormKind, KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.money import convert, parse_amount, plain, yuan_factor
from desktop.core.rules import rules
from desktop.core.scoring import fill_default_weights
from desktop.core.values import parse_value

BUDGET_COLUMNS = ("initial_budget", "adjusted_budget")  # 年初预算数, 全年预算数


def selfeval_kinds() -> dict[Family, str]:
    """The self-evaluation kind's id for each family of target forms (from the rules)."""
    return {Family(f): kind for f, kind in rules().selfeval.kinds.items()}


SELFEVAL_KIND = selfeval_kinds()  # as loaded at start


class SelfEvalError(ValueError):
    """A form that no self-evaluation can be made from; the message says why, in Chinese."""


def selfeval_kind(kind: FormKind, registry: KindRegistry) -> FormKind:
    """The self-evaluation kind for a target form's kind."""
    kind_id = selfeval_kinds().get(kind.family)
    if kind_id is None:
        raise SelfEvalError(phrase("selfeval-not-target", kind=kind.name))
    target = registry.get(kind_id)
    if target is None:
        raise SelfEvalError(phrase("selfeval-no-kind", kind=kind_id))
    return target


def _key(name: str) -> str:
    return name.strip().removesuffix("指标")


def _is_placeholder(ind: Indicator) -> bool:
    """A row that never held a target: blank, or 无 / 0 and the like."""
    if ind.is_blank() or parse_value(ind.target).placeholder:
        return True
    return not ind.target.strip() and (not ind.name.strip() or parse_value(ind.name).placeholder)


class _Tree:
    """The self-evaluation's indicator tree, built by placing the target form's categories."""

    def __init__(self, kind: FormKind):
        self.kind = kind
        self.level1: list[Level1] = []

    def _level1_name(self, name: str) -> str:
        names = {_key(c.name): c.name for c in self.kind.categories}
        for key in (_key(name), *rules().selfeval.level1_synonyms.get(_key(name), ())):
            if key in names:
                return names[key]
        return name

    def _level2_name(self, level1: str, name: str) -> str:
        spec = next((c for c in self.kind.categories if c.name == level1), None)
        names = {_key(d.name): d.name for d in spec.children} if spec else {}
        return names.get(_key(name), name)

    def place(self, level1: str, level2: str) -> Level2:
        """The level-2 category the target's `level1 / level2` goes to, made if needed."""
        name1 = self._level1_name(level1)
        l1 = next((x for x in self.level1 if x.name == name1), None)
        if l1 is None:
            l1 = Level1(name=name1)
            self.level1.append(l1)
        name2 = self._level2_name(name1, level2)
        l2 = next((x for x in l1.children if x.name == name2), None)
        if l2 is None:
            l2 = Level2(name=name2)
            l1.children.append(l2)
        return l2

    def with_required(self) -> list[Level1]:
        """The tree, plus the kind's required level-1 categories the target form lacked, so
        the user has somewhere to add them."""
        have = {x.name for x in self.level1}
        for c in self.kind.categories:
            if c.required and c.name not in have:
                self.level1.append(
                    Level1(name=c.name, children=[Level2(name=d.name) for d in c.children])
                )
        return self.level1


def _header(source: Form, source_kind: FormKind, kind: FormKind) -> dict[str, str]:
    keys = {f.key for f in kind.header}
    header: dict[str, str] = {}
    for f in source_kind.header:
        text = source.header.get(f.key, "")
        if text.strip() and f.key in keys:
            header[f.key] = text
    for f in source_kind.header:
        text = source.header.get(f.key, "")
        for key in rules().selfeval.header_aliases.get(f.key, ()):
            if text.strip() and key in keys and not header.get(key, "").strip():
                header[key] = text
    return header


def _in_unit(amount: Decimal, unit: str, to_unit: str) -> str:
    """An amount converted between 元 and 万元, written without exponent or trailing zeros."""
    factor = yuan_factor(unit)
    assert factor is not None, unit  # kinds allow only 元 and 万元
    return plain(convert(amount * factor, to_unit))


def _source_funds(source: Form, kind: FormKind) -> tuple[dict[str, Decimal], str] | None:
    """The target form's funds by row key (total, appropriation, other) and their unit: from
    its funds block, a money header field (项目年度金额) or the sums of a task table."""
    if kind.funds is not None:
        spec = kind.funds
        amounts = {
            r.key: a
            for r in spec.rows
            if (a := parse_amount(source.funds_cell(r.key, spec.primary_column))) is not None
        }
        return (amounts, spec.unit) if amounts else None
    for f in kind.header:
        if f.funds_total and f.unit:
            amount = parse_amount(source.header.get(f.key, ""))
            return ({"total": amount}, f.unit) if amount is not None else None
    for table in kind.tables:
        if table.unit is None:
            continue
        sums: dict[str, Decimal] = {}
        for col in table.columns:
            if col.role == "none":
                continue
            row_key = "total" if col.role == "total" else col.key
            for row in source.tables.get(table.key, []):
                amount = parse_amount(row.get(col.key, ""))
                if amount is not None:
                    sums[row_key] = sums.get(row_key, Decimal(0)) + amount
        if sums:
            return sums, table.unit
    return None


def _funds(source: Form, source_kind: FormKind, kind: FormKind) -> dict[str, dict[str, str]]:
    spec = kind.funds
    found = _source_funds(source, source_kind)
    if spec is None or found is None:
        return {}
    amounts, unit = found
    columns = [c.key for c in spec.columns if c.key in BUDGET_COLUMNS]
    return {
        r.key: {c: _in_unit(amounts[r.key], unit, spec.unit) for c in columns}
        for r in spec.rows
        if r.key in amounts and columns
    }


def make_selfeval(source: Form, source_kind: FormKind, kind: FormKind, form_id: str) -> Form:
    """A new self-evaluation form of `kind` with the target form's content and default weights.

    The result is not part of any project: `operations.insert_form` adds it (and is undone by
    `delete_form`), or the CLI saves it as a project of its own.
    """
    tree = _Tree(kind)
    copied = [
        c.key
        for c in kind.columns
        if c.type != "computed" and c.key in {x.key for x in source_kind.columns}
    ]
    for l1 in source.indicators:
        for l2 in l1.children:
            place = tree.place(l1.name, l2.name)
            for ind in l2.indicators:
                if not _is_placeholder(ind):
                    new = Indicator()
                    for key in copied:
                        new.set(key, ind.get(key))
                    place.indicators.append(new)
    form = Form(
        id=form_id,
        kind=kind.id,
        header=_header(source, source_kind, kind),
        funds=_funds(source, source_kind, kind),
        indicators=tree.with_required(),
    )
    fill_default_weights(form, kind)
    return form


def selfeval_for(project: Project, form_id: str, registry: KindRegistry) -> Form:
    """The self-evaluation of one of the project's target forms, with a free id of the project.

    Raises SelfEvalError (a Chinese message) when the form is missing or not a target form.
    """
    source = project.form(form_id)
    if source is None:
        raise SelfEvalError(phrase("selfeval-no-form", id=form_id))
    source_kind = registry.get(source.kind)
    if source_kind is None:
        raise SelfEvalError(phrase("selfeval-unknown-kind", kind=source.kind))
    kind = selfeval_kind(source_kind, registry)
    return make_selfeval(source, source_kind, kind, project.new_form_id())
