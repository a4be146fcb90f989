"""Editor start-up to its first painted frame, against a bare PySide6 QMainWindow.

Run: .venv/bin/python tests/benchmarks/bench_start.py [--runs 11] [--before OTHER_WORKTREE]

Both are started the same way, in fresh interpreters, alternating (bare, editor, bare, ...):
a QApplication is made, an event filter on the QMainWindow (installed by its show()) notes its
first Paint event, and a zero timer set from there (it runs once that frame has been painted
and flushed) prints the time; the parent measures from launching the process to that line. The
editor is started through its real entry point (`desktop.ui.app.main`) with the sample, with
its settings, state and data folders in a fresh temporary folder. The child's CPU time up to
the frame is printed next to the wall time.

Goal (issue 12, 2-core machine): the editor <= 2.5x the bare window.

A third program is the bare window that first imports pydantic and defines one model class, as
the editor must before it can show a project while the core's model is pydantic's: its ratio
to the bare window is the least the editor's can be.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.paired import PYDANTIC_ALONE, child_env  # noqa: E402

HOOK = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print("painted", time.process_time(), flush=True)
        os._exit(0)


# The filter watches the main window alone, installed as it is shown: the window is the first
# widget its frame paints (children after it, then the flush). A filter on the whole application
# would run Python for every event of every widget the editor builds: 742 against 614 ms of
# the editor's start (medians of 10, paired, 2026-12-01), a cost the bare window hardly pays.
first_paint = FirstPaint()
_show = QMainWindow.show


def show(window):
    window.installEventFilter(first_paint)
    _show(window)


QMainWindow.show = show
"""

BARE = (
    HOOK
    + """
window = QMainWindow()
window.resize(1280, 820)
window.show()
app.exec()
"""
)

# The bare window after pydantic, imported before Qt as the editor imports its core.
BARE_WITH_PYDANTIC = PYDANTIC_ALONE + BARE

# The editor's module is imported before the hook, as the real entry point imports it first:
# the hook's own `import PySide6` must not change the order in which the program imports
# (the editor imports its core before Qt; see desktop/ui/app.py).
EDITOR = (
    "from desktop.ui.app import main\n"
    + HOOK
    + """
main([])
"""
)


def start(script: str, home: Path, root: Path = ROOT) -> tuple[float, float]:
    """Seconds from launch to the first painted frame, and the child's CPU seconds, running
    the code of `root`."""
    env = dict(
        child_env(root),  # bytecode caches written, as an installed program runs
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=root, text=True,
    )  # fmt: skip
    line = child.stdout.readline() if child.stdout else ""
    wall = time.perf_counter() - began
    child.wait()
    if not line.startswith("painted"):
        raise RuntimeError("no frame was painted")
    return wall, float(line.split()[1])


def figure(what: str, values: list[tuple[float, float]], ref: float | None, goal: str) -> str:
    walls = [v[0] * 1000 for v in values]
    cpus = [v[1] * 1000 for v in values]
    med = statistics.median(walls)
    ratio = f"; {med / ref:.2f}x the bare window" if ref else ""
    return (
        f"{what}: {med:7.0f} ms wall [{min(walls):.0f}–{max(walls):.0f}], "
        f"{statistics.median(cpus):7.0f} ms CPU (median of {len(walls)}{ratio}; goal {goal})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--before", type=Path, help="a worktree of the code to compare with")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load: {load[0]:.2f} {load[1]:.2f} (1, 5 min); {os.cpu_count()} CPUs")
    bare: list[tuple[float, float]] = []
    editor: list[tuple[float, float]] = []
    before: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    old = args.before.resolve() if args.before else None
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        start(BARE, home), start(EDITOR, home)  # warm the file cache
        if old is not None:
            start(EDITOR, home, old)
        for i in range(args.runs):
            bare.append(start(BARE, home))
            floor.append(start(BARE_WITH_PYDANTIC, home))
            arms = [(editor, ROOT), (before, old)] if old is not None else [(editor, ROOT)]
            for out, root in arms if i % 2 == 0 else arms[::-1]:  # alternate which goes first
                out.append(start(EDITOR, home, root))
    ref = statistics.median(v[0] for v in bare) * 1000
    print(figure("start to first painted frame, bare QMainWindow", bare, None, "-"))
    print(figure("start to first painted frame, editor with the sample", editor, ref, "<= 2.5x"))
    cpu_ratio = statistics.median(v[1] for v in editor) / statistics.median(v[1] for v in bare)
    print(f"(CPU ratio editor / bare: {cpu_ratio:.2f}x)")
    print(figure("start to first painted frame, bare QMainWindow after pydantic", floor, ref,
                 "- (the least the editor can be)"))  # fmt: skip
    if before:
        print(figure(f"start to first painted frame, editor of {old}", before, ref, "<= 2.5x"))
        mine = statistics.median(v[1] for v in editor)
        print(f"(CPU editor / before: {mine / statistics.median(v[1] for v in before):.2f}x)")


if __name__ == "__main__":
    main()
