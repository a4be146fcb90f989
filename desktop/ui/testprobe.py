"""A test-only probe: the running editor tells a real-window test where things are on screen.

Off unless the environment variable `JIXIAO_TEST_PROBE` names a socket path; then the editor
listens on that local socket and answers one JSON request per connection with one JSON line.
The tests in tests/e2e/ ask it for the global geometry of named widgets, of a view's items and
cells, and for what has the focus or is popped up, and then click there with real X input, so
they do not depend on pixel positions of the layout. The probe only reads; it never edits.

Requests (`op` and its arguments):
- `state`: title, focus widget, active popup, active modal dialog, visible top-level windows
- `widget` name: the first visible widget with that object name
- `find` text [cls]: the first visible button, label or tab whose text contains `text`
- `item` text [view]: the first item of a visible item view whose text contains `text`
- `cell` view row column [path]: a cell of the named view (path: the parent rows in a tree)
- `text` name: the text a named line edit, text edit or combo box shows
- `targets`: rects of the visible widgets and cells a user can click (for the monkey)
"""

from __future__ import annotations

import itertools
import json
import os
import socket
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QRect, QSocketNotifier, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabBar,
    QTextEdit,
    QWidget,
)

ENV = "JIXIAO_TEST_PROBE"
_MAX_REQUEST = 65536


def _reveal(widget: QWidget, local: QRect | None = None) -> None:
    """Scroll every scroll area around `widget` so that `local` (or the widget) shows."""
    area = widget.rect() if local is None else local
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            center = widget.mapTo(parent.widget(), area.center())
            parent.ensureVisible(center.x(), center.y(), area.width() // 2, area.height() // 2)
        parent = parent.parentWidget()


def _rect(widget: QWidget, local: QRect | None = None) -> list[int]:
    """[x, y, width, height] in global (screen) coordinates, clipped to what shows of the
    widget (scroll areas and the window's edges hide parts)."""
    area = widget.rect() if local is None else local.intersected(widget.rect())
    shown = widget.visibleRegion().boundingRect()
    if not shown.isEmpty():
        area = area.intersected(shown) if not area.intersected(shown).isEmpty() else area
    top_left = widget.mapToGlobal(area.topLeft())
    return [top_left.x(), top_left.y(), area.width(), area.height()]


def _describe(widget: QWidget | None) -> dict[str, Any] | None:
    if widget is None:
        return None
    return {
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "rect": _rect(widget),
        "title": widget.windowTitle(),
        "text": _widget_text(widget),
        "input": isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)),
        "directory": widget.directory().absolutePath() if isinstance(widget, QFileDialog) else None,
    }


def _visible_widgets() -> list[QWidget]:
    out: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        out.append(top)
        out.extend(w for w in top.findChildren(QWidget) if w.isVisible())
    return out


def _inside(widget: QWidget, name: str) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == name:
            return True
        parent = parent.parentWidget()
    return False


def _widget_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, (QAbstractButton, QLabel)):
        return widget.text()
    return ""


def _walk(model, parent: QModelIndex, depth: int = 0):
    if depth > 6:
        return
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _walk(model, index, depth + 1)


def _index_rect(view: QAbstractItemView, index: QModelIndex) -> list[int] | None:
    view.scrollTo(index)
    local = view.visualRect(index)
    if local.isEmpty():
        return None
    viewport = view.viewport()
    _reveal(viewport, local)
    local = view.visualRect(index)
    clipped = local.intersected(viewport.rect())
    if clipped.isEmpty():
        return None
    return _rect(viewport, clipped)


class Probe(QObject):
    def __init__(self, path: str, parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        with suppress(FileNotFoundError):
            os.unlink(path)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(8)
        self.server.setblocking(False)
        self.notifier = QSocketNotifier(self.server.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._accept)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.server.close()
        with suppress(OSError):
            os.unlink(self.path)

    def _accept(self, *args) -> None:
        try:
            conn, _ = self.server.accept()
        except (BlockingIOError, OSError):
            return
        with conn:
            conn.settimeout(2)
            data = b""
            try:
                while not data.endswith(b"\n") and len(data) < _MAX_REQUEST:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                request = json.loads(data.decode("utf-8"))
                reply = self.handle(request)
            except Exception as exc:  # the probe must never take the editor down
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            with suppress(OSError):
                conn.sendall(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")

    # --- requests -----------------------------------------------------------------------------

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        method = getattr(self, f"op_{op}", None)
        if method is None:
            return {"error": f"unknown op {op!r}"}
        return method(**{k: v for k, v in request.items() if k != "op"})

    def op_state(self) -> dict[str, Any]:
        app = QApplication.instance()
        modal = app.activeModalWidget()
        window = app.activeWindow()
        tops = [
            _describe(w)
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() != Qt.WindowType.ToolTip
        ]
        return {
            "pid": os.getpid(),
            "focus": _describe(app.focusWidget()),
            "popup": _describe(app.activePopupWidget()),
            "modal": _describe(modal),
            "active": _describe(window),
            "dialogs": [
                _describe(w)
                for w in app.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible()
            ],
            "windows": tops,
        }

    def op_widget(self, name: str, within: str | None = None) -> dict[str, Any]:
        """The first visible widget named `name` (inside the one named `within`, if given)."""
        for widget in _visible_widgets():
            if widget.objectName() == name and (within is None or _inside(widget, within)):
                _reveal(widget)
                return {
                    "rect": _rect(widget),
                    "class": type(widget).__name__,
                    "text": _widget_text(widget),
                }
        return {"error": f"no visible widget named {name!r}"}

    def op_text(self, name: str) -> dict[str, Any]:
        """The text of the visible widget of that name, else of a hidden one (the pages of the
        forms shown last are kept hidden, each with widgets of the same names)."""
        hidden = (
            w for top in QApplication.topLevelWidgets() for w in [top, *top.findChildren(QWidget)]
        )
        for widget in itertools.chain(_visible_widgets(), hidden):
            if widget.objectName() == name:
                return {"text": _widget_text(widget)}
        return {"error": f"no widget named {name!r}"}

    def op_find(self, text: str, cls: str | None = None) -> dict[str, Any]:
        for widget in _visible_widgets():
            if cls and type(widget).__name__ != cls:
                continue
            if isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    if text in widget.tabText(i):
                        return {"rect": _rect(widget, widget.tabRect(i))}
                continue
            if isinstance(widget, (QAbstractButton, QLabel)):
                shown = widget.text().replace("&", "")
                if text in shown or (
                    isinstance(widget, QAbstractButton) and text in widget.toolTip()
                ):
                    return {"rect": _rect(widget), "class": type(widget).__name__}
        return {"error": f"no visible button or label with {text!r}"}

    def _views(self, view: str | None) -> list[QAbstractItemView]:
        views = [w for w in _visible_widgets() if isinstance(w, QAbstractItemView)]
        if view:
            views = [v for v in views if v.objectName() == view]
        return views

    def op_item(
        self, text: str, view: str | None = None, exact: bool = False, column: int = 0
    ) -> dict[str, Any]:
        """The first row whose text in `column` (the first by default) has or is `text`."""
        for candidate in self._views(view):
            model = candidate.model()
            if model is None:
                continue
            for row in _walk(model, candidate.rootIndex()):
                index = row.siblingAtColumn(column) if column else row
                shown = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if (shown == text) if exact else (text in shown):
                    rect = _index_rect(candidate, index)
                    if rect is not None:
                        return {"rect": rect, "view": candidate.objectName(), "text": shown}
        return {"error": f"no visible item with {text!r}"}

    def op_cell(
        self, view: str, row: int, column: int, path: list[int] | None = None
    ) -> dict[str, Any]:
        views = self._views(view)
        if not views:
            return {"error": f"no visible view named {view!r}"}
        target = views[0]
        model = target.model()
        parent = target.rootIndex()
        for r in path or []:
            parent = model.index(r, 0, parent)
            if hasattr(target, "expand"):
                target.expand(parent)
        index = model.index(row, column, parent)
        if not index.isValid():
            return {"error": f"no cell {row},{column} under {path} in {view!r}"}
        rect = _index_rect(target, index)
        if rect is None:
            return {"error": f"cell {row},{column} of {view!r} is not on screen"}
        return {
            "rect": rect,
            "text": str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            "edit": str(index.data(Qt.ItemDataRole.EditRole) or ""),
            "rows": model.rowCount(parent),
            "columns": model.columnCount(parent),
        }

    def op_targets(self) -> dict[str, Any]:
        """Where a user might click: editable fields, buttons, tabs, and item view cells."""
        app = QApplication.instance()
        popup = app.activePopupWidget()
        modal = app.activeModalWidget()
        scope = popup or modal
        widgets = (
            [scope, *[w for w in scope.findChildren(QWidget) if w.isVisible()]]
            if scope is not None
            else _visible_widgets()
        )
        out: list[dict[str, Any]] = []
        if scope is not None:  # a menu or a dialog: anywhere in it
            out.append({"kind": "scope", "rect": _rect(scope), "name": scope.objectName()})
        for widget in widgets:
            if not widget.isEnabled():
                continue
            kind = None
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)):
                kind = "field"
            elif isinstance(widget, QAbstractButton):
                kind = "button"
            elif isinstance(widget, QTabBar):
                kind = "tabs"
            if kind:
                out.append({"kind": kind, "rect": _rect(widget), "name": widget.objectName()})
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                viewport = widget.viewport()
                model = widget.model()
                for index in _walk(model, widget.rootIndex()):
                    for column in range(min(model.columnCount(index.parent()), 12)):
                        cell = index.siblingAtColumn(column)
                        local = widget.visualRect(cell).intersected(viewport.rect())
                        if not local.isEmpty():
                            out.append(
                                {
                                    "kind": "cell",
                                    "rect": _rect(viewport, local),
                                    "name": widget.objectName(),
                                }
                            )
                    if len(out) > 600:
                        break
        return {"targets": out, "scope": _describe(scope)}


def install_from_env(parent: QObject) -> Probe | None:
    """The probe, when the environment asks for it (tests only); otherwise nothing at all."""
    path = os.environ.get(ENV)
    if not path:
        return None
    return Probe(path, parent)
