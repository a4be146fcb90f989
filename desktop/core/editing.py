"""Rules the editor applies when the user edits: what a reset of the weights changes, how many
scores are missing, where rows go when moved up or down, which categories may be added.

They live in the core (and are tested here) so that the Qt layer only asks and shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.kinds import FormKind
from desktop.core.model import Form, Level1, Level2
from desktop.core.operations import Cell, clone_form
from desktop.core.scoring import BAND_KEY, SCORE_KEY, FormScore, fill_default_weights, weight_text


def missing_scores(scores: FormScore) -> int:
    """How many scores a self-evaluation still lacks: indicator rows and the execution rate."""
    missing = sum(r.score is None for r in scores.rows)
    if scores.execution is not None and scores.execution.score is None:
        missing += 1
    return missing


def accepted_suggestions(scores: FormScore) -> list[Cell]:
    """The cells that accept every suggested band of a self-evaluation: the band, and the full
    weight as the score (the actual says the target was reached). Rows already judged or
    scored are left alone."""
    cells: list[Cell] = []
    for row in scores.rows:
        if row.suggested is None or row.score is not None:
            continue
        cells.append((row.uid, BAND_KEY, row.suggested))
        if row.weight is not None:
            cells.append((row.uid, SCORE_KEY, weight_text(row.weight)))
    return cells


def default_weight_changes(form: Form, kind: FormKind) -> tuple[list[Cell], list[Cell]]:
    """The cells a reset to the default weight split changes: indicator cells (uid, "weight",
    text) and funds cells (row, column, text); both empty when the weights are the default."""
    defaults = clone_form(form, form.id)  # same rows in the same order, new uids
    fill_default_weights(defaults, kind)
    cells = [
        (mine.uid, "weight", theirs.weight)
        for (_, _, mine), (_, _, theirs) in zip(
            form.iter_indicators(), defaults.iter_indicators(), strict=True
        )
        if mine.weight != theirs.weight
    ]
    funds = [
        (row, column, defaults.funds_cell(row, column))
        for row in sorted({*form.funds, *defaults.funds})
        for column in sorted({*form.funds.get(row, {}), *defaults.funds.get(row, {})})
        if form.funds_cell(row, column) != defaults.funds_cell(row, column)
    ]
    return cells, funds


@dataclass(frozen=True, slots=True)
class Step:
    """Where rows moved one place up or down go: before `anchor` (None: the end) of a level-2
    category."""

    level2_uid: str
    anchor: str | None


def _level2_of(form: Form, uid: str) -> Level2 | None:
    for _, l2, ind in form.iter_indicators():
        if ind.uid == uid:
            return l2
    return None


def step_indicators(form: Form, uids: list[str], delta: int, across: bool = False) -> Step | None:
    """Where the indicators `uids` (of the first one's category) go one place up (delta -1) or
    down (+1). At the edge of their category they stay (None), unless `across` lets them pass
    into the neighbouring category."""
    level2 = _level2_of(form, uids[0]) if uids else None
    if level2 is None:
        return None
    mine = [ind.uid for ind in level2.indicators if ind.uid in uids]
    positions = [i for i, ind in enumerate(level2.indicators) if ind.uid in mine]
    siblings = [ind for ind in level2.indicators if ind.uid not in mine]
    if delta < 0:
        before = [i for i in range(positions[0]) if level2.indicators[i].uid not in mine]
        if before:
            return Step(level2.uid, level2.indicators[before[-1]].uid)
        target = _neighbour_level2(form, level2, -1) if across else None
        return Step(target.uid, None) if target else None
    after = [ind for ind in level2.indicators[positions[-1] + 1 :] if ind.uid not in mine]
    if after:
        rest = siblings[siblings.index(after[0]) + 1 :]
        return Step(level2.uid, rest[0].uid if rest else None)
    target = _neighbour_level2(form, level2, 1) if across else None
    if target is None:
        return None
    return Step(target.uid, target.indicators[0].uid if target.indicators else None)


def _neighbour_level2(form: Form, level2: Level2, step: int) -> Level2 | None:
    all2 = [l2 for l1 in form.indicators for l2 in l1.children]
    i = next(i for i, x in enumerate(all2) if x is level2) + step
    return all2[i] if 0 <= i < len(all2) else None


def addable_level2(kind: FormKind | None, level1: Level1) -> tuple[list[str], bool]:
    """The level-2 names the kind lists under `level1` that the form lacks, and whether the
    user may add categories of their own there (添加二级指标 offers exactly these)."""
    definition = next((c for c in kind.categories if c.name == level1.name), None) if kind else None
    present = {l2.name for l2 in level1.children}
    missing = [d.name for d in (definition.children if definition else ()) if d.name not in present]
    return missing, definition is None or definition.open_children


def may_add_level2(kind: FormKind | None, level1: Level1, name: str) -> bool:
    """Whether a level-2 category `name` may be added under `level1`."""
    missing, open_children = addable_level2(kind, level1)
    return (
        bool(name)
        and (name in missing or open_children)
        and (name not in {l2.name for l2 in level1.children})
    )


def find_level2(form: Form, level1_name: str | None, level2_name: str) -> Level2 | None:
    """The level-2 category called `level2_name` (under `level1_name` when given)."""
    for l1 in form.indicators:
        if level1_name and l1.name != level1_name:
            continue
        for l2 in l1.children:
            if l2.name == level2_name:
                return l2
    return None
