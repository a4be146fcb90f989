"""The system ending the program closes it like the window's close, without questions.

SIGTERM (shut-down, `kill`, a log-out on many desktops), SIGHUP (the terminal went away) and
the session manager's commitDataRequest / aboutToQuit reach `FileSession.end_session`: unsaved
work goes into the autosave (offered back at the next start) and the lock file is removed.
A Python signal handler only runs when Python gets control, so the signal is passed to the Qt
event loop through a socket (`signal.set_wakeup_fd`), which also wakes modal dialogs' loops.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from desktop.ui.file_session import FileSession

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class SessionEnd(QObject):
    def __init__(self, app: QGuiApplication, files: FileSession):
        super().__init__(app)
        self.files = files
        self.notifier: QSocketNotifier | None = None
        app.commitDataRequest.connect(self._commit_data)
        app.aboutToQuit.connect(files.end_session)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        try:
            signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        except ValueError:  # not the main thread: leave the signals alone
            return
        for number in SIGNALS:
            signal.signal(number, lambda *args: None)  # the wakeup fd carries it
        self.notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_signal)

    def _commit_data(self, manager) -> None:
        """The session manager asks to save before a log-out: the autosave holds the work."""
        self.files.autosave()

    def _on_signal(self, *args) -> None:
        data = b""
        with contextlib.suppress(OSError):  # BlockingIOError: nothing there after all
            data = self._reader.recv(64)
        if not any(number in data for number in SIGNALS):
            return
        self.files.end_session()
        QCoreApplication.exit(0)  # exit(), not quit(): quit() would ask the window to close


def install(app: QGuiApplication, files: FileSession) -> SessionEnd:
    return SessionEnd(app, files)
