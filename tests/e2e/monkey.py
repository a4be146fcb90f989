"""A seeded monkey: random clerk-like input to the real editor, through real X events.

Clicks (on fields, buttons, tabs and cells the probe reports, and anywhere), double-clicks,
typed values (Chinese, numbers, markup, very long text) and keys (Tab, Enter, Esc, arrows,
Delete, undo/redo, copy/paste, save...). Same seed, same actions: a failure prints the seed and
the last actions, and `JIXIAO_MONKEY_SEED=N` replays it.

Run by tests/e2e/test_monkey.py, or directly:

    .venv/bin/python -m tests.e2e.monkey [--actions 1000] [--seed N] FILE...
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.harness import Display, Editor, GuiDied

TEXTS = [
    "银川",
    "银川市财政局",
    "≥10次",
    ">=95%",
    "<=30万元",
    "100%",
    "12月底前",
    "很多",
    "0",
    "-5",
    "1e9",
    "3.1415926",
    "99999999999999999999",
    "无",
    "<b>粗体</b>",
    "<script>alert(1)</script>",
    "&amp;&lt;",
    "=1+1",
    "'; DROP TABLE x; --",
    "　",
    "  前后空格  ",
    "测绘服务运行支撑",
    "ئۈرۈمچى",
    "😀",
    "达成",
    "满意度≥90%",
    "长" * 300,
    "1234567890" * 20,
]
KEYS = [
    "Tab",
    "shift+Tab",
    "Return",
    "Escape",
    "Delete",
    "BackSpace",
    "Up",
    "Down",
    "Left",
    "Right",
    "F2",
    "ctrl+z",
    "ctrl+y",
    "ctrl+shift+z",
    "ctrl+c",
    "ctrl+x",
    "ctrl+v",
    "ctrl+a",
    "Home",
    "End",
    "Page_Down",
    "Page_Up",
    "ctrl+Up",
    "ctrl+Down",
    "shift+Down",
    "shift+Right",
    "ctrl+s",
    "space",
    "alt+Down",
    "Menu",
]
CLIPBOARD = ["1\t2\n3\t4", "银川\t≥10次\n", "很长的一段文字\n" * 5, "", "a\tb\tc\td\te\tf\tg"]


@dataclass
class Report:
    path: str
    seed: int
    actions: int = 0
    restarts: int = 0
    failure: str = ""
    log: deque = field(default_factory=lambda: deque(maxlen=25))

    def summary(self) -> str:
        head = f"{Path(self.path).name}: seed {self.seed}, {self.actions} actions"
        if self.restarts:
            head += f", {self.restarts} restart(s) after the monkey closed the window"
        return head + (": FAILED" if self.failure else ": survived")

    def __str__(self) -> str:
        head = self.summary()
        if not self.failure:
            return head
        return f"{head}\n{self.failure}\nlast actions:\n  " + "\n  ".join(self.log)


class Monkey:
    def __init__(self, display: Display, seed: int, home: Path):
        self.display = display
        self.rng = random.Random(seed)
        self.seed = seed
        self.home = home
        self.targets: list[dict] = []
        self.scope = None

    def refresh_targets(self, editor: Editor) -> None:
        reply = editor.request("targets")
        self.targets = reply.get("targets", [])
        self.scope = reply.get("scope")

    def point_in(self, rect: list[int]) -> tuple[int, int]:
        x, y, w, h = rect
        return (
            x + self.rng.randrange(max(1, w)) if w > 4 else x + w // 2,
            y + self.rng.randrange(max(1, h)) if h > 4 else y + h // 2,
        )

    def step(self, editor: Editor, report: Report) -> None:
        rng = self.rng
        state = editor.state()
        modal = state.get("modal")
        if modal and modal.get("class") in ("QFileDialog", "QPrintDialog", "QPageSetupDialog"):
            # Dialogs onto the file system and printers: the monkey leaves (it runs as the
            # user and must not write or print anywhere outside its own folder).
            report.log.append(f"Escape out of {modal['class']}")
            editor.key("Escape")
            return
        if report.actions % 8 == 0 or (modal or state.get("popup")) != self.scope:
            self.refresh_targets(editor)
        k = rng.random()
        if k < 0.35 and self.targets:
            target = rng.choice(self.targets)
            x, y = self.point_in(target["rect"])
            double = target["kind"] == "cell" and rng.random() < 0.4
            report.log.append(
                f"{'double-' if double else ''}click {target['kind']} {target['name']} at {x},{y}"
            )
            repeat = ["--repeat", "2", "--delay", "50"] if double else []
            editor.xdo("mousemove", str(x), str(y), "click", *repeat, "1")
        elif k < 0.42:
            x, y = rng.randrange(0, 1366), rng.randrange(0, 768)
            button = rng.choice(["1", "1", "1", "3"])
            report.log.append(f"click {button} anywhere at {x},{y}")
            editor.xdo("mousemove", str(x), str(y), "click", button)
        elif k < 0.65:
            text = rng.choice(TEXTS)
            report.log.append(f"type {text[:30]!r}{'…' if len(text) > 30 else ''}")
            # all at once: a busy editor may read some Chinese characters wrong (see
            # Editor.type), which is as random as the monkey wants
            editor.xdo("type", "--delay", "4", "--", text)
        elif k < 0.68:
            text = rng.choice(CLIPBOARD)
            report.log.append(f"paste {text[:30]!r}")
            editor.set_clipboard(text)
            editor.xdo("key", "ctrl+v")
        else:
            key = rng.choice(KEYS)
            report.log.append(f"key {key}")
            editor.xdo("key", key)
        editor.settle(0.02)

    def run(self, path: Path, actions: int) -> Report:
        """`actions` random actions on a copy of `path`; then save, quit and load the copy."""
        report = Report(str(path), self.seed)
        work = self.home / path.stem
        work.mkdir(parents=True, exist_ok=True)
        copy = work / path.name
        shutil.copy(path, copy)
        editor = Editor(self.display, [str(copy)], home=work / "home")
        try:
            while report.actions < actions:
                try:
                    self.step(editor, report)
                except GuiDied as died:
                    if editor.process.returncode == 0 and not editor.errors():
                        # the monkey chose 退出 (and answered the questions): start again
                        report.restarts += 1
                        report.log.append("(the editor closed normally: started again)")
                        editor.close()
                        editor = Editor(self.display, [str(copy)], home=work / "home")
                        continue
                    report.failure = str(died)
                    return report
                report.actions += 1
                errors = editor.errors()
                if errors:
                    report.failure = "the editor printed errors:\n" + editor.output()[-3000:]
                    return report
            report.failure = self.finish(editor, copy)
        except (GuiDied, AssertionError) as exc:
            report.failure = f"{type(exc).__name__}: {exc}"
        finally:
            editor.close()
            if report.failure:  # the whole output (faulthandler's stack, Qt's warnings) stays
                report.failure += f"\n(the editor's whole output: {editor.stderr_path})"
        return report

    def finish(self, editor: Editor, copy: Path) -> str:
        """Leave any dialog, save, quit; the saved file must still load."""
        from desktop.core.storage import load_project

        for _ in range(6):
            state = editor.state()
            if not state.get("modal") and not state.get("popup"):
                break
            editor.key("Escape")
            editor.settle(0.3)
        editor.key("ctrl+s")
        editor.settle(1.0)
        for _ in range(4):  # a question on saving (file changed, read-only...): leave it
            if not editor.state().get("modal"):
                break
            editor.key("Escape")
            editor.settle(0.3)
        errors = editor.errors()
        if errors:
            return "the editor printed errors:\n" + editor.output()[-3000:]
        code = editor.terminate()
        if code not in (0, -15):
            return f"exit code {code} on SIGTERM\n" + editor.output()[-3000:]
        try:
            load_project(copy)
        except Exception as exc:
            return f"the saved file does not load: {exc}"
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    display = Display()
    failed = 0
    try:
        for path in args.files:
            started = time.monotonic()
            home = Path(tempfile.mkdtemp(prefix="jixiao-monkey."))
            report = Monkey(display, seed, home).run(path, args.actions)
            print(f"{report}  ({time.monotonic() - started:.0f} s)", flush=True)
            failed += bool(report.failure)
    finally:
        display.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
