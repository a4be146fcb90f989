"""Timing editor interactions inside a running event loop, the way a user meets them.

Each step runs from a timer under `app.exec()`; it is timed from its start until the event loop
has nothing more to do: the last time the loop was about to wait for events
(QAbstractEventDispatcher.aboutToBlock) before a quiet period of `settle_ms` with no work. So
the figure holds everything the step set off: posted events, zero timers, delayed layouts, the
repaint of what changed, objects deleted later. CPU time (this process, all threads) is taken at
the same moments. The text cursor's blinking is switched off so the quiet period is quiet.

Shared by bench_gui.py and bench_big.py; also usable on an older checkout (public API only).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractEventDispatcher, QTimer
from PySide6.QtWidgets import QApplication


@dataclass
class Figure:
    """One measured step: wall and CPU seconds."""

    wall: float
    cpu: float


class LoopTimer:
    def __init__(self, app: QApplication, settle_ms: int = 40):
        self.app = app
        self.settle_ms = settle_ms
        app.setCursorFlashTime(0)
        self._idle = (time.perf_counter(), time.process_time())
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._about_to_block)

    def _about_to_block(self) -> None:
        self._idle = (time.perf_counter(), time.process_time())

    def run(
        self,
        steps: list[tuple[Callable[[], object] | None, Callable[[], object]]],
    ) -> list[Figure]:
        """Run (prepare, action) pairs in the event loop; only the actions are timed."""
        out: list[Figure] = []
        pending = list(steps)
        state: dict[str, float] = {}

        def next_step() -> None:
            if not pending:
                self.app.exit(0)
                return
            prepare, _ = pending[0]
            if prepare is not None:
                prepare()
            QTimer.singleShot(self.settle_ms, go)

        def go() -> None:
            _, action = pending.pop(0)
            state["wall"], state["cpu"] = time.perf_counter(), time.process_time()
            action()
            QTimer.singleShot(self.settle_ms, finish)

        def finish() -> None:
            wall, cpu = self._idle  # the loop's last wait began when the step's work ended
            out.append(Figure(max(0.0, wall - state["wall"]), max(0.0, cpu - state["cpu"])))
            QTimer.singleShot(0, next_step)

        QTimer.singleShot(0, next_step)
        self.app.exec()
        return out


def summary(figures: list[Figure], scale: float = 1000.0) -> tuple[float, float, float, float]:
    """Median wall, min wall, max wall, median CPU (milliseconds by default)."""
    walls = [f.wall * scale for f in figures]
    cpus = [f.cpu * scale for f in figures]
    return statistics.median(walls), min(walls), max(walls), statistics.median(cpus)


def line(what: str, figures: list[Figure], goal: str, reference: float | None = None) -> str:
    """One printed line: median wall [min–max], median CPU, ratio to a reference, the goal."""
    med, lo, hi, cpu = summary(figures)
    ratio = f"; {med / reference:.1f}x ref {reference:.1f} ms" if reference else ""
    return (
        f"{what}: {med:8.2f} ms wall [{lo:.2f}–{hi:.2f}], {cpu:8.2f} ms CPU "
        f"(median of {len(figures)}{ratio}; goal {goal})"
    )
