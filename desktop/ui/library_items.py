"""Library entries as the Qt layer moves them: drag payloads and insertion into a form.

The panel (library_dock) makes the payload; the indicator tree's model accepts it on a drop.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from desktop.core.library import ENTRY_KEYS, Entry, PlacementError, library_insert
from desktop.core.model import Indicator, Level2
from desktop.ui.i18n import tr

MIME_LIBRARY = "application/x-jixiao-library-entry"


def entries_to_mime(entries: list[Entry]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_LIBRARY, json.dumps([e.as_dict() for e in entries]).encode("utf-8"))
    mime.setText("\n".join(f"{e.name}\t{e.target_text()}" for e in entries))
    return mime


def entries_from_mime(mime: QMimeData) -> list[Entry]:
    """The entries a drag from the library panel carries ([] for anything else)."""
    if not mime.hasFormat(MIME_LIBRARY):
        return []
    try:
        rows = json.loads(bytes(mime.data(MIME_LIBRARY).data()).decode("utf-8"))
        return [Entry.model_validate({k: r.get(k, "") for k in ENTRY_KEYS}) for r in rows]
    except (ValueError, TypeError, AttributeError):
        return []


def insert_entries(doc, form_id: str, entries: list[Entry], level2: Level2 | None = None,
                   index: int = -1) -> list[Indicator]:  # fmt: skip
    """Put `entries` into the form as one undo step (the core's `library_insert` through the
    document's funnel); returns the new indicators ([] when the document refuses changes or
    the form has no category for them)."""
    try:
        edit, added = library_insert(doc.form(form_id), entries,
                                     level2.uid if level2 else None, index)  # fmt: skip
    except PlacementError:
        return []
    if edit is None:
        return []
    text = (
        tr("从指标库插入“{0}”").format(added[0].name)
        if len(added) == 1
        else tr("从指标库插入 {0} 个指标").format(len(added))
    )
    return added if doc.apply(edit, text) else []
