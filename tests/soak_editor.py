"""Soak of the editor's files: random edit / save / autosave, SIGKILL at a random moment,
restart, recover; the last saved or autosaved state always comes back and nothing else is lost.

One "zygote" process imports the editor once; each life of the editor is a fork of it that makes
its own QApplication (offscreen), opens the project file, takes any recovery offered, and then
edits, saves and autosaves at random, writing each step to a log before and after it. The
parent kills the life at a random moment (often inside a write) and checks what the next life
finds against the log: the file holds the last save (or the one in flight), the recovery offered
holds the last autosave of unsaved work (or the one in flight), and restored work keeps its path.

Used by tests/test_soak.py (a short run) and tests/benchmarks/bench_soak.py (1,000 lives).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "2022-department.jixiao"

_ZYGOTE = r"""
import os, sys, json
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from tests.soak_editor import life  # imports the editor once
import desktop.ui.main_window  # noqa: F401
print("ready", flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    if cmd["op"] == "fork":
        pid = os.fork()
        if pid == 0:
            try:
                life(**cmd["args"])
            finally:
                os._exit(0)
        print(pid, flush=True)
    elif cmd["op"] == "reap":
        os.waitpid(cmd["pid"], 0)
        print("reaped", flush=True)
"""


def life(state: str, file: str, seed: int, log: str) -> None:
    """One life of the editor (in a forked child): start, recover, then random work."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from desktop.core import operations as ops
    from desktop.core.autosave import Autosaver
    from desktop.core.recent import RecentFiles
    from desktop.ui import prompts
    from desktop.ui.main_window import MainWindow

    out = open(log, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - open until killed

    def say(*words: object) -> None:
        out.write(json.dumps([str(w) if w is not None else None for w in words]) + "\n")

    def asked(name: str, answer):
        def ask(*args, **kwargs):
            say("asked", name)
            return answer

        return ask

    prompts.ask_recovery = asked("recovery", "restore")
    prompts.ask_save_changes = asked("save_changes", "discard")
    prompts.ask_locked = asked("locked", "cancel")
    prompts.ask_file_changed = asked("file_changed", "overwrite")
    prompts.show_error = lambda parent, title, text: say("error", title, text)
    QMessageBox.warning = staticmethod(lambda parent, title, text, *a, **k: say("error", title, text))
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (file, ""))

    app = QApplication.instance() or QApplication(["soak"])
    window = MainWindow(Autosaver(Path(state)), RecentFiles(Path(state) / "config"))
    files = window.files
    files.autosave_timer.stop()  # this run decides when to autosave

    def token() -> str:
        form = window.doc.project.forms[0]
        return next(ind for _, _, ind in form.iter_indicators()).name

    say("start", "open")
    if not files.open_path(file):
        say("error", "open", file)
        return
    say("file", token())
    restored = files.offer_recovery()
    if restored:
        say("recovered", token(), files.suggested_path)
    else:
        say("norecovery", token())
    rng = random.Random(seed)
    n = 0
    zygote = os.getppid()
    while os.getppid() == zygote:  # an orphan (the run was stopped) ends itself
        op = rng.choices(("edit", "save", "autosave"), (5, 1, 2))[0]
        if op == "edit":
            n += 1
            text = f"t{seed}-{n}"
            form = window.doc.project.forms[0]
            uid = next(ind for _, _, ind in form.iter_indicators()).uid
            say("start", "edit", text)
            window.doc.apply(ops.set_indicator_cell_edit(form.id, uid, "name", text), "名称")
            say("done", "edit", text)
        else:
            say("start", op, token())
            result = files.save() if op == "save" else files.autosave()
            say("done", op, token(), result)
        app.processEvents()


@dataclass
class Expected:
    """What the disk may hold, as far as the logs tell: more than one value only when a life
    was killed inside the write that would have changed it."""

    files: set[str]  # tokens the project file may hold
    snapshots: set[str | None] = field(default_factory=lambda: {None})  # the recovery offered
    current: str = ""  # the token in the editor
    modified: bool = False


@dataclass
class Stats:
    lives: int = 0
    kills_in_save: int = 0
    kills_in_autosave: int = 0
    recoveries: int = 0
    lost: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    stale_temps: int = 0


def _events(log: Path) -> list[list]:
    events: list[list] = []
    if not log.exists():  # killed before it opened its log
        return events
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            break  # a line cut by the kill
    return events


class Soak:
    def __init__(self, folder: Path, seed: int = 1):
        self.folder = Path(folder)
        self.state = self.folder / "state"
        self.file = self.folder / "项目.jixiao"
        self.file.write_bytes((ROOT / "resources" / "samples" / SAMPLE).read_bytes())
        self.rng = random.Random(seed)
        self.stats = Stats()
        from desktop.core.storage import load_project

        first = load_project(self.file).project.forms[0]
        name = next(ind for _, _, ind in first.iter_indicators()).name
        self.expected = Expected(files={name}, current=name)
        self.paths = [self.file]
        self.zygote = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE, str(ROOT)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=self.folder,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        assert self.zygote.stdout is not None and self.zygote.stdout.readline().strip() == "ready"

    def _ask(self, cmd: dict) -> str:
        assert self.zygote.stdin is not None and self.zygote.stdout is not None
        self.zygote.stdin.write(json.dumps(cmd) + "\n")
        self.zygote.stdin.flush()
        return self.zygote.stdout.readline().strip()

    def close(self) -> None:
        for stream in (self.zygote.stdin, self.zygote.stdout):
            if stream is not None:
                stream.close()
        self.zygote.wait(timeout=30)

    def life(self, index: int) -> None:
        """Start a life, let it work for a random number of steps, kill it, check its log."""
        log = self.folder / f"life{index}.log"
        steps = self.rng.randint(0, 12)
        start = time.monotonic()
        pid = int(self._ask({"op": "fork", "args": {
            "state": str(self.state), "file": str(self.file), "seed": index, "log": str(log)}}))  # fmt: skip
        done = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            done = text.count('["done"')
            if done >= steps or '"error"' in text:
                break
            time.sleep(0.002)
        time.sleep(self.rng.uniform(0, 0.03))  # often lands inside the next write
        os.kill(pid, signal.SIGKILL)
        assert self._ask({"op": "reap", "pid": pid}) == "reaped"
        self.stats.seconds.append(time.monotonic() - start)
        self.stats.lives += 1
        self._check(index, _events(log))

    def _check(self, index: int, events: list[list]) -> None:
        exp, lost = self.expected, self.stats.lost
        in_flight: tuple[str, str] | None = None
        for event in events:
            kind = event[0]
            if kind == "error" or (kind == "asked" and event[1] != "recovery"):
                lost.append(f"life {index}: {event}")
            elif kind == "file":
                if event[1] not in exp.files:
                    lost.append(f"life {index}: file holds {event[1]}, not {exp.files}")
                exp.files, exp.current, exp.modified = {event[1]}, event[1], False
            elif kind in ("recovered", "norecovery"):
                got = event[1] if kind == "recovered" else None
                if got not in exp.snapshots:
                    lost.append(f"life {index}: recovery {got}, not one of {exp.snapshots}")
                if kind == "recovered":
                    self.stats.recoveries += 1
                    if event[2] not in [str(p) for p in self.paths]:
                        lost.append(f"life {index}: restored work lost its path ({event[2]})")
                    exp.current, exp.modified = got, True
                exp.snapshots = {got}
            elif kind == "start":
                in_flight = (event[1], event[2] if len(event) > 2 else "")
            elif kind == "done":
                op, tok = event[1], event[2]
                in_flight = None
                if op == "edit":
                    exp.current, exp.modified = tok, True
                elif op == "save" and event[3] == "True":
                    exp.files, exp.snapshots, exp.modified = {tok}, {None}, False
                elif op == "autosave":
                    exp.snapshots = {tok if exp.modified else None}
        if in_flight is None:
            return
        op, tok = in_flight
        if op == "save":  # the new file may have landed; its snapshot may be gone
            self.stats.kills_in_save += 1
            exp.files = exp.files | {tok}
            exp.snapshots = exp.snapshots | {None}
        elif op == "autosave":
            self.stats.kills_in_autosave += 1
            exp.snapshots = exp.snapshots | {tok if exp.modified else None}

    def run(self, lives: int) -> Stats:
        try:
            for i in range(lives):
                self.life(i)
        finally:
            self.close()
        self.stats.stale_temps = len([p for p in self.folder.iterdir() if p.name.endswith(".tmp")])
        return self.stats
