"""Printing, whole process: `jixiao print` against plain ReportLab printing the same forms.

Run: .venv/bin/python tests/benchmarks/bench_print.py [--runs 5] [--big-runs 2]
                                                       [--before /path/to/other/worktree]

Each figure is measured in fresh processes, ours and the references alternating run by run so
that a change in the machine's load hits both alike. For every child: CPU (user + system, from
`os.wait4` of that child), wall time, and peak memory (the child's ru_maxrss, i.e. VmHWM).
Each side is run once before the timed runs, so that Python's bytecode caches exist for both
(the timed runs are run with PYTHONDONTWRITEBYTECODE unset, as an installed program runs).

The forms: `generate.big_project` (the 2024 project declaration, 30 indicators each, 2 pages a
form), 100 of them for time and 1000 for memory, written as a project file. Ours is the
command line `jixiao print FILE -o OUT.pdf` (load and validate the file, check every cell's
characters against the fonts, lay out, write the PDF). The references are
tests/benchmarks/print_reference.py (its docstring says what it does): with Paragraphs for the
user's text (what a straightforward ReportLab program printing these forms does) and `--plain`,
without any Paragraph (the cheapest ReportLab way to draw these texts in ruled tables; text
does not wrap there, so it is a lower bound, not the same pages). The goal is checked against
both.

`--before DIR` adds a third contender, `jixiao print` of another worktree (e.g. the starting
commit), alternating with the others, for paired before/after figures.

It prints `uptime` first: the machine is shared, and absolute times move with its load; the
ratios, measured in alternation, move much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.paired import child_env  # noqa: E402

GOAL_CPU = 1.3  # ours / plain ReportLab, CPU of the whole process, 100 forms
GOAL_RSS_MIB = 150.0  # ours, peak memory, 1000 forms


@dataclass
class Side:
    name: str
    argv: list[str]
    cwd: Path
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)

    def run(self, source: Path, out: Path, *, record: bool = True) -> None:
        env = child_env(self.cwd)
        argv = [a.format(source=source, out=out) for a in self.argv]
        t = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=self.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode != 0:
            raise SystemExit(f"{self.name} failed ({proc.returncode}): {err}")
        if record:
            self.cpu.append(usage.ru_utime + usage.ru_stime)
            self.wall.append(wall)
            self.rss.append(usage.ru_maxrss / 1024)  # KiB on Linux


def spread(values: list[float], unit: str, fmt: str = ".2f") -> str:
    med = statistics.median(values)
    return f"{med:{fmt}} {unit} [{min(values):{fmt}}–{max(values):{fmt}}]"


def ours(python: str, root: Path, name: str = "ours") -> Side:
    return Side(
        name, [python, "-m", "desktop.cli", "print", "{source}", "-o", "{out}", "--force"], root
    )


def references(python: str) -> list[Side]:
    script = str(ROOT / "tests" / "benchmarks" / "print_reference.py")
    return [
        Side("ReportLab (Paragraphs)", [python, script, "{source}", "{out}"], ROOT),
        Side(
            "ReportLab (plain, no Paragraph)",
            [python, script, "{source}", "{out}", "--plain"],
            ROOT,
        ),
    ]


def alternate(sides: list[Side], source: Path, tmp: Path, runs: int, warm: bool = True) -> None:
    for side in sides if warm else []:  # bytecode caches written, fonts in the page cache
        side.run(source, tmp / "warm.pdf", record=False)
    for i in range(runs):
        order = sides if i % 2 == 0 else sides[::-1]
        for side in order:
            side.run(source, tmp / f"{side.name[:4]}.pdf")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def write_project(path: Path, forms: int) -> None:
    """In a child: this process stays small, since a child's peak memory counts the memory
    of the parent it was forked from."""
    code = (
        "import sys; from pathlib import Path; from desktop.core.storage import dumps; "
        "from tests.benchmarks.generate import big_project; "
        "Path(sys.argv[1]).write_bytes(dumps(big_project(int(sys.argv[2]), 30)))"
    )
    subprocess.run([sys.executable, "-c", code, str(path), str(forms)], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="timed runs of 100 forms per side")
    parser.add_argument("--big-runs", type=int, default=2, help="runs of 1000 forms per side")
    parser.add_argument("--before", type=Path, help="another worktree to compare with")
    args = parser.parse_args()
    python = sys.executable
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime: {uptime}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        small, big = tmp / "p100.jixiao", tmp / "p1000.jixiao"
        write_project(small, 100)
        write_project(big, 1000)
        mine = ours(python, ROOT)
        refs = references(python)
        before = []
        if args.before:
            other = args.before / ".venv" / "bin" / "python"
            before = [ours(str(other) if other.exists() else python, args.before, "before")]
        sides = [mine, *refs, *before]
        alternate(sides, small, tmp, args.runs)
        print(f"print 100 forms (200 pages), whole process, {args.runs} alternating runs each:")
        for side in sides:
            print(
                f"  {side.name}: CPU {spread(side.cpu, 's')}, wall {spread(side.wall, 's')}, "
                f"peak RSS {spread(side.rss, 'MiB', '.0f')}"
            )
        cpu = statistics.median(mine.cpu)
        for ref in refs:
            ratio = cpu / statistics.median(ref.cpu)
            print(
                f"CPU ours / {ref.name}: {ratio:.2f}× "
                f"(goal ≤ {GOAL_CPU}×: {verdict(ratio <= GOAL_CPU)})"
            )
        if before:
            print(f"CPU ours / before: {cpu / statistics.median(before[0].cpu):.2f}×")
        for side in sides:
            side.cpu, side.wall, side.rss = [], [], []
        big_sides = [mine, refs[1], *before]
        if args.big_runs:
            alternate(big_sides, big, tmp, args.big_runs, warm=False)
            print(f"print 1000 forms (2000 pages), {args.big_runs} alternating runs each:")
            for side in big_sides:
                print(
                    f"  {side.name}: peak RSS {spread(side.rss, 'MiB', '.0f')}, "
                    f"CPU {spread(side.cpu, 's')}"
                )
            rss = statistics.median(mine.rss)
            print(
                f"peak memory ours: {rss:.0f} MiB, {rss / statistics.median(refs[1].rss):.2f}× "
                f"plain ReportLab (goal ≤ {GOAL_RSS_MIB:.0f} MiB: {verdict(rss <= GOAL_RSS_MIB)})"
            )
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
