"""Paired A/B measurement in fresh processes, for benchmarks that must not flatter.

Each round runs every arm once, each in a fresh process, in an order that rotates from round to
round (so no arm always runs first, or right after the same neighbour); an arm's figure is the
median over the rounds with its min–max, and a ratio is the median of the per-round ratios (two
runs a moment apart share the machine's load, so their ratio is steadier than either time).
CPU time is reported next to wall time: on a shared machine, wall time also counts the waiting.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# What the core imports from pydantic, and one model class (the first builds pydantic's
# validator machinery and loads its plugins): the least any of the program's processes pays
# while the core's model is pydantic's (bench_cli and bench_start time it as a floor).
PYDANTIC_ALONE = (
    "from pydantic import (BaseModel, ConfigDict, Field, PrivateAttr, ValidationError,\n"
    "    field_serializer, field_validator, model_validator)\n"
    "class Row(BaseModel):\n"
    "    name: str = ''\n"
)


@dataclass
class Arm:
    """One thing measured: a command run in a fresh process.

    With `reports=True` the process prints one JSON line {"cpu": s, "wall": s} for the part it
    times itself (after its imports, as a program that is already running); otherwise the
    whole process is timed from outside (CPU from the kernel's accounting of the child).
    """

    name: str
    argv: Sequence[str]
    cwd: Path = REPO
    reports: bool = False
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def run_once(self) -> None:
        env = child_env(self.cwd)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(self.argv),
            cwd=self.cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = proc.communicate()
        wall = time.perf_counter() - start
        # the child's own CPU time (user + system), as the kernel counted it once reaped
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{self.name}: exit {proc.returncode}\n{err.decode()[-2000:]}")
        if self.reports:
            figures = json.loads(out.decode().strip().splitlines()[-1])
            self.cpu.append(figures["cpu"])
            self.wall.append(figures["wall"])
        else:
            self.wall.append(wall)
            self.cpu.append(cpu)


def run_rounds(arms: Sequence[Arm], rounds: int, warmup: int = 1) -> None:
    """Run every arm `rounds` times, rotating the order each round; `warmup` rounds first are
    run but not counted (they fill the OS file cache for every arm alike)."""
    for r in range(warmup + rounds):
        order = list(arms[r % len(arms) :]) + list(arms[: r % len(arms)])
        if r % 2:
            order.reverse()
        for arm in order:
            n = len(arm.cpu)
            arm.run_once()
            if r < warmup:
                del arm.cpu[n:], arm.wall[n:]


def _ms(xs: Sequence[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.1f} ms ({min(xs) * 1000:.1f}–{max(xs) * 1000:.1f})"


def ratios(a: Sequence[float], b: Sequence[float]) -> list[float]:
    return [x / y for x, y in zip(a, b, strict=True)]


def line(
    label: str,
    arm: Arm,
    reference: Arm,
    goal: float | None,
    *,
    metric: str = "cpu",
) -> str:
    """One figure: the arm's median and range, its reference's, their paired ratio and the goal."""
    mine, theirs = getattr(arm, metric), getattr(reference, metric)
    rs = ratios(mine, theirs)
    ratio = statistics.median(rs)
    verdict = ""
    if goal is not None:
        verdict = f"goal ≤ {goal:g}×: {'met' if ratio <= goal else 'NOT met'}"
    return (
        f"{label} [{metric}]: {_ms(mine)} vs {reference.name} {_ms(theirs)} → "
        f"{ratio:.2f}× ({min(rs):.2f}–{max(rs):.2f})  {verdict}".rstrip()
    )


def load() -> str:
    """The machine's load, to print beside the figures."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load: " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def header(title: str, rounds: int) -> None:
    print(f"{title}; {rounds} rounds, fresh processes in rotating order, medians (min–max)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {load()}")


def child_env(root: Path) -> dict[str, str]:
    """The environment of a benchmarked child running the code of `root`. Bytecode caches
    are written (PYTHONDONTWRITEBYTECODE unset, as an installed program runs): the warm-up run
    writes them, so neither side of a before/after pair compiles its sources in timed runs (a
    tree without caches, or with stale ones for the files a change touched, would)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def editor_child_env(root: Path) -> dict[str, str]:
    """The environment of a benchmarked editor child: offscreen, with settings, history and
    state folders of its own, empty."""
    home = Path(tempfile.mkdtemp())
    return dict(
        child_env(root), QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
    )  # fmt: skip
