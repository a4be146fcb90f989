"""What changed between two versions of a project file: after 退回修改, what did the unit do?

Forms are matched by id (kept in the file), indicators within a form by their categories and
name; an indicator whose name is new is matched to a vanished one at the same position in the
same category (a rename). A matched indicator in another category or position is "moved".
Every change has the old and the new text, so the reviewer reads "≥75台 → ≥60台".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from desktop.core.catalogue import phrase
from desktop.core.checks import form_label
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import STANDARD_COLUMNS, Form, Indicator, Project
from desktop.core.review import resolve, verdict_of, verdict_word

ADDED, REMOVED, CHANGED, MOVED, RESOLVED = "added", "removed", "changed", "moved", "resolved"
KIND_ZH = {ADDED: "新增", REMOVED: "删除", CHANGED: "修改", MOVED: "移动", RESOLVED: "已解决"}


def kind_word(kind: str) -> str:
    """新增 / added … in the catalogue's language."""
    return phrase(f"diff-{kind}")


@dataclass(frozen=True)
class Change:
    form_id: str
    form: str  # the form's name, as a person calls it
    kind: str  # added, removed, changed, moved, resolved
    section: str  # form, header, funds, table, indicator, comment, verdict
    where: str
    old: str = ""
    new: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def line(self) -> str:
        if self.kind == CHANGED or self.kind == MOVED:
            empty = phrase("diff-empty")
            detail = phrase("diff-detail", text=f"{self.old or empty} → {self.new or empty}")
        elif self.kind == REMOVED:
            detail = phrase("diff-detail", text=self.old) if self.old else ""
        else:
            detail = phrase("diff-detail", text=self.new) if self.new else ""
        return f"[{kind_word(self.kind)}] {self.form} / {self.where}{detail}"


def _labels(form: Form, registry: KindRegistry) -> tuple[dict[str, str], ...]:
    """Labels of header fields, indicator columns and funds cells ("row.column")."""
    kind = registry.get(form.kind)
    if kind is None:
        return {}, {}, {}
    return kind.header_labels, kind.column_labels, kind.funds_labels


def _row_text(ind: Indicator) -> str:
    return "，".join(x for x in (ind.name, ind.target, ind.actual) if x.strip())


class _FormDiff:
    def __init__(self, old: Form, new: Form, registry: KindRegistry):
        self.old, self.new = old, new
        self.label = form_label(new, registry.get(new.kind))
        self.header_labels, self.column_labels, self.funds_labels = _labels(new, registry)
        self.out: list[Change] = []

    def note(self, kind: str, section: str, where: str, old: str = "", new: str = "") -> None:
        self.out.append(Change(self.new.id, self.label, kind, section, where, old, new))

    def cells(self, section: str, prefix: str, old: dict[str, str], new: dict[str, str],
              labels: dict[str, str]) -> None:  # fmt: skip
        for key in dict.fromkeys([*old, *new]):
            a, b = old.get(key, ""), new.get(key, "")
            if a != b:
                where = f"{prefix}{labels.get(key, key)}"
                kind = ADDED if not a else REMOVED if not b else CHANGED
                self.note(kind, section, where, a, b)

    def run(self) -> list[Change]:
        if self.old.kind != self.new.kind:
            self.note(CHANGED, "form", phrase("form-kind"), self.old.kind, self.new.kind)
        self.cells("header", f"{phrase('header')} / ", self.old.header, self.new.header, self.header_labels)
        old_funds = {f"{r}.{c}": v for r, cols in self.old.funds.items() for c, v in cols.items()}
        new_funds = {f"{r}.{c}": v for r, cols in self.new.funds.items() for c, v in cols.items()}
        self.cells("funds", f"{phrase('funds')} / ", old_funds, new_funds, self.funds_labels)
        for table in dict.fromkeys([*self.old.tables, *self.new.tables]):
            a, b = self.old.tables.get(table, []), self.new.tables.get(table, [])
            for i in range(max(len(a), len(b))):
                ra = a[i] if i < len(a) else {}
                rb = b[i] if i < len(b) else {}
                self.cells("table", f"{table} / {phrase('row', n=i + 1)} / ", ra, rb, {})
        self.indicators()
        return self.out

    def indicators(self) -> None:
        def rows(form: Form) -> list[tuple[str, str, int, Indicator]]:
            out = []
            for l1 in form.indicators:
                for l2 in l1.children:
                    out += [(l1.name, l2.name, i, ind) for i, ind in enumerate(l2.indicators)]
            return out

        old_rows, new_rows = rows(self.old), rows(self.new)
        unmatched_old = list(range(len(old_rows)))
        pairs: list[tuple[int, int]] = []
        # 1. same categories and name; 2. same name anywhere; 3. same place (a rename)
        Row = tuple[str, str, int, Indicator]
        rules: tuple[Callable[[Row, Row], bool], ...] = (
            lambda o, n: (o[0], o[1], o[3].name.strip()) == (n[0], n[1], n[3].name.strip()),
            lambda o, n: o[3].name.strip() == n[3].name.strip() and bool(n[3].name.strip()),
            lambda o, n: (o[0], o[1], o[2]) == (n[0], n[1], n[2]),
        )
        for rule in rules:
            matched_new = {b for _, b in pairs}
            for j, n in enumerate(new_rows):
                if j in matched_new:
                    continue
                for k in unmatched_old:
                    if rule(old_rows[k], n):
                        pairs.append((k, j))
                        unmatched_old.remove(k)
                        break
        matched_new = {b for _, b in pairs}
        in_order = _kept_in_order([(k, j) for k, j in pairs if old_rows[k][:2] == new_rows[j][:2]])
        for k, j in sorted(pairs, key=lambda p: p[1]):
            o, n = old_rows[k], new_rows[j]
            where = f"{n[0]} / {n[1]} / {n[3].name.strip() or phrase('row', n=n[2] + 1)}"
            if (o[0], o[1]) != (n[0], n[1]):
                self.note(MOVED, "indicator", where, f"{o[0]} / {o[1]}", f"{n[0]} / {n[1]}")
            elif (k, j) not in in_order:
                self.note(MOVED, "indicator", where, phrase("row", n=o[2] + 1),
                         phrase("row", n=n[2] + 1))  # fmt: skip
            a = {k: o[3].get(k) for k in (*STANDARD_COLUMNS, *o[3].extra)}
            b = {k: n[3].get(k) for k in (*STANDARD_COLUMNS, *n[3].extra)}
            self.cells("indicator", f"{where} / ", a, b,
                       {**self.column_labels, "name": phrase("indicator-name")})  # fmt: skip
        for k in unmatched_old:
            o = old_rows[k]
            self.note(REMOVED, "indicator", f"{o[0]} / {o[1]}", _row_text(o[3]))
        for j, n in enumerate(new_rows):
            if j not in matched_new:
                self.note(ADDED, "indicator", f"{n[0]} / {n[1]}", "", _row_text(n[3]))


def _kept_in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of (old, new) pairs whose order did not change (a longest increasing
    subsequence): the rows not in it are the ones that moved; a row that only shifted
    because another was added or removed above it did not move."""
    pairs = sorted(pairs, key=lambda p: p[1])
    best: list[list[tuple[int, int]]] = []  # best[i]: a chain of length i + 1
    for pair in pairs:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid][-1][0] < pair[0]:
                lo = mid + 1
            else:
                hi = mid
        chain = [*(best[lo - 1] if lo else []), pair]
        if lo == len(best):
            best.append(chain)
        else:
            best[lo] = chain
    return set(best[-1]) if best else set()


def diff_projects(old: Project, new: Project, registry: KindRegistry) -> list[Change]:
    """Every change from `old` to `new`: forms, header, funds, tables, indicators, and the
    review (comments resolved since, verdicts given)."""
    out: list[Change] = []
    old_forms = {f.id: f for f in old.forms}
    new_ids = {f.id for f in new.forms}
    for form in old.forms:
        if form.id not in new_ids:
            out.append(Change(form.id, form_label(form, registry.get(form.kind)), REMOVED,
                              "form", phrase("whole-form")))  # fmt: skip
    for form in new.forms:
        label = form_label(form, registry.get(form.kind))
        before = old_forms.get(form.id)
        if before is None:
            out.append(Change(form.id, label, ADDED, "form", phrase("whole-form")))
            continue
        out += _FormDiff(before, form, registry).run()
        out += _review_changes(old, new, form.id, label, registry.get(form.kind))
    return out


def _review_changes(
    old: Project, new: Project, form_id: str, label: str, kind: FormKind | None = None
) -> list[Change]:
    out = []
    form = new.form(form_id)
    was_open = {c.id for c in old.review.comments if c.form_id == form_id and not c.resolved}
    for c in new.review.comments:
        if c.form_id == form_id and c.resolved and c.id in was_open:
            by = phrase("diff-by", who=c.resolved_by) if c.resolved_by else ""
            reply = phrase("diff-reply", text=f"{by}{c.reply}") if c.reply else ""
            where = (f"{phrase('review-comment')} / {resolve(form, c.anchor, kind).where}"
                     if form else phrase("review-comment"))  # fmt: skip
            out.append(Change(form_id, label, RESOLVED, "comment", where, c.text,
                              f"{c.text}{reply}"))  # fmt: skip
    before, after = verdict_of(old, form_id), verdict_of(new, form_id)
    a = verdict_word(before.verdict) if before else ""
    b = verdict_word(after.verdict) if after else ""
    if a != b:
        out.append(Change(form_id, label, ADDED if not a else CHANGED, "verdict",
                          phrase("review-verdict"), a, b))  # fmt: skip
    return out
