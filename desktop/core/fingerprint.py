"""A short hash of a form's content, printed in each page's footer and shown in the editor.

A signed paper is matched to the file version it came from by comparing this code: the same
content gives the same code on any PC, and any change to a cell gives a different one. The form's
id is left out (it is bookkeeping, not content), its kind is kept (the same cells in another
layout are another paper).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from desktop.core.display import to_utf8
from desktop.core.model import Form

SHORT_HEX = 12  # 48 bits: collisions between versions of one form are not a practical concern
GROUP = 4


def canonical_content(form: Form) -> bytes:
    """The form's content as canonical JSON: sorted keys, no whitespace, UTF-8."""
    data = _as_edits_leave_it(form.model_dump(mode="json", exclude_defaults=True))
    data.pop("id", None)
    return to_utf8(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _as_edits_leave_it(data: dict[str, Any]) -> dict[str, Any]:
    """The dumped form without the empty cells a file may store (one written elsewhere, an
    import), as an edit leaves a cell it empties (desktop/core/operations.py): a header field,
    a table cell or an indicator's column goes, and a funds row left empty goes too. An empty
    cell prints like a missing one; without this, typing into one and undoing changed the
    code of a form whose paper had not changed. Files without empty cells keep their codes."""

    def cells(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if v != ""}

    if "header" in data:
        data["header"] = cells(data["header"])
    if "funds" in data:
        funds = {row: cells(c) for row, c in data["funds"].items()}
        data["funds"] = {row: c for row, c in funds.items() if c or not data["funds"][row]}
    if "tables" in data:
        data["tables"] = {t: [cells(r) for r in rows] for t, rows in data["tables"].items()}
    for l1 in data.get("indicators", ()):
        for l2 in l1.get("children", ()):
            for ind in l2.get("indicators", ()):
                if "extra" in ind:
                    ind["extra"] = cells(ind["extra"])
    return data


def form_digest(form: Form) -> str:
    """The full sha256 of the form's canonical content, in hex."""
    return hashlib.sha256(canonical_content(form)).hexdigest()


def form_fingerprint(form: Form) -> str:
    """The first 12 hex digits of the digest, grouped for reading aloud: `1a2b-3c4d-5e6f`."""
    short = form_digest(form)[:SHORT_HEX]
    return "-".join(short[i : i + GROUP] for i in range(0, SHORT_HEX, GROUP))
