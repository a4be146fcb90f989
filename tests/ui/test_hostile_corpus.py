"""The hostile corpus (tests/hostile/generate.py) opened in the editor, offscreen: a refused
file gives one message with the core's reason and leaves the open project as it was; a file
that opens is shown; no exception, no file changed, no lock left, time and memory bounded."""

from __future__ import annotations

import hashlib
import os
import resource
import time
from pathlib import Path

import pytest

from tests.hostile.generate import MAKERS, NAMES, Case, generate
from tests.ui.test_files import edit_something

SECONDS = 20  # to open (or refuse) any one case
GROWTH_MB = 300  # how much the editor's peak memory may grow on any one case


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, Case]]:
    folder = tmp_path_factory.mktemp("hostile-editor")
    return {c.name: (folder, c) for c in generate(folder)}


def _state(path: str) -> tuple | None:
    if not os.path.isfile(path) or path.endswith("link-to-dev-zero.jixiao"):
        return None
    st = os.stat(path)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest(), st.st_mode, st.st_mtime_ns


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", [*MAKERS, *NAMES])
def test_the_editor_opens_or_refuses_each_hostile_file(name, corpus, window, answers):
    folder, case = corpus[name]
    path = os.path.join(str(folder), case.file)
    before = _state(path)
    edit_something(window)
    doc = window.doc
    peak = _peak_mb()
    start = time.monotonic()
    opened = window.files.open_path(path)
    seconds = time.monotonic() - start
    assert seconds < SECONDS, seconds
    assert _peak_mb() - peak < GROWTH_MB
    if case.expect == "refused":
        assert not opened
        ((title, text),) = answers.errors
        assert title == "无法打开文件" and case.words in text
        assert "文件没有被改动，当前项目也保持不变" in text
        assert "\x1b" not in text
        assert window.doc is doc and window.isWindowModified()
        lock = os.path.join(str(folder), f".~{case.file}.lock")
        assert not os.path.exists(lock)
    else:
        assert opened and not answers.errors, answers.errors
        assert window.doc is not doc and window.doc.project.forms
        window.files.close()
    assert _state(path) == before
    assert "save_changes" in answers.asked or case.expect == "refused"
