"""Indicator library benchmark: loading the shipped library (with pypinyin's dictionaries) in a
fresh process, and search latency with the initials precomputed at load (A) against computing
them per keystroke (B). Prints medians with min–max, CPU beside wall time.

Run `python tests/benchmarks/bench_library.py`. Goal: a keystroke's search < 5 ms, so the panel
keeps up with typing; loading < 1 s, paid once, when the panel is first shown.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.library import Library, fold, initials, shipped_library_dir

QUERIES = ["", "pxrc", "满意度", "合格率 教育", "ysgl", "xmgc"]


def measure(fn, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def fmt(values: list[float], unit: float = 1000.0) -> str:
    return (f"{statistics.median(values) * unit:7.2f} "
            f"({min(values) * unit:.2f}–{max(values) * unit:.2f})")  # fmt: skip


def naive_search(lib: Library, query: str) -> list:
    """B: the initials computed for every entry on every keystroke."""
    words = [fold(w) for w in query.split() if w]
    return [
        i.entry
        for i in lib.items
        if all(w in i.name or w in i.text or w in initials(i.entry.name) for w in words)
    ]


def main() -> None:
    code = (
        "import time; t=time.perf_counter(); c=time.process_time();"
        "from desktop.core.library import Library, shipped_library_dir;"
        "lib=Library.load([shipped_library_dir()]);"
        "print(time.perf_counter()-t, time.process_time()-c, len(lib.items))"
    )
    root = Path(__file__).resolve().parents[2]
    walls, cpus = [], []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=root, check=True).stdout.split()  # fmt: skip
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    print(f"load, fresh process ({out[2]} entries): wall {fmt(walls)} ms, cpu {fmt(cpus)} ms")

    lib = Library.load([shipped_library_dir()])
    print(f"{'query':<14}{'A precomputed: wall / cpu ms':>44}{'B per keystroke: wall ms':>34}")
    for q in QUERIES:
        a_wall, a_cpu = measure(lambda q=q: lib.search(q), 200)
        b_wall, _ = measure(lambda q=q: naive_search(lib, q), 5)
        print(f"{q or '(empty)':<14}{fmt(a_wall)} / {fmt(a_cpu)}   {fmt(b_wall)}")


if __name__ == "__main__":
    main()
