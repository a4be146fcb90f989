"""Self-contained project files: the form kinds a project uses travel inside it.

A bureau's own kind exists on the bureau's PCs; a unit that receives a file 退回修改 by email
may not have it, or may have an older version of it. So saving embeds the definition of every
kind the forms use (`Project.kinds`, by id), and opening builds the registry the project is
read with: the local kinds, overlaid by the file's own copies where the local PC lacks a kind or
has a different version of it. The editor shows the notes this returns.

A kind already embedded stays as it is on save (the file's copy wins, so a form keeps the layout
it was filled in); a kind no form uses any more is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from desktop.core.catalogue import phrase
from desktop.core.kinds import FormKind, KindRegistry, default_registry
from desktop.core.model import Project


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


def _canonical(definition: dict[str, Any]) -> str:
    return json.dumps(definition, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# id(kind) -> (kind, canonical text, JSON text); kinds are frozen but not hashable.
_dumps: dict[int, tuple[FormKind, str, str]] = {}


def _dump(kind: FormKind) -> tuple[str, str]:
    """A kind as a JSON-ready definition (canonical text, and the same as a dict later)."""
    cached = _dumps.get(id(kind))
    if cached is not None and cached[0] is kind:
        return cached[1], cached[2]
    definition = kind.model_dump(mode="json", exclude_defaults=True)
    definition["format"] = kind.format  # a valid definition names its format explicitly
    definition["version"] = kind.version
    if len(_dumps) > 256:
        _dumps.clear()
    _dumps[id(kind)] = (kind, _canonical(definition), json.dumps(definition, ensure_ascii=False))
    return _dumps[id(kind)][1], _dumps[id(kind)][2]


def kind_definition(kind: FormKind) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_dump(kind)[1])
    return data


@lru_cache(maxsize=256)
def _parse(canonical: str) -> FormKind | None:
    """An embedded definition as a kind; cached, since a season's files share a few kinds."""
    try:
        return FormKind.model_validate_json(canonical)
    except ValidationError:
        return None


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


def project_registry(
    project: Project, base: KindRegistry | None = None
) -> tuple[KindRegistry, list[KindNote]]:
    """The kinds to read `project` with: the PC's, overlaid by the file's own copies."""
    base = base or default_registry()
    overlay: dict[str, FormKind] = {}
    notes: list[KindNote] = []
    used = {f.kind for f in project.forms}
    for kind_id, definition in sorted(project.kinds.items()):
        if kind_id not in used or not isinstance(definition, dict):
            continue
        local = base.get(kind_id)
        kind = _parse(_canonical(definition))
        if kind is not None and local is not None and _dump(kind)[0] == _dump(local)[0]:
            continue
        if kind is None or kind.id != kind_id:
            if local is not None:
                notes.append(KindNote(kind_id, "invalid", local.name))
            continue
        overlay[kind_id] = kind
        notes.append(KindNote(kind_id, "missing" if local is None else "differs", kind.name))
    if not overlay:
        return base, notes
    return base.with_kinds(overlay), notes
