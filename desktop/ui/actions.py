"""The window's commands as data: an id, the text, shortcuts, an icon and the function it
runs; and the menus as lists of ids. Other parts (the import dialog, the library panel, review
mode) add their entries to the table and a menu list instead of editing the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QWidget

from desktop.ui.icons import icon

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    handler: Callable[[], object]
    shortcuts: Sequence[Shortcut] = ()
    icon: str = ""  # one of the program's icons
    standard: QStyle.StandardPixmap | None = None  # else one of the style's
    tip: str = ""  # status-bar tip
    writes: bool = False  # changes the project: disabled while it is read-only


def make_action(widget: QWidget, spec: ActionSpec) -> QAction:
    action = QAction(spec.text, widget)
    action.setObjectName(spec.id)
    handler = spec.handler
    action.triggered.connect(lambda checked=False: handler())
    if spec.shortcuts:
        action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
    if spec.icon:
        action.setIcon(icon(spec.icon))
    elif spec.standard is not None:
        action.setIcon(widget.style().standardIcon(spec.standard))
    if spec.tip:
        action.setStatusTip(spec.tip)
    widget.addAction(action)
    return action


class ActionTable:
    """The QActions made from a list of specs, by id."""

    def __init__(self, widget: QWidget, specs: Sequence[ActionSpec] = ()):
        self.widget = widget
        self.specs: dict[str, ActionSpec] = {}
        self.actions: dict[str, QAction] = {}
        self.add(specs)

    def add(self, specs: Sequence[ActionSpec]) -> None:
        for spec in specs:
            if spec.id in self.actions:
                raise ValueError(f"action {spec.id} is defined twice")
            self.specs[spec.id] = spec
            self.actions[spec.id] = make_action(self.widget, spec)

    def put(self, action_id: str, action: QAction) -> None:
        """An action made elsewhere (undo/redo, a dock's toggle) under an id."""
        action.setObjectName(action_id)
        self.actions[action_id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def list(self, ids: Sequence[str | None]) -> list[QAction | None]:
        """Actions by id; None stays None (a separator)."""
        return [None if i is None else self.actions[i] for i in ids]

    def set_writable(self, writable: bool) -> None:
        for action_id, spec in self.specs.items():
            if spec.writes:
                self.actions[action_id].setEnabled(writable)

    def fill(self, menu: QMenu, ids: Sequence[str | None]) -> None:
        for action in self.list(ids):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def menus(self, bar: QMenuBar, layout: Sequence[tuple[str, Sequence[str | None]]]) -> None:
        """The menu bar from (title, ids) pairs."""
        for title, ids in layout:
            self.fill(bar.addMenu(title), ids)

