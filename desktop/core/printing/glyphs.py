"""Characters no bundled font can draw, found before printing and reported as findings.

Such a character would print as an empty box; the user hears about it first, with the cell it
is in, and can choose another character or print anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core.catalogue import finding, phrase
from desktop.core.findings import Finding, Section
from desktop.core.kinds import FormKind
from desktop.core.model import Form
from desktop.core.printing.fonts import MISSING_MARK, fonts

CODE = "glyph-missing"


def _texts(form: Form, kind: FormKind) -> Iterator[tuple[Section, str, str, tuple[str, ...], str]]:
    """(section, where, key, uids, text) for every piece of text the form prints."""
    labels = [
        kind.title,
        kind.subtitle,
        kind.indicator_label,
        kind.level1_label,
        kind.level2_label,
        kind.print.footnote,
        kind.print.review_label,
        *kind.print.review_verdict,
        *kind.print.signature,
        *(f.label for f in kind.header),
        *(c.label for c in kind.columns),
        *(g.label for g in kind.print.field_groups),
    ]
    if kind.funds is not None:
        labels += [
            kind.funds.label,
            *(r.label for r in kind.funds.rows),
            *(c.label for c in kind.funds.columns),
        ]
    for t in kind.tables:
        labels += [t.label, *(c.label for c in t.columns), *(c.group for c in t.columns)]
    yield Section.FORM, f"{phrase('form-kind')} / {kind.name}", "", (), "".join(labels)
    fields = {f.key: f.label for f in kind.header}
    for key, value in form.header.items():
        yield Section.HEADER, f"{phrase('header')} / {fields.get(key, key)}", key, (), value
    names: dict[str, str] = {}
    if kind.funds is not None:
        names = {x.key: x.label for x in kind.funds.rows} | {
            x.key: x.label for x in kind.funds.columns
        }
        names[""] = kind.funds.label
    for row, columns in form.funds.items():
        for column, value in columns.items():
            where = " / ".join(names.get(k, k) for k in ("", row, column) if names.get(k, k))
            yield Section.FUNDS, where, f"{row}.{column}", (), value
    tables = {t.key: t for t in kind.tables}
    for key, rows in form.tables.items():
        table = tables.get(key)
        heads: dict[str, str] = {c.key: c.label for c in table.columns} if table else {}
        for i, cells in enumerate(rows):
            for column, value in cells.items():
                where = (
                    f"{table.label if table else key} / {phrase('row', n=i + 1)} / "
                    f"{heads.get(column, column)}"
                )
                yield Section.TABLE, where, f"{key}.{i}.{column}", (), value
    for line, value in form.signature.items():
        yield Section.FORM, phrase("signature-line", line=line), "", (), value
    columns = {c.key: c.label for c in kind.columns}
    for l1 in form.indicators:
        yield Section.CATEGORY, l1.name, "", (l1.uid,), l1.name
        for l2 in l1.children:
            yield Section.CATEGORY, f"{l1.name} / {l2.name}", "", (l1.uid, l2.uid), l2.name
            for i, ind in enumerate(l2.indicators):
                name = ind.name.strip() or phrase("row", n=i + 1)
                for key in (*columns, *ind.extra):
                    yield (
                        Section.INDICATOR,
                        f"{l1.name} / {l2.name} / {name} / {columns.get(key, key)}",
                        key,
                        (l1.uid, l2.uid, ind.uid),
                        ind.get(key),
                    )


@dataclass(frozen=True)
class Unprintable:
    """A cell with characters that no bundled font has."""

    form_id: str
    section: Section
    where: str
    key: str
    uids: tuple[str, ...]
    chars: str

    @property
    def uid(self) -> str:
        return self.uids[-1] if self.uids else ""

    def finding(self) -> Finding:
        return finding(CODE, self.form_id, self.section, self.where, key=self.key,
                       uids=self.uids, chars=self.chars, mark=MISSING_MARK)  # fmt: skip


def unprintable(form: Form, kind: FormKind) -> list[Unprintable]:
    """Every cell of the form (and label of its kind) holding characters no font can draw."""
    fs = fonts()
    out: list[Unprintable] = []
    for section, where, key, uids, value in _texts(form, kind):
        chars = fs.missing(value)
        if chars:
            out.append(Unprintable(form.id, section, where, key, uids, chars))
    return out
