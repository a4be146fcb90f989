"""The bureau's season: `jixiao review` over N generated project files (default 20,000).

Generates a nested folder of one-form projects (each a 2024 declaration with 16 indicators,
values varying like real ones, kinds embedded, 1 in 200 broken), then runs the real command
in a child process and prints files/s, wall and CPU time, and the peak memory of the main
process and of the largest worker. A/B: one process (--jobs 1) against all cores, paired,
each repeated; medians with min–max.

With --vocabulary, A/B instead: the same files without a rule vocabulary of their own against
every other file carrying a bureau's (the worst case for switching vocabularies per file),
both on all cores.

    .venv/bin/python tests/benchmarks/bench_review.py [N] [--repeat R] [--vocabulary]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.embedded import embed_used_kinds
from desktop.core.storage import dumps
from tests.benchmarks.generate import big_project

VARIANTS = 40


# A bureau's override as a project file carries it (desktop.core.embedded).
BUREAU_RULES = {"format": "jixiao-rules", "version": 1, "review": {"name_max": 12},
                "selfeval": {"late_share": "0.5"}}  # fmt: skip


def generate(root: Path, n: int, seed: int = 7, vocabulary: bool = False) -> None:
    """`n` files in 100 unit folders; bytes templated from a few real-looking variants; with
    `vocabulary`, every other file carries a bureau's rule vocabulary."""
    rng = random.Random(seed)
    templates = []
    for v in range(VARIANTS):
        project = big_project(forms=1, indicators=16, seed=v)
        project.forms[0].header["implementing_unit"] = "UNIT"
        project.forms[0].header["project_name"] = "NAME"
        project.forms[0].funds = {"total": {"amount": "AMOUNT"}}
        embed_used_kinds(project)
        project.rules = dict(BUREAU_RULES) if vocabulary and v % 2 else {}
        templates.append(dumps(project))
    for i in range(n):
        folder = root / f"单位{i % 100:03}" / ("退回" if i % 3 == 0 else "初报")
        folder.mkdir(parents=True, exist_ok=True)
        name = f"项目{i:05}" + (".JIXIAO" if i % 10 == 0 else ".jixiao")
        if i % 200 == 199:
            (folder / name).write_bytes(b'{"format": "jixiao-project", "version": 2, "forms": [')
            continue
        data = (
            templates[i % VARIANTS]
            .replace(b"UNIT", f"某县第{i % 100:03}单位".encode())
            .replace(b"NAME", f"项目{i:05}".encode())
            .replace(b"AMOUNT", str(rng.choice([5, 12, 30, 80, 150, 600, 2000])).encode())
        )
        (folder / name).write_bytes(data)


def run(root: Path, out: Path, jobs: int) -> dict[str, float]:
    """One `jixiao review` in a child; its wall time, CPU time and peak memory."""
    script = (
        "import resource, sys, time\n"
        "from desktop.cli import main\n"
        "t = time.perf_counter()\n"
        "code = main(sys.argv[1:])\n"
        "wall = time.perf_counter() - t\n"
        "me = resource.getrusage(resource.RUSAGE_SELF)\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print('RESULT', code, wall, me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,"
        " me.ru_maxrss, kids.ru_maxrss)\n"
    )
    args = ["review", str(root), "-o", str(out), "--force", "--jobs", str(jobs)]
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    _, code, wall, cpu, rss_main, rss_worker = line.split()
    assert code == "0", done.stderr
    return {"wall": float(wall), "cpu": float(cpu), "rss_main_mb": int(rss_main) / 1024,
            "rss_worker_mb": int(rss_worker) / 1024}  # fmt: skip


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--vocabulary", action="store_true",
                        help="A/B: files with no vocabulary vs every other with a bureau's")  # fmt: skip
    args = parser.parse_args()
    if args.vocabulary:
        return compare_vocabulary(args.n, args.repeat)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        root = Path(tmp) / "收件"
        t = time.perf_counter()
        generate(root, args.n)
        print(f"generated {args.n} files in {time.perf_counter() - t:.1f} s "
              f"({sum(p.stat().st_size for p in root.rglob('*')) / 1e6:.0f} MB)")  # fmt: skip
        results: dict[int, list[dict[str, float]]] = {1: [], os.cpu_count() or 1: []}
        for _ in range(args.repeat):
            for jobs in results:  # paired: both settings in each round
                results[jobs].append(run(root, Path(tmp) / "r.xlsx", jobs))
        for jobs, rs in results.items():
            rate = [args.n / r["wall"] for r in rs]
            print(f"jobs={jobs}: {summary(rate)} files/s; wall {summary([r['wall'] for r in rs])} s;"
                  f" CPU {summary([r['cpu'] for r in rs])} s; peak RSS main "
                  f"{summary([r['rss_main_mb'] for r in rs])} MB, largest worker "
                  f"{summary([r['rss_worker_mb'] for r in rs])} MB")  # fmt: skip
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


def compare_vocabulary(n: int, repeat: int) -> None:
    jobs = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        roots = {"none": Path(tmp) / "none", "half": Path(tmp) / "half"}
        for name, root in roots.items():
            generate(root, n, vocabulary=name == "half")
        results: dict[str, list[dict[str, float]]] = {name: [] for name in roots}
        for _ in range(repeat):
            for name, root in roots.items():  # paired: both corpora in each round
                results[name].append(run(root, Path(tmp) / "r.xlsx", jobs))
        for name, rs in results.items():
            rate = [n / r["wall"] for r in rs]
            print(f"vocabulary={name} jobs={jobs}: {summary(rate)} files/s; "
                  f"wall {summary([r['wall'] for r in rs])} s; "
                  f"CPU {summary([r['cpu'] for r in rs])} s; largest worker "
                  f"{summary([r['rss_worker_mb'] for r in rs])} MB")  # fmt: skip


if __name__ == "__main__":
    main()
