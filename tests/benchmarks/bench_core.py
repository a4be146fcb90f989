"""Core benchmark: open + full check of a 300-form × 30-indicator project, cold, against a
bare `json.loads` of the same bytes measured the same way; and the re-check after one edit.

    python tests/benchmarks/bench_core.py [--rounds 15] [--before /path/to/old/worktree]

Cold means a fresh process for every run, as when a file is opened in a program just started:
the timed part begins after the imports (and, for the check, after the form kinds are read) and
includes reading the file. Both sides are timed that way, in alternating fresh processes (see
tests/benchmarks/paired.py), CPU time next to wall time. With --before, the same check is run
from another worktree (e.g. `git worktree add ../before <commit>`) in the same rounds, so a
before/after comparison shares the machine's load.

Goals (issue 12): open + full check ≤ 3.5× json.loads (CPU); re-check after an edit < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.paired import Arm, header, line, load, ratios, run_rounds

GOAL = 3.5
RECHECK_GOAL_MS = 5.0

_TIMED = """
import json, sys, time
{setup}
cpu, wall = time.process_time(), time.perf_counter()
{work}
print(json.dumps({{"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}}))
"""

JSON_LOADS = _TIMED.format(
    setup="",
    work="with open(sys.argv[1], 'rb') as f:\n    json.loads(f.read())",
)
OPEN_AND_CHECK = _TIMED.format(
    setup=(
        "from desktop.core.checks import ProjectChecker\n"
        "from desktop.core.kinds import default_registry\n"
        "from desktop.core.storage import load_project\n"
        "registry = default_registry()"
    ),
    work=(
        "project = load_project(sys.argv[1]).project\nProjectChecker(project, registry).check_all()"
    ),
)
OPEN_ONLY = _TIMED.format(
    setup="from desktop.core.storage import load_project",
    work="load_project(sys.argv[1])",
)


def recheck_ms(path: Path, edits: int = 200) -> list[float]:
    """Re-check one form after each of `edits` edits of one of its targets (in-process)."""
    from desktop.core.checks import ProjectChecker
    from desktop.core.kinds import default_registry
    from desktop.core.storage import load_project

    project = load_project(path).project
    checker = ProjectChecker(project, default_registry())
    checker.check_all()
    form = project.forms[len(project.forms) // 2]
    ind = form.indicators[0].children[0].indicators[0]
    times = []
    for n in range(edits):
        ind.target = f"≥{n + 1}次" if n % 2 else ""
        start = time.process_time()
        checker.recheck(form.id)
        times.append((time.process_time() - start) * 1000)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--forms", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--before", type=Path, help="a worktree of the code to compare with")
    args = parser.parse_args(argv)

    from desktop.core.storage import dumps
    from tests.benchmarks.generate import big_project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jixiao"
        path.write_bytes(dumps(big_project(args.forms, args.indicators)))
        size = f"{args.forms}×{args.indicators}"
        py = sys.executable
        reference = Arm("json.loads", [py, "-c", JSON_LOADS, str(path)], reports=True)
        check = Arm("open+check", [py, "-c", OPEN_AND_CHECK, str(path)], reports=True)
        opened = Arm("open", [py, "-c", OPEN_ONLY, str(path)], reports=True)
        arms = [reference, check, opened]
        before = None
        if args.before is not None:
            before = Arm(
                "open+check before",
                [py, "-c", OPEN_AND_CHECK, str(path)],
                cwd=args.before.resolve(),
                reports=True,
            )
            arms.append(before)
        header(f"bench_core: {size} project, {path.stat().st_size / 1e6:.2f} MB", args.rounds)
        run_rounds(arms, args.rounds)
        print(line(f"open + full check {size}, cold", check, reference, GOAL))
        print(line(f"open + full check {size}, cold", check, reference, None, metric="wall"))
        print(line(f"open (read + validate) {size}, cold", opened, reference, None))
        # what the goal leaves for the check itself once the file is open
        opened_ratio = statistics.median(ratios(opened.cpu, reference.cpu))
        left_ms = (GOAL - opened_ratio) * statistics.median(reference.cpu) * 1000
        rows = args.forms * args.indicators
        print(f"  the goal leaves the check {GOAL - opened_ratio:.2f}× json.loads after the "
              f"open: {left_ms:.1f} ms of CPU, {left_ms * 1000 / rows:.2f} µs an indicator "
              f"({rows} indicators)")  # fmt: skip
        if before is not None:
            print(line(f"open + full check {size}, before, cold", before, reference, GOAL))
            print(line(f"open + full check {size}, after vs before", check, before, None))
        edits = recheck_ms(path)
        median = statistics.median(edits)
        print(
            f"re-check one form after an edit [cpu]: {median:7.3f} ms "
            f"({min(edits):.3f}–{max(edits):.3f}, 200 edits, in-process)  "
            f"goal < {RECHECK_GOAL_MS:g} ms: {'met' if median < RECHECK_GOAL_MS else 'NOT met'}"
        )
        print(f"after: {load()}")


if __name__ == "__main__":
    main()
