"""Soak benchmark of the editor's files: N lives of the editor (default 1,000), each killed with
SIGKILL at a random moment while editing, saving or autosaving, then restarted and recovering
(tests/soak_editor.py). Prints how many kills landed inside a save or an autosave, how many
recoveries were taken, whether anything saved or autosaved was lost, and the time per life.

Run: .venv/bin/python tests/benchmarks/bench_soak.py [--lives 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.soak_editor import Soak  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lives", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.monotonic()
        stats = Soak(Path(folder), seed=args.seed).run(args.lives)
        wall = time.monotonic() - start
        temps_left = stats.stale_temps
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    per = sorted(stats.seconds)
    print(f"lives: {stats.lives} (seed {args.seed})")
    print(f"kills inside a save: {stats.kills_in_save}, inside an autosave: {stats.kills_in_autosave}")
    print(f"recoveries taken: {stats.recoveries}")
    print(f"lost or wrong: {len(stats.lost)}")
    for line in stats.lost[:20]:
        print("  " + line)
    print(
        f"per life: median {statistics.median(per):.2f} s (min {per[0]:.2f}, max {per[-1]:.2f}); "
        f"total wall {wall:.0f} s, CPU of the editor processes {usage.ru_utime + usage.ru_stime:.0f} s"
    )
    print(f"temporary files of killed saves left at the end (younger than 10 min): {temps_left}")
    return 1 if stats.lost else 0


if __name__ == "__main__":
    sys.exit(main())
