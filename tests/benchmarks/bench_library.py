"""Indicator library benchmark: loading the shipped library in a fresh process, the first
pinyin search over a name of the user's own (with its first search, every name's initials are
worked out from pinyin-letters.txt; pypinyin's dictionaries are not loaded), and search latency
with each name's initials worked out once (A) against working them out with pypinyin per
keystroke (B). Prints medians with min–max, CPU beside wall time.

Run `python tests/benchmarks/bench_library.py`. Goal: a keystroke's search < 5 ms, so the panel
keeps up with typing; loading < 1 s, paid once, when the panel is first shown.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.library import Library, fold, initials, shipped_library_dir  # noqa: E402

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


def fresh(code: str, runs: int = 5) -> tuple[list[float], list[float], list[str]]:
    """Wall and CPU seconds `code` prints first, over `runs` fresh processes; and the last
    process's printed words."""
    walls, cpus, out = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=ROOT, check=True).stdout.split()  # fmt: skip
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    return walls, cpus, out


def main() -> None:
    code = (
        "import time; t=time.perf_counter(); c=time.process_time();"
        "from desktop.core.library import Library, shipped_library_dir;"
        "lib=Library.load([shipped_library_dir()]);"
        "print(time.perf_counter()-t, time.process_time()-c, len(lib.items))"
    )
    walls, cpus, out = fresh(code)
    print(
        f"load, fresh process, imports included ({out[2]} entries): "
        f"wall {fmt(walls)} ms, cpu {fmt(cpus)} ms"
    )
    first = (
        "import time; from desktop.core.library import Library, Entry, shipped_library_dir;"
        "lib=Library.load([shipped_library_dir()]);"
        "lib.add('mine.json', [Entry(sector='教育', level1='产出指标', level2='数量指标',"
        " name='结业考核通过率', explanation='x', operator='≥', value='90',"
        " unit='%', direction='higher', source='x', url='')]);"
        "t=time.perf_counter(); c=time.process_time(); lib.search('jykh');"
        "print(time.perf_counter()-t, time.process_time()-c)"
    )
    walls, cpus, _ = fresh(first)
    print(f"first pinyin search, shipped library and a name of ones own: "
          f"wall {fmt(walls)} ms, cpu {fmt(cpus)} ms")  # fmt: skip

    lib = Library.load([shipped_library_dir()])
    print(f"{'query':<14}{'A initials once: wall / cpu ms':>44}{'B per keystroke: wall ms':>34}")
    for q in QUERIES:
        a_wall, a_cpu = measure(lambda q=q: lib.search(q), 200)
        b_wall, _ = measure(lambda q=q: naive_search(lib, q), 5)
        print(f"{q or '(empty)':<14}{fmt(a_wall)} / {fmt(a_cpu)}   {fmt(b_wall)}")


if __name__ == "__main__":
    main()
