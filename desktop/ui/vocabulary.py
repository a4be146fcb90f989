"""The words a project already uses, offered as completions: counted per form, kept up to date
one form at a time, ranked only when an editor asks.

A change to a form recounts that form only (a few dozen indicators) and moves the project's
totals by the difference; a ranking (most used first) is redone only for what the change
touched: editing a value leaves the ranked names alone, and a level-2 category's units are
ranked again only when that category's units changed. Ties keep the order the words were first
counted in.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from desktop.core.kinds import FormKind
from desktop.core.model import Form, Project
from desktop.core.values import parse_value


@dataclass
class Vocabulary:
    """Words already used in the project, offered as completions; most used first."""

    names: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    units: dict[str, list[str]] = field(default_factory=dict)  # level-2 name -> units used
    values_in: dict[str, list[str]] = field(default_factory=dict)  # level-2 name -> values

    def then(self, more: Vocabulary) -> Vocabulary:
        """These words first, then `more`'s that are not already here."""

        def join_map(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
            return {k: _join(a.get(k, []), b.get(k, [])) for k in dict.fromkeys([*a, *b])}

        return Vocabulary(_join(self.names, more.names), _join(self.values, more.values),
                          join_map(self.units, more.units),
                          join_map(self.values_in, more.values_in))  # fmt: skip


def _join(a: list[str], b: list[str]) -> list[str]:
    return list(dict.fromkeys([*a, *b])) if b else a


def ranked(counter: Counter[str]) -> list[str]:
    return [text for text, _ in counter.most_common()]


@dataclass
class FormWords:
    """How often each word occurs in one form (or, summed, in the project)."""

    names: Counter[str] = field(default_factory=Counter)
    values: Counter[str] = field(default_factory=Counter)
    units: dict[str, Counter[str]] = field(default_factory=dict)
    values_in: dict[str, Counter[str]] = field(default_factory=dict)


def form_words(form: Form, kind: FormKind | None) -> FormWords:
    words = FormWords()
    value_keys = kind.value_columns if kind else ("target",)
    for _, l2, ind in form.iter_indicators():
        name = ind.name.strip()
        if name:
            words.names[name] += 1
        for key in value_keys:
            text = ind.get(key).strip()
            if not text:
                continue
            words.values[text] += 1
            by_value = words.values_in.get(l2.name)
            if by_value is None:
                by_value = words.values_in[l2.name] = Counter()
            by_value[text] += 1
            unit = parse_value(text).unit
            if unit:
                by_unit = words.units.get(l2.name)
                if by_unit is None:
                    by_unit = words.units[l2.name] = Counter()
                by_unit[unit] += 1
    return words


def _move(total: Counter[str], old: Counter[str], new: Counter[str]) -> bool:
    """Take `old` out of `total` and put `new` in; False when they are the same."""
    if old == new:
        return False
    for word, n in old.items():
        left = total[word] - n
        if left > 0:
            total[word] = left
        else:
            del total[word]
    for word, n in new.items():
        total[word] += n
    return True


def _move_map(
    total: dict[str, Counter[str]],
    old: dict[str, Counter[str]],
    new: dict[str, Counter[str]],
    changed: set[str],
) -> None:
    empty: Counter[str] = Counter()
    for key in dict.fromkeys([*old, *new]):
        counter = total.get(key)
        if counter is None:
            counter = total[key] = Counter()
        if _move(counter, old.get(key, empty), new.get(key, empty)):
            changed.add(key)
        if not counter:
            del total[key]


class ProjectWords:
    """The project's word counts, one form's share at a time, and their rankings on demand."""

    def __init__(self, kind_of: Callable[[Form], FormKind | None]):
        self._kind_of = kind_of
        self._forms: dict[str, FormWords] | None = None  # None: not counted yet
        self._dirty: set[str] = set()
        self._structure = False  # forms were added or removed since the last count
        self.total = FormWords()
        self.versions = {"names": 0, "values": 0}
        self.changed_units: set[str] = set()
        self.changed_values_in: set[str] = set()

    def form_changed(self, form_id: str) -> None:
        if self._forms is not None:
            self._dirty.add(form_id)

    def forms_changed(self) -> None:
        if self._forms is not None:
            self._structure = True

    def counted(self) -> bool:
        """Whether the counts are up to date (edits since the last update are not)."""
        return self._forms is not None and not self._dirty and not self._structure

    def update(self, project: Project, until: float | None = None) -> bool:
        """Bring the counts up to date with the project (the first time: count every form);
        with `until` (a `time.perf_counter()` moment), stop after the form that passes it, and
        say whether the counts are up to date (the rest is counted by the next call, in the
        project's order as before)."""
        if self._forms is None:
            self._forms = {}
            self._dirty = {f.id for f in project.forms}
            self._structure = False
        elif self._structure:
            ids = {f.id for f in project.forms}
            self._dirty |= (ids - self._forms.keys()) | (self._forms.keys() - ids)
            self._structure = False
        if not self._dirty:
            return True
        many = len(self._dirty) > 1
        by_id = {f.id: f for f in project.forms} if many else None
        for form_id in sorted(self._dirty, key=_form_order(project)) if many else list(self._dirty):
            self._dirty.discard(form_id)
            form = by_id.get(form_id) if by_id is not None else project.form(form_id)
            old = self._forms.pop(form_id, None) or FormWords()
            new = form_words(form, self._kind_of(form)) if form is not None else FormWords()
            if form is not None:
                self._forms[form_id] = new
            self._apply(old, new)
            if until is not None and self._dirty and time.perf_counter() > until:
                return False  # at least one form per call: each call gets somewhere
        return True

    def _apply(self, old: FormWords, new: FormWords) -> None:
        total = self.total
        if _move(total.names, old.names, new.names):
            self.versions["names"] += 1
        if _move(total.values, old.values, new.values):
            self.versions["values"] += 1
        _move_map(total.units, old.units, new.units, self.changed_units)
        _move_map(total.values_in, old.values_in, new.values_in, self.changed_values_in)


def _form_order(project: Project) -> Callable[[str], int]:
    """Forms counted in the project's order (the first count then ranks ties as a full count
    would)."""
    order = {f.id: i for i, f in enumerate(project.forms)}
    return lambda form_id: order.get(form_id, len(order))


class _Ranked(Mapping[str, list[str]]):
    """A level-2 name -> ranked words mapping, ranked per key when asked, then kept until that
    key's counts change."""

    def __init__(
        self,
        total: dict[str, Counter[str]],
        changed: set[str],
        extra: Callable[[], dict[str, list[str]]],
    ):
        self._total, self._changed, self._extra = total, changed, extra
        self._cache: dict[str, list[str]] = {}

    def invalidate(self) -> None:
        for key in self._changed:
            self._cache.pop(key, None)
        self._changed.clear()

    def clear(self) -> None:
        self._cache.clear()

    def __getitem__(self, key: str) -> list[str]:
        self.invalidate()
        if key not in self._cache:
            own = ranked(self._total[key]) if key in self._total else []
            more = self._extra().get(key, [])
            if key not in self._total and key not in self._extra():
                raise KeyError(key)
            self._cache[key] = _join(own, more)
        return self._cache[key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._total, *self._extra()]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LiveVocabulary:
    """The project's vocabulary as editors read it (names, values, units[name],
    values_in[name]), each ranked on first use after a change that touched it; followed by the
    extra words from outside the project."""

    def __init__(self, words: ProjectWords, extra: Callable[[], Vocabulary | None]):
        self._words = words
        self._extra = extra
        self._cache: dict[str, tuple[int, list[str]]] = {}
        self.units = _Ranked(words.total.units, words.changed_units, lambda: self._more().units)
        self.values_in = _Ranked(
            words.total.values_in, words.changed_values_in, lambda: self._more().values_in
        )

    def _more(self) -> Vocabulary:
        return self._extra() or _EMPTY

    def extra_changed(self) -> None:
        self._cache.clear()
        self.units.clear()
        self.values_in.clear()

    def _list(self, what: str) -> list[str]:
        version = self._words.versions[what]
        cached = self._cache.get(what)
        if cached is None or cached[0] != version:
            own = ranked(getattr(self._words.total, what))
            cached = self._cache[what] = (version, _join(own, getattr(self._more(), what)))
        return cached[1]

    @property
    def names(self) -> list[str]:
        return self._list("names")

    @property
    def values(self) -> list[str]:
        return self._list("values")


_EMPTY = Vocabulary()
