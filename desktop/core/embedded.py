"""Self-contained project files: the form kinds a project uses, and the rule vocabulary it is
checked with, travel inside it.

A bureau's own kind exists on the bureau's PCs; a unit that receives a file 退回修改 by email
may not have it, or may have an older version of it. So saving embeds the definition of every
kind the forms use (`Project.kinds`, by id), and opening builds the registry the project is
read with: the local kinds, overlaid by the file's own copies where the local PC lacks a kind or
has a different version of it. The editor shows the notes this returns.

A kind already embedded stays as it is on save (the file's copy wins, so a form keeps the layout
it was filled in); a kind no form uses any more is dropped.

The same goes for a bureau's override of the rule vocabulary (`Project.rules`): saving on a PC
whose vocabulary differs from the built-in one embeds what the override changes (not the whole
vocabulary: the rest is the built-in one of whichever program opens the file, so a newer
program's fixes and new fields still apply, and the section stays a few lines). Opening uses the
file's vocabulary for that project's checks, scores and review (`registry.rules`, put in force
with `rules.rules_in_force`), and the local kinds are read again under it, since a kind's
scoring takes its defaults (the split of points, the grades) from the vocabulary. A broken
section is one note, the PC's vocabulary is used, and the section is kept as it is on save.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from desktop.core.catalogue import phrase
from desktop.core.kinds import FormKind, KindRegistry, default_registry
from desktop.core.model import Project
from desktop.core.rules import (
    Rules,
    RulesError,
    local_rules,
    override_of,
    rules_from_override,
    rules_in_force,
)


@dataclass(frozen=True)
class KindNote:
    """Why a kind was taken from the file or could not be: shown to the user."""

    kind_id: str
    reason: str  # "missing": not on this PC; "differs": this PC has another version; "invalid"
    name: str = ""

    def message(self) -> str:
        name = f"“{self.name or self.kind_id}”"
        if self.reason == "missing":
            return phrase("embedded-missing", name=name)
        if self.reason == "differs":
            return phrase("embedded-differs", name=name)
        return phrase("embedded-invalid", name=name)


@dataclass(frozen=True)
class RulesNote:
    """Why the file's rule vocabulary was used, or could not be: shown to the user."""

    reason: str  # "rules-differ": this PC's differs, the file's is used; "rules-invalid"
    detail: str = ""

    def message(self) -> str:
        if self.reason == "rules-differ":
            return phrase("embedded-rules-differ")
        return phrase("embedded-rules-invalid", detail=self.detail)


Note = KindNote | RulesNote


def _canonical(definition: dict[str, Any]) -> str:
    return json.dumps(definition, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# id(kind) -> (kind, canonical text, JSON text); kinds are frozen but not hashable.
_dumps: dict[int, tuple[FormKind, str, str]] = {}


def _dump(kind: FormKind) -> tuple[str, str]:
    """A kind as a JSON-ready definition (canonical text, and the same as a dict later)."""
    cached = _dumps.get(id(kind))
    if cached is not None and cached[0] is kind:
        return cached[1], cached[2]
    # What the definition set (not what it left to defaults: a scored kind's points and grades
    # come from the rule vocabulary in force when it is read, and must stay left out).
    definition = kind.model_dump(mode="json", exclude_unset=True)
    definition["format"] = kind.format  # a valid definition names its format explicitly
    definition["version"] = kind.version
    if len(_dumps) > 256:
        _dumps.clear()
    _dumps[id(kind)] = (kind, _canonical(definition), json.dumps(definition, ensure_ascii=False))
    return _dumps[id(kind)][1], _dumps[id(kind)][2]


def kind_definition(kind: FormKind) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_dump(kind)[1])
    return data


# (canonical text, id(vocabulary)) -> (vocabulary, kind or None); vocabularies are not hashable.
_parsed: dict[tuple[str, int], tuple[Rules | None, FormKind | None]] = {}


def _parse(canonical: str, vocabulary: Rules | None = None) -> FormKind | None:
    """An embedded definition as a kind, read under `vocabulary` (None: the rules in force);
    cached, since a season's files share a few kinds and vocabularies."""
    key = (canonical, id(vocabulary))
    cached = _parsed.get(key)
    if cached is not None and cached[0] is vocabulary:
        return cached[1]
    try:
        with rules_in_force(vocabulary):
            kind: FormKind | None = FormKind.model_validate_json(canonical)
    except ValidationError:
        kind = None
    if len(_parsed) > 256:
        _parsed.clear()
    _parsed[key] = (vocabulary, kind)
    return kind


def _same_kind(a: FormKind, b: FormKind, vocabulary: Rules) -> bool:
    """Whether two kinds read under `vocabulary` are the same definition (defaults left out,
    so a copy that spells out a default is still the same)."""
    if a is b or _dump(a)[0] == _dump(b)[0]:
        return True
    with rules_in_force(vocabulary):
        return a.model_dump(exclude_defaults=True) == b.model_dump(exclude_defaults=True)


def embed_used_kinds(project: Project, registry: KindRegistry | None = None) -> None:
    """Make `project.kinds` hold exactly the kinds its forms use: keep the copies it has,
    add the missing ones from `registry` (the PC's kinds by default)."""
    used = dict.fromkeys(f.kind for f in project.forms)
    kept: dict[str, dict[str, Any]] = {}
    for kind_id in used:
        if kind_id in project.kinds:
            kept[kind_id] = project.kinds[kind_id]
            continue
        kind = (registry or default_registry()).get(kind_id)
        if kind is not None:
            kept[kind_id] = kind_definition(kind)
    project.kinds = kept


def embed_rules(project: Project, local: Rules | None = None) -> None:
    """Give `project` the PC's override of the rule vocabulary when it has none of its own
    (a file keeps the vocabulary it came with, even one this program cannot read)."""
    if not project.rules:
        project.rules = dict(override_of(local or local_rules()))


def project_rules(project: Project) -> tuple[Rules, RulesNote | None]:
    """The vocabulary to check `project` with: the file's own, else this PC's."""
    local = local_rules()
    if not project.rules:
        return local, None
    try:
        own = rules_from_override(project.rules)
    except RulesError as exc:
        return local, RulesNote("rules-invalid", str(exc))
    if own == local:
        return local, None
    return own, RulesNote("rules-differ")


def _same(a: Rules | None, b: Rules) -> bool:
    return a is b or a == b


def project_registry(
    project: Project, base: KindRegistry | None = None
) -> tuple[KindRegistry, list[Note]]:
    """The kinds and the vocabulary to read `project` with (`registry.rules`): the PC's,
    overlaid by the file's own copies."""
    base = base or default_registry()
    vocabulary, rules_note = project_rules(project)
    # the PC's kinds were read under other rules (a registry without rules takes any)
    reread = base.rules is not None and not _same(base.rules, vocabulary)
    overlay: dict[str, FormKind] = {}
    notes: list[Note] = [rules_note] if rules_note else []
    used = sorted({f.kind for f in project.forms})
    for kind_id in used:
        definition = project.kinds.get(kind_id)
        local = base.get(kind_id)
        if reread and local is not None:
            again = _parse(_dump(local)[1], vocabulary)
            if again is None and project.rules:  # the PC's kind does not fit it
                return _local_only(project, base, phrase("embedded-rules-kind-misfit", name=local.name))
            local = again or local
        if not isinstance(definition, dict):
            if reread and local is not None:
                overlay[kind_id] = local
            continue
        canonical = _canonical(definition)
        kind = _parse(canonical, vocabulary)
        if kind is not None and local is not None and _same_kind(kind, local, vocabulary):
            if reread:
                overlay[kind_id] = local
            continue
        if kind is None or kind.id != kind_id:
            if local is not None:
                notes.append(KindNote(kind_id, "invalid", local.name))
                if reread:
                    overlay[kind_id] = local
            continue
        overlay[kind_id] = kind
        notes.append(KindNote(kind_id, "missing" if local is None else "differs", kind.name))
    if not overlay and (_same(base.rules, vocabulary) or (base.rules is None and not rules_note)):
        return base, notes
    return base.with_kinds(overlay, vocabulary), notes


def _local_only(project: Project, base: KindRegistry, why: str) -> tuple[KindRegistry, list[Note]]:
    """The registry without the file's vocabulary (it cannot be used), and why."""
    registry, notes = project_registry(project.model_copy(update={"rules": {}}), base)
    return registry, [RulesNote("rules-invalid", why), *notes]
