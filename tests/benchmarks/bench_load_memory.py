"""Memory and time of `jixiao check` on files at the size limit: the hostile shapes of
tests/hostile/generate.py (31 MB of empty indicators, of small indicators, of strings, of
numbers, of forms, of header keys), the largest file of each shape the load budget admits
(`at_budget`), and real projects (500 forms of 40 indicators, and 880, about the most of that
shape the budget admits, and 1000, which it refuses). Each run is a fresh
process; peak RSS is its VmHWM.

This is what storage.LOAD_BUDGET (OBJECT_COST, VALUE_COST, FORM_COST) was set from: every
refused shape, and every shape at the budget, must stay under 300 MB with room to spare.

Run: .venv/bin/python tests/benchmarks/bench_load_memory.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.hostile import generate as g  # noqa: E402

# The child's own peak: VmHWM of its memory map. Not getrusage's ru_maxrss, which Linux carries
# over an exec from the forked copy of this process (it holds the generated 31 MB shapes), so
# every file read as at least this process's size (973 MB for a 3 MB file).
CHILD = (
    "import sys\n"
    "from desktop.cli import main\n"
    "code = main(['check', sys.argv[1]])\n"
    "status = open('/proc/self/status').read()\n"
    "sys.stderr.write('\\nMAXRSS %s\\n' % status.split('VmHWM:')[1].split()[0])\n"
    "sys.exit(code)\n"
)


def real_project(path: Path, forms: int, indicators: int) -> None:
    data = json.loads((ROOT / "resources" / "samples" / g.BASE).read_bytes())
    form = data["forms"][0]
    level2 = form["indicators"][0]["children"][0]
    level2["indicators"] = [
        {"name": f"指标名称{i}", "target": f"≥{i}次", "actual": f"{i}次", "weight": "5",
         "deviation": "无偏差"} for i in range(indicators)
    ]  # fmt: skip
    data["forms"] = [{**form, "id": f"f{i}"} for i in range(forms)]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def measure(path: Path) -> tuple[int, float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, cwd=ROOT)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    err = proc.stderr.decode("utf-8", "replace")
    rss = next(int(x.split()[1]) for x in err.splitlines() if x.startswith("MAXRSS "))
    return proc.returncode, rss / 1024, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shapes = {
        "31 MB empty indicators": g.empty_indicators,
        "31 MB small indicators": g.small_indicators,
        "31 MB strings": g.many_strings,
        "31 MB numbers": g.many_numbers,
        "31 MB forms": g.many_forms,
        "31 MB header keys": g.many_header_keys,
        "at budget: empty indicators": g.at_budget(g.spread_empty_indicators),
        "at budget: small indicators": g.at_budget(g.spread_small_indicators),
        "at budget: strings": g.at_budget(g.many_strings),
        "at budget: numbers": g.at_budget(g.many_numbers),
        "at budget: forms": g.at_budget(g.many_forms),
        "at budget: self-evaluation forms": g.at_budget(g.many_selfeval_forms),
        "at budget: header keys": g.at_budget(g.many_header_keys),
        "500 forms x 40 indicators": lambda p: real_project(p, 500, 40),
        "880 forms x 40 indicators": lambda p: real_project(p, 880, 40),
        "1000 forms x 40 indicators": lambda p: real_project(p, 1000, 40),
    }
    print(f"{'file':<28} {'MB':>5} {'exit':>4} {'peak RSS MB':>22} {'wall s':>18} {'CPU s':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in shapes.items():
            path = Path(folder) / "f.jixiao"
            make(path)
            size = path.stat().st_size / 1048576
            runs = [measure(path) for _ in range(args.runs)]
            rss = [r[1] for r in runs]
            wall = [r[2] for r in runs]
            cpu = statistics.median(r[3] for r in runs)
            print(
                f"{name:<28} {size:>5.1f} {runs[0][0]:>4} "
                f"{statistics.median(rss):>7.0f} ({min(rss):.0f}–{max(rss):.0f}) "
                f"{statistics.median(wall):>6.2f} ({min(wall):.2f}–{max(wall):.2f}) {cpu:>6.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
