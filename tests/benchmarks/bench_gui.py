"""Editor benchmark: start-up to the first shown window, and one cell edit with its re-check.

Run `python tests/benchmarks/bench_gui.py` (offscreen unless a display is set). Prints medians.

Goals (2-core machine): start-up with the sample project < 0.8 s and < 5x a bare Qt window
start (each measured in a fresh process, from launch until the window has been shown and the
event loop has run once); one indicator cell edit on the 300-form x 30-indicator project,
including the re-check of its form and the views' updates, < 16 ms (also on a self-evaluation
generated from one of its forms, where the edit re-scores the form).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 820)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

EDITOR = """
import sys
from PySide6.QtCore import QTimer
from desktop.ui.app import choose_language, make_app
app = make_app(sys.argv[:1], choose_language(None))
from desktop.ui.main_window import MainWindow
window = MainWindow()
window.files.open_sample()
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def start_time(script: str) -> float:
    """Seconds from launching a fresh interpreter until its window is shown."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    if line.strip() != "shown":
        raise RuntimeError("the window did not come up")
    return elapsed


def startup(runs: int) -> None:
    start_time(BARE), start_time(EDITOR)  # warm the file cache
    bare = statistics.median(start_time(BARE) for _ in range(runs))
    editor = statistics.median(start_time(EDITOR) for _ in range(runs))
    print(f"start-up, bare Qt window:            {bare * 1000:7.0f} ms (median of {runs})")
    print(
        f"start-up, editor with sample project: {editor * 1000:7.0f} ms "
        f"({editor / bare:.1f}x bare; goal < 800 ms and < 5x)"
    )


def cell_edit(forms: int, indicators: int, runs: int) -> None:
    import tempfile

    from PySide6.QtWidgets import QApplication

    from desktop.core.autosave import Autosaver
    from desktop.core.recent import RecentFiles
    from desktop.ui.app import make_app
    from desktop.ui.document import Document
    from desktop.ui.main_window import MainWindow
    from tests.benchmarks.generate import big_project

    app = make_app(sys.argv[:1], "zh")
    tmp = Path(tempfile.mkdtemp())
    window = MainWindow(Autosaver(tmp), RecentFiles(tmp))
    started = time.perf_counter()
    window.set_document(Document(big_project(forms, indicators)))
    opened = time.perf_counter() - started
    window.resize(1280, 820)
    window.show()
    form_id = window.doc.project.forms[forms // 2].id
    window.show_form(form_id)
    app.processEvents()
    tree = window.page.indicator_view.tree
    inds = [ind for _, _, ind in window.doc.form(form_id).iter_indicators()]
    header = window.page.fields["objective"]

    def timed(edit) -> float:
        times = []
        for i in range(runs):
            start = time.perf_counter()
            edit(i)
            QApplication.processEvents()  # the views' updates are part of the edit
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    value = timed(
        lambda i: tree.setData(tree.index_for(inds[i % len(inds)].uid, "target"), f"≥{i + 1}次")
    )
    name = timed(
        lambda i: tree.setData(tree.index_for(inds[i % len(inds)].uid, "name"), f"指标{i}")
    )
    keystroke = timed(lambda i: header._on_text(header.text() + "字"))
    undo = timed(lambda i: window.doc.undo_stack.undo())

    # A self-evaluation made from the same form: an edit there also re-scores the form and
    # refreshes the score cells, the funds block and the total.
    window.forms.generate_selfeval()
    selfeval = window.page.indicator_view.tree
    scored = [ind for _, _, ind in selfeval.form.iter_indicators()]
    for ind in scored:
        ind.actual = ind.target
    window.doc.form_changed(selfeval.form.id)
    actual = timed(
        lambda i: selfeval.setData(
            selfeval.index_for(scored[i % len(scored)].uid, "actual"), f"{i + 1}次"
        )
    )
    print(
        f"open {forms}-form x {indicators}-indicator project into the window: "
        f"{opened * 1000:.0f} ms"
    )
    print(
        f"cell edit (value) incl. re-check and views: {value * 1000:6.2f} ms "
        f"(median of {runs}; goal < 16 ms)"
    )
    print(f"cell edit (name):                          {name * 1000:6.2f} ms")
    print(f"header keystroke (merged undo step):       {keystroke * 1000:6.2f} ms")
    print(f"undo of one step:                          {undo * 1000:6.2f} ms")
    print(
        f"self-evaluation cell edit incl. re-score:  {actual * 1000:6.2f} ms "
        f"({len(scored)} indicators; goal < 16 ms)"
    )
    window.doc.undo_stack.setClean()
    window.close()


def main() -> None:
    startup(runs=7)
    cell_edit(forms=300, indicators=30, runs=60)


if __name__ == "__main__":
    main()
