"""Opening a project does not wait for what can come later: the history of projects is
recorded on a worker thread, and the import machinery is not loaded before it is used."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from desktop.core.history import History
from desktop.core.storage import load_project as load
from desktop.core.storage import save_project
from tests.ui.conftest import sample

ROOT = Path(__file__).resolve().parents[2]


def test_the_history_is_recorded_off_the_ui_thread(make_window, tmp_path, monkeypatch):
    threads = []
    real = History.record

    def record(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(History, "record", record)
    path = tmp_path / "p.jixiao"
    save_project(load(sample("2026-department-and-projects.jixiao")).project, path)
    window = make_window(path)
    window.library.settle()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert History(window.files.recent.path.parent / "history.json").entries()


def test_the_window_comes_up_without_the_importers():
    code = (
        "import sys\n"
        "from desktop.ui.import_flow import ImportFlow\n"
        "from desktop.ui.main_window import MainWindow\n"
        "print(sorted(m for m in sys.modules if m.startswith('desktop.core.importing')"
        " or m == 'desktop.ui.import_preview'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.stdout.strip() == "[]"
