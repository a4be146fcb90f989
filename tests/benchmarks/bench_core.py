"""Core benchmark: load, full check and save of a 300-form × 30-indicator project, and the
re-check after one edited indicator. Prints figures; run `python tests/benchmarks/bench_core.py`.

Goals (2-core machine): load + full check < 1 s and < 5× a bare json.loads of the same file;
incremental re-check < 5 ms.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.checks import ProjectChecker
from desktop.core.kinds import default_registry
from desktop.core.model import Project
from desktop.core.storage import dumps, load_project, save_project
from tests.benchmarks.generate import big_project


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def load_and_check(path: Path) -> tuple[Project, ProjectChecker]:
    project = load_project(path).project
    checker = ProjectChecker(project, default_registry())
    checker.check_all()
    return project, checker


def cold(path: Path) -> None:
    default_registry()
    start = time.perf_counter()
    load_and_check(path)
    print(time.perf_counter() - start)


def main(forms: int = 300, indicators: int = 30, repeat: int = 7) -> None:
    default_registry()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jixiao"
        path.write_bytes(dumps(big_project(forms, indicators)))
        raw = path.read_bytes()
        print(f"project: {forms} forms × {indicators} indicators, {len(raw) / 1e6:.2f} MB")

        t_json, _ = timed(lambda: json.loads(raw), repeat)

        t_load, _ = timed(lambda: load_project(path), repeat)
        # Cold, as on opening a file in a freshly started program: one process per run.
        runs = [
            float(subprocess.check_output([sys.executable, __file__, "--cold", str(path)]))
            for _ in range(repeat)
        ]
        t_total = statistics.median(runs)
        project, checker = load_and_check(path)
        t_save, _ = timed(lambda: save_project(project, path), repeat)

        form = project.forms[forms // 2]
        ind = form.indicators[0].children[0].indicators[0]
        edits = []
        for n in range(200):
            ind.target = f"≥{n + 1}次" if n % 2 else ""
            start = time.perf_counter()
            checker.recheck(form.id)
            edits.append(time.perf_counter() - start)
        t_edit = statistics.median(edits)

    print(f"bare json.loads:        {t_json * 1000:8.1f} ms")
    print(f"load (validate):        {t_load * 1000:8.1f} ms")
    print(f"load + full check:      {t_total * 1000:8.1f} ms  (goal < 1000 ms)")
    print(f"ratio to json.loads:    {t_total / t_json:8.1f} ×  (goal < 5 ×)")
    print(f"save (atomic + backup): {t_save * 1000:8.1f} ms")
    print(f"re-check after 1 edit:  {t_edit * 1000:8.3f} ms  (goal < 5 ms; median of 200)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold"]:
        cold(Path(sys.argv[2]))
    else:
        main()
