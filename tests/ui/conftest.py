"""Qt tests run offscreen, with the app's font and Chinese catalogue, any Qt warning failing the
test, and every dialog answered by the `answers` fixture instead of a person."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop.core.autosave import Autosaver
from desktop.core.recent import RecentFiles
from desktop.core.resources import samples_dir
from desktop.ui import dialogs, prompts, refguard
from desktop.ui.app import install_translations, use_bundled_font
from desktop.ui.main_window import MainWindow

_HERE = Path(__file__).parent
# The offscreen platform says this about every top-level window; it is not our warning.
_OFFSCREEN_NOISE = "This plugin does not support"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def _app_setup(qapp):
    use_bundled_font(qapp)
    install_translations(qapp, "zh")
    # As the app does (make_app): PySide6 6.12 loses a reference to None on some conversions,
    # and a long run of UI tests aborted with "none_dealloc" (tests/ui/test_forms.py, then
    # test_models.py and test_editing.py, in one process).
    guard = refguard.install(qapp)
    yield qapp
    if guard is not None:
        guard.timer.stop()
    # Text left on the offscreen clipboard crashed the interpreter at exit (exit code 139,
    # a segfault in Qt's teardown after the last test) whenever a test had copied something.
    qapp.clipboard().clear()


@dataclass
class Answers:
    """What the 'user' answers; tests change these and read what was asked."""

    save_changes: str = "discard"
    recovery: str = "later"
    file_changed: str = "cancel"
    locked: str = "cancel"
    print_scope: str = "form"
    print_warnings: bool = True
    print_with_errors: str = "print"
    delete_category: bool = True
    open_file: str = ""
    save_file: str = ""
    kind: tuple | None = None
    item: tuple[str, bool] = ("", False)
    asked: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    about: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def _no_pages_built_ahead(monkeypatch):
    """The next form's page is built a moment after a form is shown (workspace.PREFETCH_MS):
    not in tests that count pages or wait, unless they ask for it (see test_kept_pages.py)."""
    from desktop.ui import workspace

    monkeypatch.setattr(workspace, "PREFETCH_MS", None)


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """The layout the editor remembers goes to a folder of the test's own."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield tmp_path / "qs"


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> Answers:
    a = Answers()

    def answer(name: str):
        def ask(*args, **kwargs):
            a.asked.append(name)
            return getattr(a, name)

        return ask

    monkeypatch.setattr(prompts, "ask_save_changes", answer("save_changes"))
    monkeypatch.setattr(prompts, "ask_recovery", answer("recovery"))
    monkeypatch.setattr(prompts, "ask_file_changed", answer("file_changed"))
    monkeypatch.setattr(prompts, "ask_locked", answer("locked"))
    monkeypatch.setattr(prompts, "ask_print_scope", answer("print_scope"))
    monkeypatch.setattr(prompts, "confirm_print_warnings", answer("print_warnings"))
    monkeypatch.setattr(prompts, "ask_print_with_errors", answer("print_with_errors"))
    monkeypatch.setattr(prompts, "confirm_delete_category", answer("delete_category"))
    monkeypatch.setattr(dialogs, "pick_kind", answer("kind"))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer("item")))

    def warning(parent, title, text, *args, **kwargs):
        a.errors.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda parent, title, text: a.about.append(text))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (a.open_file, ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (a.save_file, ""))
    )
    return a


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A main window with its own autosave and recent-files folders."""

    def make(path: Path | None = None, state: Path | None = None) -> MainWindow:
        window = MainWindow(
            Autosaver(state or tmp_path / "state"), RecentFiles(tmp_path / "config")
        )
        qtbot.addWidget(window)
        if path is None:
            window.files.open_sample()
        else:
            assert window.files.open_path(path)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def sample(name: str) -> Path:
    return samples_dir() / name


SAMPLES = sorted(p.name for p in samples_dir().glob("*.jixiao"))


def count_page_builds(monkeypatch) -> list[str]:
    """The forms whose pages the window builds from now on, in order."""
    from desktop.ui import workspace

    built: list[str] = []
    page_class = workspace.FormPage

    def counted(doc, form_id, *args, **kwargs):
        built.append(form_id)
        return page_class(doc, form_id, *args, **kwargs)

    monkeypatch.setattr(workspace, "FormPage", counted)
    return built
