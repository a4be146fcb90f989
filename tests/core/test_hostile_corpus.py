"""The hostile corpus (tests/hostile/generate.py) through every file command of the CLI, in one
child process with its address space capped: each refused file gets exit 2 and one line with
its reason, each other file is checked; no traceback, no file changed, peak memory and time
bounded."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.generate import Case, generate

ROOT = Path(__file__).resolve().parents[2]
MEMORY_MB = 300  # peak RSS of the whole run, every case included
SECONDS = 20  # any one command on any one case
CAP_MB = 2000  # the child's address space: a regression fails instead of swapping

_CHILD = r"""
import contextlib, io, json, resource, sys, time, traceback
from desktop.cli import main


class Sink(io.TextIOBase):
    # what a terminal would get, without holding it: its start, and whether it held a
    # control character (a check of every finding prints tens of megabytes)
    def __init__(self):
        self.start, self.control = "", False

    def write(self, text):
        if len(self.start) < 4000:
            self.start += text[:4000]
        self.control = self.control or "\x1b" in text or "\r" in text
        return len(text)

    def getvalue(self):
        return self.start + ("\x1b" if self.control else "")


results = []
for argv in json.loads(sys.stdin.read()):
    out, err = Sink(), io.StringIO()
    start = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:
        code, err = "exception", io.StringIO(traceback.format_exc())
    results.append({"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue(),
                    "seconds": time.monotonic() - start})
# VmHWM, not ru_maxrss: Linux carries that over an exec from the forked test process
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"results": results, "peak_mb": peak}))
"""


def _commands(case: Case, path: str, out_dir: Path) -> list[list[str]]:
    pdf = str(out_dir / f"{case.name}.pdf")
    commands = [["fingerprint", path]]
    if case.name != "directory":  # `check` walks a folder: its own tests cover that
        commands.append(["check", path])
    if case.name.endswith("-at-budget") and case.expect == "opens":  # every finding as JSON
        commands.append(["check", "--json", path])
    if case.expect == "refused":
        commands += [["upgrade", path], ["print", path, "-o", pdf],
                     ["selfeval", path, "--form", "f1", "-o", pdf + ".jixiao"]]  # fmt: skip
    elif case.name in ("amount-40-digits", "control-characters", "gbk-name"):
        commands.append(["print", path, "-o", pdf])
    return commands


def _fingerprint(path: str) -> tuple | None:
    """What must not change: bytes, size, mode, mtime (None for what is not a regular file)."""
    if not os.path.isfile(path) or path.endswith("link-to-dev-zero.jixiao"):
        return None
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return digest, st.st_size, st.st_mode, st.st_mtime_ns


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, generate(folder)


def _cap() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CAP_MB << 20, CAP_MB << 20))


def _run(argvs: list[list[str]]) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD], input=json.dumps(argvs).encode(), capture_output=True,
        timeout=600, cwd=ROOT, preexec_fn=_cap,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    return json.loads(proc.stdout)


def test_every_hostile_file_through_every_command(corpus, tmp_path) -> None:
    folder, cases = corpus
    runs: list[tuple[Case, list[str]]] = []
    for case in cases:
        path = str(folder / case.file)
        runs += [(case, argv) for argv in _commands(case, path, tmp_path)]
    before = {c.name: _fingerprint(str(folder / c.file)) for c in cases}
    # a file at the budget may cost near the ceiling: each one in a process of its own, as a
    # user runs it (one process after another would add up what the allocator keeps)
    alone = [case.name.endswith("-at-budget") for case, _ in runs]
    reports = [_run([argv for (_, argv), own in zip(runs, alone, strict=True) if not own])]
    reports += [_run([argv]) for (_, argv), own in zip(runs, alone, strict=True) if own]
    results = iter(r for report in reports[:1] for r in report["results"])
    own_results = iter(r for report in reports[1:] for r in report["results"])
    report = {
        "results": [next(own_results) if own else next(results) for own in alone],
        "peak_mb": max(r["peak_mb"] for r in reports),
    }
    problems = []
    for (case, argv), result in zip(runs, report["results"], strict=True):
        code, err, out = result["code"], result["err"], result["out"]
        where = f"{case.name}: jixiao {argv[0]}"
        if "Traceback" in err or code == "exception":
            problems.append(f"{where}: traceback\n{err[-1500:]}")
            continue
        if "\x1b" in out + err or "\r" in out + err:
            problems.append(f"{where}: a control character reached the terminal")
        if result["seconds"] > SECONDS:
            problems.append(f"{where}: {result['seconds']:.1f} s")
        if case.expect == "refused":
            lines = err.strip().splitlines()
            if code != 2 or len(lines) != 1 or case.words not in lines[0]:
                problems.append(f"{where}: exit {code}, {err!r} (wanted 2 and {case.words!r})")
            if argv[0] in ("print", "selfeval") and os.path.exists(argv[-1]):
                problems.append(f"{where}: wrote {argv[-1]}")
        elif code not in (0, 1) or (argv[0] == "fingerprint" and code != 0):
            problems.append(f"{where}: exit {code}, {err!r}")
    for case in cases:
        if _fingerprint(str(folder / case.file)) != before[case.name]:
            problems.append(f"{case.name}: the file changed")
    assert not problems, "\n".join(problems)
    assert report["peak_mb"] < MEMORY_MB, report["peak_mb"]
    print(f"{len(runs)} runs over {len(cases)} cases, peak {report['peak_mb']:.0f} MB")


def test_the_generator_runs_as_a_script(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hostile" / "generate.py"), str(tmp_path / "c")],
        capture_output=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text(encoding="utf-8"))
    assert {c["name"] for c in manifest} >= {"lone-surrogate", "fifo", "empty-indicators-31mb"}
