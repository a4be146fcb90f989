"""Files that arrive broken or hostile: the editor says the core's one-line reason, keeps the
project that was open (with its unsaved changes) and leaves the file on disk as it was."""

from __future__ import annotations

import json

import pytest

from desktop.core.storage import MAX_FILE_BYTES, ProjectFileError, load_project
from tests.ui.conftest import sample
from tests.ui.test_files import SAMPLE, edit_something


def truncated(path):  # cut off in transfer, at the end of a line
    text = sample(SAMPLE).read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n", len(text) // 2)], encoding="utf-8")


def gbk(path):
    text = sample(SAMPLE).read_text(encoding="utf-8")
    path.write_bytes(text.encode("gbk", errors="replace"))


def word(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))  # an old .doc


def newer(path):
    data = json.loads(sample(SAMPLE).read_text(encoding="utf-8"))
    data["version"] = 99
    data["app_version"] = "9.0"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def oversized(path):
    with path.open("wb") as f:  # sparse: big on paper, cheap on disk
        f.truncate(MAX_FILE_BYTES + 1)


CASES = {
    "truncated": (truncated, "不完整"),
    "gbk": (gbk, "不是 UTF-8"),
    "word": (word, "Word/Excel/PDF"),
    "newer": (newer, "较新的程序"),
    "oversized": (oversized, "文件过大"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_file_is_refused_with_the_core_reason(case, window, answers, tmp_path):
    make, words = CASES[case]
    path = tmp_path / f"{case}.jixiao"
    make(path)
    before = path.read_bytes() if case != "oversized" else None
    stat = path.stat()
    with pytest.raises(ProjectFileError) as raised:
        load_project(path)
    edit_something(window)
    doc = window.doc

    answers.open_file = str(path)
    window.action("open").trigger()

    assert len(answers.errors) == 1
    title, text = answers.errors[0]
    assert title == "无法打开文件" and raised.value.reason in text and words in text
    assert "文件没有被改动，当前项目也保持不变" in text
    assert window.doc is doc and window.isWindowModified()
    assert "save_changes" not in answers.asked
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    if before is not None:
        assert path.read_bytes() == before
    assert not any(p.name.startswith(".~") for p in tmp_path.iterdir())  # no lock taken
