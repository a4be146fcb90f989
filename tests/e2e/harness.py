"""Drive the installed `jixiao-gui` on a real X display (Xvfb) with real X input (xdotool).

The editor runs as its own process, as a user starts it; the test finds widgets through the
test-only probe (desktop/ui/testprobe.py, switched on by JIXIAO_TEST_PROBE) and clicks and types
with xdotool, so key and mouse events go through the X server, Qt's xcb platform and real popup
windows exactly as a clerk's do.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCREEN = "1366x768x24"
TOOLS = ("Xvfb", "xdotool")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def gui_command() -> list[str]:
    """The installed console script next to this interpreter (the venv's `jixiao-gui`);
    JIXIAO_E2E_WRAP puts a debugger in front (e.g. `gdb -batch -ex run -ex bt --args`)."""
    wrap = os.environ.get("JIXIAO_E2E_WRAP", "").split()
    script = Path(sys.executable).parent / "jixiao-gui"
    if script.exists():
        return [*wrap, *([sys.executable] if wrap else []), str(script)]
    found = shutil.which("jixiao-gui")
    if found:
        return [found]
    return [sys.executable, "-m", "desktop.ui"]


class Display:
    """An Xvfb server on a free display number (chosen by Xvfb itself: -displayfd)."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        number = b""
        deadline = time.monotonic() + 20
        with os.fdopen(read, "rb") as pipe:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            self.process.kill()
            raise RuntimeError("Xvfb did not report a display number")
        self.name = f":{number.decode().strip()}"

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class GuiDied(AssertionError):
    pass


class Editor:
    """One running `jixiao-gui` process on `display`, with its own home and config folders."""

    def __init__(self, display: Display, args: list[str] = (), home: Path | None = None) -> None:
        self.display = display
        self.home = home or Path(tempfile.mkdtemp(prefix="jixiao-e2e."))
        self.home.mkdir(parents=True, exist_ok=True)
        self.check_output = True
        # a short path of its own: a socket's path must fit in 108 bytes
        self.socket_path = os.path.join(tempfile.mkdtemp(prefix="jx"), "probe")
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_", "JIXIAO_"))
        }
        self.env.update(
            DISPLAY=display.name,
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            XDG_RUNTIME_DIR=str(self.home / "run"),
            JIXIAO_TEST_PROBE=self.socket_path,
            PYTHONFAULTHANDLER="1",
            LANG="C.UTF-8",
        )
        (self.home / "run").mkdir(mode=0o700, exist_ok=True)
        (self.home / "Documents").mkdir(exist_ok=True)
        self.stderr_path = self.home / "stderr.txt"
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [*gui_command(), *map(str, args)],
            env=self.env,
            cwd=self.home,
            stdout=self._stderr,
            stderr=subprocess.STDOUT,
        )
        self.wait_for(lambda: self.request("state").get("windows"), timeout=30, what="a window")
        time.sleep(0.3)

    # --- the probe ----------------------------------------------------------------------------

    def request(self, op: str, **args: Any) -> dict[str, Any]:
        self.check_alive()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.settimeout(10)
                conn.connect(self.socket_path)
                conn.sendall(json.dumps({"op": op, **args}).encode() + b"\n")
                data = b""
                while not data.endswith(b"\n"):
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
        except (FileNotFoundError, ConnectionRefusedError):
            return {}
        except OSError:
            self.check_alive()
            return {}
        return json.loads(data) if data else {}

    def where(self, op: str, timeout: float = 5, **args: Any) -> list[int]:
        """The rect of a widget, item or cell, waiting for it to appear."""
        reply: dict[str, Any] = {}

        def found() -> bool:
            nonlocal reply
            reply = self.request(op, **args)
            return "rect" in reply

        self.wait_for(found, timeout=timeout, what=f"{op} {args}")
        return reply["rect"]

    def state(self) -> dict[str, Any]:
        return self.request("state")

    def text(self, name: str) -> str:
        return self.request("text", name=name).get("text", "")

    # --- real input ----------------------------------------------------------------------------

    def xdo(self, *args: str) -> None:
        self.check_alive()
        subprocess.run(["xdotool", *args], env=self.env, capture_output=True, timeout=20)

    def click_rect(self, rect: list[int], button: int = 1, double: bool = False) -> None:
        x, y, w, h = rect
        cx, cy = x + max(1, w // 2), y + max(1, h // 2)
        repeat = ["--repeat", "2", "--delay", "60"] if double else []
        self.xdo("mousemove", "--sync", str(cx), str(cy))
        self.xdo("click", *repeat, str(button))
        self.settle()

    def click(self, op: str, double: bool = False, **args: Any) -> None:
        self.click_rect(self.where(op, **args), double=double)

    def type(self, text: str, delay_ms: int = 12) -> None:
        """Type `text` as key presses. A character the keyboard map lacks (Chinese) is typed
        by xdotool remapping a spare key; done in one go, a busy editor may read the map after
        it changed again and get a wrong character, so such characters go one at a time, each
        waited for (a probe round trip) before the next."""
        for run in _runs(text):
            if run.isascii():
                self.xdo("type", "--delay", str(delay_ms), "--", run)
            else:
                for char in run:
                    self._type_char(char)
        self.settle()

    def _type_char(self, char: str) -> None:
        """One character outside the keyboard map; typed again if a busy editor read the key
        map after xdotool had put it back, and the focused field did not change."""
        focus = self.state().get("focus") or {}
        before = focus.get("text") if focus.get("input") else None
        for _attempt in range(3):
            self.xdo("type", "--delay", "80", "--", char)
            self.sync()
            focus = self.state().get("focus") or {}
            if before is None or focus.get("text") != before:
                return
            time.sleep(0.2)

    def sync(self) -> None:
        """Wait until the editor has handled the input sent so far (two probe round trips)."""
        self.request("state")
        self.request("state")

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "40", *keys)
        self.settle()

    def settle(self, seconds: float = 0.15) -> None:
        """Let the editor handle what was sent (and fail at once if it died doing so)."""
        time.sleep(seconds)
        self.check_alive()

    def set_clipboard(self, text: str) -> None:
        subprocess.run(
            ["xclip", "-selection", "clipboard"],
            input=text.encode(),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=True,
        )

    # --- life and death -----------------------------------------------------------------------

    def wait_for(self, predicate, timeout: float = 10, what: str = "a condition") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
            self.check_alive()
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")

    def output(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text("utf-8", errors="replace")

    def check_alive(self) -> None:
        code = self.process.poll()
        if code is not None:
            raise GuiDied(
                f"the editor died with exit code {code} ({describe_exit(code)})\n"
                + self.output()[-3000:]
            )

    def errors(self) -> list[str]:
        """Lines of the editor's output that report an error (traceback, Qt critical...)."""
        bad = ("Traceback", "Error", "error:", "Fatal", "Segmentation", "QObject::", "Critical")
        return [line for line in self.output().splitlines() if any(b in line for b in bad)]

    def terminate(self, timeout: float = 15) -> int:
        """Send SIGTERM, as a session end does; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._stderr.close()


def _runs(text: str) -> list[str]:
    """`text` cut where it changes between ASCII and other characters."""
    runs: list[str] = []
    for char in text:
        if runs and runs[-1][-1].isascii() == char.isascii():
            runs[-1] += char
        else:
            runs.append(char)
    return runs


def describe_exit(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return signal.Signals(-code).name
    return "exit status"
