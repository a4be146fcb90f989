"""Where the editor remembers its layout between runs (window, docks, splitters): one INI
file in the user's configuration folder. Tests point Qt at a folder of their own."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "jixiao"
APPLICATION = "jixiao-gui"


def settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def sizes(key: str) -> list[int]:
    """Splitter sizes stored under `key`, [] when none (or unreadable)."""
    value = settings().value(key)
    if not isinstance(value, list):
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []


def set_sizes(key: str, values: list[int]) -> None:
    settings().setValue(key, [int(v) for v in values])


def restore_window(window, splitter, default: tuple[int, int] = (1366, 860)) -> None:
    """The window's size, docks and forms-list width as the user left them; the first time,
    the default size shrunk to the screen (1366×768 is the common office screen)."""
    from PySide6.QtGui import QGuiApplication

    store = settings()
    geometry = store.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        screen = window.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        if free is None:
            window.resize(*default)
        else:
            frame = 30  # title bar and borders the window manager adds
            width = min(default[0], free.width())
            height = min(default[1], free.height() - frame)
            window.resize(width, height)
            window.move(free.left() + (free.width() - width) // 2, free.top())
    state = store.value("window/state")
    if state is not None:
        window.restoreState(state)
    widths = sizes("window/forms-split")
    if len(widths) == 2 and all(w > 0 for w in widths):
        splitter.setSizes(widths)


def save_window(window, splitter) -> None:
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    set_sizes("window/forms-split", splitter.sizes())
