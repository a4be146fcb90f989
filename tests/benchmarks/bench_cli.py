"""CLI benchmark: `jixiao check` on a small sample, the whole process, against `python -c pass`.

    python tests/benchmarks/bench_cli.py [--rounds 15] [--before /path/to/old/worktree]
    python tests/benchmarks/bench_cli.py --importtime   # where the start-up goes

Both are fresh processes of the same interpreter, run in alternating order (see
tests/benchmarks/paired.py); the CPU figure is the child's user + system time as the kernel
counted it, next to the wall time. The command is run as the installed `jixiao` script runs it
(`from desktop.cli import main`), from this worktree or, with --before, from another one.

Goal (issue 12): ≤ 8× `python -c pass`.

A third process imports pydantic and defines one model class, and nothing of the program's:
the least any command pays while the core's model is pydantic's. Its line shows how much of
the goal's budget that leaves for the program itself.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.paired import PYDANTIC_ALONE, REPO, Arm, header, line, load, run_rounds

GOAL = 8.0
SAMPLE = "resources/samples/2022-department.jixiao"
JIXIAO = "import sys; from desktop.cli import main; sys.exit(main())"


def importtime(cwd: Path) -> None:
    """The modules that cost most to import in `jixiao check`, cumulative, in µs."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", JIXIAO, "check", SAMPLE],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd)},
    )
    rows = []
    for text in proc.stderr.splitlines():
        parts = text.removeprefix("import time:").split("|")
        if text.startswith("import time:") and len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0]), parts[2].rstrip()))
    rows.sort(reverse=True)
    print(f"{'cumulative µs':>14} {'self µs':>9}  module")
    for cumulative, self_us, name in rows[:30]:
        print(f"{cumulative:>14} {self_us:>9}  {name}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--before", type=Path, help="a worktree of the code to compare with")
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args(argv)
    if args.importtime:
        importtime(REPO)
        return
    py = sys.executable
    reference = Arm("python -c pass", [py, "-c", "pass"])
    check = Arm("jixiao check", [py, "-c", JIXIAO, "check", SAMPLE])
    floor = Arm("pydantic alone", [py, "-c", PYDANTIC_ALONE])
    arms = [reference, check, floor]
    before = None
    if args.before is not None:
        before = Arm("jixiao check before", [py, "-c", JIXIAO, "check", SAMPLE],
                     cwd=args.before.resolve())  # fmt: skip
        arms.append(before)
    header(f"bench_cli: jixiao check {Path(SAMPLE).name}, whole process", args.rounds)
    run_rounds(arms, args.rounds)
    for metric in ("cpu", "wall"):
        print(line("jixiao check, small sample", check, reference, GOAL, metric=metric))
    print(line("pydantic alone: imported, one model class", floor, reference, None))
    budget = GOAL * statistics.median(reference.cpu) * 1000
    left = budget - statistics.median(floor.cpu) * 1000
    print(f"  the goal's budget, {GOAL:g}× python -c pass: {budget:.0f} ms of CPU; "
          f"after pydantic alone, {left:.0f} ms are left for the program")  # fmt: skip
    if before is not None:
        for metric in ("cpu", "wall"):
            print(line("jixiao check, before", before, reference, GOAL, metric=metric))
        print(line("jixiao check, after vs before", check, before, None))
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
