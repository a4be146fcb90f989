"""Saving survives SIGKILL at any moment: the file is always the old or the new version, and
the backup always loads. The child process is forked so a round costs milliseconds."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from desktop.core import storage
from desktop.core.model import Form, Indicator, Level1, Level2, Project
from desktop.core.storage import backup_path, load_project, save_project

ROUNDS = 200  # kills at least; more rounds run until enough kills landed inside a write
MID_WRITE = 20  # kills that must land while a temporary file existed
MAX_ROUNDS = 2000


def big_project() -> Project:
    """About 0.5 MB, so that a save takes long enough to be interrupted."""
    rows = [Indicator(name=f"指标{i}", target=f"≥{i}次") for i in range(3000)]
    level1 = Level1(name="产出指标", children=[Level2(name="数量指标", indicators=rows)])
    return Project(forms=[Form(id="f1", kind="project-declaration-2024", indicators=[level1])])


def _saver(project: Project, path: Path, start: int, ready: int) -> None:
    """Child: save versions start, start+1, ... until killed.

    The bytes are serialised once and only the title changes, so the child spends its time
    in the part under test: temporary file, fsync, backup, rename. It writes a byte to `ready`
    once that set-up is done, so the parent's random delay starts at the first save, however
    slow a busy machine makes the set-up.
    """
    project.title = "v{n}"
    template = storage.dumps(project)
    storage.dumps = lambda p: template.replace(b"v{n}", p.title.encode())
    os.write(ready, b"!")
    n = start
    while True:
        project.title = f"v{n}"
        save_project(project, path)
        n += 1


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_kill_during_save_never_loses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "项目.jixiao"
    project = big_project()
    for n in (0, 1):
        project.title = f"v{n}"
        save_project(project, path)
    rng = random.Random(7)
    next_start = 2
    killed_mid_write = 0
    rounds = 0
    while rounds < ROUNDS or (killed_mid_write < MID_WRITE and rounds < MAX_ROUNDS):
        rounds += 1
        before = load_project(path).project.title
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                os.close(ready_r)
                _saver(project, path, next_start, ready_w)
            finally:
                os._exit(0)
        os.close(ready_w)
        os.read(ready_r, 1)  # the child is about to save
        os.close(ready_r)
        time.sleep(rng.uniform(0.002, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        title = load_project(path).project.title  # must load: old or new, never half
        n_before, n_now = int(before[1:]), int(title[1:])
        assert n_now >= n_before
        backup = load_project(backup_path(path)).project.title  # must load too
        assert int(backup[1:]) <= n_now  # the previous version, or the current one when the
        # kill came after the backup was refreshed and before the new file replaced the old
        killed_mid_write += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        for leftover in tmp_path.glob(".*.tmp"):
            leftover.unlink()  # what a crash leaves: hidden temporary files, never the target
        next_start = n_now + 1_000  # versions of the next child are distinguishable
    assert killed_mid_write >= MID_WRITE, "the kills should land inside writes"
