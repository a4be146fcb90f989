"""A short hash of a form's content, printed in each page's footer and shown in the editor.

A signed paper is matched to the file version it came from by comparing this code: the same
content gives the same code on any PC, and any change to a cell gives a different one. The form's
id is left out (it is bookkeeping, not content), its kind is kept (the same cells in another
layout are another paper).
"""

from __future__ import annotations

import hashlib
import json

from desktop.core.display import to_utf8
from desktop.core.model import Form

SHORT_HEX = 12  # 48 bits: collisions between versions of one form are not a practical concern
GROUP = 4


def canonical_content(form: Form) -> bytes:
    """The form's content as canonical JSON: sorted keys, no whitespace, UTF-8."""
    data = form.model_dump(mode="json", exclude_defaults=True)
    data.pop("id", None)
    return to_utf8(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def form_digest(form: Form) -> str:
    """The full sha256 of the form's canonical content, in hex."""
    return hashlib.sha256(canonical_content(form)).hexdigest()


def form_fingerprint(form: Form) -> str:
    """The first 12 hex digits of the digest, grouped for reading aloud: `1a2b-3c4d-5e6f`."""
    short = form_digest(form)[:SHORT_HEX]
    return "-".join(short[i : i + GROUP] for i in range(0, SHORT_HEX, GROUP))
