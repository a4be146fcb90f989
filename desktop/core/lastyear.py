"""Last year beside this year: a project linked to last year's file.

`Project.last_year` names last year's project file (relative to this file's folder when it lies
beside it). A form of this year is matched with last year's forms of the same name (项目名称 or
部门名称; a lone form of the same family when names differ), and each indicator with last
year's indicator of the same category and name. Last year's target comes from its target form,
the actual value (实际完成值) from its self-evaluation.

Two comparisons are reported as warnings:
- a target below what was actually achieved last year (for an indicator where more is better);
- a quantity target (数量指标) lower than last year's target, with no note explaining why
  (the form's 备注 or 偏差原因 column, or the indicator's note).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.core.catalogue import finding, phrase
from desktop.core.findings import Finding, Section
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.operations import SILENT, Edit, Location, OpChanges, TreeObserver
from desktop.core.storage import ProjectFileError, load_project
from desktop.core.textkeys import category_key, fold
from desktop.core.values import ParsedValue, ValueKind, parse_value

NOTE_KEYS = ("remark", "deviation", "note")  # where a reason for a drop can be written
CODE_BELOW_ACTUAL = "last-year-target-below-actual"
CODE_QUANTITY_DROP = "last-year-quantity-drop"


class LastYearError(ValueError):
    """Last year's file cannot be used; the message says which file and why."""


def link_text(project_path: Path | None, chosen: Path) -> str:
    """How to store `chosen` in this project: relative to the project's folder when it is
    below it or beside it, else absolute."""
    chosen = Path(os.path.abspath(chosen))
    if project_path is not None:
        base = Path(os.path.abspath(project_path)).parent
        try:
            rel = os.path.relpath(chosen, base)
        except ValueError:  # another drive on Windows
            return str(chosen)
        if not rel.startswith(os.pardir + os.sep + os.pardir):
            return Path(rel).as_posix()
    return str(chosen)


def resolve(project_path: Path | None, link: str) -> Path | None:
    """The file `link` names, read relative to the project's folder."""
    if not link:
        return None
    path = Path(link)
    if not path.is_absolute() and project_path is not None:
        path = Path(os.path.abspath(project_path)).parent / path
    return path


def set_last_year(project: Project, link: str) -> str:
    """Link (or with "" unlink) last year's file; returns the old link."""
    old, project.last_year = project.last_year, link
    return old


def load_last_year(project: Project, project_path: Path | None) -> Project | None:
    """Last year's project, or None when none is linked; LastYearError when it cannot load."""
    path = resolve(project_path, project.last_year)
    if path is None:
        return None
    if project_path is not None and os.path.abspath(path) == os.path.abspath(project_path):
        raise LastYearError(phrase("lastyear-self", name=path.name))
    try:
        return load_project(path).project
    except ProjectFileError as exc:
        raise LastYearError(exc.line()) from None


@dataclass(frozen=True, slots=True)
class LastYearValue:
    """Last year's target and actual value of one indicator ("" when not known)."""

    target: str = ""
    actual: str = ""
    form_label: str = ""


def _label(form: Form, registry: KindRegistry) -> str:
    kind = registry.get(form.kind)
    if kind is not None and kind.name_field:
        return fold(form.header.get(kind.name_field, ""))
    return ""


def _family(form: Form, registry: KindRegistry) -> str:
    kind = registry.get(form.kind)
    return str(kind.family).split("-")[0] if kind else ""  # project / department / report


def _is_selfeval(form: Form, registry: KindRegistry) -> bool:
    kind = registry.get(form.kind)
    return kind is not None and str(kind.family).endswith("selfeval")


def matching_forms(form: Form, last: Project, registry: KindRegistry) -> list[Form]:
    """Last year's forms about the same project or department as `form`."""
    family = _family(form, registry)
    same_family = [f for f in last.forms if _family(f, registry) == family]
    label = _label(form, registry)
    named = [f for f in same_family if label and _label(f, registry) == label]
    if named:
        return named
    targets = [f for f in same_family if not _is_selfeval(f, registry)]
    return same_family if len(targets) == 1 else []


def _key(l1: str, l2: str, name: str) -> tuple[str, str, str]:
    return category_key(l1), category_key(l2), fold(name)


def last_year_values(
    form: Form, last: Project | None, registry: KindRegistry
) -> dict[str, LastYearValue]:
    """Last year's target and actual for each indicator uid of `form` that had one."""
    if last is None:
        return {}
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for other in matching_forms(form, last, registry):
        selfeval = _is_selfeval(other, registry)
        for l1, l2, ind in other.iter_indicators():
            if not ind.name.strip():
                continue
            key = _key(l1.name, l2.name, ind.name)
            cell = found.setdefault(key, {"target": "", "actual": ""})
            if ind.target.strip() and (not cell["target"] or not selfeval):
                cell["target"] = ind.target.strip()
            if selfeval and ind.actual.strip():
                cell["actual"] = ind.actual.strip()
            by_name.setdefault(fold(ind.name), []).append(key)
    out: dict[str, LastYearValue] = {}
    for l1, l2, ind in form.iter_indicators():
        if not ind.name.strip():
            continue
        key = _key(l1.name, l2.name, ind.name)
        if key not in found:
            keys = set(by_name.get(fold(ind.name), []))
            if len(keys) != 1:
                continue
            key = keys.pop()
        cell = found[key]
        if cell["target"] or cell["actual"]:
            out[ind.uid] = LastYearValue(cell["target"], cell["actual"])
    return out


def _quantity(text: str) -> ParsedValue | None:
    p = parse_value(text)
    return p if p.kind is ValueKind.QUANTITY and p.number is not None else None


def _comparable(a: ParsedValue, b: ParsedValue) -> bool:
    return (a.unit or "") == (b.unit or "")


def _below(now: ParsedValue, then: ParsedValue | None) -> bool:
    """A target where more is better that is lower than a comparable quantity of last year."""
    return (
        then is not None
        and now.direction == "higher"
        and _comparable(now, then)
        and now.number is not None
        and then.number is not None
        and now.number < then.number
    )


def has_note(ind: Indicator) -> bool:
    return any(ind.get(k).strip() for k in NOTE_KEYS)


def compare(
    form: Form,
    kind: FormKind | None,
    values: dict[str, LastYearValue],
    where: Callable[[Level1, Level2, Indicator], str] = (
        lambda l1, l2, ind: f"{l1.name} / {l2.name} / {ind.name}"
    ),
) -> list[Finding]:
    """Warnings for targets below last year's actual and unexplained quantity drops."""
    expects = {}
    if kind is not None:
        for c in kind.categories:
            for d in c.children:
                expects[category_key(d.name)] = str(d.expects)
    out: list[Finding] = []
    for l1, l2, ind in form.iter_indicators():
        last = values.get(ind.uid)
        now = _quantity(ind.target)
        if last is None or now is None:
            continue
        place = where(l1, l2, ind)
        if kind is not None and "target" in kind.column_labels:  # as the checks name a cell
            place = f"{place} / {kind.column_labels['target']}"
        actual = _quantity(last.actual) if last.actual else None
        uids = (l1.uid, l2.uid, ind.uid)
        if _below(now, actual):
            out.append(finding(CODE_BELOW_ACTUAL, form.id, Section.INDICATOR, place,
                               key="target", uids=uids, target=ind.target.strip(),
                               actual=last.actual))  # fmt: skip
            continue
        before = _quantity(last.target) if last.target else None
        quantity = expects.get(category_key(l2.name)) == "quantity" or (
            not expects and category_key(l2.name) == "数量"
        )
        if quantity and before is not None and _below(now, before) and not has_note(ind):
            assert before.number is not None and now.number is not None  # _quantity's promise
            drop = (before.number - now.number) / before.number * 100 if before.number else None
            out.append(finding(CODE_QUANTITY_DROP, form.id, Section.INDICATOR, place,
                               variant="" if drop is not None else "zero", key="target",
                               uids=uids, target=ind.target.strip(), last=last.target,
                               drop=drop.quantize(Decimal("1")) if drop is not None else ""))  # fmt: skip
    return out


def project_findings(
    project: Project, last: Project | None, registry: KindRegistry
) -> list[Finding]:
    """The comparisons for every form of `project` against last year's project."""
    if last is None:
        return []
    out: list[Finding] = []
    for form in project.forms:
        kind = registry.get(form.kind)
        out += compare(form, kind, last_year_values(form, last, registry))
    return out


def file_findings(
    project: Project, path: Path | None, registry: KindRegistry
) -> tuple[list[Finding], str]:
    """The comparisons for a project read from `path`, and a note when its link to last
    year's file cannot be followed (then there are no comparisons, and no error)."""
    try:
        last = load_last_year(project, path)
    except LastYearError as exc:
        return [], phrase("lastyear-unreadable", error=exc)
    return project_findings(project, last, registry), ""


LAST_TARGET_KEY = "last_year_target"  # the editor's read-only columns beside this year's
LAST_ACTUAL_KEY = "last_year_actual"


@dataclass(eq=False)
class LinkLastYear(Edit):
    """Link the project to last year's file (`link` "" unlinks); one undo step."""

    form_id: str  # the form shown when it was done (for the undo location)
    link: str
    old: str | None = field(default=None)

    def do(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        old = set_last_year(project, self.link)
        if self.old is None:
            self.old = old
        return OpChanges(self.form_id, forms=True)

    def undo(self, project: Project, obs: TreeObserver = SILENT) -> OpChanges:
        set_last_year(project, self.old or "")
        return OpChanges(self.form_id, forms=True)

    def location(self) -> Location:
        return Location(self.form_id, Section.FORM)
