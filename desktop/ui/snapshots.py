"""Autosave without freezing the window: an immutable snapshot taken on the UI thread in
slices of a few milliseconds, put together and written on a worker thread.

Each form's file content (`storage.form_content`, encoded: its line of the file) is kept
between autosaves and made again only for a form the document says changed, so a snapshot
after an edit costs one form, and so does a save; the first one (after opening a big file)
is made a slice at a time between events. The snapshot is put together in one go once every
form's content is current, so it is the project as it was at that moment, never a mix of
moments. Nothing in it is shared with the live project: the worker reads only the snapshot.

Writes go one at a time, in order; `settle` waits for the one under way (before a snapshot is
discarded, so a late write can never bring a discarded snapshot back).
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.autosave import Autosaver
from desktop.core.model import Form
from desktop.core.naming import project_name
from desktop.core.storage import FormText, encode_file, encode_form, file_content, form_content

SLICE_S = 0.004  # UI-thread time per slice while a first snapshot is being taken


class FormContents:
    """The forms' file content, encoded, kept until the form changes."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Form, str]] = {}

    def drop(self, form_id: str) -> None:
        self._kept.pop(form_id, None)

    def clear(self) -> None:
        self._kept.clear()

    def get(self, form: Form) -> str | None:
        kept = self._kept.get(form.id)
        return kept[1] if kept is not None and kept[0] is form else None

    def current(self, forms: list[Form]) -> list[str]:
        """Every form's content, made now for those changed since it was last kept."""
        return [self.get(form) or self.make(form) for form in forms]

    def make(self, form: Form) -> str:
        content = encode_form(form_content(form))
        self._kept[form.id] = (form, content)
        return content


class BackgroundAutosave(QObject):
    """Takes snapshots of a document (`start`) and writes them on a worker thread."""

    written = Signal(object, int)  # the document and its revision now on disk
    failed = Signal(object)  # the OSError that stopped a write

    def __init__(self, autosaver: Autosaver, session: str, parent: QObject | None = None):
        super().__init__(parent)
        self.autosaver = autosaver
        self.session = session
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._future: Future[None] | None = None
        self._doc: Any = None
        self._source: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def busy(self) -> bool:
        return self._timer.isActive() or (self._future is not None and not self._future.done())

    def start(self, doc: Any, source: Path | None) -> None:
        """Snapshot `doc` (a Document with `form_contents`) from now on, between events."""
        self._doc, self._source = doc, source
        if not self._timer.isActive():
            self._timer.start()
        self._slice()

    def cancel(self) -> None:
        """Take no snapshot (one being written is still finished: see `settle`)."""
        self._timer.stop()
        self._doc = None

    def settle(self) -> None:
        """Wait until the snapshot being written is on disk (or failed)."""
        future = self._future
        if future is not None:
            future.exception()  # waits; the failure itself was reported by `failed`

    def _slice(self) -> None:
        doc = self._doc
        if doc is None:
            self._timer.stop()
            return
        project, contents = doc.project, doc.form_contents
        ends = time.perf_counter() + SLICE_S
        forms: list[FormText] = []
        made = False
        for form in project.forms:
            content = contents.get(form)
            if content is None:
                if made and time.perf_counter() > ends:
                    return  # the rest in the next slice (the timer runs again)
                content, made = contents.make(form), True
            forms.append(content)
        snapshot = file_content(project, forms)  # the project as it is at this moment
        revision, title, source = doc.revision, project_name(project), self._source
        self.cancel()
        if self._future is not None and not self._future.done():
            self.settle()  # one write at a time, in order (the previous one is nearly done)
        self.autosaver.hold(self.session)
        self._future = self._pool.submit(self._write, snapshot, doc, revision, title, source)

    def _write(
        self, snapshot: dict[str, Any], doc: Any, revision: int, title: str, source: Path | None
    ) -> None:
        try:
            self.autosaver.write(self.session, encode_file(snapshot), title, source)
        except OSError as exc:
            self.failed.emit(exc)
            raise
        self.written.emit(doc, revision)

    def shutdown(self) -> None:
        self.cancel()
        self._pool.shutdown(wait=True)
